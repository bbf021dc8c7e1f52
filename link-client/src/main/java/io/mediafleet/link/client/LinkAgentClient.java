package io.mediafleet.link.client;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.mediafleet.schema.link.Close;
import io.mediafleet.schema.link.Continue;
import io.mediafleet.schema.link.Endpoint;
import io.mediafleet.schema.link.Heartbeat;
import io.mediafleet.schema.link.Hello;
import io.mediafleet.schema.link.Invalidate;
import io.mediafleet.schema.link.LinkCatalogue;
import io.mediafleet.schema.link.LinkCodec;
import io.mediafleet.schema.link.LinkCodecException;
import io.mediafleet.schema.link.LinkData;
import io.mediafleet.schema.link.LinkMessage;
import io.mediafleet.schema.link.LinkProtocol;
import io.mediafleet.schema.link.LinkResponseData;
import io.mediafleet.schema.link.Ready;
import io.mediafleet.schema.link.RegisterSlave;
import io.mediafleet.schema.link.Resume;
import io.mediafleet.schema.link.SeqCounter;
import org.jspecify.annotations.Nullable;

/**
 * The agent side of one link session, for any kind of link agent (the burner is one): connects to the master's
 * WebSocket with the JDK's client, answers {@code hello} with {@code register_slave} (the slave JWT) or with
 * {@code resume} after a drop, sends heartbeats at the interval the master asks for and drops a connection that heard
 * nothing for two intervals, reconnects with {@link ReconnectBackoff} and, on {@code continue}, replays what the
 * master had not acknowledged (see {@code docs/protocols/link.md}, "Connector states").
 *
 * <p>What the agent is stays outside: its {@link LinkCatalogue} (given through the codec) and an {@link Agent} that
 * announces itself when a new session starts, handles the master's session messages (each once, in order) and may
 * report periodically. It sends with {@link #send}, {@link #respond} and {@link #respondError}, from any thread.
 *
 * <p>The client stops for good (no reconnection) when the master refuses the token (close code 4003) or another agent
 * registers with the same slave id; both are logged as errors, since only an operator can fix them.
 *
 * <h2>Parameters to control memory consumption</h2> At most {@link #MAX_BUFFERED} unacknowledged messages are kept;
 * beyond that the oldest are dropped (the master re-queues work whose outcome it never hears). A message from the
 * master larger than the codec's {@code maxMessageBytes} aborts the connection before it is buffered whole.
 */
public final class LinkAgentClient implements AutoCloseable {

	private static final System.Logger log = System.getLogger(LinkAgentClient.class.getName());

	/** Unacknowledged session messages kept for replay. */
	public static final int MAX_BUFFERED = 10_000;

	/** How often the client checks heartbeats and gives its agent a {@link Agent#tick}. */
	static final Duration TICK = Duration.ofMillis(200);

	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

	private static final long SEND_TIMEOUT_SECONDS = 10;

	/**
	 * Who the agent is on the link.
	 *
	 * @param masterUrl the master's {@code ws://.../api/socket}
	 * @param token the slave JWT from the master's admin API
	 * @param slaveId the slave id (unique among connected slaves)
	 * @param name the slave's name
	 * @param agent the agent's product name, sent in {@code register_slave} (e.g. {@code Mediafleet Burner Agent})
	 */
	public record Identity(URI masterUrl, String token, long slaveId, String name, String agent) {
	}

	/** What a kind of agent does with its session; called on the client's threads, one call at a time per thread. */
	public interface Agent {

		/**
		 * A new session started ({@code ready}): announce what the agent is. Not called when a session resumes,
		 * because the master kept what it was told.
		 */
		void sessionStarted(LinkAgentClient link);

		/**
		 * An event, request or response from the master, each once and in order ({@code heartbeat} and {@code close}
		 * are the client's own business). Answer a request with {@link LinkAgentClient#respond} or
		 * {@link LinkAgentClient#respondError}.
		 */
		void received(LinkAgentClient link, LinkMessage message);

		/** Called about every {@code 200} ms while a session is up, for periodic reports. */
		default void tick(LinkAgentClient link) {
		}

	}

