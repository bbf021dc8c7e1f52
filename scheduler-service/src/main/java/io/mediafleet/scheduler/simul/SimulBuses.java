package io.mediafleet.scheduler.simul;

import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;
import org.zeromq.ZMQException;

/**
 * The master's two ZeroMQ sockets: the advise bus (SUB, bound, subscribed to everything) read by one daemon
 * thread, and the command bus (PUB, bound) written under a lock from any thread.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxFrameBytes}: frames above this size make ZeroMQ drop the sending peer's connection before the
 * frame is buffered ({@code ZMQ_MAXMSGSIZE}); the codec's own, smaller limit rejects and counts the rest.</li>
 * <li>{@code highWaterMark}: frames queued per peer in each direction before ZeroMQ drops new ones.</li>
 * </ul>
 */
final class SimulBuses implements AutoCloseable {

	private static final Log log = LogFactory.getLog(SimulBuses.class);

	private static final int RECEIVE_TIMEOUT_MS = 100;

	private final ZContext context;

	private final ZMQ.Socket advise;

	private final ZMQ.Socket command;

	private final int advisePort;

	private final int commandPort;

	private final Thread receiver;

	private volatile boolean running = true;

	SimulBuses(String bindAddress, int advisePort, int commandPort, long maxFrameBytes, int highWaterMark,
			Consumer<byte[]> onAdvise) {
		if (maxFrameBytes < 1 || highWaterMark < 1) {
			throw new IllegalArgumentException("maxFrameBytes and highWaterMark must be positive");
		}
		this.context = new ZContext();
		try {
			this.advise = this.context.createSocket(SocketType.SUB);
			this.advise.setMaxMsgSize(maxFrameBytes);
			this.advise.setRcvHWM(highWaterMark);
			this.advise.setReceiveTimeOut(RECEIVE_TIMEOUT_MS);
			this.advise.subscribe(ZMQ.SUBSCRIPTION_ALL);
			this.advisePort = bind(this.advise, bindAddress, advisePort);
			this.command = this.context.createSocket(SocketType.PUB);
			this.command.setSndHWM(highWaterMark);
			this.command.setLinger(0);
			this.commandPort = bind(this.command, bindAddress, commandPort);
		}
		catch (RuntimeException ex) {
			this.context.close();
			throw ex;
		}
		this.receiver = Thread.ofPlatform().name("simul-advise").daemon().unstarted(() -> receive(onAdvise));
		this.receiver.start();
	}

	private static int bind(ZMQ.Socket socket, String address, int port) {
		if (port == 0) {
			return socket.bindToRandomPort("tcp://" + address);
		}
		socket.bind("tcp://" + address + ":" + port);
		return port;
	}

	private void receive(Consumer<byte[]> onAdvise) {
		while (this.running) {
			byte[] frame;
			try {
				frame = this.advise.recv(0);
			}
			catch (ZMQException ex) {
				if (this.running) {
					log.warn("Advise bus receive failed: " + ex.getMessage());
				}
				return;
			}
			if (frame == null) {
				continue;
			}
			// A multi-part message is not a simul frame: drain and drop its remaining parts.
			boolean multipart = this.advise.hasReceiveMore();
			while (this.advise.hasReceiveMore()) {
				this.advise.recv(0);
			}
			try {
				onAdvise.accept(multipart ? new byte[0] : frame);
			}
			catch (RuntimeException ex) {
				log.error("Advise frame handler failed", ex);
			}
		}
	}

	/** The advise bus's port, useful when 0 was configured. */
	int advisePort() {
		return this.advisePort;
	}

	/** The command bus's port, useful when 0 was configured. */
	int commandPort() {
		return this.commandPort;
	}

	/** Publishes one frame on the command bus; never blocks (PUB drops when a peer's queue is full). */
	void publish(byte[] frame) {
		synchronized (this.command) {
			this.command.send(frame, ZMQ.DONTWAIT);
		}
	}

	@Override
	public void close() {
		this.running = false;
		try {
			this.receiver.join(RECEIVE_TIMEOUT_MS * 20L);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		synchronized (this.command) {
			this.context.close();
		}
	}

}
