package io.mediafleet.streamer.radio;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SslOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.IntegerOutput;
import io.lettuce.core.protocol.AsyncCommand;
import io.lettuce.core.protocol.Command;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.mediafleet.schema.radio.Ping;
import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.PlayRadio;
import io.mediafleet.schema.radio.Pong;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioCodec;
import io.mediafleet.schema.radio.RadioCodecException;
import io.mediafleet.schema.radio.RadioExists;
import io.mediafleet.schema.radio.RadioStarted;
import io.mediafleet.schema.radio.RadioStopped;
import io.mediafleet.schema.radio.RadioUnknown;
import io.mediafleet.schema.radio.RegisterListener;
import io.mediafleet.schema.radio.RegisterStreamer;
import io.mediafleet.schema.radio.SchedulerMessage;
import io.mediafleet.schema.radio.SchedulerTest;
import io.mediafleet.schema.radio.StopRadio;
import io.mediafleet.schema.radio.StreamerMessage;
import io.mediafleet.schema.radio.UnregisterListener;
import io.mediafleet.schema.radio.UnregisterStreamer;
import io.mediafleet.schema.radio.UserAuthenticationRequest;
import io.mediafleet.schema.radio.UserAuthenticationResult;
import io.mediafleet.streamer.stream.RadioHub;
import io.mediafleet.streamer.stream.SchedulerLink;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;

/**
 * This streamer's side of the radio control protocol over Redis pub/sub, using the schema module's
 * {@link RadioCodec} and {@link RadioChannels}.
 * <p>
 * It publishes to {@code yascheduler} and subscribes to {@code yastream.<id>}. On start, and again whenever the
 * subscription connection comes back after a Redis outage, it sends {@code register_streamer}, then
 * {@code play_radio} for every radio it plays and {@code register_listener} for every open session, because the
 * scheduler may have declared it dead meanwhile. It does the same when no {@code ping} has come for
 * {@code reannounceAfter}: a scheduler that started after this streamer (and so missed its registration), or
 * restarted and forgot it, never pings it; and at once when a {@code ping} comes after a silence much longer than
 * the usual interval ({@link PingGap}: Redis or the scheduler froze, and the scheduler may have dropped this streamer
 * for the pongs it missed). It answers each {@code ping} with {@code pong}, sends
 * {@code unregister_streamer} on a clean stop, and hands {@code play} to the {@link RadioHub}, with the time the
 * message arrived. Incoming messages are handled one at a time, in order, on one thread of their own, never on
 * Redis's I/O threads. A message that does not decode is logged, counted ({@code mediafleet.streamer.radio.rejected})
 * and dropped.
 * <p>
 * A re-announce runs on a thread of its own, so {@code ping} and {@code play} are handled meanwhile. After the
 * confirmed {@code register_streamer}, the {@code play_radio} and {@code register_listener} messages go out pipelined
 * on the same connection as every other message (so their order with a listener's own messages is kept), at most
 * {@link #ANNOUNCE_BATCH} per write, each batch confirmed before the next and {@link #ANNOUNCE_BATCH_PAUSE} after it:
 * 12,000 sessions are 24 writes spread over about 2.4 s, not 12,000 round trips competing with the listeners for the
 * CPU, nor one burst that the scheduler (and Redis) must digest at once on a machine they may share with this
 * streamer. A session that left while its batch was waiting is not announced.
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@link #MAX_PENDING_AUTHENTICATIONS}: authentications waiting for the scheduler's answer.</li>
 * <li>{@link #ANNOUNCE_BATCH}: messages of a re-announce in flight at once.</li>
 * </ul>
 */
final class SchedulerClient implements SchedulerLink, SmartLifecycle {

	private static final Log log = LogFactory.getLog(SchedulerClient.class);

