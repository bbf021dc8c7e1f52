package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
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
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxConnections}: connections beyond it are closed at once.</li>
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

	private final Set<BurnLineSession> sessions = ConcurrentHashMap.newKeySet();

	private @Nullable ServerSocket server;

	private @Nullable ExecutorService executor;

	private volatile boolean running;

	BurnLineServer(BurnFarm farm, BurnMetrics metrics, String bindAddress, int port, int maxConnections,
			BurnLineSession.Limits limits) {
		this.farm = farm;
		this.metrics = metrics;
		this.bindAddress = bindAddress;
		this.port = port;
		this.maxConnections = maxConnections;
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
			if (this.sessions.size() >= this.maxConnections) {
				this.metrics.tcpConnection("refused");
				closeQuietly(client);
				continue;
			}
			this.metrics.tcpConnection("accepted");
			BurnLineSession session = new BurnLineSession(client, this.farm, this.metrics, this.limits,
					this.sessions::remove);
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
