package io.mediafleet.scheduler.radio;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A streamer as the listen URL sees it: registered over raw Redis, reporting its load (listeners it holds plus a
 * base count, its limit, its URL) every 300 ms, and serving {@code /radios/*} over real HTTP with MP3 bytes at about
 * 128 kbit/s (HTTP/1.0, no length, as Icecast does) until the client leaves. {@link #kill()} stops it as a crash
 * would: every connection is cut, no {@code unregister_streamer}.
 */
final class FakeListenStreamer implements AutoCloseable {

	private final String name;

	private final RawStreamer redis;

	private final ServerSocket server;

	private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();

	private final ScheduledExecutorService reporter = Executors.newSingleThreadScheduledExecutor();

	private final AtomicInteger connected = new AtomicInteger();

	private final AtomicInteger sessions = new AtomicInteger();

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final int baseListeners;

	private final int limit;

	private volatile boolean closed;

	FakeListenStreamer(String redisUrl, String prefix, String name, int baseListeners, int limit, byte[] mp3)
			throws IOException {
		this(redisUrl, prefix, name, baseListeners, limit, mp3, 300);
	}

	FakeListenStreamer(String redisUrl, String prefix, String name, int baseListeners, int limit, byte[] mp3,
			long reportIntervalMillis) throws IOException {
		this.name = name;
		this.baseListeners = baseListeners;
		this.limit = limit;
		this.server = new ServerSocket(0, 500, InetAddress.getLoopbackAddress());
		Thread.ofVirtual().start(() -> {
			while (!this.server.isClosed()) {
				try {
					Socket socket = this.server.accept();
					this.sockets.add(socket);
					Thread.ofVirtual().start(() -> serve(socket, mp3));
				}
				catch (IOException ex) {
					// Closed by kill().
				}
			}
		});
		this.redis = new RawStreamer(redisUrl, prefix, name, true);
		tell("{\"type\":\"register_streamer\",\"streamer\":\"" + name + "\"}");
		this.reporter.scheduleWithFixedDelay(this::report, 0, reportIntervalMillis, TimeUnit.MILLISECONDS);
	}

	private void serve(Socket socket, byte[] mp3) {
		try (socket) {
			BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
			String requestLine = in.readLine();
			while (true) {
				String header = in.readLine();
				if (header == null || header.isEmpty()) {
					break;
				}
			}
			if (requestLine == null || !requestLine.startsWith("GET /radios/")) {
				return;
			}
			String path = requestLine.split(" ")[1];
			this.requests.add(path);
			this.connected.incrementAndGet();
			// As a streamer does: a session per listener, under the radio's uuid, whoever masters the radio.
			String radio = path.substring("/radios/".length()).replaceAll("\\?.*", "");
			String session = this.name + "-" + this.sessions.incrementAndGet();
			tell("{\"type\":\"register_listener\",\"radio_uuid\":\"" + radio + "\",\"session_id\":\""
					+ session + "\",\"user_id\":null,\"streamer\":\"" + this.name + "\"}");
			try {
				OutputStream out = socket.getOutputStream();
				out.write("HTTP/1.0 200 OK\r\nContent-Type: audio/mpeg\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
				for (int at = 0;; at = (at + 4000) % (mp3.length - 4000)) {
					out.write(mp3, at, 4000);
					out.flush();
					Thread.sleep(250);
				}
			}
			finally {
				this.connected.decrementAndGet();
				tell("{\"type\":\"unregister_listener\",\"session_id\":\"" + session + "\"}");
			}
		}
		catch (IOException | InterruptedException ex) {
			// The listener left, or kill() cut the connection.
		}
		finally {
			this.sockets.remove(socket);
		}
	}

	private void report() {
		tell("{\"type\":\"pong\",\"streamer\":\"" + this.name + "\",\"listeners\":"
				+ (this.baseListeners + this.connected.get()) + ",\"listener_limit\":" + this.limit
				+ ",\"listen_url\":\"" + url() + "\"}");
	}

	/** Asks for the radio as a streamer's first listener does: this streamer masters it if nobody does. */
	void playRadio(String radioUuid) {
		tell("{\"type\":\"play_radio\",\"streamer\":\"" + this.name + "\",\"radio_uuid\":\"" + radioUuid
				+ "\"}");
	}

	String url() {
		return "http://127.0.0.1:" + this.server.getLocalPort();
	}

	String name() {
		return this.name;
	}

	/** Request URIs (path and query) of every listener that came, in order. */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	int connected() {
		return this.connected.get();
	}

	/**
	 * Stops as a crash would: reports, pongs and HTTP stop (its Redis connections close), nothing is said to the
	 * scheduler, not even for its listeners.
	 */
	void kill() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		this.reporter.shutdownNow();
		this.redis.close();
		try {
			this.server.close();
			for (Socket socket : this.sockets) {
				socket.close();
			}
		}
		catch (IOException ex) {
			// Closing anyway.
		}
	}

	@Override
	public void close() {
		kill();
	}

	// Serving threads still end their sessions after close() (a crash says nothing): what they would publish then
	// is dropped here, not thrown on their thread, where Awaitility would report it in the next test.
	private void tell(String json) {
		if (this.closed) {
			return;
		}
		try {
			this.redis.publish(json);
		}
		catch (RuntimeException ex) {
			if (!this.closed) {
				throw ex;
			}
		}
	}

}
