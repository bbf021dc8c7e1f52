package io.mediafleet.scheduler.radio;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.Queue;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.mongodb.MongoTimeoutException;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioCodec;
import io.mediafleet.schema.radio.RadioCodecException;
import io.mediafleet.schema.radio.StreamerMessage;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.listen.ListenDirectory;
import io.mediafleet.scheduler.radio.RadioMetrics.RejectCause;

/**
 * The radio scheduler's event loop: one thread handles streamer messages (received on {@code yascheduler} by Redis'
 * listener thread and handed over at once through a queue the loop drains in batches), ping rounds and due
 * programming events, in arrival order, so the bookkeeping needs no locks and the listener thread never waits for
 * MongoDB. The loop itself waits for MongoDB only to commit programming state (in bulk, before the messages that
 * announce it leave); listener and streamer bookkeeping is written behind it by {@link RadioWriteBehind}.
 */
final class RadioLoop implements SmartLifecycle {

	private static final Log log = LogFactory.getLog(RadioLoop.class);

	/** Each cause of bad input is logged at most once per this period, with a count of what was not logged. */
	static final Duration LOG_PERIOD = Duration.ofSeconds(10);

	/** Due events are looked for at least this often, whatever the in-memory wake-up says. */
	static final Duration POLL_PERIOD = Duration.ofSeconds(1);

	/** Messages handled in one go before timed work (due events, pings) gets its turn. */
	static final int INTAKE_BATCH = 512;

	/**
	 * Streamers pinged in one task of the loop: a round over a thousand streamers takes 9-15 ms, so it goes in steps,
	 * with received messages handled between two of them.
	 */
	static final int PING_STEP = 100;

	/** How long stopping waits for the bookkeeping still queued to reach MongoDB. */
	static final Duration WRITER_STOP_TIMEOUT = Duration.ofSeconds(15);

	/** How long an admin request waits for the loop before it asks whether Redis or MongoDB is the hold-up. */
	static final Duration REDIS_TROUBLE_WAIT = Duration.ofSeconds(1);

	/** Granularity of that wait. */
	private static final Duration ANSWER_SLICE = Duration.ofMillis(200);

	private final RedisConnectionFactory redis;

	private final RadioChannels channels;

	private final RadioCodec codec;

	private final RadioMetrics metrics;

	private final Clock clock;

	private final Duration pingInterval;

	private final int maxPendingMessages;

	private final AtomicInteger pending = new AtomicInteger();

	private final Queue<Incoming> incoming = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean draining = new AtomicBoolean();

	private final AtomicLong overloadDrops = new AtomicLong();

	private long dropsAtLastRound;

	/** The ping round being taken in steps, {@code null} between rounds (loop thread only). */
	private StreamerLiveness.@Nullable Round pingRound;

	private final Map<RejectCause, long[]> lastLogged = new EnumMap<>(RejectCause.class);

	private final ScheduledThreadPoolExecutor executor;

	private @Nullable RedisMessageListenerContainer container;

	private @Nullable ScheduledFuture<?> wakeUp;

	private @Nullable Instant wakeAt;

	private volatile boolean running;

	private final RadioStore store;

	private final RadioOutbox outbox;

	private final RadioWriteBehind writer;

	private final ListenerSessions sessions;

	private final RadioHandler handler;

	private final RadioProgramme programme;

	private final StreamerLiveness liveness;

	private final StreamerRegistry streamers;

