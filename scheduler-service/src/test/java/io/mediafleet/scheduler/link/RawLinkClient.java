package io.mediafleet.scheduler.link;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK WebSocket client for tests that sends and receives raw JSON text, and remembers the close code and reason.
 */
public final class RawLinkClient implements WebSocket.Listener, AutoCloseable {

	record Closed(int code, String reason) {
	}

	private final BlockingQueue<String> received = new LinkedBlockingQueue<>();

	private final CompletableFuture<Closed> closed = new CompletableFuture<>();

	private final StringBuilder partial = new StringBuilder();

	private final WebSocket socket;

	private static final Pattern SEQ = Pattern.compile("^\\{\"seq\":(\\d+),\"type\":\"([a-z_]+)\"");

	/** Whether each heartbeat of the master is answered with one acknowledging the last seq received. */
	private volatile boolean keepAlive;

	private long lastSeq;

	private long heartbeatSeq;

	private boolean inSession;

	/** Sends are chained: the JDK WebSocket refuses a send while the previous one is still in progress. */
	private CompletableFuture<?> sending = CompletableFuture.completedFuture(null);

	public RawLinkClient(int port) {
		this.socket = HttpClient.newHttpClient()
			.newWebSocketBuilder()
			.buildAsync(URI.create("ws://127.0.0.1:" + port + "/api/socket"), this)
			.join();
	}

	@Override
	public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
		this.partial.append(data);
		if (last) {
			String message = this.partial.toString();
			this.partial.setLength(0);
			Matcher header = SEQ.matcher(message);
			if (header.find()) {
				if (this.inSession) {
					this.lastSeq = Math.max(this.lastSeq, Long.parseLong(header.group(1)));
				}
				this.inSession |= header.group(2).equals("ready");
				if (this.keepAlive && header.group(2).equals("heartbeat")) {
					sendAsync("{\"seq\":" + (++this.heartbeatSeq) + ",\"type\":\"heartbeat\",\"data\":{\"last_seq\":"
							+ this.lastSeq + "}}");
				}
			}
			this.received.add(message);
		}
		webSocket.request(1);
		return null;
	}

	@Override
	public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
		this.closed.complete(new Closed(statusCode, reason));
		return null;
	}

	@Override
	public void onError(WebSocket webSocket, Throwable error) {
		this.closed.complete(new Closed(1006, String.valueOf(error.getMessage())));
	}

	/**
	 * From now on, answers each master heartbeat as a real client does (acknowledging the highest seq received), so a
	 * session that lives longer than two heartbeat intervals is not dropped for silence. The heartbeats are numbered
	 * 1, 2, 3... as the client's session messages: a test that uses this sends no session messages of its own.
	 */
	public RawLinkClient keepAlive() {
		this.keepAlive = true;
		return this;
	}

	public void send(String json) {
		sendAsync(json).join();
	}

	private synchronized CompletableFuture<?> sendAsync(String json) {
		this.sending = this.sending.exceptionally((ex) -> null).thenCompose((ignored) -> this.socket.sendText(json, true));
		return this.sending;
	}

	/** The next message, failing after 20 s. */
	public String next() throws InterruptedException {
		String message = this.received.poll(20, TimeUnit.SECONDS);
		if (message == null) {
			throw new AssertionError("no message within 20 s");
		}
		return message;
	}

	/** The next message whose text contains {@code fragment}, skipping others (heartbeats, events). */
	public String nextContaining(String fragment) throws InterruptedException {
		for (int i = 0; i < 1000; i++) {
			String message = next();
			if (message.contains(fragment)) {
				return message;
			}
		}
		throw new AssertionError("no message containing " + fragment);
	}

	Closed closed() {
		return this.closed.orTimeout(20, TimeUnit.SECONDS).join();
	}

	/** Drops the TCP connection without a close handshake, as a crash or network failure would. */
	void abort() {
		this.socket.abort();
	}

	@Override
	public void close() {
		this.socket.abort();
	}

	static Duration timeout() {
		return Duration.ofSeconds(20);
	}

}
