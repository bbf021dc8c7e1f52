package io.mediafleet.tsppeer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.mediafleet.schema.codec.CodecException;
import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.InitPayload;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.schema.tsp.TspPayloads;
import io.mediafleet.schema.tsp.TspType;

/**
 * A peer's persistent connection to the TSP tracker: announces the peer with {@code INIT} (when given an
 * announcement), asks {@code LIST} and {@code INFO}, keeps the latest {@code BROADCAST_LIST}, and reconnects with
 * exponential backoff (announcing again) whenever the connection is lost.
 *
 * <p>Requests are answered in order on the one connection, so pending requests wait in a queue and each answer
 * ({@code LIST}, {@code INFO} or {@code ERROR}) completes the oldest; {@code BROADCAST_LIST} frames may arrive
 * between answers. The tracker answers a bad {@code INIT} with an {@code ERROR} whose text starts with
 * {@code INIT}; such errors are kept in {@link #lastError()}, not given to a request. With a token the client sends
 * it in a {@code TOKEN} line of every {@code INIT}; a tracker that refuses the peer ({@code INIT refused: ...}) keeps
 * the connection, so {@code LIST} and {@code INFO} still work and the refusal is in {@link #lastError()}.
 *
 * <p>A peer that announces itself also subscribes to delta broadcasts ({@code BROADCAST_LIST 1} before each
 * {@code INIT}, the opt-in extension in {@code docs/protocols/tsp.md}): the first broadcast on a connection is the
 * whole catalogue, later ones carry only changed entries (a song without hosts is gone), which this client merges
 * into the catalogue it holds. A tracker without the extension answers that subscription with an {@code ERROR}
 * starting {@code BROADCAST_LIST}; it is not given to a request, and whole broadcasts keep working as before. A
 * tracker that refused, or hung up before sending anything after the subscription, is not asked again.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link Settings#maxPayloadBytes()}: largest catalogue payload accepted (default 64 MiB).</li>
 * <li>The catalogue merged from deltas holds at most {@link TspPayloads#DEFAULT_MAX_LINES} songs, as many as one
 * whole broadcast may carry; a tracker whose deltas grow it beyond that is disconnected.</li>
 * <li>{@link Settings#maxPendingRequests()}: most requests waiting for their answer (default 1024).</li>
 * </ul>
 *
 * <p>Thread-safe. {@link #start()} runs the connection on one daemon thread; {@link #close()} sends {@code QUIT}.
 */
public final class TrackerClient implements AutoCloseable {

	/** Song id of the delta subscription: the extension's version. */
	static final int DELTA_VERSION = 1;

	private final PeerAddress tracker;

	private final Settings settings;

	private final @Nullable Supplier<InitPayload> announcement;

	/** The tracker's peer token, sent in the {@code TOKEN} line of every {@code INIT}; {@code null}: none. */
	private final @Nullable String token;

	private final Consumer<List<CatalogueEntry>> catalogueListener;

	private final TspPayloads payloads = new TspPayloads();

	private final Object lock = new Object();

	private final Deque<CompletableFuture<TspFrame>> pending = new ArrayDeque<>();

	private final AtomicInteger connects = new AtomicInteger();

	private final AtomicInteger failedConnects = new AtomicInteger();

	private final AtomicLong deltasApplied = new AtomicLong();

	private final AtomicLong broadcasts = new AtomicLong();

	/** The catalogue of this connection's broadcasts by song id (connection thread only); deltas apply to it. */
	private final Map<Integer, CatalogueEntry> held = new TreeMap<>();

	/** Whether the next connection subscribes; off for good once a tracker refused (connection thread only). */
	private boolean subscribeToDeltas = true;

	/** Frames read on the current connection (connection thread only). */
	private long framesOnConnection;

	private @Nullable FrameSocket connection;

	private volatile List<CatalogueEntry> catalogue = List.of();

	private volatile @Nullable String lastError;

