package io.mediafleet.scheduler.link;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.mediafleet.schema.link.Close;
import io.mediafleet.schema.link.Continue;
import io.mediafleet.schema.link.Endpoint;
import io.mediafleet.schema.link.ErrorResponse;
import io.mediafleet.schema.link.Heartbeat;
import io.mediafleet.schema.link.Hello;
import io.mediafleet.schema.link.Invalidate;
import io.mediafleet.schema.link.LinkCodec;
import io.mediafleet.schema.link.LinkCodecException;
import io.mediafleet.schema.link.LinkEventData;
import io.mediafleet.schema.link.LinkMessage;
import io.mediafleet.schema.link.LinkProtocol;
import io.mediafleet.schema.link.LinkRequestData;
import io.mediafleet.schema.link.LinkResponse;
import io.mediafleet.schema.link.LinkResponseData;
import io.mediafleet.schema.link.Ready;
import io.mediafleet.schema.link.RegisterControl;
import io.mediafleet.schema.link.RegisterSlave;
import io.mediafleet.schema.link.Response;
import io.mediafleet.schema.link.Resume;
import io.mediafleet.schema.link.SeqCounter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.adapter.NativeWebSocketSession;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The master's end of the link: runs the handshake on each WebSocket, keeps {@link LinkSession}s across dropped
 * connections, sends heartbeats, drops silent connections, expires sessions, and hands events and requests to the
 * {@link LinkHandler}s.
 *
 * <h2>Parameters to control memory consumption</h2> {@link Settings#maxBuffered()} unacknowledged messages and
 * {@link Settings#maxPending()} pending requests per session, {@link Settings#maxSessions()} sessions in all,
 * {@link Settings#maxUnregistered()} connections that have not registered yet (each lives at most
 * {@link Settings#handshakeTimeout()} plus {@link Settings#closeGrace()}), and the codec's {@code JsonLimits} per
 * message (1 MiB by default).
 */
public final class LinkHub extends TextWebSocketHandler implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(LinkHub.class);

	static final String BUFFER_OVERFLOW = "Invalid message: send buffer overflow";

	private static final SecureRandom random = new SecureRandom();

	/**
	 * Timings and bounds.
	 *
	 * @param heartbeatInterval heartbeat period announced in {@code ready}
	 * @param sessionTimeout how long a dropped session stays resumable
	 * @param handshakeTimeout how long a connection may take to register
	 * @param maxBuffered unacknowledged messages per session before it is closed
	 * @param maxPending outstanding master requests per session
	 * @param maxSessions sessions in all; registrations beyond it are refused
	 * @param maxUnregistered connections not yet registered or resumed, in all; upgrades beyond it are refused
	 * ({@link #reserveHandshake()})
	 * @param closeGrace how long the peer has to answer the master's close frame before the TCP connection is closed
	 */
	public record Settings(Duration heartbeatInterval, Duration sessionTimeout, Duration handshakeTimeout,
			int maxBuffered, int maxPending, int maxSessions, int maxUnregistered, Duration closeGrace) {

		public Settings {
			if (maxUnregistered < 1) {
				throw new IllegalArgumentException("maxUnregistered must be at least 1, was " + maxUnregistered);
			}
			if (closeGrace.isNegative() || closeGrace.isZero()) {
				throw new IllegalArgumentException("closeGrace must be positive, was " + closeGrace);
			}
		}

	}

	/**
	 * The Tomcat user property (milliseconds) after which a session whose close frame went unanswered has its TCP
	 * connection closed; the container checks it every {@code processPeriod} (set to 1 s in {@code LinkConfiguration}).
	 */
	static final String SESSION_CLOSE_TIMEOUT = "org.apache.tomcat.websocket.SESSION_CLOSE_TIMEOUT";

	private final LinkCodec codec;

	private final LinkTokens tokens;

	private final LinkMetrics metrics;

	private final Settings settings;

	private final Clock clock;

	private final List<LinkHandler> handlers = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final Map<String, Connection> connections = new ConcurrentHashMap<>();

	private final Map<String, LinkSession> sessionsByToken = new ConcurrentHashMap<>();

	private final Map<Long, LinkSession> slavesById = new ConcurrentHashMap<>();

	/** Upgrades admitted ({@link #reserveHandshake()}) whose connection has not registered, resumed or closed yet. */
	private final AtomicInteger unregistered = new AtomicInteger();

	private @Nullable ScheduledExecutorService timer;

	private volatile boolean running;

	LinkHub(LinkCodec codec, LinkTokens tokens, LinkMetrics metrics, Settings settings, Clock clock) {
		this.codec = codec;
		this.tokens = tokens;
		this.metrics = metrics;
		this.settings = settings;
		this.clock = clock;
		metrics.unregistered(this.unregistered::get);
	}

	/** Registers a feature's handler. */
	public void addHandler(LinkHandler handler) {
		this.handlers.add(handler);
	}

	/** Every live session of {@code role} (connected or waiting for a resume). */
	public List<LinkSession> sessions(Endpoint role) {
		List<LinkSession> list = new ArrayList<>();
		for (LinkSession session : this.sessionsByToken.values()) {
			if (session.role() == role && !session.isEnded()) {
				list.add(session);
			}
		}
		return list;
	}

	// ---- admission

	/**
	 * Takes one of the {@link Settings#maxUnregistered()} places for a connection that has yet to register, or returns
	 * {@code false} when all are taken (the upgrade is then refused before any WebSocket session exists). The place
	 * passes to the connection once it is established and is given back when it registers, resumes or closes; an
	 * upgrade that fails gives it back with {@link #releaseHandshake()}.
	 */
	public boolean reserveHandshake() {
		int current;
		do {
			current = this.unregistered.get();
			if (current >= this.settings.maxUnregistered()) {
				this.metrics.upgradeRefused();
				return false;
			}
		}
		while (!this.unregistered.compareAndSet(current, current + 1));
		return true;
	}

	/** Gives back a place taken by {@link #reserveHandshake()} for an upgrade that did not happen. */
	public void releaseHandshake() {
		this.unregistered.decrementAndGet();
	}

	/** Connections admitted that have not registered, resumed or closed yet. */
	int unregisteredConnections() {
		return this.unregistered.get();
	}

	// ---- lifecycle

	@Override
	public void start() {
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
				Thread.ofPlatform().name("link-hub-timer").daemon().factory());
		long periodMs = Math.max(50, Math.min(1000, this.settings.heartbeatInterval().toMillis() / 4));
		executor.scheduleWithFixedDelay(this::tick, periodMs, periodMs, TimeUnit.MILLISECONDS);
		this.timer = executor;
		this.running = true;
	}

	@Override
	public void stop() {
		this.running = false;
		for (Connection connection : this.connections.values()) {
			LinkSession session = connection.session;
			if (session != null) {
				session.sendClose(LinkProtocol.CLOSE_SHUTDOWN);
				connection.close(LinkProtocol.CLOSE_SHUTDOWN, LinkProtocol.CLOSE_CODE_GOING_AWAY, false);
			}
			else {
				connection.close(LinkProtocol.CLOSE_SHUTDOWN, LinkProtocol.CLOSE_CODE_GOING_AWAY, true);
			}
		}
		if (this.timer != null) {
			this.timer.shutdownNow();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	// ---- WebSocket events

	@Override
	public void afterConnectionEstablished(WebSocketSession ws) {
		if (ws instanceof NativeWebSocketSession nativeSession) {
			jakarta.websocket.Session tomcat = nativeSession.getNativeSession(jakarta.websocket.Session.class);
			if (tomcat != null) {
				tomcat.getUserProperties().put(SESSION_CLOSE_TIMEOUT, this.settings.closeGrace().toMillis());
			}
		}
		Connection connection = new Connection(ws, this.clock.instant());
		this.connections.put(ws.getId(), connection);
		connection.sendHandshake(Hello.current());
	}

	@Override
	protected void handleTextMessage(WebSocketSession ws, TextMessage message) {
		Connection connection = this.connections.get(ws.getId());
		if (connection == null) {
			return;
		}
		// Partial frames are assembled here, up to the codec's limit, so the container's small default buffer does
		// not cap message size and nothing beyond the limit is ever held.
		String text = connection.assemble(message.getPayload(), message.isLast(),
				this.codec.limits().maxMessageBytes());
		if (text == null) {
			if (connection.overflowed) {
				LinkSession owner = connection.session;
				String reason = LinkProtocol.invalidMessage("message larger than "
						+ this.codec.limits().maxMessageBytes() + " bytes");
				if (owner != null) {
					invalid(connection, owner, reason);
				}
				else {
					connection.refuse(LinkProtocol.CLOSE_INVALID_HANDSHAKE, LinkProtocol.CLOSE_CODE_PROTOCOL_ERROR);
				}
			}
			return;
		}
		LinkSession session = connection.session;
		if (session == null) {
			handshake(connection, text);
		}
		else {
			sessionMessage(connection, session, text);
		}
	}

	@Override
	public void afterConnectionClosed(WebSocketSession ws, CloseStatus status) {
		Connection connection = this.connections.remove(ws.getId());
		if (connection == null) {
			return;
		}
		connection.closed();
		connection.registeredOrGone();
		LinkSession session = connection.session;
		if (session != null) {
			session.detach(connection, this.clock.instant());
			if (connection.endSessionOnClose) {
				endSession(session);
			}
		}
	}

	@Override
	public boolean supportsPartialMessages() {
		return true;
	}

	// ---- handshake

	private void handshake(Connection connection, String text) {
		LinkMessage message;
		try {
			message = this.codec.decodeHandshake(text, Endpoint.MASTER);
		}
		catch (LinkCodecException ex) {
			log.debug("Invalid handshake: " + ex.getMessage());
			connection.refuse(LinkProtocol.CLOSE_INVALID_HANDSHAKE, LinkProtocol.CLOSE_CODE_PROTOCOL_ERROR);
			return;
		}
		this.metrics.message("in", message.type());
		switch (message.data()) {
			case RegisterSlave register -> {
				LinkTokens.Claims claims = this.tokens.verify(register.token());
				if (claims == null || !claims.role().equals("slave")
						|| (claims.slaveId() != null && claims.slaveId() != register.id())) {
					connection.refuse(LinkProtocol.CLOSE_AUTHENTICATION_FAILED,
							LinkProtocol.CLOSE_CODE_AUTHENTICATION_FAILED);
					return;
				}
				LinkSession session;
				// One lock for kick + open + put: two registrations of one id, on two container threads, must
				// not both see the id free (the second would then never kick the first).
				synchronized (this.slavesById) {
					LinkSession previous = this.slavesById.get(register.id());
					if (previous != null) {
						kick(previous);
					}
					session = open(connection, Endpoint.SLAVE, register.id(), register.name());
					if (session != null) {
						this.slavesById.put(register.id(), session);
					}
				}
				if (session != null) {
					started(session);
				}
			}
			case RegisterControl register -> {
				LinkTokens.Claims claims = this.tokens.verify(register.token());
				if (claims == null || !claims.role().equals("control")) {
					connection.refuse(LinkProtocol.CLOSE_AUTHENTICATION_FAILED,
							LinkProtocol.CLOSE_CODE_AUTHENTICATION_FAILED);
					return;
				}
				LinkSession session = open(connection, Endpoint.CONTROL, -1, register.agent());
				if (session != null) {
					started(session);
				}
			}
			case Resume resume -> {
				LinkSession session = this.sessionsByToken.get(resume.sessionToken());
				if (session == null || session.isEnded()) {
					connection.sendHandshake(new Invalidate());
					return;
				}
				Connection stale = session.connection();
				if (stale != null && stale != connection) {
					stale.endSessionOnClose = false;
					stale.close("superseded by a resumed connection", LinkProtocol.CLOSE_CODE_NORMAL, false);
				}
				session.resume(connection, resume.lastSeq(), this.clock.instant());
				connection.session = session;
				connection.registeredOrGone();
				connection.sendHandshake(Continue.of(session.lastReceived()));
				log.debug("Resuming " + session.name() + ": replaying " + session.unacknowledged().size());
				for (String replay : session.unacknowledged()) {
					connection.sendText(replay);
				}
			}
			case Close close -> connection.close("peer closed: " + close.reason(), LinkProtocol.CLOSE_CODE_NORMAL, false);
			default -> connection.refuse(LinkProtocol.CLOSE_INVALID_HANDSHAKE, LinkProtocol.CLOSE_CODE_PROTOCOL_ERROR);
		}
	}

	private @Nullable LinkSession open(Connection connection, Endpoint role, long slaveId, String name) {
		if (this.sessionsByToken.size() >= this.settings.maxSessions()) {
			connection.refuse(LinkProtocol.CLOSE_SHUTDOWN, LinkProtocol.CLOSE_CODE_GOING_AWAY);
			return null;
		}
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		LinkSession session = new LinkSession(token, role, slaveId, name, this.codec, this.metrics,
				this.settings.maxBuffered(), this.settings.maxPending(), connection, this.clock.instant());
		this.sessionsByToken.put(token, session);
		connection.session = session;
		connection.registeredOrGone();
		connection.sendHandshake(
				Ready.session(token, this.settings.heartbeatInterval(), this.settings.sessionTimeout()));
		countSessions();
		return session;
	}

	private void started(LinkSession session) {
		for (LinkHandler handler : this.handlers) {
			handler.sessionStarted(session);
		}
	}

	private void kick(LinkSession session) {
		Connection connection = session.connection();
		session.sendClose(LinkProtocol.CLOSE_REGISTERED_FROM_ANOTHER_CONNECTION);
		if (connection != null) {
			connection.endSessionOnClose = false;
			connection.close(LinkProtocol.CLOSE_REGISTERED_FROM_ANOTHER_CONNECTION,
					LinkProtocol.CLOSE_CODE_POLICY_VIOLATION, false);
		}
		endSession(session);
	}

	// ---- session

	private void sessionMessage(Connection connection, LinkSession session, String text) {
		LinkMessage message;
		try {
			message = this.codec.decode(text, Endpoint.MASTER, session.role());
		}
		catch (LinkCodecException ex) {
			invalid(connection, session, ex.closeReason());
			return;
		}
		this.metrics.message("in", message.type());
		if (!session.accept(message.seq(), this.clock.instant())) {
			return;
		}
		switch (message.data()) {
			case Heartbeat heartbeat -> session.acknowledge(heartbeat.lastSeq());
			case Close close -> {
				connection.endSessionOnClose = true;
				connection.close("peer closed: " + close.reason(), LinkProtocol.CLOSE_CODE_NORMAL, false);
				endSession(session);
			}
			case LinkResponse response -> {
				long requestSeq = (response instanceof Response<?> ok) ? ok.requestSeq()
						: ((ErrorResponse) response).requestSeq();
				if (!session.complete(requestSeq, response)) {
					log.debug("Response to unknown request " + requestSeq + " from " + session.name());
				}
			}
			case LinkEventData event -> {
				for (LinkHandler handler : this.handlers) {
					if (handler.event(session, event)) {
						return;
					}
				}
				invalid(connection, session, LinkProtocol.invalidMessage("unhandled message " + message.type()));
			}
			case LinkRequestData request -> {
				for (LinkHandler handler : this.handlers) {
					LinkResponseData result;
					try {
						result = handler.request(session, request);
					}
					catch (LinkHandler.LinkRequestException ex) {
						session.respondError(message, ex.getMessage());
						return;
					}
					if (result != null) {
						session.respond(message, result);
						return;
					}
				}
				invalid(connection, session, LinkProtocol.invalidMessage("unhandled message " + message.type()));
			}
			default -> invalid(connection, session, LinkProtocol.invalidMessage("unexpected " + message.type()));
		}
	}

	private void invalid(Connection connection, LinkSession session, String reason) {
		session.sendClose(reason);
		connection.endSessionOnClose = true;
		connection.close(reason, LinkProtocol.CLOSE_CODE_PROTOCOL_ERROR, false);
		endSession(session);
	}

	private void endSession(LinkSession session) {
		if (session.isEnded()) {
			return;
		}
		session.end();
		this.sessionsByToken.remove(session.token());
		this.slavesById.remove(session.slaveId(), session);
		countSessions();
		for (LinkHandler handler : this.handlers) {
			try {
				handler.sessionEnded(session);
			}
			catch (RuntimeException ex) {
				log.warn("Link handler failed on session end", ex);
			}
		}
	}

	private void countSessions() {
		this.metrics.sessions(sessions(Endpoint.SLAVE).size(), sessions(Endpoint.CONTROL).size());
	}

	private void tick() {
		try {
			Instant now = this.clock.instant();
			for (Connection connection : this.connections.values()) {
				if (connection.session == null
						&& Duration.between(connection.openedAt, now).compareTo(this.settings.handshakeTimeout()) > 0) {
					connection.refuse(LinkProtocol.CLOSE_HANDSHAKE_TIMEOUT, LinkProtocol.CLOSE_CODE_PROTOCOL_ERROR);
				}
			}
			for (LinkSession session : this.sessionsByToken.values()) {
				switch (session.tick(now, this.settings.heartbeatInterval(), this.settings.sessionTimeout())) {
					case DROP -> {
						Connection connection = session.connection();
						if (connection != null) {
							// No close message: the session stays resumable.
							session.detach(connection, now);
							connection.endSessionOnClose = false;
							connection.close("heartbeat timeout", LinkProtocol.CLOSE_CODE_GOING_AWAY, false);
						}
					}
					case EXPIRE -> endSession(session);
					case NONE -> {
					}
				}
			}
		}
		catch (RuntimeException ex) {
			log.warn("Link hub timer failed", ex);
		}
	}

	/**
	 * One WebSocket connection, before and after its handshake. Everything it sends goes through one queue drained by
	 * its own virtual thread, so no lock is ever held across socket I/O.
	 */
	final class Connection {

		private static final int MAX_QUEUED = 20_000;

		private final WebSocketSession ws;

		private final Instant openedAt;

		private final SeqCounter handshakeSeq = new SeqCounter();

		private final BlockingQueue<Object> outbound = new LinkedBlockingQueue<>(MAX_QUEUED);

		volatile @Nullable LinkSession session;

		/** Whether this connection still holds a place among the unregistered ones (see reserveHandshake). */
		private final AtomicBoolean unregisteredPlace = new AtomicBoolean(true);

		/** Whether closing this connection ends its session (deliberate close) or leaves it resumable (drop). */
		volatile boolean endSessionOnClose;

		private volatile boolean closing;

		private final StringBuilder partial = new StringBuilder();

		volatile boolean overflowed;

		Connection(WebSocketSession ws, Instant openedAt) {
			this.ws = ws;
			this.openedAt = openedAt;
			Thread.ofVirtual().name("link-send-" + ws.getId()).start(this::sendLoop);
		}

		/** The whole message once its last fragment arrived, else {@code null}; over {@code limit} chars sets overflowed. */
		@Nullable String assemble(String fragment, boolean last, int limit) {
			if (this.overflowed) {
				return null;
			}
			if (this.partial.isEmpty() && last) {
				return fragment;
			}
			if (this.partial.length() + fragment.length() > limit) {
				this.overflowed = true;
				this.partial.setLength(0);
				return null;
			}
			this.partial.append(fragment);
			if (!last) {
				return null;
			}
			String whole = this.partial.toString();
			this.partial.setLength(0);
			return whole;
		}

		/** Gives back this connection's place among the unregistered ones, once. */
		void registeredOrGone() {
			if (this.unregisteredPlace.compareAndSet(true, false)) {
				LinkHub.this.releaseHandshake();
			}
		}

		void sendHandshake(io.mediafleet.schema.link.LinkData data) {
			LinkMessage message;
			synchronized (this.handshakeSeq) {
				message = LinkHub.this.codec.catalogue().message(this.handshakeSeq.next(), data);
			}
			sendText(LinkHub.this.codec.encode(message));
			LinkHub.this.metrics.message("out", message.type());
		}

		void sendText(String text) {
			if (this.closing) {
				return;
			}
			if (!this.outbound.offer(text)) {
				// The peer does not read: drop the connection (the session stays resumable).
				this.closing = true;
				this.outbound.clear();
				this.outbound.offer(new CloseStatus(LinkProtocol.CLOSE_CODE_GOING_AWAY, "send queue overflow"));
			}
		}

		/** Handshake refusal: {@code close} from the handshake counter, then the WebSocket close. */
		void refuse(String reason, int code) {
			sendHandshake(Close.of(reason));
			close(reason, code, false);
		}

		void close(String reason, int code, boolean sendCloseMessage) {
			if (this.closing) {
				return;
			}
			if (sendCloseMessage) {
				sendHandshake(Close.of(reason));
			}
			this.closing = true;
			LinkHub.this.metrics.closed(reason);
			if (!this.outbound.offer(new CloseStatus(code, LinkProtocol.closeFrameReason(reason)))) {
				this.outbound.clear();
				this.outbound.offer(new CloseStatus(code, LinkProtocol.closeFrameReason(reason)));
			}
		}

		void closed() {
			this.closing = true;
			this.outbound.clear();
			this.outbound.offer(CloseStatus.NORMAL);
		}

		private void sendLoop() {
			try {
				while (true) {
					Object next = this.outbound.poll(5, TimeUnit.SECONDS);
					if (next == null) {
						if (!this.ws.isOpen()) {
							return;
						}
						continue;
					}
					if (next instanceof CloseStatus status) {
						if (this.ws.isOpen()) {
							this.ws.close(status);
						}
						return;
					}
					if (this.ws.isOpen()) {
						this.ws.sendMessage(new TextMessage((String) next));
					}
				}
			}
			catch (IOException | RuntimeException ex) {
				log.debug("Link send failed: " + ex.getMessage());
				try {
					this.ws.close(CloseStatus.SERVER_ERROR);
				}
				catch (IOException | RuntimeException ignored) {
					// already broken
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

}