	RadioLoop(RedisConnectionFactory redis, RadioStore store, RadioWriteBehind writer, RadioOutbox outbox,
			RadioChannels channels, RadioCodec codec, RadioMetrics metrics, Clock clock,
			SchedulerProperties.Radio settings, Random random, ListenDirectory directory) {
		this.redis = redis;
		this.store = store;
		this.outbox = outbox;
		this.writer = writer;
		// Held sessions of a lost streamer wait two rounds beyond the liveness verdict for its re-announce.
		this.sessions = new ListenerSessions(store, settings.pingInterval().multipliedBy(settings.missedPongs() + 2L));
		this.channels = channels;
		this.codec = codec;
		this.metrics = metrics;
		this.clock = clock;
		this.pingInterval = settings.pingInterval();
		this.maxPendingMessages = settings.maxPendingMessages();
		this.executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "radio-loop");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
		this.programme = new RadioProgramme(store, outbox, metrics::schedulingLag, clock, settings, random, this::wakeAt);
		this.streamers = new StreamerRegistry(store);
		this.handler = new RadioHandler(store, this.sessions, this.streamers, outbox, this.programme, clock,
				settings.masterUrlTemplate(), directory);
		this.liveness = new StreamerLiveness(store, this.sessions, this.streamers, outbox, this.handler, metrics,
				settings.missedPongs());
	}

	@Override
	public void start() {
		this.running = true;
		this.writer.start();
		call(() -> {
			this.store.createIndexes();
			this.streamers.load();
			this.sessions.load();
			this.store.load();
			// A master whose registration had not reached MongoDB before a crash is pinged again, so a dead one is
			// still found out.
			for (RadioState state : this.store.states()) {
				String master = state.masterStreamer();
				if (master != null && !this.streamers.isRegistered(master)) {
					this.streamers.register(master, this.clock.instant());
				}
			}
			// Sessions a previous run held for a lost streamer: held again, closed unless it re-announces them.
			this.sessions.holdWhere((session) -> !this.streamers.isRegistered(session.streamer()),
					this.clock.instant());
			this.programme.recover();
			return null;
		});
		// The ping round joins the queue of received messages, so every pong received before it is handled first:
		// a loop that is behind never declares a streamer dead for a pong it has not read yet.
		this.executor.scheduleWithFixedDelay(() -> {
			this.incoming.add(new Incoming(null, System.nanoTime(), guarded("ping round", this::pingRound)));
			scheduleDrain();
		}, this.pingInterval.toNanos(), this.pingInterval.toNanos(), TimeUnit.NANOSECONDS);
		this.executor.scheduleWithFixedDelay(guarded("event poll", this::runDue), 0, POLL_PERIOD.toMillis(),
				TimeUnit.MILLISECONDS);
		RedisMessageListenerContainer container = new RedisMessageListenerContainer();
		container.setConnectionFactory(this.redis);
		// The default executor runs each message on its own thread, which reorders them; hand over in order instead.
		container.setTaskExecutor(Runnable::run);
		container.addMessageListener((message, pattern) -> intake(message.getBody(), System.nanoTime()),
				new ChannelTopic(this.channels.schedulerChannel()));
		// The liveness probe comes back on the same subscription connection as the pongs.
		container.addMessageListener((message, pattern) -> this.outbox.probeReceived(message.getBody()),
				new ChannelTopic(this.outbox.probeChannel()));
		container.afterPropertiesSet();
		container.start();
		this.container = container;
		log.info("Radio scheduler listening on Redis channel '" + this.channels.schedulerChannel() + "'");
	}

	@Override
	public void stop() {
		this.running = false;
		RedisMessageListenerContainer container = this.container;
		if (container != null) {
			container.stop();
			try {
				container.destroy();
			}
			catch (Exception ex) {
				log.warn("Radio listener container did not close cleanly", ex);
			}
			this.container = null;
		}
		// Plays committed ahead but not sent yet are marked as withdrawn, so the next run sends them (late).
		try {
			call(() -> {
				this.programme.withdrawArmedPlays();
				return null;
			});
		}
		catch (RuntimeException ex) {
			log.warn("Radio loop: plays committed ahead could not be withdrawn at stop", ex);
		}
		// Not shutdownNow: an interrupted task would leave its commit half done. Messages still queued are dropped
		// (Redis pub/sub does not keep them either).
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(10, TimeUnit.SECONDS)) {
				log.warn("Radio loop did not stop within 10 s");
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.writer.stop(WRITER_STOP_TIMEOUT);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Runs {@code task} on the loop thread and waits for its result (admin operations). */
	<T> T call(Callable<T> task) {
		Future<T> future = this.executor.submit(() -> {
			try {
				return task.call();
			}
			finally {
				commitAndFlush();
			}
		});
		try {
			return awaitAnswer(future);
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			future.cancel(false);
			throw new IllegalStateException("radio loop did not answer within 30 s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted waiting for the radio loop", ex);
		}
	}

	/**
	 * Waits up to 30 s for the loop or its writer, but no longer than about a second while the scheduler's Redis link
	 * is in trouble (a publish failed or hangs): the writer's queue then waits on Redis, and an admin request gets
	 * the 503 problem naming Redis at once rather than no answer.
	 */
	private <T> T awaitAnswer(Future<T> future)
			throws InterruptedException, ExecutionException, TimeoutException {
		long start = System.nanoTime();
		long deadline = start + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try {
				return future.get(ANSWER_SLICE.toNanos(), TimeUnit.NANOSECONDS);
			}
			catch (TimeoutException ex) {
				long now = System.nanoTime();
				if (now - deadline >= 0) {
					throw ex;
				}
				if (now - start >= REDIS_TROUBLE_WAIT.toNanos() && this.outbox.link().isTroubled(now)) {
					future.cancel(false);
					throw new RedisConnectionFailureException(
							"Redis is not taking the radio's messages (publishing fails or hangs)");
				}
				if (now - start >= REDIS_TROUBLE_WAIT.toNanos() && this.writer.isTroubled(now)) {
					future.cancel(false);
					throw new MongoTimeoutException("MongoDB is not taking the radio's writes (writing fails or hangs)");
				}
			}
		}
	}

	RadioHandler handler() {
		return this.handler;
	}

	/**
	 * Waits until everything the loop did before this call, listener and streamer bookkeeping included, is in
	 * MongoDB: admin reads then see what the loop saw.
	 */
	void awaitWrites() {
		CompletableFuture<Void> written = call(this.writer::barrier);
		try {
			awaitAnswer(written);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("radio bookkeeping did not reach MongoDB within 30 s", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("interrupted waiting for radio bookkeeping", ex);
		}
	}

	/** The admin API changed radios, playlists, songs or shows: the loop re-reads them. */
	void catalogueChanged() {
		this.store.catalogueChanged();
	}

	/** Pending listener/streamer bookkeeping writes (for tests). */
	int pendingWrites() {
		return this.writer.pending();
	}

	/** Called on Redis' listener thread: never blocks, drops (counted) beyond the pending limit. */
	void intake(byte[] body, long receivedNanos) {
		if (this.pending.incrementAndGet() > this.maxPendingMessages) {
			this.pending.decrementAndGet();
			this.overloadDrops.incrementAndGet();
			reject(RejectCause.OVERLOADED, "more than " + this.maxPendingMessages + " messages waiting to be handled");
			return;
		}
		this.incoming.add(new Incoming(body, receivedNanos, null));
		scheduleDrain();
	}

	/**
	 * Starts a ping round and takes its first step. The round joined the queue of received messages, so every pong
	 * received before it has been handled; its further steps run as tasks of their own, each after at most one batch
	 * of messages received meanwhile. A round still unfinished when the next starts is dropped: the new one pings
	 * everybody.
	 */
	private void pingRound() {
		long dropped = this.overloadDrops.get();
		// No judgement either when the scheduler's own pings could not reach Redis: the link, not the streamer, failed.
		long start = System.nanoTime();
		boolean linkSound = this.outbox.link().judgeRound(start);
		StreamerLiveness.Round round = this.liveness.startRound(dropped == this.dropsAtLastRound && linkSound);
		this.dropsAtLastRound = dropped;
		this.pingRound = round;
		pingStep(round);
		this.outbox.sendProbe(start);
	}

	private void pingStep(StreamerLiveness.Round round) {
		if (this.pingRound != round) {
			return;
		}
		if (round.step(PING_STEP)) {
			this.pingRound = null;
			return;
		}
		try {
			this.executor.execute(guarded("ping round", () -> pingStep(round)));
		}
		catch (RuntimeException ex) {
			// Shutting down.
		}
	}

	private void scheduleDrain() {
		if (this.draining.compareAndSet(false, true)) {
			try {
				this.executor.execute(this::drain);
			}
			catch (RuntimeException ex) {
				// Rejected during shutdown.
				this.draining.set(false);
			}
		}
	}

	/**
	 * Handles a batch of received messages, then commits and publishes what they produced. One task per batch, not
	 * per message, and a due event or ping round waiting in the executor runs between two batches.
	 */
	private void drain() {
		try {
			for (int i = 0; i < INTAKE_BATCH && this.running; i++) {
				Incoming next = this.incoming.poll();
				if (next == null) {
					break;
				}
				if (next.task() != null) {
					next.task().run();
					continue;
				}
				this.pending.decrementAndGet();
				process(next.body(), next.receivedNanos());
			}
		}
		finally {
			commitAndFlush();
			this.draining.set(false);
			if (!this.incoming.isEmpty() && this.running) {
				scheduleDrain();
			}
		}
	}

	private void commitAndFlush() {
		try {
			this.store.commit();
		}
		catch (RuntimeException ex) {
			log.error("Radio loop: committing programming state to MongoDB failed; kept for the next commit", ex);
		}
		try {
			this.outbox.flush();
		}
		catch (RuntimeException ex) {
			log.error("Radio loop: publishing to Redis failed", ex);
		}
	}

	private void process(byte[] body, long receivedNanos) {
		if (body.length > this.codec.limits().maxMessageBytes()) {
			reject(RejectCause.TOO_LARGE,
					"message is " + body.length + " bytes, over the limit of " + this.codec.limits().maxMessageBytes());
			return;
		}
		StreamerMessage message;
		try {
			message = this.codec.decodeStreamerMessage(body);
		}
		catch (RadioCodecException ex) {
			String text = String.valueOf(ex.getMessage());
			reject(text.startsWith("unknown or missing message type") ? RejectCause.UNKNOWN_TYPE
					: text.contains("only, not accepted on this channel") ? RejectCause.WRONG_DIRECTION
							: RejectCause.MALFORMED,
					text);
			return;
		}
		String type = RadioCodec.typeName(message);
		this.metrics.received(type);
		String insane = RadioHandler.insaneId(message);
		if (insane != null) {
			reject(RejectCause.BAD_IDENTIFIER, type + ": " + insane);
			return;
		}
		try {
			this.handler.handle(message);
		}
		catch (RuntimeException ex) {
			reject(RejectCause.FAILED, type + " failed: " + ex);
			if (log.isDebugEnabled()) {
				log.debug("Handling " + type + " failed", ex);
			}
		}
		this.metrics.handled(type, System.nanoTime() - receivedNanos);
	}

	private void reject(RejectCause cause, String detail) {
		this.metrics.rejected(cause);
		long now = System.nanoTime();
		synchronized (this.lastLogged) {
			long[] entry = this.lastLogged.computeIfAbsent(cause, (c) -> new long[] { now - LOG_PERIOD.toNanos(), 0 });
			if (now - entry[0] >= LOG_PERIOD.toNanos()) {
				log.warn("Dropped a radio message (" + cause.tag() + "): " + detail
						+ ((entry[1] > 0) ? " [" + entry[1] + " more of this cause not logged]" : ""));
				entry[0] = now;
				entry[1] = 0;
			}
			else {
				entry[1]++;
			}
		}
	}

	/** Makes sure the loop wakes up at {@code due} (loop thread only). */
	private void wakeAt(Instant due) {
		if (this.wakeAt != null && !due.isBefore(this.wakeAt) && this.wakeUp != null && !this.wakeUp.isDone()) {
			return;
		}
		if (this.wakeUp != null) {
			this.wakeUp.cancel(false);
		}
		long delay = Math.max(0, Duration.between(this.clock.instant(), due).toNanos());
		this.wakeAt = due;
		try {
			this.wakeUp = this.executor.schedule(guarded("event wake-up", this::runDue), delay, TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			// Shutting down.
		}
	}

	/**
	 * Handles one batch of due events. When more are due (every radio falling due at once), the rest runs as a new
	 * task queued behind whatever is waiting in the executor, received messages included: a burst of a thousand
	 * PREPAREs never holds the intake for its whole length, only for one batch at a time.
	 */
	private void runDue() {
		this.wakeAt = null;
		this.wakeUp = null;
		if (this.programme.runDueBatch() == RadioProgramme.DUE_BATCH) {
			try {
				this.executor.execute(guarded("due events", this::runDue));
			}
			catch (RuntimeException ex) {
				// Shutting down.
			}
			return;
		}
		this.programme.nextDue().ifPresent(this::wakeAt);
	}


	private Runnable guarded(String what, Runnable task) {
		return () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				log.error("Radio loop: " + what + " failed", ex);
			}
			finally {
				commitAndFlush();
			}
		};
	}

	/** A message as received, with its arrival time for the handling latency, or a task queued behind messages. */
	private record Incoming(byte @Nullable [] body, long receivedNanos, @Nullable Runnable task) {
	}

}
