package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.function.Consumer;

import io.mediafleet.schema.simul.CurveKey;
import io.mediafleet.schema.simul.SimulBusReceiver;
import org.jspecify.annotations.Nullable;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * The master's two ZeroMQ sockets: the advise bus (SUB, bound, subscribed to everything) read by one
 * {@link SimulBusReceiver} (the loop shared with the slaves), and the command bus (PUB, bound) written under a lock
 * from any thread.
 *
 * <p>Both sockets listen on loopback only, on free ports; the public ports belong to a {@link BusGuard} each, which
 * admits connections by {@link BusAdmission.Limits} (per source address and in all) before JeroMQ sees them and
 * splices admitted ones to the socket (issue 19: JeroMQ itself accepts every connection).
 *
 * <p>With {@link Curve} settings both buses are CURVE servers (ZeroMQ RFC 26): every connection is encrypted, and a
 * {@link SlaveAuthenticator} bound before the buses admits only slaves whose public key is authorized. Without them
 * both buses use ZeroMQ's NULL mechanism (no encryption, anyone who reaches the ports may join), as the seed's
 * slaves expect.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxFrameBytes}: frames above this size make ZeroMQ drop the sending peer's connection before the
 * frame is buffered ({@code ZMQ_MAXMSGSIZE}); the codec's own, smaller limit rejects and counts the rest.</li>
 * <li>{@code highWaterMark}: frames queued per peer in each direction before ZeroMQ drops new ones.</li>
 * <li>{@link BusAdmission.Limits#handshakeTimeout}: a connection that has not finished the ZMTP greeting and security
 * handshake in this long is closed ({@code ZMQ_HANDSHAKE_IVL}, 30 s by default), so silent or half-open connections
 * hold their buffers for seconds, not half a minute (issue 19).</li>
 * <li>The other {@link BusAdmission.Limits}: how many such connections there may be at once.</li>
 * </ul>
 */
final class SimulBuses implements AutoCloseable {

	/** Where the JeroMQ sockets listen: only their guards connect to them. */
	private static final String LOOPBACK = "127.0.0.1";

	private final ZContext context;

	private final ZMQ.Socket advise;

	private final ZMQ.Socket command;

	private final int advisePort;

	private final int commandPort;

	private final SimulBusReceiver receiver;

	private final BusGuard adviseGuard;

	private final BusGuard commandGuard;

	private final @Nullable SlaveAuthenticator authenticator;

	private volatile boolean running = true;

	/**
	 * CURVE on both buses.
	 *
	 * @param secretKey the master's long-term secret key (its public key is what slaves are configured with)
	 * @param authorized whether a slave's public key may join; asked on the ZAP handler's thread only
	 * @param onRefused told of every refused handshake
	 */
	record Curve(CurveKey secretKey, java.util.function.Predicate<CurveKey> authorized,
			SlaveAuthenticator.RefusalListener onRefused) {
	}

	/** Plain buses (NULL mechanism), as the seed had them, with the default admission limits. */
	SimulBuses(String bindAddress, int advisePort, int commandPort, long maxFrameBytes, int highWaterMark,
			Consumer<byte[]> onAdvise) {
		this(bindAddress, advisePort, commandPort, maxFrameBytes, highWaterMark, null, onAdvise);
	}

	/** Buses with CURVE when {@code curve} is not null, plain otherwise, with the default admission limits. */
	SimulBuses(String bindAddress, int advisePort, int commandPort, long maxFrameBytes, int highWaterMark,
			@Nullable Curve curve, Consumer<byte[]> onAdvise) {
		this(bindAddress, advisePort, commandPort, maxFrameBytes, highWaterMark, BusAdmission.Limits.DEFAULTS, curve,
				onAdvise);
	}

	/** Buses with CURVE when {@code curve} is not null, plain otherwise, each behind a guard with {@code limits}. */
	SimulBuses(String bindAddress, int advisePort, int commandPort, long maxFrameBytes, int highWaterMark,
			BusAdmission.Limits limits, @Nullable Curve curve, Consumer<byte[]> onAdvise) {
		if (maxFrameBytes < 1 || highWaterMark < 1) {
			throw new IllegalArgumentException("maxFrameBytes and highWaterMark must be positive");
		}
		this.context = new ZContext();
		BusGuard adviseGuard = null;
		BusGuard commandGuard = null;
		try {
			this.authenticator = (curve != null)
					? new SlaveAuthenticator(this.context, curve.authorized(), curve.onRefused()) : null;
			this.advise = this.context.createSocket(SocketType.SUB);
			secure(this.advise, curve);
			this.advise.setMaxMsgSize(maxFrameBytes);
			this.advise.setHandshakeIvl(limits.handshakeTimeoutMs());
			this.advise.setRcvHWM(highWaterMark);
			this.advise.subscribe(ZMQ.SUBSCRIPTION_ALL);
			int adviseLoopback = this.advise.bindToRandomPort("tcp://" + LOOPBACK);
			this.command = this.context.createSocket(SocketType.PUB);
			secure(this.command, curve);
			this.command.setSndHWM(highWaterMark);
			this.command.setHandshakeIvl(limits.handshakeTimeoutMs());
			this.command.setLinger(0);
			int commandLoopback = this.command.bindToRandomPort("tcp://" + LOOPBACK);
			adviseGuard = new BusGuard("advise", new InetSocketAddress(bindAddress, advisePort),
					new InetSocketAddress(LOOPBACK, adviseLoopback), limits);
			commandGuard = new BusGuard("command", new InetSocketAddress(bindAddress, commandPort),
					new InetSocketAddress(LOOPBACK, commandLoopback), limits);
			this.advisePort = adviseGuard.port();
			this.commandPort = commandGuard.port();
			this.adviseGuard = adviseGuard;
			this.commandGuard = commandGuard;
		}
		catch (IOException | RuntimeException ex) {
			if (adviseGuard != null) {
				adviseGuard.close();
			}
			if (commandGuard != null) {
				commandGuard.close();
			}
			closeAuthenticator();
			this.context.close();
			if (ex instanceof IOException io) {
				throw new UncheckedIOException("Cannot listen on the simul bus ports " + bindAddress + ":" + advisePort
						+ " and " + commandPort + ": " + io.getMessage(), io);
			}
			throw (RuntimeException) ex;
		}
		this.receiver = SimulBusReceiver.start("advise", this.advise, onAdvise, this::releaseClosedCommandConnections);
	}

	private static void secure(ZMQ.Socket socket, @Nullable Curve curve) {
		if (curve == null) {
			return;
		}
		socket.setZAPDomain("mediafleet-simul");
		socket.setCurveServer(true);
		socket.setCurveSecretKey(curve.secretKey().bytes());
		socket.setCurvePublicKey(curve.secretKey().publicKey().bytes());
	}

	/**
	 * Lets the command socket finish tearing down connections that closed. JeroMQ does that only when the socket's
	 * own thread touches it, and the master publishes only while a simul runs: until then every connection that came
	 * and went (a refused stranger, a flood's) keeps its session and two pipes, about 5 KB each (measured: 2,000
	 * connections closed on an idle PUB held 10 MB until the next call). {@code ZMQ_EVENTS} processes them without
	 * sending anything; the advise bus's {@link SimulBusReceiver} calls it before every receive, so at least every
	 * {@value SimulBusReceiver#RECEIVE_TIMEOUT_MS} ms.
	 */
	private void releaseClosedCommandConnections() {
		synchronized (this.command) {
			if (this.running) {
				this.command.getEvents();
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
		this.adviseGuard.close();
		this.commandGuard.close();
		this.receiver.close();
		closeAuthenticator();
		synchronized (this.command) {
			this.context.close();
		}
	}

	private void closeAuthenticator() {
		// Field may be unset when the constructor failed before creating it.
		SlaveAuthenticator handler = this.authenticator;
		if (handler != null) {
			handler.close();
		}
	}

}
