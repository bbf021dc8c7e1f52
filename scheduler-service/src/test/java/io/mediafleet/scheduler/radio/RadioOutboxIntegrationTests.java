package io.mediafleet.scheduler.radio;

import java.net.SocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.lettuce.core.RedisClient;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.metrics.CommandLatencyRecorder;
import io.lettuce.core.protocol.CommandType;
import io.lettuce.core.protocol.ProtocolKeyword;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.mediafleet.schema.json.JsonLimits;
import io.mediafleet.schema.radio.Ping;
import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.RadioCodec;
import io.mediafleet.schema.radio.RadioStarted;
import io.mediafleet.testsupport.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The outbox against a real Redis: what one loop task sent leaves in one round trip on the scheduler's shared
 * connection, in order, each programme play with its receipt, and opens no connection of its own (a burst of a
 * thousand plays due together went out as pipelines that each opened a Redis connection first, which cost more than
 * the publishes), in a few script calls rather than a command per play. The connections and commands are counted on
 * the scheduler side's own client resources.
 */
class RadioOutboxIntegrationTests {

	private static final RadioChannels CHANNELS = RadioChannels.withPrefix("outbox-test.");

	private static final Instant T0 = Instant.parse("2026-12-07T10:00:00Z");

	private LettuceConnectionFactory factory;

	/** The scheduler side's own client resources: their event bus counts the connections its client opens. */
	private ClientResources resources;

	private final AtomicInteger connectionsOpened = new AtomicInteger();

	/** The commands the scheduler side's client sent, by type (its resources' latency recorder sees each one). */
	private final Map<String, Integer> commandsSent = new ConcurrentHashMap<>();

	private StringRedisTemplate redis;

	private RedisClient client;

	private StatefulRedisPubSubConnection<String, String> streamerSide;

	private final List<String> received = new CopyOnWriteArrayList<>();

	private RadioOutbox outbox;

	@BeforeEach
	void setUp() {
		this.resources = ClientResources.builder().commandLatencyRecorder(new CommandLatencyRecorder() {
			@Override
			public void recordCommandLatency(SocketAddress local, SocketAddress remote, ProtocolKeyword type,
					long firstResponseLatency, long completionLatency) {
				RadioOutboxIntegrationTests.this.commandsSent.merge(type.toString(), 1, Integer::sum);
			}
		}).build();
		this.resources.eventBus()
			.get()
			.filter(ConnectionActivatedEvent.class::isInstance)
			.subscribe((event) -> this.connectionsOpened.incrementAndGet());
		this.factory = new LettuceConnectionFactory(standalone(TestRedis.url()),
				LettuceClientConfiguration.builder().clientResources(this.resources).build());
		this.factory.afterPropertiesSet();
		this.factory.start();
		this.redis = new StringRedisTemplate(this.factory);
		this.redis.delete(CHANNELS.schedulerChannel() + ".receipts");
		this.client = RedisClient.create(TestRedis.url());
		this.streamerSide = this.client.connectPubSub();
		this.streamerSide.addListener(new RedisPubSubAdapter<>() {
			@Override
			public void message(String pattern, String channel, String message) {
				RadioOutboxIntegrationTests.this.received.add(channel + " " + message);
			}
		});
		this.streamerSide.sync().psubscribe(CHANNELS.streamerChannel("*"));
		this.outbox = new RadioOutbox(this.redis, CHANNELS,
				new RadioCodec(JsonLimits.DEFAULTS), new RadioMetrics(new SimpleMeterRegistry()));
	}

	@AfterEach
	void tearDown() {
		this.streamerSide.close();
		this.client.shutdown();
		this.factory.destroy();
		this.resources.shutdown();
	}

	private static RedisStandaloneConfiguration standalone(String url) {
		URI uri = URI.create(url);
		return new RedisStandaloneConfiguration(uri.getHost(), uri.getPort());
	}