	private volatile boolean closed;

	private @Nullable Thread thread;

	/**
	 * Client of the tracker at {@code tracker}.
	 * @param announcement what to announce in {@code INIT} after every (re)connect, or {@code null} to only ask
	 * (a browsing client such as {@code tsp list})
	 * @param catalogueListener called on the connection thread with every {@code BROADCAST_LIST}
	 */
	public TrackerClient(PeerAddress tracker, Settings settings, @Nullable Supplier<InitPayload> announcement,
			Consumer<List<CatalogueEntry>> catalogueListener) {
		this(tracker, settings, null, announcement, catalogueListener);
	}

	/**
	 * Client of the tracker at {@code tracker} that proves itself with the tracker's peer token.
	 * @param token sent in a {@code TOKEN} line of every {@code INIT} (a tracker refuses {@code INIT} without it unless
	 * it admits this peer's network anonymously); {@code null} or blank sends none, as the seed's peers did
	 * @param announcement what to announce in {@code INIT} after every (re)connect, or {@code null} to only ask
	 * @param catalogueListener called on the connection thread with every {@code BROADCAST_LIST}
	 * @throws IllegalArgumentException if the token cannot travel in a {@code TOKEN} line (spaces, control characters)
	 */
	public TrackerClient(PeerAddress tracker, Settings settings, @Nullable String token,
			@Nullable Supplier<InitPayload> announcement, Consumer<List<CatalogueEntry>> catalogueListener) {
		this.tracker = Objects.requireNonNull(tracker, "tracker");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.token = (token == null || token.isBlank()) ? null : TspPayloads.checkToken(token);
		this.announcement = announcement;
		this.catalogueListener = Objects.requireNonNull(catalogueListener, "catalogueListener");
	}

	/** Browsing client with default settings: no {@code INIT}, no listener. */
	public static TrackerClient browsing(PeerAddress tracker) {
		return new TrackerClient(tracker, Settings.DEFAULTS, null, (catalogue) -> {
		});
	}

	/** Starts connecting in the background; returns at once. */
	public void start() {
		synchronized (this.lock) {
			if (this.thread != null) {
				return;
			}
			this.thread = Thread.ofPlatform().daemon().name("tsp-tracker-client-" + this.tracker).start(this::run);
		}
	}

	/**
	 * Every song of the catalogue with its hosts ({@code LIST}).
	 * @throws TrackerException if there is no connection within the request timeout or the request fails
	 */
	public List<CatalogueEntry> list() throws TrackerException {
		return entries(request(TspFrame.of(TspType.LIST, TspFrame.NO_SONG)));
	}

	/**
	 * One song ({@code INFO id}), or every song for {@link TspFrame#NO_SONG}.
	 * @throws TrackerException if the tracker answers {@code ERROR} (no such song) or the request fails
	 */
	public List<CatalogueEntry> info(int songId) throws TrackerException {
		return entries(request(TspFrame.of(TspType.INFO, songId)));
	}

	/** Sends {@code INIT} again (the folder changed), if connected; otherwise the next connect announces. */
	public void announce() {
		FrameSocket socket = current();
		Supplier<InitPayload> init = this.announcement;
		if (socket != null && init != null) {
			try {
				socket.send(initFrame(init));
			}
			catch (IOException ex) {
				closeQuietly(socket);
			}
		}
	}

	/** The catalogue of the latest {@code BROADCAST_LIST}, empty before the first. */
	public List<CatalogueEntry> catalogue() {
		return this.catalogue;
	}

	/** Whether the connection is up. */
	public boolean isConnected() {
		return current() != null;
	}

	/** How many delta broadcasts were merged into the catalogue (0 with a tracker without the extension). */
	public long deltaBroadcastsApplied() {
		return this.deltasApplied.get();
	}

	/** How many {@code BROADCAST_LIST} frames were received (the first answers this peer's {@code INIT}). */
	public long broadcastsReceived() {
		return this.broadcasts.get();
	}

