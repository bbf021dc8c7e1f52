package io.mediafleet.streamer.stream;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import io.mediafleet.streamer.stream.SchedulerLink.ListenerCredentials;
import io.mediafleet.streamer.stream.SchedulerLink.ListenerIdentity;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * The dedicated listener port: serves {@code GET /radios/{uuid}} (also {@code .mp3}) like the Spring MVC
 * {@link ListenerController}, but from one non-blocking accepting thread and a few {@link ListenerWriter writer
 * threads} instead of one blocked thread and a Tomcat connection per listener.
 * <p>
 * Every write interval the accepting thread takes each radio's new frames once ({@link RadioBroadcaster#takeShared()}),
 * copies them into one shared read-only buffer, and hands it to every writer thread, which writes it to each of its
 * listeners of the radio with a single gathering write (duplicates of the shared buffer, never per-listener copies; ICY metadata blocks go between
 * them). A listener's socket that takes less leaves the rest pending; a listener whose pending bytes pass the
 * listener queue size is dropped and counted, exactly like a full queue on the controller path. Semantics are the
 * controller's: 404 for a path that is not a radio or a radio the scheduler does not know, 503 above the listener
 * limit or when the scheduler does not answer, burst on connect, ICY metadata on {@code Icy-MetaData: 1},
 * credentials checked with {@code user_authentication}, {@code register_listener}/{@code unregister_listener}. The
 * response is HTTP/1.0 without chunking, as Icecast answers.
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link #MAX_HEAD_BYTES}: largest request head read (larger: 431).</li>
 * <li>{@link #MAX_HANDSHAKES}: connections still sending their request; above this the server stops accepting
 * until some finish (the kernel's backlog holds the rest).</li>
 * <li>{@link #HANDSHAKE_TIMEOUT_NANOS}: a connection that has not sent its request by then is closed.</li>
 * <li>{@code maxHandshakesPerAddress}: connections of one source address still sending their request; a new one
 * beyond it is closed at accept, so one address cannot take every handshake slot while others wait.</li>
 * <li>the listener queue size of {@link StreamSettings}: most bytes pending for one listener.</li>
 * </ul>
 */
final class ListenerServer implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(ListenerServer.class);

	static final int MAX_HEAD_BYTES = 8192;

	/** Request head buffer of a new connection, grown up to {@link #MAX_HEAD_BYTES}. */
	static final int INITIAL_HEAD_BYTES = 1024;

	static final int MAX_HANDSHAKES = 4096;

	static final long HANDSHAKE_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(10);

	/** Shortest write interval: below it the thread would do little but wake up. */
	static final Duration MIN_WRITE_INTERVAL = Duration.ofMillis(10);

	/** Longest write interval: a listener must see several writes in every 2 s. */
	static final Duration MAX_WRITE_INTERVAL = Duration.ofSeconds(1);

	private final StreamSettings settings;

	private final RadioHub hub;

	private final SchedulerLink link;

	private final StreamMetrics metrics;

	private final InetSocketAddress bindAddress;

	private final int backlog;

	private final int sendBuffer;

	private final long tickNanos;

	private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

	// Everything below is touched by the I/O thread only.
	private final Map<RadioBroadcaster, Audience> audiences = new HashMap<>();

	private final Set<Handshake> handshakes = new HashSet<>();

	private final Map<InetAddress, Integer> handshakesPerAddress = new HashMap<>();

	private final int maxHandshakesPerAddress;

	private final Set<SocketChannel> answering = new HashSet<>();

	private final ListenerWriter[] writers;

	private @Nullable Selector selector;

	private @Nullable ServerSocketChannel server;

	private @Nullable SelectionKey acceptKey;

	private @Nullable Thread thread;

	private volatile boolean running;

	private volatile int port = -1;

	/**
	 * @param bindAddress where to listen (port 0: any free port)
	 * @param backlog the listen backlog, so connection storms queue in the kernel instead of being refused
	 * @param sendBuffer each connection's kernel send buffer in bytes, 0 for the system's auto-tuning
	 * @param writeInterval time between two shared writes
	 * @param writeThreads threads writing to listeners (each listener is written by one of them)
	 */
	ListenerServer(StreamSettings settings, RadioHub hub, SchedulerLink link, StreamMetrics metrics,
			InetSocketAddress bindAddress, int backlog, int sendBuffer, Duration writeInterval,
			int maxHandshakesPerAddress, int writeThreads) {
		if (maxHandshakesPerAddress < 1) {
			throw new IllegalArgumentException(
					"maxHandshakesPerAddress must be at least 1 but was " + maxHandshakesPerAddress);
		}
		if (writeThreads < 1) {
			throw new IllegalArgumentException("writeThreads must be at least 1 but was " + writeThreads);
		}
		this.writers = new ListenerWriter[writeThreads];
		for (int i = 0; i < writeThreads; i++) {
			this.writers[i] = new ListenerWriter(settings.listenerQueueBytes(), metrics, this::departed);
		}
		this.maxHandshakesPerAddress = maxHandshakesPerAddress;
		this.settings = settings;
		this.hub = hub;
		this.link = link;
		this.metrics = metrics;
		this.bindAddress = bindAddress;
		this.backlog = backlog;
		this.sendBuffer = sendBuffer;
		if (writeInterval.compareTo(MIN_WRITE_INTERVAL) < 0 || writeInterval.compareTo(MAX_WRITE_INTERVAL) > 0) {
			throw new IllegalArgumentException("listener write interval must be " + MIN_WRITE_INTERVAL.toMillis() + " ms to "
					+ MAX_WRITE_INTERVAL.toMillis() + " ms but was " + writeInterval);
		}
		this.tickNanos = writeInterval.toNanos();
	}

	/** The port listened on, once started. */
	int port() {
		return this.port;
	}

	@Override
	public void start() {
		try {
			Selector selector = Selector.open();
			ServerSocketChannel server = ServerSocketChannel.open();
			server.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			server.bind(this.bindAddress, this.backlog);
			server.configureBlocking(false);
			this.acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
			this.selector = selector;
			this.server = server;
			this.port = ((InetSocketAddress) server.getLocalAddress()).getPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException("cannot listen for listeners on " + this.bindAddress + ": " + ex, ex);
		}
		this.running = true;
		for (int i = 0; i < this.writers.length; i++) {
			this.writers[i].start("listener-write-" + i);
		}
		this.thread = Thread.ofPlatform().name("listener-io").start(this::run);
		log.info("Listeners served on port " + this.port + " (" + this.writers.length + " writer threads)");
	}

	@Override
	public void stop() {
		this.running = false;
		Selector selector = this.selector;
		if (selector != null) {
			selector.wakeup();
		}
		Thread thread = this.thread;
		if (thread != null) {
			try {
				thread.join(5000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops before the radios (DEFAULT_PHASE - 512), so its listeners leave through the normal path.
		return SmartLifecycle.DEFAULT_PHASE - 256;
	}

	private void run() {
		Selector selector = this.selector;
		long nextTick = System.nanoTime() + this.tickNanos;
		try {
			while (this.running) {
				long wait = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nextTick - System.nanoTime()));
				try {
					selector.select(wait);
					for (SelectionKey key : selector.selectedKeys()) {
						ready(key);
					}
					selector.selectedKeys().clear();
					Runnable task;
					while ((task = this.tasks.poll()) != null) {
						task.run();
					}
					long now = System.nanoTime();
					if (now - nextTick >= 0) {
						tick(now);
						nextTick += this.tickNanos;
						if (now - nextTick > this.tickNanos) {
							// Behind by more than a tick (a paused process): do not try to catch up.
							nextTick = now + this.tickNanos;
						}
					}
				}
				catch (IOException | RuntimeException ex) {
					if (ex instanceof ClosedSelectorException) {
						return;
					}
					log.error("Listener server loop error (continuing)", ex);
				}
			}
		}
		finally {
			closeEverything();
		}
	}

	private void ready(SelectionKey key) {
		if (!key.isValid()) {
			return;
		}
		if (key.isAcceptable()) {
			accept();
		}
		else if (key.attachment() instanceof Handshake handshake && key.isReadable()) {
			read(handshake);
		}
	}

	private void accept() {
		ServerSocketChannel server = this.server;
		while (this.handshakes.size() < MAX_HANDSHAKES) {
			SocketChannel channel;
			try {
				channel = server.accept();
			}
			catch (IOException ex) {
				// Out of file descriptors, typically: stop accepting until the next tick rather than spin.
				log.warn("Accepting a listener failed: " + ex.getMessage());
				this.acceptKey.interestOps(0);
				return;
			}
			if (channel == null) {
				return;
			}
			InetAddress address = remoteAddress(channel);
			int fromAddress = this.handshakesPerAddress.getOrDefault(address, 0);
			if (fromAddress >= this.maxHandshakesPerAddress) {
				closeQuietly(channel);
				continue;
			}
			try {
				channel.configureBlocking(false);
				// Small writes every tick: do not let Nagle hold one back waiting for the previous one's ACK.
				channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
				if (this.sendBuffer > 0) {
					channel.setOption(StandardSocketOptions.SO_SNDBUF, this.sendBuffer);
				}
				Handshake handshake = new Handshake(channel, address, System.nanoTime() + HANDSHAKE_TIMEOUT_NANOS);
				handshake.key = channel.register(this.selector, SelectionKey.OP_READ, handshake);
				this.handshakes.add(handshake);
				this.handshakesPerAddress.put(address, fromAddress + 1);
			}
			catch (IOException ex) {
				closeQuietly(channel);
			}
		}
		this.acceptKey.interestOps(0);
	}

	private void read(Handshake handshake) {
		SocketChannel channel = handshake.channel;
		int end;
		try {
			int read = channel.read(ByteBuffer.wrap(handshake.head, handshake.length,
					handshake.head.length - handshake.length));
			if (read < 0) {
				endHandshake(handshake);
				closeQuietly(channel);
				return;
			}
			handshake.length += read;
			end = RequestHead.endOfHead(handshake.head, handshake.length);
		}
		catch (IOException ex) {
			endHandshake(handshake);
			closeQuietly(channel);
			return;
		}
		if (end < 0) {
			if (handshake.length == handshake.head.length && handshake.head.length < MAX_HEAD_BYTES) {
				// A long head (cookies, many headers): room for more, up to the limit.
				handshake.head = Arrays.copyOf(handshake.head, Math.min(MAX_HEAD_BYTES, 4 * handshake.head.length));
			}
			else if (handshake.length == handshake.head.length) {
				endHandshake(handshake);
				this.metrics.refusedBadRequest.increment();
				answer(channel, 431, "Request Header Fields Too Large", "", "Request head too large");
			}
			return;
		}
		endHandshake(handshake);
		handshake.key.interestOps(0);
		handshake.key.attach(null);
		RequestHead head;
		try {
			head = RequestHead.parse(handshake.head, end);
		}
		catch (RequestHead.BadRequestException ex) {
			this.metrics.refusedBadRequest.increment();
			answer(channel, 400, "Bad Request", "", ex.getMessage());
			return;
		}
		request(channel, handshake.key, head);
	}

	/** The peer's address; an unspecified one (never a real peer) when the channel cannot say. */
	private static InetAddress remoteAddress(SocketChannel channel) {
		try {
			if (channel.getRemoteAddress() instanceof InetSocketAddress remote) {
				return remote.getAddress();
			}
		}
		catch (IOException ex) {
			// fall through
		}
		return new InetSocketAddress(0).getAddress();
	}

	private void endHandshake(Handshake handshake) {
		if (this.handshakes.remove(handshake)) {
			this.handshakesPerAddress.computeIfPresent(handshake.address, (key, count) -> (count > 1) ? count - 1 : null);
		}
		if (this.running && this.acceptKey.isValid() && this.acceptKey.interestOps() == 0) {
			this.acceptKey.interestOps(SelectionKey.OP_ACCEPT);
		}
	}

	private void request(SocketChannel channel, SelectionKey key, RequestHead head) {
		if (!"GET".equals(head.method())) {
			this.metrics.refusedBadRequest.increment();
			answer(channel, 405, "Method Not Allowed", "Allow: GET\r\n", "Listeners use GET");
			return;
		}
		String path = head.path();
		String name = path.startsWith("/radios/") ? path.substring("/radios/".length()) : "";
		String radioUuid = ListenerRequests.radioOf(name);
		if (radioUuid == null) {
			answer(channel, 404, "Not Found", "", "No such radio");
			return;
		}
		InetAddress source = remoteAddress(channel);
		if (!this.hub.tryAdmit(source)) {
			answer(channel, 503, "Service Unavailable", "Retry-After: 10\r\n", "Listener limit reached");
			return;
		}
		ListenerCredentials credentials = ListenerRequests.credentials(head::parameter, head::header);
		CompletableFuture<ListenerIdentity> identity = (credentials == null)
				? CompletableFuture.completedFuture(ListenerIdentity.ANONYMOUS)
				: this.link.authenticate(credentials)
					.orTimeout(this.settings.schedulerTimeout().toMillis(), TimeUnit.MILLISECONDS)
					.exceptionally((failure) -> {
						log.info("Listener authentication got no answer (" + failure + "); listening anonymously");
						return ListenerIdentity.ANONYMOUS;
					});
		boolean metadata = "1".equals(head.header("Icy-MetaData"));
		boolean relay = head.header(ListenerRequests.RELAY_HEADER) != null;
		this.answering.add(channel);
		identity.whenComplete((who, failure) -> onLoop(() -> {
			this.metrics.identified(credentials != null, who);
			join(channel, key, radioUuid, who, metadata, relay, source);
		}));
	}

	private void join(SocketChannel channel, SelectionKey key, String radioUuid, ListenerIdentity identity,
			boolean metadata, boolean relay, @Nullable InetAddress source) {
		if (!this.running) {
			this.hub.release(source);
			return;
		}
		this.hub.join(radioUuid)
			.orTimeout(this.settings.schedulerTimeout().toMillis() + 1000, TimeUnit.MILLISECONDS)
			.whenComplete((radio, failure) -> onLoop(() -> joined(channel, key, radioUuid, identity, metadata, relay,
					source, radio, failure)));
	}

	private void joined(SocketChannel channel, SelectionKey key, String radioUuid, ListenerIdentity identity,
			boolean metadata, boolean relay, @Nullable InetAddress source, @Nullable RadioBroadcaster radio,
			@Nullable Throwable failure) {
		this.answering.remove(channel);
		if (failure != null || radio == null || !this.running || !channel.isOpen()) {
			this.hub.leave(radioUuid);
			this.hub.release(source);
			if (failure != null) {
				Throwable cause = (failure.getCause() != null) ? failure.getCause() : failure;
				log.info("Listener for radio " + radioUuid + " refused: " + cause.getMessage());
				answer(channel, 503, "Service Unavailable", "Retry-After: 10\r\n", "Radio not available now");
			}
			else if (radio == null) {
				answer(channel, 404, "Not Found", "", "No such radio");
			}
			else {
				closeQuietly(channel);
			}
			return;
		}
		int metaint = metadata ? this.settings.icyMetaint() : 0;
		Audience audience = this.audiences.computeIfAbsent(radio, Audience::new);
		ListenerSink sink = new ListenerSink(channel, radio, UUID.randomUUID().toString(), identity, metaint, source,
				audience.listeners);
		List<Frame> burst = new ArrayList<>();
		audience.carry.addAll(radio.attachShared(burst));
		// The frames carried to the next tick were published before this listener's burst was taken: it has them.
		sink.skipFrames = audience.carry.size();
		audience.listeners.incrementAndGet();
		sink.relay = relay;
		if (!relay) {
			this.link.registerListener(radioUuid, sink.sessionId, identity.userId());
		}
		sink.add(ByteBuffer.wrap(responseHead(radio, identity, metaint)));
		sink.append(SharedBatch.viewOf(burst), 0);
		// From here on the socket is the writer's: this selector never waits on it again.
		key.cancel();
		leastBusyWriter().add(sink);
	}

	/** The writer holding the fewest listeners (the first of them on a tie). */
	private ListenerWriter leastBusyWriter() {
		ListenerWriter chosen = this.writers[0];
		for (ListenerWriter writer : this.writers) {
			if (writer.listeners() < chosen.listeners()) {
				chosen = writer;
			}
		}
		return chosen;
	}

	/** Listeners held by each writer thread, in order. */
	int[] listenersPerWriter() {
		int[] counts = new int[this.writers.length];
		for (int i = 0; i < counts.length; i++) {
			counts[i] = this.writers[i].listeners();
		}
		return counts;
	}

	private byte[] responseHead(RadioBroadcaster radio, ListenerIdentity identity, int metaint) {
		StringBuilder head = new StringBuilder(256).append("HTTP/1.0 200 OK\r\n")
			.append("Content-Type: audio/mpeg\r\n")
			.append("Cache-Control: no-cache, no-store\r\n")
			.append("icy-name: ")
			.append(this.settings.serverName())
			.append(' ')
			.append(radio.radioUuid())
			.append("\r\n");
		if (radio.bitrateKbps() > 0) {
			head.append("icy-br: ").append(radio.bitrateKbps()).append("\r\n");
		}
		if (metaint > 0) {
			head.append("icy-metaint: ").append(metaint).append("\r\n");
		}
		head.append(ListenerRequests.HD_HEADER).append(": ").append(identity.hd()).append("\r\n");
		head.append("Connection: close\r\n\r\n");
		return head.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	/**
	 * Takes each radio's new frames once into one shared batch and hands the batches to every writer thread; closes
	 * handshakes that took too long.
	 */
	private void tick(long now) {
		List<RadioBroadcaster> radios = new ArrayList<>(this.audiences.size());
		List<SharedBatch> batches = new ArrayList<>(this.audiences.size());
		List<RadioBroadcaster> ended = null;
		for (Audience audience : this.audiences.values()) {
			boolean stopped = audience.radio.isStopped();
			if (stopped || audience.listeners.get() == 0) {
				if (ended == null) {
					ended = new ArrayList<>();
				}
				ended.add(audience.radio);
				continue;
			}
			List<Frame> frames = audience.carry;
			frames.addAll(audience.radio.takeShared());
			radios.add(audience.radio);
			batches.add(SharedBatch.copyOf(frames));
			frames.clear();
		}
		if (ended != null) {
			for (RadioBroadcaster radio : ended) {
				this.audiences.remove(radio);
				for (ListenerWriter writer : this.writers) {
					writer.closeRadio(radio);
				}
			}
		}
		if (!radios.isEmpty()) {
			for (ListenerWriter writer : this.writers) {
				writer.write(radios, batches);
			}
		}
		if (!this.handshakes.isEmpty()) {
			List<Handshake> late = null;
			for (Handshake handshake : this.handshakes) {
				if (now - handshake.deadline > 0) {
					if (late == null) {
						late = new ArrayList<>();
					}
					late.add(handshake);
				}
			}
			if (late != null) {
				for (Handshake handshake : late) {
					endHandshake(handshake);
					this.metrics.handshakeTimeouts.increment();
					closeQuietly(handshake.channel);
				}
			}
		}
		if (this.acceptKey.isValid() && this.acceptKey.interestOps() == 0 && this.handshakes.size() < MAX_HANDSHAKES) {
			this.acceptKey.interestOps(SelectionKey.OP_ACCEPT);
		}
	}

	/** A writer closed one of its listeners (on the writer's thread): the listener's bookkeeping. */
	private void departed(ListenerSink sink) {
		closeQuietly(sink.channel);
		sink.audience.decrementAndGet();
		sink.radio.detachShared();
		this.hub.leave(sink.radio.radioUuid());
		this.hub.release(sink.source);
		if (!sink.relay) {
			this.link.unregisterListener(sink.radio.radioUuid(), sink.sessionId, sink.identity.userId());
		}
	}

	/** Sends a short error answer and closes; the connection is not a listener. */
	private void answer(SocketChannel channel, int status, String reason, String headers, String body) {
		byte[] text = (body + "\n").getBytes(StandardCharsets.UTF_8);
		byte[] response = ("HTTP/1.0 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
				+ headers + "Content-Length: " + text.length + "\r\nConnection: close\r\n\r\n")
			.getBytes(StandardCharsets.ISO_8859_1);
		try {
			channel.write(new ByteBuffer[] { ByteBuffer.wrap(response), ByteBuffer.wrap(text) });
			channel.shutdownOutput();
			// Closing with unread request bytes would reset the connection and could destroy the answer in flight.
			ByteBuffer drain = ByteBuffer.allocate(MAX_HEAD_BYTES);
			for (int i = 0; i < 8 && channel.read(drain) > 0; i++) {
				drain.clear();
			}
		}
		catch (IOException ex) {
			// Gone already.
		}
		closeQuietly(channel);
	}

	private void onLoop(Runnable task) {
		this.tasks.add(task);
		Selector selector = this.selector;
		if (selector != null) {
			selector.wakeup();
		}
	}

	private void closeEverything() {
		for (ListenerWriter writer : this.writers) {
			writer.stop(5000);
		}
		this.audiences.clear();
		for (Handshake handshake : this.handshakes) {
			closeQuietly(handshake.channel);
		}
		this.handshakes.clear();
		// Listeners still waiting for the scheduler: their callbacks find the server stopped and release them.
		Runnable task;
		while ((task = this.tasks.poll()) != null) {
			task.run();
		}
		for (SocketChannel channel : this.answering) {
			closeQuietly(channel);
		}
		try {
			if (this.server != null) {
				this.server.close();
			}
			if (this.selector != null) {
				this.selector.close();
			}
		}
		catch (IOException ex) {
			log.debug("Closing the listener port: " + ex);
		}
	}

	private static void closeQuietly(SocketChannel channel) {
		try {
			channel.close();
		}
		catch (IOException ex) {
			// Nothing left to do.
		}
	}

	/** A connection still sending its request. */
	private static final class Handshake {

		final SocketChannel channel;

		final InetAddress address;

		final long deadline;

		/**
		 * What was read so far: small at first (a player's request head is a few hundred bytes, and 1,000 new
		 * listeners a second each zeroing 8 KiB showed in the accepting thread's profile), grown up to
		 * {@link #MAX_HEAD_BYTES} when a head is longer.
		 */
		byte[] head = new byte[INITIAL_HEAD_BYTES];

		int length;

		@Nullable SelectionKey key;

		Handshake(SocketChannel channel, InetAddress address, long deadline) {
			this.channel = channel;
			this.address = address;
			this.deadline = deadline;
		}

	}

	/** The listeners of one radio on this port, and frames taken for them but not yet written. */
	private static final class Audience {

		final RadioBroadcaster radio;

		/** Listeners of this radio held by the writers. */
		final AtomicInteger listeners = new AtomicInteger();

		final List<Frame> carry = new ArrayList<>();

		Audience(RadioBroadcaster radio) {
			this.radio = radio;
		}

	}

}
