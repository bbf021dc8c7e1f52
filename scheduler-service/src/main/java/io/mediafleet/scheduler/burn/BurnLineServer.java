package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The 'Buntu Stand TCP server: accepts burners, command and display clients and runs one {@link BurnLineSession} per
 * connection, each on virtual threads.
 *
 * <p>Connections are counted in two budgets. Until admitted (identified, and authenticated where the
 * {@link BurnAccessPolicy} asks) a connection is in the {@link AnonymousBudget}: a newcomer that does not fit sheds the
 * oldest waiting connection, so a flood of silent sockets cannot keep a burner out, and each waiting connection is
 * closed after {@code identificationTimeout}. Admitted clients are counted in {@code maxConnections} and are never
 * shed for anonymous newcomers.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxConnections}: admitted clients; one admitted beyond it gets {@code ERROR\tFULL} and is closed.</li>
 * <li>{@code maxAnonymous}, {@code maxAnonymousPerAddress}: connections not yet admitted, in all and per source
 * address.</li>
 * <li>{@code identificationTimeout}: how long a connection may stay unadmitted.</li>
 * <li>{@code limits}: the decoder's line, message and field limits and the outbound queue per connection.</li>
 * </ul>
 */
final class BurnLineServer implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(BurnLineServer.class);

	private final BurnFarm farm;

	private final BurnMetrics metrics;

	private final String bindAddress;

	private final int port;

	private final int maxConnections;

	private final BurnLineSession.Limits limits;

	private final BurnAccessPolicy policy;

	private final Duration identificationTimeout;

	private final AnonymousBudget<BurnLineSession> anonymous;

	private final Set<BurnLineSession> sessions = ConcurrentHashMap.newKeySet();

	private final Set<BurnLineSession> admitted = ConcurrentHashMap.newKeySet();

	private final BurnLineSession.Admission admission = new BurnLineSession.Admission() {

		@Override
		public boolean admit(BurnLineSession session) {
			if (!BurnLineServer.this.anonymous.leave(session)) {
				// Shed a moment ago by a newcomer: it is being closed.
				return false;
			}
			synchronized (BurnLineServer.this.admitted) {
				if (BurnLineServer.this.admitted.size() >= BurnLineServer.this.maxConnections) {
					return false;
				}
				BurnLineServer.this.admitted.add(session);
				return true;
			}
		}

		@Override
		public void closed(BurnLineSession session) {
			BurnLineServer.this.anonymous.leave(session);
			BurnLineServer.this.admitted.remove(session);
			BurnLineServer.this.sessions.remove(session);
		}

	};

	private @Nullable ServerSocket server;

	private @Nullable ExecutorService executor;

	private volatile boolean running;

	BurnLineServer(BurnFarm farm, BurnMetrics metrics, String bindAddress, int port, int maxConnections,
			int maxAnonymous, int maxAnonymousPerAddress, Duration identificationTimeout, BurnAccessPolicy policy,
			BurnLineSession.Limits limits) {
		if (maxConnections < 1 || identificationTimeout.isNegative() || identificationTimeout.isZero()) {
			throw new IllegalArgumentException("maxConnections must be at least 1 and identificationTimeout positive");
		}
		this.farm = farm;
		this.metrics = metrics;
		this.bindAddress = bindAddress;
		this.port = port;
		this.maxConnections = maxConnections;
		this.anonymous = new AnonymousBudget<>(maxAnonymous, maxAnonymousPerAddress);
		this.identificationTimeout = identificationTimeout;
		this.policy = policy;
		this.limits = limits;
	}

	@Override
	public synchronized void start() {
		try {
			ServerSocket socket = new ServerSocket();
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress(InetAddress.getByName(this.bindAddress), this.port), 128);
			this.server = socket;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot listen for the burn protocol on " + this.bindAddress + ":"
					+ this.port + ": " + ex.getMessage(), ex);
		}
		this.executor = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("burn-tcp-", 0).factory());
		this.running = true;
		this.executor.execute(this::acceptLoop);
		log.info("Burn protocol listening on " + this.server.getLocalSocketAddress());
	}

	/** Connections not yet admitted. */
	int anonymousConnections() {
		return this.anonymous.size();
	}

	/** Admitted connections. */
	int admittedConnections() {
		return this.admitted.size();
	}

	/** The port actually bound (useful when configured as 0). */
	int localPort() {
		ServerSocket socket = this.server;
		return (socket != null) ? socket.getLocalPort() : -1;
	}

	private void acceptLoop() {
		ServerSocket socket = this.server;
		while (this.running && socket != null) {
			Socket client;
			try {
				client = socket.accept();
			}
			catch (IOException ex) {
				if (this.running) {
					log.warn("Burn protocol accept failed: " + ex.getMessage());
				}
				continue;
			}
			this.metrics.tcpConnection("accepted");
			BurnLineSession session = new BurnLineSession(client, this.farm, this.metrics, this.limits, this.policy,
					this.identificationTimeout, this.admission);
			// Admission before allocation: the newcomer always gets its chance; the oldest waiting one makes room.
			for (BurnLineSession oldest : this.anonymous.enter(session, client.getInetAddress())) {
				oldest.shed();
			}
			this.sessions.add(session);
			ExecutorService pool = this.executor;
			if (pool != null) {
				session.start(pool);
			}
		}
	}

	@Override
	public synchronized void stop() {
		this.running = false;
		if (this.server != null) {
			closeQuietly(this.server);
		}
		for (BurnLineSession session : this.sessions) {
			session.close();
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	private static void closeQuietly(java.io.Closeable closeable) {
		try {
			closeable.close();
		}
		catch (IOException | RuntimeException ex) {
			// closing anyway
		}
	}

}