	/** How many times a connection was established. */
	public int connectCount() {
		return this.connects.get();
	}

	/** The text of the latest unsolicited {@code ERROR} (a refused {@code INIT}), if any. */
	public @Nullable String lastError() {
		return this.lastError;
	}

	/** The tracker's address. */
	public PeerAddress tracker() {
		return this.tracker;
	}

	/** Sends {@code QUIT} (so the tracker drops this peer's songs at once) and stops reconnecting. */
	@Override
	public void close() {
		Thread running;
		FrameSocket socket;
		synchronized (this.lock) {
			this.closed = true;
			running = this.thread;
			socket = this.connection;
			this.lock.notifyAll();
		}
		if (socket != null) {
			try {
				socket.send(TspFrame.of(TspType.QUIT, TspFrame.NO_SONG));
			}
			catch (IOException ex) {
				// the tracker drops us anyway when the connection goes
			}
			closeQuietly(socket);
		}
		if (running != null) {
			running.interrupt();
		}
		failPending(new TrackerException("tracker client closed"));
	}

	private TspFrame initFrame(Supplier<InitPayload> init) {
		return TspFrame.of(TspType.INIT, TspFrame.NO_SONG, this.payloads.formatInit(init.get().withToken(this.token)));
	}

	private TspFrame request(TspFrame frame) throws TrackerException {
		FrameSocket socket = awaitConnection();
		CompletableFuture<TspFrame> answer = new CompletableFuture<>();
		synchronized (this.lock) {
			if (this.pending.size() >= this.settings.maxPendingRequests()) {
				throw new TrackerException("more than " + this.settings.maxPendingRequests() + " requests pending");
			}
			this.pending.add(answer);
			try {
				socket.send(frame);
			}
			catch (IOException ex) {
				this.pending.remove(answer);
				closeQuietly(socket);
				throw new TrackerException("sending " + frame.type() + " to the tracker " + this.tracker + " failed", ex);
			}
		}
		try {
			TspFrame reply = answer.get(this.settings.requestTimeout().toMillis(), TimeUnit.MILLISECONDS);
			if (reply.type() == TspType.ERROR) {
				throw new TrackerException("tracker: " + reply.payloadText());
			}
			return reply;
		}
		catch (TimeoutException ex) {
			synchronized (this.lock) {
				this.pending.remove(answer);
			}
			throw new TrackerException("no answer to " + frame.type() + " from the tracker " + this.tracker + " within "
					+ this.settings.requestTimeout());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new TrackerException("interrupted", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof TrackerException te) ? new TrackerException(te.getMessage(), te)
					: new TrackerException("request failed", ex.getCause());
		}
		catch (CodecException ex) {
			throw new TrackerException("tracker answered unreadable text: " + ex.getMessage(), ex);
		}
	}

	private List<CatalogueEntry> entries(TspFrame answer) throws TrackerException {
		try {
			return this.payloads.parseCatalogue(answer.payload());
		}
		catch (CodecException ex) {
			throw new TrackerException("tracker sent a malformed catalogue: " + ex.getMessage(), ex);
		}
	}

