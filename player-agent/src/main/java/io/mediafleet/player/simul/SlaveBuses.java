package io.mediafleet.player.simul;

import java.util.function.Consumer;

import io.mediafleet.schema.simul.SimulBusReceiver;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A slave's two ZeroMQ sockets: a PUB connected to the master's advise bus and a SUB (subscribed to everything)
 * connected to its command bus, read by one {@link SimulBusReceiver} (the loop shared with the master). ZeroMQ
 * reconnects both on its own when the master restarts.
 *
 * <p>With {@link SimulSlave.Curve} keys both sockets are CURVE clients (ZeroMQ RFC 26): encrypted, talking only to
 * the master that holds the configured public key's secret half, and admitted only if the master lists this slave's
 * public key. A refused handshake is retried by ZeroMQ at its reconnect interval, so a key added to the master's
 * keys file later takes effect without restarting the slave.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxFrameBytes}: larger command frames make ZeroMQ drop the connection ({@code ZMQ_MAXMSGSIZE}).</li>
 * <li>{@code highWaterMark}: frames queued in each direction before ZeroMQ drops new ones.</li>
 * </ul>
 */
final class SlaveBuses implements AutoCloseable {

	private static final int RECONNECT_MAX_MS = 2000;

	private static final int EXIT_LINGER_MS = 500;

	private final ZContext context;

	private final ZMQ.Socket advise;

	private final ZMQ.Socket command;

	private final SimulBusReceiver receiver;

	private volatile boolean running = true;

	SlaveBuses(String host, int advisePort, int commandPort, long maxFrameBytes, int highWaterMark,
			SimulSlave.@Nullable Curve curve, Consumer<byte[]> onCommand) {
		if (maxFrameBytes < 1 || highWaterMark < 1) {
			throw new IllegalArgumentException("maxFrameBytes and highWaterMark must be positive");
		}
		this.context = new ZContext();
		try {
			this.advise = this.context.createSocket(SocketType.PUB);
			this.advise.setSndHWM(highWaterMark);
			this.advise.setLinger(EXIT_LINGER_MS);
			this.advise.setReconnectIVLMax(RECONNECT_MAX_MS);
			secure(this.advise, curve);
			this.advise.connect("tcp://" + host + ":" + advisePort);
			this.command = this.context.createSocket(SocketType.SUB);
			this.command.setMaxMsgSize(maxFrameBytes);
			this.command.setRcvHWM(highWaterMark);
			this.command.setReconnectIVLMax(RECONNECT_MAX_MS);
			secure(this.command, curve);
			this.command.subscribe(ZMQ.SUBSCRIPTION_ALL);
			this.command.connect("tcp://" + host + ":" + commandPort);
		}
		catch (RuntimeException ex) {
			this.context.close();
			throw ex;
		}
		this.receiver = SimulBusReceiver.start("command", this.command, onCommand);
	}

	private static void secure(ZMQ.Socket socket, SimulSlave.@Nullable Curve curve) {
		if (curve == null) {
			return;
		}
		socket.setCurveServerKey(curve.masterPublicKey().bytes());
		socket.setCurveSecretKey(curve.secretKey().bytes());
		socket.setCurvePublicKey(curve.secretKey().publicKey().bytes());
	}

	/** Publishes one frame on the advise bus; never blocks. */
	void publish(byte[] frame) {
		synchronized (this.advise) {
			if (this.running) {
				this.advise.send(frame, ZMQ.DONTWAIT);
			}
		}
	}

	/** Publishes {@code lastFrame} (e.g. {@code slave-exit}), gives it a moment to leave, and closes. */
	void close(byte[] lastFrame) {
		publish(lastFrame);
		close();
	}

	@Override
	public void close() {
		this.running = false;
		this.receiver.close();
		synchronized (this.advise) {
			// ZContext.close honours the advise socket's linger, so a final slave-exit gets out.
			this.context.close();
		}
	}

}
