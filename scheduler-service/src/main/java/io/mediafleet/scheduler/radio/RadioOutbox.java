package io.mediafleet.scheduler.radio;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Future;
import java.util.function.Consumer;

import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioCodec;
import io.mediafleet.schema.radio.SchedulerMessage;

import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Publishes scheduler messages on a streamer's own channel and counts them by type. Messages are buffered by the
 * loop and published after {@link #flush()}, on the write-behind thread once the state they announce is in MongoDB;
 * several go out in one pipeline (one round trip), in the order they were sent, and the writer pipelines the
 * messages of consecutive flushes together. A play whose state is already in MongoDB (committed ahead of its time,
 * {@link #sendAnnounced}) does not wait for the commits queued after that state, only for the messages sent before it.
 * <p>
 * Everything is published by one Redis script ({@link #PUBLISH_ALL}), one call per {@link #MESSAGES_PER_SCRIPT}
 * messages, in their order. A programme's {@code play} ({@link #sendPlay}) goes with its {@link PlayReceipt}:
 * {@code HSET <prefix>yascheduler.receipts <radio> <receipt>} then {@code PUBLISH}, atomically, so after a crash
 * {@link #playReceipts()} tells exactly which plays left. With an announce horizon its {@code delay} is counted again
 * when it is published, from the track's planned start (the receipt's): a play that waited for its commit (MongoDB
 * away) or for a held-up loop still starts its track where the previous one ends, instead of starting it, and leaving
 * a gap before it, as late as it left ({@link #retimed}).
 * <p>
 * <b>Parameters to control memory consumption</b>: one receipt per programmed radio in Redis; the buffer holds what one loop task sends (at most one ping per
 * streamer, or one batch of due events) and is emptied at the end of each task.
 */
class RadioOutbox implements RadioOutbound {

	/**
	 * Publishes several messages in order, in one atomic step of Redis: ARGV holds four values per message (receipt
	 * field, receipt, channel, message); a message with an empty receipt field is published without a receipt. One
	 * script call instead of one command per message: a burst of a thousand plays due together cost a thousand
	 * commands, each written, flushed, observed and answered on its own (see decisions.md).
	 */
	static final byte[] PUBLISH_ALL = ("for i = 1, #ARGV, 4 do "
			+ "if ARGV[i] ~= '' then redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1]) end "
			+ "redis.call('PUBLISH', ARGV[i + 2], ARGV[i + 3]) end "
			+ "return #ARGV / 4").getBytes(StandardCharsets.UTF_8);

	/** The most messages one {@link #PUBLISH_ALL} call publishes, so that no call holds Redis for long. */
	static final int MESSAGES_PER_SCRIPT = 256;

	private static final byte[] NO_RECEIPT = new byte[0];

	/** A queued play: channel, message, receipt field (its radio), receipt; any other message is channel and message. */
	private static final int PLAY_PARTS = 4;

	private final StringRedisTemplate redis;

	private final RadioChannels channels;

	private final RadioCodec codec;

	private final RadioMetrics metrics;

	private final List<byte[][]> buffered = new ArrayList<>();

	/** Messages that announce no state (pings): they need not wait for any commit. */
	private final List<byte[][]> unordered = new ArrayList<>();

	/** Messages whose state is already in MongoDB: they need not wait for the commits queued since. */
	private final List<byte[][]> announced = new ArrayList<>();

	private final @Nullable RadioWriteBehind writer;

	/** The scheduler's clock, which planned the tracks' starts: a play's delay is counted on it when it leaves. */
	private final Clock clock;

	/** Whether programme plays are retimed when they leave (with an announce horizon; never for the seed's rule). */
	private final boolean retimePlays;

	/** A play leaving this much later or earlier than its delay says keeps it: on time, the JSON is as planned. */
	static final double RETIME_TOLERANCE_SECONDS = 0.05;

	/** How long a pipeline of publishes waits for Redis on a cluster connection (else the connection's own timeout). */
	static final Duration CLUSTER_PUBLISH_TIMEOUT = Duration.ofSeconds(60);

	/** One instance, so the writer recognises consecutive flushes of this outbox and pipelines them together. */
	private final Consumer<List<byte[][]>> sender = this::publishNow;

	/**
	 * How the publishes fare, so liveness does not blame streamers for Redis (a publish hanging 2 s is trouble); after
	 * trouble, streamers get 5 s to reconnect before their silence counts (a client whose reconnect back-off has grown
	 * during the outage tries again only seconds after Redis is back).
	 */
	private final RedisLinkWatch link = new RedisLinkWatch(Duration.ofSeconds(2), Duration.ofSeconds(5));

	RadioOutbox(StringRedisTemplate redis, RadioChannels channels, RadioCodec codec, RadioMetrics metrics) {
		this(redis, channels, codec, metrics, null);
	}

	/** With a {@code writer}, messages are published on its thread, after the commits queued before them. */
	RadioOutbox(StringRedisTemplate redis, RadioChannels channels, RadioCodec codec, RadioMetrics metrics,
			@Nullable RadioWriteBehind writer) {
		this(redis, channels, codec, metrics, writer, Clock.systemUTC(), false);
	}

	/**
	 * As above; with {@code retimePlays} (an announce horizon), a programme play's delay is counted again on
	 * {@code clock} (the programme's) when it is published.
	 */
	RadioOutbox(StringRedisTemplate redis, RadioChannels channels, RadioCodec codec, RadioMetrics metrics,
			@Nullable RadioWriteBehind writer, Clock clock, boolean retimePlays) {
		this.redis = redis;
		this.channels = channels;
		this.codec = codec;
		this.metrics = metrics;
		this.writer = writer;
		this.clock = clock;
		this.retimePlays = retimePlays;
	}

	/** The Redis hash of the radios' {@link PlayReceipt}s, beside the scheduler's channel. */
	String receiptsKey() {
		return this.channels.schedulerChannel() + ".receipts";
	}

	/**
	 * Queues the {@code play} of a pending START with its receipt (loop thread only): on the lane of
	 * {@link #sendAnnounced} when its commit is already in MongoDB ({@code written}), else behind the commits as
	 * {@link #send}.
	 */
	@Override
	public void sendPlay(String streamer, Play play, RadioEvent start, boolean written) {
		byte[] radio = start.radioUuid().getBytes(StandardCharsets.UTF_8);
		byte[][] message = { this.channels.streamerChannel(streamer).getBytes(StandardCharsets.UTF_8),
				this.codec.encodeToBytes(play), radio,
				PlayReceipt.of(start).encode().getBytes(StandardCharsets.UTF_8) };
		if (written && this.writer != null && this.buffered.isEmpty()) {
			this.announced.add(message);
		}
		else {
			this.buffered.add(message);
		}
		this.metrics.sent(RadioCodec.typeName(play));
	}

	/** The receipts of the plays that reached Redis, by radio (read at startup, before anything is sent). */
	@Override
	public Map<String, PlayReceipt> playReceipts() {
		Map<Object, Object> entries = this.redis.opsForHash().entries(receiptsKey());
		Map<String, PlayReceipt> receipts = new HashMap<>();
		entries.forEach((radio, text) -> {
			PlayReceipt receipt = PlayReceipt.parse(String.valueOf(text));
			if (receipt != null) {
				receipts.put(String.valueOf(radio), receipt);
			}
		});
		return receipts;
	}

	/** Queues a message for the next {@link #flush()} (loop thread only). */
	@Override
	public void send(String streamer, SchedulerMessage message) {
		this.buffered.add(new byte[][] { this.channels.streamerChannel(streamer).getBytes(StandardCharsets.UTF_8),
				this.codec.encodeToBytes(message) });
		this.metrics.sent(RadioCodec.typeName(message));
	}

	/**
	 * Queues a message that announces no programming state (a ping) for the next {@link #flush()}: it is published
	 * on a path of its own, neither waiting for commits nor holding back the {@code play}s queued behind it (a ping
	 * round is a thousand messages).
	 */
	@Override
	public void sendUnordered(String streamer, SchedulerMessage message) {
		this.unordered.add(new byte[][] { this.channels.streamerChannel(streamer).getBytes(StandardCharsets.UTF_8),
				this.codec.encodeToBytes(message) });
		this.metrics.sent(RadioCodec.typeName(message));
	}

	/**
	 * Queues a message whose state is already in MongoDB (a play committed ahead of its time) for the next
	 * {@link #flush(Runnable, Runnable)}: it passes the commits queued since, never a message sent before it. When
	 * messages are already buffered in this task it is queued behind them as usual (loop thread only).
	 */
	@Override
	public void sendAnnounced(String streamer, SchedulerMessage message) {
		if (this.writer == null || !this.buffered.isEmpty()) {
			send(streamer, message);
			return;
		}
		this.announced.add(new byte[][] { this.channels.streamerChannel(streamer).getBytes(StandardCharsets.UTF_8),
				this.codec.encodeToBytes(message) });
		this.metrics.sent(RadioCodec.typeName(message));
	}

	/**
	 * Publishes every queued message, in order; one pipelined round trip when there are several. Runs
	 * {@code afterPublish} once they are out; {@code afterAnnounced} once the messages of {@link #sendAnnounced} are
	 * out (they go first: the loop sent them before this task's other messages).
	 */
	@Override
	public void flush(@Nullable Runnable afterPublish, @Nullable Runnable afterAnnounced) {
		if (!this.announced.isEmpty() && this.writer != null) {
			List<byte[][]> messages = new ArrayList<>(this.announced);
			this.announced.clear();
			this.writer.publishAnnounced(this.sender, messages, afterAnnounced);
		}
		else if (afterAnnounced != null) {
			afterAnnounced.run();
		}
		if (!this.unordered.isEmpty()) {
			List<byte[][]> messages = new ArrayList<>(this.unordered);
			this.unordered.clear();
			if (this.writer != null) {
				this.writer.publishUnordered(this.sender, messages);
			}
			else {
				publishNow(messages);
			}
		}
		if (this.buffered.isEmpty()) {
			if (afterPublish != null) {
				afterPublish.run();
			}
			return;
		}
		List<byte[][]> messages = new ArrayList<>(this.buffered);
		this.buffered.clear();
		if (this.writer != null) {
			// Consecutive flushes are published together by the writer, in one pipeline.
			this.writer.publish(this.sender, messages, afterPublish);
			return;
		}
		Runnable publish = () -> {
			publishNow(messages);
			if (afterPublish != null) {
				afterPublish.run();
			}
		};
		publish.run();
	}

	/** The channel of the scheduler's {@link RedisLinkWatch} probe, beside its own channel. */
	String probeChannel() {
		return this.channels.schedulerChannel() + ".probe";
	}

	/**
	 * Queues the link probe of the ping round that started at {@code roundStart} ({@link System#nanoTime()}) behind
	 * the pings queued so far, on their path (loop thread only).
	 */
	void sendProbe(long roundStart) {
		this.unordered.add(new byte[][] { probeChannel().getBytes(StandardCharsets.UTF_8),
				Long.toString(roundStart).getBytes(StandardCharsets.UTF_8) });
	}

	/** A probe came back on {@link #probeChannel()} (Redis' listener thread); anything else there is ignored. */
	void probeReceived(byte[] body) {
		try {
			this.link.probeEchoed(Long.parseLong(new String(body, StandardCharsets.US_ASCII)));
		}
		catch (NumberFormatException ex) {
			// Not ours: somebody else published on the probe channel.
		}
	}

	/** The state of the scheduler's publishing link to Redis. */
	RedisLinkWatch link() {
		return this.link;
	}

	private void publishNow(List<byte[][]> messages) {
		this.link.publishStarted(System.nanoTime());
		try {
			publishNowUnwatched(messages);
		}
		catch (RuntimeException | Error ex) {
			this.link.publishFailed(System.nanoTime());
			throw ex;
		}
		this.link.publishSucceeded(System.nanoTime());
	}

	private void publishNowUnwatched(List<byte[][]> messages) {
		long now = this.clock.millis();
		// One round trip for them all: one script call per MESSAGES_PER_SCRIPT messages (a lone message without a
		// receipt as a plain PUBLISH), written back to back on the shared connection, then awaited together. Spring's
		// executePipelined would take a connection of its own for every call (a new one without a pool), and opening
		// it cost more than the publishes (9 ms for ten plays, 28 ms for two hundred, in the radio bench).
		this.redis.execute((RedisCallback<Object>) (connection) -> {
			RedisClusterAsyncCommands<byte[], byte[]> commands = (RedisClusterAsyncCommands<byte[], byte[]>) Objects
				.requireNonNull(connection.getNativeConnection());
			byte[][] keys = { receiptsKey().getBytes(StandardCharsets.UTF_8) };
			Future<?>[] replies = new Future<?>[(messages.size() + MESSAGES_PER_SCRIPT - 1) / MESSAGES_PER_SCRIPT];
			if (messages.size() == 1 && messages.get(0).length != PLAY_PARTS) {
				// A lone message without a receipt (a reply, a ping) needs no script.
				replies[0] = commands.publish(messages.get(0)[0], messages.get(0)[1]);
			}
			else {
				for (int call = 0; call < replies.length; call++) {
					int from = call * MESSAGES_PER_SCRIPT;
					List<byte[][]> part = messages.subList(from,
							Math.min(messages.size(), from + MESSAGES_PER_SCRIPT));
					replies[call] = commands.eval(PUBLISH_ALL, ScriptOutputType.INTEGER, keys,
							publishAllArguments(part, now));
				}
			}
			Duration timeout = (commands instanceof RedisAsyncCommands<byte[], byte[]> standalone)
					? standalone.getStatefulConnection().getTimeout() : CLUSTER_PUBLISH_TIMEOUT;
			if (!LettuceFutures.awaitAll(timeout, replies)) {
				throw new RedisCommandTimeoutException(
						"Redis did not answer " + replies.length + " publishes within " + timeout);
			}
			return null;
		});
	}

	/**
	 * A programme play as it leaves at {@code nowMillis}: its {@code delay} is the time left until the track's
	 * planned start (the receipt's), at least 0. Queued at its announce time it said one lead time (or more within a
	 * horizon) from then; a play that waited since (for its commit while MongoDB was away, or in a loop held up) would
	 * otherwise start its track that much later than planned, after a gap, while the plays announced before it keep
	 * their times. Other messages, a play on time (within {@link #RETIME_TOLERANCE_SECONDS}), and every play without
	 * an announce horizon (the seed's rule: the full lead time) are returned as they are.
	 */
	byte[][] retimed(byte[][] message, long nowMillis) {
		if (message.length != PLAY_PARTS || !this.retimePlays) {
			return message;
		}
		PlayReceipt receipt = PlayReceipt.parse(new String(message[3], StandardCharsets.UTF_8));
		if (receipt == null || !(this.codec.decodeSchedulerMessage(message[1]) instanceof Play planned)) {
			return message;
		}
		double delay = Math.max(0, receipt.startsAt().toEpochMilli() - nowMillis) / 1000.0;
		if (Math.abs(delay - planned.delaySeconds()) <= RETIME_TOLERANCE_SECONDS) {
			return message;
		}
		byte[][] retimed = message.clone();
		retimed[1] = this.codec.encodeToBytes(new Play(planned.radioUuid(), planned.filename(), delay,
				planned.offsetSeconds(), planned.crossfadeSeconds()));
		return retimed;
	}

	/** {@link #PUBLISH_ALL}'s ARGV for {@code messages}, each as it leaves at {@code nowMillis}. */
	private byte[][] publishAllArguments(List<byte[][]> messages, long nowMillis) {
		byte[][] arguments = new byte[4 * messages.size()][];
		int i = 0;
		for (byte[][] each : messages) {
			byte[][] message = retimed(each, nowMillis);
			boolean withReceipt = message.length == PLAY_PARTS;
			arguments[i++] = withReceipt ? message[2] : NO_RECEIPT;
			arguments[i++] = withReceipt ? message[3] : NO_RECEIPT;
			arguments[i++] = message[0];
			arguments[i++] = message[1];
		}
		return arguments;
	}

}