	private FrameSocket awaitConnection() throws TrackerException {
		start();
		long deadline = System.nanoTime() + this.settings.requestTimeout().toNanos();
		synchronized (this.lock) {
			while (this.connection == null && !this.closed) {
				if (this.announcement == null && this.failedConnects.get() > 0) {
					// a browsing client (a person typing `tsp list`) wants the reason now, not after the timeout
					throw new TrackerException("no connection to the tracker " + this.tracker + ": " + this.lastError);
				}
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					throw new TrackerException("no connection to the tracker " + this.tracker + " within "
							+ this.settings.requestTimeout() + ((this.lastError != null) ? ": " + this.lastError : ""));
				}
				try {
					TimeUnit.NANOSECONDS.timedWait(this.lock, left);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new TrackerException("interrupted", ex);
				}
			}
			if (this.closed || this.connection == null) {
				throw new TrackerException("tracker client closed");
			}
			return this.connection;
		}
	}

	private @Nullable FrameSocket current() {
		synchronized (this.lock) {
			return this.connection;
		}
	}

	private void run() {
		Duration backoff = this.settings.minBackoff();
		while (!this.closed) {
			FrameSocket socket = null;
			boolean subscribed = false;
			this.framesOnConnection = 0;
			try {
				socket = FrameSocket.connect(this.tracker, this.settings.connectTimeout(), Duration.ZERO,
						this.settings.maxPayloadBytes(), null);
				Supplier<InitPayload> init = this.announcement;
				// A subscription lasts as long as its connection, and the first broadcast of a connection is whole.
				this.held.clear();
				if (init != null) {
					if (this.subscribeToDeltas) {
						socket.send(TspFrame.of(TspType.BROADCAST_LIST, DELTA_VERSION));
						subscribed = true;
					}
					socket.send(initFrame(init));
				}
				synchronized (this.lock) {
					if (this.closed) {
						break;
					}
					this.connection = socket;
					this.lock.notifyAll();
				}
				this.connects.incrementAndGet();
				backoff = this.settings.minBackoff();
				read(socket);
				this.lastError = "connection to the tracker " + this.tracker + " lost";
			}
			catch (IOException | RuntimeException ex) {
				this.lastError = "tracker " + this.tracker + ": " + ex.getMessage();
				synchronized (this.lock) {
					this.failedConnects.incrementAndGet();
					this.lock.notifyAll();
				}
			}
			finally {
				if (subscribed && this.framesOnConnection == 0 && !this.closed) {
					// A tracker that hangs up on the subscription (rather than answering ERROR) must not make this
					// client reconnect for ever: whole catalogues only from now on, as from a seed tracker.
					this.subscribeToDeltas = false;
					this.lastError = "tracker " + this.tracker
							+ " closed the connection after the delta subscription; whole catalogues only from now on";
				}
				synchronized (this.lock) {
					if (this.connection == socket) {
						this.connection = null;
					}
				}
				if (socket != null) {
					closeQuietly(socket);
				}
				failPending(new TrackerException("connection to the tracker " + this.tracker + " lost"));
			}
			synchronized (this.lock) {
				if (this.closed) {
					break;
				}
				try {
					this.lock.wait(backoff.toMillis());
				}
				catch (InterruptedException ex) {
					break;
				}
			}
			backoff = min(backoff.multipliedBy(2), this.settings.maxBackoff());
		}
	}

	private void read(FrameSocket socket) throws IOException {
		for (TspFrame frame = socket.next(); frame != null; frame = socket.next()) {
			this.framesOnConnection++;
			switch (frame.type()) {
				case BROADCAST_LIST -> {
					List<CatalogueEntry> entries;
					try {
						entries = this.payloads.parseCatalogue(frame.payload());
					}
					catch (CodecException ex) {
						this.lastError = "tracker sent a malformed BROADCAST_LIST: " + ex.getMessage();
						if (frame.songId() > 0) {
							// Later deltas would apply to the wrong catalogue: reconnect for a whole one.
							throw new IOException(this.lastError, ex);
						}
						continue;
					}
					List<CatalogueEntry> merged = merge(frame.songId(), entries);
					this.catalogue = merged;
					this.broadcasts.incrementAndGet();
					this.catalogueListener.accept(merged);
				}
				case ERROR -> {
					String text = safeText(frame);
					if (text.startsWith("INIT")) {
						this.lastError = text;
					}
					else if (text.startsWith("BROADCAST_LIST")) {
						// A tracker without the delta extension: whole catalogues only, nothing else changes.
						this.subscribeToDeltas = false;
						this.lastError = "tracker does not send delta broadcasts: " + text;
					}
					else {
						completeOldest(frame);
					}
				}
				case LIST, INFO -> completeOldest(frame);
				default -> this.lastError = "tracker sent an unexpected " + frame.type() + " frame";
			}
		}
	}

	/**
	 * The catalogue after a broadcast: a whole one (song id -1) replaces what is held, a delta (the broadcast's
	 * positive number) replaces the entries it lists and drops those without hosts.
	 */
	private List<CatalogueEntry> merge(int broadcast, List<CatalogueEntry> entries) throws IOException {
		if (broadcast <= 0) {
			this.held.clear();
		}
		else {
			this.deltasApplied.incrementAndGet();
		}
		for (CatalogueEntry entry : entries) {
			if (entry.hosts().isEmpty()) {
				this.held.remove(entry.songId());
			}
			else {
				this.held.put(entry.songId(), entry);
			}
		}
		if (this.held.size() > TspPayloads.DEFAULT_MAX_LINES) {
			this.held.clear();
			throw new IOException("tracker's catalogue grew beyond " + TspPayloads.DEFAULT_MAX_LINES + " songs");
		}
		return List.copyOf(this.held.values());
	}

	private void completeOldest(TspFrame frame) {
		CompletableFuture<TspFrame> oldest;
		synchronized (this.lock) {
			oldest = this.pending.poll();
		}
		if (oldest != null) {
			oldest.complete(frame);
		}
	}

	private void failPending(TrackerException failure) {
		List<CompletableFuture<TspFrame>> failed;
		synchronized (this.lock) {
			failed = List.copyOf(this.pending);
			this.pending.clear();
		}
		failed.forEach((future) -> future.completeExceptionally(failure));
	}

	private static String safeText(TspFrame frame) {
		try {
			return frame.payloadText();
		}
		catch (CodecException ex) {
			return "(not UTF-8)";
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	static void closeQuietly(FrameSocket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// closing anyway
		}
	}

	/**
	 * How the client connects and waits.
	 *
	 * @param connectTimeout longest wait for the TCP connection
	 * @param requestTimeout longest wait for a connection and an answer to {@code LIST}/{@code INFO}
	 * @param minBackoff first wait before reconnecting
	 * @param maxBackoff longest wait before reconnecting (the wait doubles up to it)
	 * @param maxPayloadBytes largest catalogue payload accepted
	 * @param maxPendingRequests most requests waiting for their answer
	 */
	public record Settings(Duration connectTimeout, Duration requestTimeout, Duration minBackoff, Duration maxBackoff,
			int maxPayloadBytes, int maxPendingRequests) {

		/** 5 s connect, 10 s request, backoff 100 ms to 10 s, 64 MiB catalogues, 1024 pending. */
		public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(5), Duration.ofSeconds(10),
				Duration.ofMillis(100), Duration.ofSeconds(10), 64 * 1024 * 1024, 1024);

		public Settings {
			requirePositive("connectTimeout", connectTimeout);
			requirePositive("requestTimeout", requestTimeout);
			requirePositive("minBackoff", minBackoff);
			if (maxBackoff.compareTo(minBackoff) < 0) {
				throw new IllegalArgumentException("maxBackoff must not be below minBackoff");
			}
			if (maxPayloadBytes < 1 || maxPendingRequests < 1) {
				throw new IllegalArgumentException("maxPayloadBytes and maxPendingRequests must be positive");
			}
		}

		/** These settings with another request timeout. */
		public Settings withRequestTimeout(Duration timeout) {
			return new Settings(this.connectTimeout, timeout, this.minBackoff, this.maxBackoff, this.maxPayloadBytes,
					this.maxPendingRequests);
		}

		private static void requirePositive(String name, Duration value) {
			if (value.isNegative() || value.isZero()) {
				throw new IllegalArgumentException(name + " must be positive but was " + value);
			}
		}
	}

}