	private static final RedisCodec<String, byte[]> CODEC = RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE);

	/** Pending authentications; a flood of listeners cannot grow the table past this. */
	static final int MAX_PENDING_AUTHENTICATIONS = 10_000;

	/** Messages of a re-announce written at once and awaited together. */
	static final int ANNOUNCE_BATCH = 512;

	/** Pause after each batch of a re-announce (about 5,000 sessions a second), so it does not come as one burst. */
	static final Duration ANNOUNCE_BATCH_PAUSE = Duration.ofMillis(100);

	/** How long one confirmed publish or one batch of a re-announce may take before the announce is retried. */
	private static final Duration CONFIRM_TIMEOUT = Duration.ofSeconds(2);

	private final RedisURI uri;

	private final @Nullable SslOptions ssl;

	private final RadioCodec codec;

	private final RadioChannels channels;

	private final String streamerId;

	private final ObjectProvider<RadioHub> hub;

	private final Duration announceTimeout;

	private final Duration reannounceAfter;

	/** When the last {@code ping} (or registration) was seen; no ping for {@link #reannounceAfter} re-registers. */
	private volatile long lastHeardNanos = System.nanoTime();

	/** A ping after an unusually long silence re-registers at once (only the message thread touches it). */
	private final PingGap pingGap = new PingGap();

	private final ScheduledExecutorService watchdog = Executors
		.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("scheduler-watchdog").factory());

	private final Counter rejected;

	private final Counter pongs;

	private final Counter registrations;

	private final Counter announcedSessions;

	private final ExecutorService inbox = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("scheduler-inbox").factory());

	private final ExecutorService announcer = Executors
		.newSingleThreadExecutor(Thread.ofVirtual().name("scheduler-announce").factory());

	/** An announce is queued and has not started: further requests join it instead of queueing another. */
	private final AtomicBoolean announceQueued = new AtomicBoolean();

	private final Map<String, CompletableFuture<RadioStart>> starting = new ConcurrentHashMap<>();

	private final Map<String, CompletableFuture<ListenerIdentity>> authenticating = new ConcurrentHashMap<>();

	private final Map<String, RegisterListener> sessions = new ConcurrentHashMap<>();

	private @Nullable ClientResources resources;

	private @Nullable RedisClient client;

	private @Nullable StatefulRedisConnection<String, byte[]> publisher;

	private @Nullable StatefulRedisPubSubConnection<String, byte[]> subscriber;

	private volatile boolean running;

	SchedulerClient(RedisURI uri, @Nullable SslOptions ssl, RadioCodec codec, RadioChannels channels, String streamerId,
			ObjectProvider<RadioHub> hub, Duration announceTimeout, Duration reannounceAfter, MeterRegistry registry) {
		this.uri = uri;
		this.ssl = ssl;
		this.codec = codec;
		this.channels = channels;
		this.streamerId = streamerId;
		this.hub = hub;
		this.announceTimeout = announceTimeout;
		this.reannounceAfter = reannounceAfter;
		this.rejected = Counter.builder("mediafleet.streamer.radio.rejected")
			.tag("protocol", "radio")
			.description("Scheduler messages that did not decode and were dropped")
			.register(registry);
		this.pongs = Counter.builder("mediafleet.streamer.radio.pongs").description("pong messages sent")
			.register(registry);
		this.registrations = Counter.builder("mediafleet.streamer.radio.registrations")
			.description("register_streamer messages sent (start and every reconnect)")
			.register(registry);
		this.announcedSessions = Counter.builder("mediafleet.streamer.radio.sessions.announced")
			.description("register_listener messages sent again by a re-announce")
			.register(registry);
	}

	@Override
	public void start() {
		ClientResources resources = ClientResources.builder()
			.reconnectDelay(Delay.exponential(Duration.ofMillis(100), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
			.build();
		RedisClient client = RedisClient.create(resources, this.uri);
		// Rejecting commands while disconnected keeps stale pongs and plays from piling up in memory.
		ClientOptions.Builder options = ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS);
		if (this.ssl != null) {
			options.sslOptions(this.ssl);
		}
		client.setOptions(options.build());
		this.resources = resources;
		this.client = client;
		this.publisher = client.connect(CODEC);
		StatefulRedisPubSubConnection<String, byte[]> subscriber = client.connectPubSub(CODEC);
		subscriber.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String channel, byte[] message) {
				long receivedAt = System.nanoTime();
				SchedulerClient.this.inbox.execute(() -> handle(message, receivedAt));
			}
		});
		this.subscriber = subscriber;
		subscriber.sync().subscribe(this.channels.streamerChannel(this.streamerId));
		client.addListener(new RedisConnectionStateListener() {
			@Override
			public void onRedisConnected(RedisChannelHandler<?, ?> connection,
					java.net.SocketAddress socketAddress) {
				if (connection == SchedulerClient.this.subscriber && SchedulerClient.this.running) {
					log.info("Redis connection back: registering again with the scheduler");
					requestAnnounce();
				}
			}
		});
		this.running = true;
		requestAnnounce();
		long checkMillis = Math.max(50, this.reannounceAfter.toMillis() / 4);
		this.watchdog.scheduleWithFixedDelay(this::reannounceIfForgotten, checkMillis, checkMillis,
				TimeUnit.MILLISECONDS);
	}

	private void reannounceIfForgotten() {
		if (this.running && System.nanoTime() - this.lastHeardNanos > this.reannounceAfter.toNanos()) {
			log.info("No ping from the scheduler for " + this.reannounceAfter + ": registering again");
			this.lastHeardNanos = System.nanoTime();
			requestAnnounce();
		}
	}

	private void requestAnnounce() {
		if (this.announceQueued.compareAndSet(false, true)) {
			try {
				this.announcer.execute(() -> {
					this.announceQueued.set(false);
					announce();
				});
			}
			catch (RuntimeException ex) {
				// Stopping: the executor refuses.
				this.announceQueued.set(false);
			}
		}
	}

	/**
	 * Registers this streamer and re-announces its radios and sessions; retries from the start while Redis is coming
	 * back, until nothing went out for {@code announceTimeout}.
	 */
	private void announce() {
		long deadline = System.nanoTime() + this.announceTimeout.toNanos();
		this.lastHeardNanos = System.nanoTime();
		while (this.running) {
			try {
				sendConfirmed(new RegisterStreamer(this.streamerId));
				this.registrations.increment();
				List<StreamerMessage> radios = new ArrayList<>();
				for (String radio : this.hub.getObject().playingRadios()) {
					radios.add(new PlayRadio(this.streamerId, radio));
				}
				sendBatchConfirmed(radios);
				List<RegisterListener> sessions = List.copyOf(this.sessions.values());
				for (int from = 0; from < sessions.size(); from += ANNOUNCE_BATCH) {
					List<StreamerMessage> batch = new ArrayList<>(ANNOUNCE_BATCH);
					for (RegisterListener session : sessions.subList(from,
							Math.min(sessions.size(), from + ANNOUNCE_BATCH))) {
						// Left since the snapshot: its unregister_listener is already out, do not revive it.
						if (this.sessions.get(session.sessionId()) == session) {
							batch.add(session);
						}
					}
					sendBatchConfirmed(batch);
					this.announcedSessions.increment(batch.size());
					// A long announce that progresses must not run out of time because of its own length.
					deadline = System.nanoTime() + this.announceTimeout.toNanos();
					if (from + ANNOUNCE_BATCH < sessions.size()) {
						Thread.sleep(ANNOUNCE_BATCH_PAUSE);
					}
				}
				return;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline) {
					log.warn("Could not register with the scheduler: " + ex.getMessage());
					return;
				}
				try {
					Thread.sleep(200);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public void stop() {
		this.running = false;
		this.watchdog.shutdownNow();
		this.announcer.shutdownNow();
		try {
			send(new UnregisterStreamer(this.streamerId));
		}
		catch (RuntimeException ex) {
			log.warn("Could not unregister from the scheduler: " + ex.getMessage());
		}
		this.inbox.shutdownNow();
		if (this.subscriber != null) {
			this.subscriber.close();
		}
		if (this.publisher != null) {
			this.publisher.close();
		}
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		if (this.resources != null) {
			this.resources.shutdown(0, 2, TimeUnit.SECONDS);
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		// Stops after the radios (DEFAULT_PHASE - 512) and the web server's graceful shutdown (- 1024), so every
		// unregister_listener is sent before unregister_streamer; starts before them.
		return SmartLifecycle.DEFAULT_PHASE - 1536;
	}

	void handle(byte[] bytes) {
		handle(bytes, System.nanoTime());
	}

	private void handle(byte[] bytes, long receivedAt) {
		SchedulerMessage message;
		try {
			message = this.codec.decodeSchedulerMessage(bytes);
		}
		catch (RadioCodecException ex) {
			this.rejected.increment();
			log.warn("Dropped a scheduler message: " + ex.getMessage());
			return;
		}
		try {
			dispatch(message, receivedAt);
		}
		catch (RuntimeException ex) {
			log.warn("Handling " + RadioCodec.typeName(message) + " failed: " + ex.getMessage(), ex);
		}
	}

	@Override
	public void reportLoad(int listeners, int listenerLimit, String listenUrl) {
		send(Pong.withLoad(this.streamerId, listeners, listenerLimit, listenUrl));
	}

	private void dispatch(SchedulerMessage message, long receivedAt) {
		switch (message) {
			case Ping ping -> {
				this.lastHeardNanos = System.nanoTime();
				if (this.pingGap.ping(this.lastHeardNanos)) {
					log.info("A ping came after an unusually long silence; the scheduler may have dropped this "
							+ "streamer meanwhile: registering again");
					requestAnnounce();
				}
				send(new Pong(this.streamerId));
				this.pongs.increment();
			}
			case SchedulerTest test -> log.info("Scheduler test echo: " + test.info());
			case RadioStarted started -> complete(started.radioUuid(), new RadioStart.Started());
			case RadioExists exists ->
				complete(exists.radioUuid(), new RadioStart.Exists(exists.masterStreamer(), exists.masterUrl()));
			case RadioUnknown unknown -> complete(unknown.radioUuid(), new RadioStart.Unknown());
			case RadioStopped stopped -> log.debug("Radio " + stopped.radioUuid() + " stopped");
			case Play play -> this.hub.getObject()
				.play(play.radioUuid(), play.filename(), play.delaySeconds(), play.offsetSeconds(),
						play.crossfadeSeconds(), receivedAt);
			case UserAuthenticationResult result -> {
				CompletableFuture<ListenerIdentity> pending = this.authenticating.remove(key(result.authToken(),
						result.username(), result.apiKey()));
				if (pending != null) {
					pending.complete(new ListenerIdentity(result.userId(), result.userId() != null && result.hd()));
				}
			}
		}
	}

	private void complete(String radioUuid, RadioStart start) {
		CompletableFuture<RadioStart> pending = this.starting.remove(radioUuid);
		if (pending != null) {
			pending.complete(start);
		}
	}

	@Override
	public CompletableFuture<RadioStart> startRadio(String radioUuid) {
		CompletableFuture<RadioStart> future = this.starting.computeIfAbsent(radioUuid, (id) -> {
			CompletableFuture<RadioStart> created = new CompletableFuture<>();
			sendQuietly(new PlayRadio(this.streamerId, id), created);
			return created;
		});
		// A request without answer must not stay in the table forever.
		future.whenComplete((start, failure) -> this.starting.remove(radioUuid, future));
		return future;
	}

	@Override
	public void stopRadio(String radioUuid) {
		sendQuietly(new StopRadio(this.streamerId, radioUuid), null);
	}

	@Override
	public CompletableFuture<ListenerIdentity> authenticate(ListenerCredentials credentials) {
		UserAuthenticationRequest request = (credentials.authToken() != null)
				? UserAuthenticationRequest.withToken(this.streamerId, credentials.authToken())
				: UserAuthenticationRequest.withApiKey(this.streamerId, credentials.username(), credentials.apiKey());
		if (this.authenticating.size() >= MAX_PENDING_AUTHENTICATIONS) {
			return CompletableFuture.completedFuture(ListenerIdentity.ANONYMOUS);
		}
		String key = key(request.authToken(), request.username(), request.apiKey());
		CompletableFuture<ListenerIdentity> future = this.authenticating.computeIfAbsent(key, (k) -> {
			CompletableFuture<ListenerIdentity> created = new CompletableFuture<>();
			sendQuietly(request, created);
			return created;
		});
		future.orTimeout(this.announceTimeout.toMillis(), TimeUnit.MILLISECONDS)
			.whenComplete((identity, failure) -> this.authenticating.remove(key, future));
		return future;
	}

	@Override
	public void registerListener(String radioUuid, String sessionId, @Nullable String userId) {
		RegisterListener message = new RegisterListener(radioUuid, sessionId, userId, this.streamerId);
		this.sessions.put(sessionId, message);
		sendQuietly(message, null);
	}

	@Override
	public void unregisterListener(String radioUuid, String sessionId, @Nullable String userId) {
		this.sessions.remove(sessionId);
		sendQuietly(new UnregisterListener(sessionId), null);
	}

	private static String key(@Nullable String token, @Nullable String username, @Nullable String apiKey) {
		return (token != null) ? "t:" + token : "u:" + username + "\n" + apiKey;
	}

	private void sendQuietly(StreamerMessage message, @Nullable CompletableFuture<?> failOnError) {
		try {
			send(message);
		}
		catch (RuntimeException ex) {
			log.warn("Could not send " + RadioCodec.typeName(message) + ": " + ex.getMessage());
			if (failOnError != null) {
				failOnError.completeExceptionally(ex);
			}
		}
	}

	private void send(StreamerMessage message) {
		publish(message);
	}

	/** Publishes and waits for Redis to take the message, so a registration is known to have left. */
	private void sendConfirmed(StreamerMessage message) {
		try {
			publish(message).get(CONFIRM_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("publish failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	/**
	 * Publishes the messages in one write, in order, on the shared connection, and waits until Redis took them all.
	 */
	private void sendBatchConfirmed(List<StreamerMessage> messages) {
		if (messages.isEmpty()) {
			return;
		}
		StatefulRedisConnection<String, byte[]> connection = this.publisher;
		if (connection == null) {
			throw new IllegalStateException("not connected to Redis");
		}
		String channel = this.channels.schedulerChannel();
		List<AsyncCommand<String, byte[], Long>> commands = new ArrayList<>(messages.size());
		for (StreamerMessage message : messages) {
			CommandArgs<String, byte[]> args = new CommandArgs<>(CODEC).addKey(channel)
				.addValue(this.codec.encodeToBytes(message));
			commands.add(new AsyncCommand<>(new Command<>(CommandType.PUBLISH, new IntegerOutput<>(CODEC), args)));
		}
		List<RedisCommand<String, byte[], ?>> dispatched = new ArrayList<>(commands);
		connection.dispatch(dispatched);
		long deadline = System.nanoTime() + CONFIRM_TIMEOUT.toNanos();
		try {
			for (AsyncCommand<String, byte[], Long> command : commands) {
				command.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("publish failed: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted", ex);
		}
	}

	private RedisFuture<Long> publish(StreamerMessage message) {
		StatefulRedisConnection<String, byte[]> connection = this.publisher;
		if (connection == null) {
			throw new IllegalStateException("not connected to Redis");
		}
		RedisFuture<Long> future = connection.async()
			.publish(this.channels.schedulerChannel(), this.codec.encodeToBytes(message));
		// While disconnected, commands are rejected at once: report that to the caller instead of losing it.
		if (future.isDone()) {
			try {
				future.get();
			}
			catch (ExecutionException ex) {
				throw new IllegalStateException(ex.getCause().getMessage(), ex.getCause());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return future;
	}

}