	private record Buffered(long seq, String text) {
	}

	private final Identity identity;

	private final LinkCodec codec;

	private final LinkCatalogue catalogue;

	private final Agent agent;

	private final String threadNamePrefix;

	private final HttpClient http = HttpClient.newHttpClient();

	private final ScheduledExecutorService timer;

	private final ExecutorService sender;

	// Session state, guarded by this.
	private @Nullable WebSocket socket;

	private SeqCounter handshakeSeq = new SeqCounter();

	private @Nullable String sessionToken;

	private SeqCounter seq = new SeqCounter();

	private long lastReceived;

	private final Deque<Buffered> buffer = new ArrayDeque<>();

	private boolean inSession;

	private Duration heartbeatInterval = LinkProtocol.DEFAULT_HEARTBEAT_INTERVAL;

	private long lastHeardNanos = System.nanoTime();

	private long lastHeartbeatNanos = System.nanoTime();

	private final ReconnectBackoff backoff;

	private volatile boolean stopped;

	private final AtomicLong connectionsOpened = new AtomicLong();

	/**
	 * A client that does nothing until {@link #start()}.
	 * @param identity who the agent is
	 * @param codec the codec of the agent's catalogue (core messages plus its own)
	 * @param agent what the agent does with its session
	 * @param reconnectDelay the first wait after a failed or dropped connection, doubled up to 30 s
	 * @param threadNamePrefix names the client's two threads ({@code <prefix>-timer}, {@code <prefix>-send})
	 */
	public LinkAgentClient(Identity identity, LinkCodec codec, Agent agent, Duration reconnectDelay,
			String threadNamePrefix) {
		this.identity = identity;
		this.codec = codec;
		this.catalogue = codec.catalogue();
		this.agent = agent;
		this.backoff = ReconnectBackoff.from(reconnectDelay);
		this.threadNamePrefix = threadNamePrefix;
		this.timer = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name(threadNamePrefix + "-timer").daemon().factory());
		this.sender = Executors
			.newSingleThreadExecutor(Thread.ofPlatform().name(threadNamePrefix + "-send").daemon().factory());
	}

	/** Connects, and keeps connecting until {@link #close()} or a refusal only an operator can fix. */
	public void start() {
		this.timer.scheduleWithFixedDelay(this::tick, TICK.toMillis(), TICK.toMillis(), TimeUnit.MILLISECONDS);
		connect();
	}

	/** Who this agent is on the link. */
	public Identity identity() {
		return this.identity;
	}

	/**
	 * Drops the connection without a close message, as a network failure would; the client reconnects and resumes its
	 * session.
	 */
	public void dropConnection() {
		WebSocket current = detachSocket();
		if (current != null) {
			current.abort();
			reconnectLater();
		}
	}

	/** Whether a session is established right now. */
	public synchronized boolean isInSession() {
		return this.inSession;
	}

	/** How many WebSocket connections to the master this client opened so far (one per reconnection). */
	public long connectionsOpened() {
		return this.connectionsOpened.get();
	}

	/** Whether the client gave up for good (closed, token refused, or its slave id taken by another agent). */
	public boolean isStopped() {
		return this.stopped;
	}

	/** Sends a session message: numbered, buffered until acknowledged, sent now if a session is up. */
	public synchronized void send(LinkData data) {
		bufferAndSend(this.catalogue.message(this.seq.next(), data));
	}

	/** Answers {@code request} (a request the master sent) with {@code result}. */
	public synchronized void respond(LinkMessage request, LinkResponseData result) {
		bufferAndSend(this.catalogue.response(this.seq.next(), request, result));
	}

	/** Answers {@code request} with an error response carrying {@code error}. */
	public synchronized void respondError(LinkMessage request, String error) {
		bufferAndSend(this.catalogue.errorResponse(this.seq.next(), request, error));
	}

	private void connect() {
		if (this.stopped) {
			return;
		}
		this.http.newWebSocketBuilder()
			.connectTimeout(CONNECT_TIMEOUT)
			.buildAsync(this.identity.masterUrl(), new Listener())
			.whenComplete((ws, failure) -> {
				if (failure != null) {
					log.log(System.Logger.Level.INFO,
							"Link to " + this.identity.masterUrl() + " failed: " + failure.getMessage());
					reconnectLater();
				}
			});
	}

	private synchronized void reconnectLater() {
		if (this.stopped) {
			return;
		}
		this.timer.schedule(this::connect, this.backoff.next().toMillis(), TimeUnit.MILLISECONDS);
	}

	// ---- receiving

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public void onOpen(WebSocket webSocket) {
			LinkAgentClient.this.connectionsOpened.incrementAndGet();
			synchronized (LinkAgentClient.this) {
				LinkAgentClient.this.socket = webSocket;
				LinkAgentClient.this.handshakeSeq = new SeqCounter();
				LinkAgentClient.this.inSession = false;
				LinkAgentClient.this.lastHeardNanos = System.nanoTime();
			}
			webSocket.request(1);
		}

		@Override
		public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (this.partial.length() > LinkAgentClient.this.codec.limits().maxMessageBytes()) {
				webSocket.abort();
				return null;
			}
			if (last) {
				String text = this.partial.toString();
				this.partial.setLength(0);
				try {
					handle(webSocket, text);
				}
				catch (LinkCodecException ex) {
					log.log(System.Logger.Level.WARNING, "Invalid message from the master, closing: " + ex.getMessage());
					sendRaw(webSocket, handshakeMessage(Close.of(ex.closeReason())));
					webSocket.sendClose(LinkProtocol.CLOSE_CODE_PROTOCOL_ERROR, "invalid message");
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
			closed(webSocket, statusCode, reason);
			return null;
		}

		@Override
		public void onError(WebSocket webSocket, Throwable error) {
			closed(webSocket, 1006, String.valueOf(error.getMessage()));
		}

	}

	private void closed(WebSocket webSocket, int statusCode, String reason) {
		synchronized (this) {
			if (this.socket != webSocket) {
				return;
			}
			this.socket = null;
			this.inSession = false;
		}
		if (statusCode == LinkProtocol.CLOSE_CODE_AUTHENTICATION_FAILED) {
			log.log(System.Logger.Level.ERROR, "The master refused the token of " + this.identity.name()
					+ " (close code 4003); not reconnecting. Mint a new token with the admin API and restart the agent.");
			this.stopped = true;
			return;
		}
		if (reason.startsWith(LinkProtocol.CLOSE_REGISTERED_FROM_ANOTHER_CONNECTION)) {
			log.log(System.Logger.Level.ERROR,
					"Another agent registered with slave id " + this.identity.slaveId() + "; not reconnecting");
			this.stopped = true;
			return;
		}
		log.log(System.Logger.Level.INFO, "Link closed (" + statusCode + " " + reason + "); reconnecting");
		reconnectLater();
	}

	private void handle(WebSocket webSocket, String text) {
		boolean session;
		synchronized (this) {
			session = this.inSession;
			this.lastHeardNanos = System.nanoTime();
		}
		if (!session) {
			handshake(webSocket, this.codec.decodeHandshake(text, Endpoint.SLAVE));
			return;
		}
		LinkMessage message = this.codec.decode(text, Endpoint.SLAVE, Endpoint.MASTER);
		synchronized (this) {
			if (message.seq() <= this.lastReceived) {
				return;
			}
			this.lastReceived = message.seq();
		}
		switch (message.data()) {
			case Heartbeat heartbeat -> acknowledge(heartbeat.lastSeq());
			case Close close -> {
				log.log(System.Logger.Level.INFO, "Master closed the link: " + close.reason());
				synchronized (this) {
					this.sessionToken = null;
					this.buffer.clear();
				}
			}
			default -> this.agent.received(this, message);
		}
	}

	private void handshake(WebSocket webSocket, LinkMessage message) {
		switch (message.data()) {
			case Hello hello -> {
				String token;
				long last;
				synchronized (this) {
					token = this.sessionToken;
					last = this.lastReceived;
				}
				sendRaw(webSocket, handshakeMessage((token != null) ? Resume.of(token, last) : register()));
			}
			case Ready ready -> {
				synchronized (this) {
					this.sessionToken = ready.sessionToken();
					this.heartbeatInterval = ready.heartbeatIntervalOrDefault();
					this.seq = new SeqCounter();
					this.lastReceived = 0;
					this.buffer.clear();
					this.inSession = true;
					this.backoff.reset();
				}
				this.agent.sessionStarted(this);
			}
			case Continue resumed -> {
				synchronized (this) {
					if (resumed.heartbeatInterval() != null) {
						this.heartbeatInterval = resumed.heartbeatInterval();
					}
					this.inSession = true;
					this.backoff.reset();
					acknowledge(resumed.lastSeq());
					for (Buffered buffered : this.buffer) {
						sendRaw(webSocket, buffered.text());
					}
				}
				log.log(System.Logger.Level.INFO, "Link session resumed");
			}
			case Invalidate invalidate -> {
				synchronized (this) {
					this.sessionToken = null;
					this.buffer.clear();
				}
				sendRaw(webSocket, handshakeMessage(register()));
			}
			case Close close -> log.log(System.Logger.Level.INFO, "Master refused the link: " + close.reason());
			default -> log.log(System.Logger.Level.DEBUG, "Ignoring " + message.type() + " during the handshake");
		}
	}

	private RegisterSlave register() {
		return RegisterSlave.of(this.identity.token(), this.identity.agent(), this.identity.name(),
				this.identity.slaveId());
	}

	private synchronized String handshakeMessage(LinkData data) {
		return this.codec.encode(this.catalogue.message(this.handshakeSeq.next(), data));
	}

	// ---- sending

	private synchronized void acknowledge(long ack) {
		while (!this.buffer.isEmpty() && this.buffer.peekFirst().seq() <= ack) {
			this.buffer.removeFirst();
		}
	}

	private synchronized void bufferAndSend(LinkMessage message) {
		String text = this.codec.encode(message);
		if (this.buffer.size() >= MAX_BUFFERED) {
			this.buffer.removeFirst();
		}
		this.buffer.add(new Buffered(message.seq(), text));
		WebSocket current = this.socket;
		if (this.inSession && current != null) {
			sendRaw(current, text);
		}
	}

	private void sendRaw(WebSocket webSocket, String text) {
		this.sender.execute(() -> {
			try {
				webSocket.sendText(text, true).get(SEND_TIMEOUT_SECONDS, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				log.log(System.Logger.Level.DEBUG, "Link send failed: " + ex.getMessage());
				webSocket.abort();
			}
		});
	}

	private void tick() {
		try {
			WebSocket current;
			synchronized (this) {
				current = this.socket;
				if (current == null || !this.inSession) {
					return;
				}
				long now = System.nanoTime();
				if (now - this.lastHeardNanos > this.heartbeatInterval.multipliedBy(2).toNanos()) {
					log.log(System.Logger.Level.INFO,
							"No heartbeat from the master for two intervals; dropping the connection to resume");
					this.socket = null;
					this.inSession = false;
				}
				else if (now - this.lastHeartbeatNanos >= this.heartbeatInterval.toNanos()) {
					this.lastHeartbeatNanos = now;
					sendRaw(current, this.codec
						.encode(this.catalogue.message(this.seq.next(), Heartbeat.of(this.lastReceived))));
				}
			}
			if (!isCurrent(current)) {
				current.abort();
				reconnectLater();
				return;
			}
			this.agent.tick(this);
		}
		catch (RuntimeException ex) {
			log.log(System.Logger.Level.WARNING, "Link timer of " + this.threadNamePrefix + " failed", ex);
		}
	}

	private synchronized boolean isCurrent(WebSocket current) {
		return this.socket == current;
	}

	/** Forgets the current connection and session, returning the socket to abort, if any. */
	private synchronized @Nullable WebSocket detachSocket() {
		WebSocket current = this.socket;
		this.socket = null;
		this.inSession = false;
		return current;
	}

	/** Drops the connection and stops for good: no reconnection, threads ended. */
	@Override
	public void close() {
		this.stopped = true;
		WebSocket current = detachSocket();
		if (current != null) {
			current.abort();
		}
		this.timer.shutdownNow();
		this.sender.shutdownNow();
	}

}
