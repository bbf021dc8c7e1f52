package io.mediafleet.schema.simul;

import java.util.function.Consumer;

import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The one receive loop of both simul ends: a daemon thread that reads one ZeroMQ socket (the master's advise SUB,
 * a slave's command SUB) frame by frame and hands each frame to a handler, until {@link #close()}.
 *
 * <p>What the loop guarantees, the same on both ends:
 * <ul>
 * <li>The socket is read with a {@value #RECEIVE_TIMEOUT_MS} ms receive timeout, so the loop notices
 * {@link #close()} within that time and runs {@code beforeEachReceive} at least that often even when nothing
 * arrives (the master uses it to let its command PUB release closed connections, see {@code SimulBuses}).</li>
 * <li>A multi-part message is not a simul frame: its remaining parts are drained and the handler gets an empty
 * frame, which the codec rejects and counts like any other malformed frame.</li>
 * <li>A handler that throws is logged and the loop goes on with the next frame; a failing socket (closed context)
 * ends the loop, logged only when it was not being closed.</li>
 * </ul>
 *
 * <p>The socket itself (type, CURVE, limits, bind or connect) stays with its owner, who also closes the ZeroMQ
 * context after {@link #close()} returned. JeroMQ is an optional dependency of this module: only the two bus
 * owners (scheduler-service, player-agent) declare it, so the codec's other users do not carry it.
 */
public final class SimulBusReceiver implements AutoCloseable {

	/** How long one receive waits before the loop looks at its stop flag and runs its hook again. */
	public static final int RECEIVE_TIMEOUT_MS = 100;

	private static final System.Logger log = System.getLogger(SimulBusReceiver.class.getName());

	private final String busName;

	private final ZMQ.Socket socket;

	private final Consumer<byte[]> onFrame;

	private final Runnable beforeEachReceive;

	private final Thread thread;

	private volatile boolean running = true;

	private SimulBusReceiver(String busName, ZMQ.Socket socket, Consumer<byte[]> onFrame,
			Runnable beforeEachReceive) {
		this.busName = busName;
		this.socket = socket;
		this.onFrame = onFrame;
		this.beforeEachReceive = beforeEachReceive;
		this.thread = Thread.ofPlatform().name("simul-" + busName).daemon().unstarted(this::receive);
	}

	/**
	 * Starts reading {@code socket} on a new daemon thread named {@code simul-<busName>}.
	 * @param busName the bus, for the thread's name and log lines ({@code advise}, {@code command})
	 * @param socket a socket that only this loop will read from; its receive timeout is set here
	 * @param onFrame given every frame, on the loop's thread
	 * @param beforeEachReceive run on the loop's thread before every receive, so at least every
	 * {@value #RECEIVE_TIMEOUT_MS} ms while the loop runs
	 * @return the running loop
	 */
	public static SimulBusReceiver start(String busName, ZMQ.Socket socket, Consumer<byte[]> onFrame,
			Runnable beforeEachReceive) {
		socket.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
		SimulBusReceiver receiver = new SimulBusReceiver(busName, socket, onFrame, beforeEachReceive);
		receiver.thread.start();
		return receiver;
	}

	/** {@link #start(String, ZMQ.Socket, Consumer, Runnable)} with nothing to run between receives. */
	public static SimulBusReceiver start(String busName, ZMQ.Socket socket, Consumer<byte[]> onFrame) {
		return start(busName, socket, onFrame, () -> {
		});
	}

	private void receive() {
		while (this.running) {
			this.beforeEachReceive.run();
			byte[] frame;
			try {
				frame = this.socket.recv(0);
			}
			catch (ZMQException ex) {
				if (this.running) {
					log.log(System.Logger.Level.WARNING, "Simul " + this.busName + " bus receive failed: "
							+ ex.getMessage());
				}
				return;
			}
			if (frame == null) {
				continue;
			}
			boolean multipart = this.socket.hasReceiveMore();
			while (this.socket.hasReceiveMore()) {
				this.socket.recv(0);
			}
			try {
				this.onFrame.accept(multipart ? new byte[0] : frame);
			}
			catch (RuntimeException ex) {
				log.log(System.Logger.Level.ERROR, "Simul " + this.busName + " frame handler failed", ex);
			}
		}
	}

	/** Whether the loop's thread is still running. */
	public boolean isAlive() {
		return this.thread.isAlive();
	}

	/**
	 * Stops the loop and waits for its thread (at most twenty receive timeouts); the socket may be closed after.
	 */
	@Override
	public void close() {
		this.running = false;
		try {
			this.thread.join(RECEIVE_TIMEOUT_MS * 20L);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