	@Test
	void aBurstOfPlaysLeavesInOrderWithTheirReceiptsAndOpensNoConnection() {
		// The shared connection is open once anything went through it.
		this.redis.hasKey("warm-up");
		await().atMost(Duration.ofSeconds(5)).until(() -> this.connectionsOpened.get() == 1);
		List<String> expected = new ArrayList<>();
		for (int task = 0; task < 20; task++) {
			for (int i = 0; i < 50; i++) {
				int n = task * 50 + i;
				String radio = "radio-" + n;
				String streamer = "paris-" + (n % 7);
				Play play = new Play(radio, "songs/" + n + ".mp3", 5.0, 0, 0);
				RadioEvent start = new RadioEvent("start-" + n, radio, RadioEvent.Kind.START, T0.plusSeconds(n),
						"song-" + n, "songs/" + n + ".mp3", 180.0, null, false, null, T0.plusSeconds(n - 5L), false);
				this.outbox.sendPlay(streamer, play, start, false);
				expected.add(CHANNELS.streamerChannel(streamer) + " "
						+ new String(new RadioCodec(JsonLimits.DEFAULTS).encodeToBytes(play), StandardCharsets.UTF_8));
			}
			this.outbox.sendUnordered("paris-0", new Ping());
			expected.add(CHANNELS.streamerChannel("paris-0") + " {\"type\":\"ping\"}");
			this.outbox.flush();
		}

		await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() >= expected.size());
		assertThat(this.received).containsExactlyInAnyOrderElementsOf(expected);
		// Per task, the plays in the order sent (the ping takes a path of its own).
		List<String> plays = this.received.stream().filter((message) -> message.contains("\"play\"")).toList();
		assertThat(plays).containsExactlyElementsOf(
				expected.stream().filter((message) -> message.contains("\"play\"")).toList());
		Map<String, PlayReceipt> receipts = this.outbox.playReceipts();
		assertThat(receipts).hasSize(1000);
		assertThat(receipts.get("radio-999"))
			.isEqualTo(new PlayReceipt("start-999", T0.plusSeconds(994), T0.plusSeconds(999)));
		// Counted on the scheduler side's own client: other clients of the test Redis do not count.
		assertThat(this.connectionsOpened).as("connections opened (the shared one only)").hasValue(1);
		// A script call per flush at most (the writer may join consecutive flushes), not one command per play.
		assertThat(this.commandsSent.getOrDefault(CommandType.EVAL.toString(), 0)).as("script calls")
			.isBetween(1, 20);
		assertThat(this.commandsSent.getOrDefault(CommandType.PUBLISH.toString(), 0)).as("plain publishes (the pings)")
			.isLessThanOrEqualTo(20);
	}

	@Test
	void playsAndOtherMessagesOfOneFlushKeepTheirOrderAcrossScriptCallsAndOnlyPlaysLeaveReceipts() {
		RadioCodec codec = new RadioCodec(JsonLimits.DEFAULTS);
		List<String> expected = new ArrayList<>();
		// 300 messages in one flush: more than one script call takes.
		for (int n = 0; n < 150; n++) {
			String radio = "radio-" + n;
			RadioStarted started = new RadioStarted(radio);
			this.outbox.send("paris-1", started);
			expected.add(CHANNELS.streamerChannel("paris-1") + " "
					+ new String(codec.encodeToBytes(started), StandardCharsets.UTF_8));
			Play play = new Play(radio, "songs/" + n + ".mp3", 5.0, 0, 0);
			RadioEvent start = new RadioEvent("start-" + n, radio, RadioEvent.Kind.START, T0.plusSeconds(n), "song-" + n,
					"songs/" + n + ".mp3", 180.0, null, false, null, T0.plusSeconds(n - 5L), false);
			this.outbox.sendPlay("paris-1", play, start, false);
			expected.add(CHANNELS.streamerChannel("paris-1") + " "
					+ new String(codec.encodeToBytes(play), StandardCharsets.UTF_8));
		}
		// A ping round: plain messages only, on their own path.
		for (int n = 0; n < 3; n++) {
			this.outbox.sendUnordered("lyon-" + n, new Ping());
		}
		this.outbox.flush();

		await().atMost(Duration.ofSeconds(10)).until(() -> this.received.size() >= expected.size() + 3);
		assertThat(this.received.stream().filter((message) -> message.startsWith(CHANNELS.streamerChannel("paris-1"))))
			.containsExactlyElementsOf(expected);
		assertThat(this.received.stream().filter((message) -> message.contains("\"ping\""))).hasSize(3);
		assertThat(this.outbox.playReceipts()).hasSize(150)
			.containsEntry("radio-149", new PlayReceipt("start-149", T0.plusSeconds(144), T0.plusSeconds(149)));
		assertThat(this.commandsSent.getOrDefault(CommandType.EVAL.toString(), 0)).as("script calls")
			.isBetween(2, 3);
	}

}
