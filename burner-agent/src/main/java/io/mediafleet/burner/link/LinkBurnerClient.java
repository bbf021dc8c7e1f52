package io.mediafleet.burner.link;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.BurnReporter;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.schema.burn.DriveState;
import io.mediafleet.schema.burn.Media;
import io.mediafleet.schema.burn.Verdict;
import io.mediafleet.schema.burnlink.BurnLink;
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
import io.mediafleet.schema.link.Ready;
import io.mediafleet.schema.link.RegisterSlave;
import io.mediafleet.schema.link.Resume;
import io.mediafleet.schema.link.SeqCounter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * A burner as a link slave: registers with its JWT, announces its images in {@code burner_capabilities_event},
 * reports idle status every interval, burns on {@code burn_request}, ejects on {@code eject_event}; after a dropped
 * connection it reconnects with backoff and resumes its session, replaying what the master did not acknowledge, so a
 * burn in progress survives a short drop.
 *
 * <h2>Parameters to control memory consumption</h2> At most {@link #MAX_BUFFERED} unacknowledged messages are kept;
 * beyond that the oldest are dropped (the master re-queues a burn whose outcome it never hears).
 */
public final class LinkBurnerClient implements AutoCloseable {

	private static final Log log = LogFactory.getLog(LinkBurnerClient.class);

	static final int MAX_BUFFERED = 10_000;

	private static final String AGENT = "Mediafleet Burner Agent";

	/**
	 * Who the agent is on the link.
	 *
	 * @param masterUrl the master's {@code ws://.../api/socket}
	 * @param token JWT from the master's admin API
	 * @param slaveId the slave id (unique among connected slaves)
	 * @param name the slave's name
	 * @param uid the burner's persistent UID
	 * @param type CD or DVD burner
	 */
	public record Identity(URI masterUrl, String token, long slaveId, String name, String uid, BurnerType type) {
	}

	private final Identity identity;

	private final IsoLibrary library;

	private final BurnEngine engine;

	private final Duration statusInterval;

	private final Duration reconnectDelay;

	private final LinkCodec codec = new LinkCodec(BurnLink.catalogue());

	private final LinkCatalogue catalogue = this.codec.catalogue();

	private final HttpClient http = HttpClient.newHttpClient();

	private final ScheduledExecutorService timer = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("burner-link-timer").daemon().factory());

	private final ExecutorService sender = Executors
		.newSingleThreadExecutor(Thread.ofPlatform().name("burner-link-send").daemon().factory());

	private record Buffered(long seq, String text) {
	}

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

	private long lastStatusNanos = System.nanoTime();

	private Duration currentDelay;

	private volatile boolean stopped;

	public LinkBurnerClient(Identity identity, IsoLibrary library, BurnEngine engine, Duration statusInterval,
			Duration reconnectDelay) {
		this.identity = identity;
		this.library = library;
		this.engine = engine;
		this.statusInterval = statusInterval;
		this.reconnectDelay = reconnectDelay;
		this.currentDelay = reconnectDelay;
	}

	public void start() {
		this.timer.scheduleWithFixedDelay(this::tick, 200, 200, TimeUnit.MILLISECONDS);
		connect();
	}

	/**
	 * Drops the connection without a close message, as a network failure would; the client reconnects and resumes its
	 * session.
	 */
	public void dropConnection() {
		WebSocket current;
		synchronized (this) {
			current = this.socket;
			this.socket = null;
			this.inSession = false;
		}
		if (current != null) {
			current.abort();
			reconnectLater();
		}
	}

	/** Whether a session is established right now. */
	public synchronized boolean isInSession() {
		return this.inSession;
	}

	private void connect() {
		if (this.stopped) {
			return;
		}
		this.http.newWebSocketBuilder()
			.connectTimeout(Duration.ofSeconds(10))
			.buildAsync(this.identity.masterUrl(), new Listener())
			.whenComplete((ws, failure) -> {
				if (failure != null) {
					log.info("Link to " + this.identity.masterUrl() + " failed: " + failure.getMessage());
					reconnectLater();
				}
			});
	}

	private synchronized void reconnectLater() {
		if (this.stopped) {
			return;
		}
		Duration delay = this.currentDelay;
		this.currentDelay = delay.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30)
				: delay.multipliedBy(2);
		this.timer.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	// ---- receiving

	private final class Listener implements WebSocket.Listener {

		private final StringBuilder partial = new StringBuilder();

		@Override
		public void onOpen(WebSocket webSocket) {
			synchronized (LinkBurnerClient.this) {
				LinkBurnerClient.this.socket = webSocket;
				LinkBurnerClient.this.handshakeSeq = new SeqCounter();
				LinkBurnerClient.this.inSession = false;
				LinkBurnerClient.this.lastHeardNanos = System.nanoTime();
			}
			webSocket.request(1);
		}

		@Override
		public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
			this.partial.append(data);
			if (this.partial.length() > LinkCodec.DEFAULT_LIMITS.maxMessageBytes()) {
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
					log.warn("Invalid message from the master, closing: " + ex.getMessage());
					sendRaw(webSocket, handshakeMessage(Close.of(ex.closeReason())));
					webSocket.sendClose(LinkProtocol.CLOSE_CODE_PROTOCOL_ERROR, "invalid message");
				}
			}
			webSocket.request(1);
			return null;
		}

		@Override
		public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
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
			log.error("The master refused this burner's token (close code 4003); not reconnecting. "
					+ "Mint a new token with the admin API and restart the agent.");
			this.stopped = true;
			return;
		}
		if (reason.startsWith(LinkProtocol.CLOSE_REGISTERED_FROM_ANOTHER_CONNECTION)) {
			log.error("Another agent registered with slave id " + this.identity.slaveId() + "; not reconnecting");
			this.stopped = true;
			return;
		}
		log.info("Link closed (" + statusCode + " " + reason + "); reconnecting");
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
				log.info("Master closed the link: " + close.reason());
				synchronized (this) {
					this.sessionToken = null;
					this.buffer.clear();
				}
			}
			case BurnLink.BurnOrder order -> {
				String error = this.engine.burn(order.hash(), () -> this.reporter);
				synchronized (this) {
					LinkMessage response = (error == null)
							? this.catalogue.response(this.seq.next(), message, BurnLink.Accepted.yes())
							: this.catalogue.errorResponse(this.seq.next(), message,
									error + ": " + this.engine.describe(error, order.hash()));
					bufferAndSend(response);
				}
			}
			case BurnLink.Eject eject -> this.engine.eject(this.reporter);
			default -> log.debug("Ignoring " + message.type() + " from the master");
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
					this.currentDelay = this.reconnectDelay;
				}
				announce();
			}
			case Continue resumed -> {
				synchronized (this) {
					if (resumed.heartbeatInterval() != null) {
						this.heartbeatInterval = resumed.heartbeatInterval();
					}
					this.inSession = true;
					this.currentDelay = this.reconnectDelay;
					acknowledge(resumed.lastSeq());
					for (Buffered buffered : this.buffer) {
						sendRaw(webSocket, buffered.text());
					}
				}
				log.info("Link session resumed");
			}
			case Invalidate invalidate -> {
				synchronized (this) {
					this.sessionToken = null;
					this.buffer.clear();
				}
				sendRaw(webSocket, handshakeMessage(register()));
			}
			case Close close -> log.info("Master refused the link: " + close.reason());
			default -> log.debug("Ignoring " + message.type() + " during the handshake");
		}
	}

	private RegisterSlave register() {
		return RegisterSlave.of(this.identity.token(), AGENT, this.identity.name(), this.identity.slaveId());
	}

	private synchronized String handshakeMessage(LinkData data) {
		return this.codec.encode(this.catalogue.message(this.handshakeSeq.next(), data));
	}

	private void announce() {
		List<BurnLink.Image> images = new ArrayList<>();
		for (IsoLibrary.Image image : this.library.scan()) {
			images.add(new BurnLink.Image(image.hash(), image.fileName(), "", image.sizeBytes()));
		}
		send(new BurnLink.BurnerCapabilities(this.identity.uid(), this.identity.type(), images));
		if (this.engine.burning() == null) {
			send(new BurnLink.BurnerIdle(media(), DriveState.ofWire(this.engine.driveState())));
		}
	}

	private Media media() {
		return (this.identity.type() == BurnerType.BURNCDR) ? Media.CDR : Media.DVD;
	}

	// ---- sending

	private synchronized void acknowledge(long ack) {
		while (!this.buffer.isEmpty() && this.buffer.peekFirst().seq() <= ack) {
			this.buffer.removeFirst();
		}
	}

	/** Sends a session message: numbered, buffered until acknowledged, sent now if connected. */
	private synchronized void send(LinkData data) {
		bufferAndSend(this.catalogue.message(this.seq.next(), data));
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
				webSocket.sendText(text, true).get(10, TimeUnit.SECONDS);
			}
			catch (Exception ex) {
				log.debug("Link send failed: " + ex.getMessage());
				webSocket.abort();
			}
		});
	}

	private void tick() {
		try {
			WebSocket current;
			boolean heartbeat = false;
			boolean status = false;
			synchronized (this) {
				current = this.socket;
				if (current == null || !this.inSession) {
					return;
				}
				long now = System.nanoTime();
				if (now - this.lastHeardNanos > this.heartbeatInterval.multipliedBy(2).toNanos()) {
					log.info("No heartbeat from the master for two intervals; dropping the connection to resume");
					this.socket = null;
					this.inSession = false;
				}
				else {
					heartbeat = now - this.lastHeartbeatNanos >= this.heartbeatInterval.toNanos();
					status = now - this.lastStatusNanos >= this.statusInterval.toNanos();
					if (heartbeat) {
						this.lastHeartbeatNanos = now;
						sendRaw(current, this.codec.encode(this.catalogue.message(this.seq.next(),
								Heartbeat.of(this.lastReceived))));
					}
					if (status) {
						this.lastStatusNanos = now;
					}
				}
			}
			if (!this.inSessionSnapshot(current)) {
				current.abort();
				reconnectLater();
				return;
			}
			if (status && this.engine.mayReportIdle()) {
				send(new BurnLink.BurnerIdle(media(), DriveState.ofWire(this.engine.driveState())));
			}
		}
		catch (RuntimeException ex) {
			log.warn("Link timer failed", ex);
		}
	}

	private synchronized boolean inSessionSnapshot(WebSocket current) {
		return this.socket == current;
	}

	private final BurnReporter reporter = new BurnReporter() {

		@Override
		public void progress(String hash, int percent) {
			send(new BurnLink.BurnProgress(hash, percent));
		}

		@Override
		public void completed(String hash, Duration burnTime) {
			send(new BurnLink.BurnCompleted(hash, burnTime.toMillis() / 1000.0));
		}

		@Override
		public void verified(String hash, boolean passed) {
			send(new BurnLink.BurnVerified(hash, passed ? Verdict.PASS : Verdict.FAIL));
		}

		@Override
		public void error(String code, String text) {
			send(new BurnLink.BurnError(code, text));
		}

		@Override
		public void idle(String driveState) {
			send(new BurnLink.BurnerIdle(media(), DriveState.ofWire(driveState)));
		}

	};

	@Override
	public void close() {
		this.stopped = true;
		WebSocket current;
		synchronized (this) {
			current = this.socket;
			this.socket = null;
			this.inSession = false;
		}
		if (current != null) {
			current.abort();
		}
		this.timer.shutdownNow();
		this.sender.shutdownNow();
	}

}
