package io.mediafleet.scheduler.radio;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import io.mediafleet.schema.radio.Ping;
import io.mediafleet.schema.radio.Play;
import io.mediafleet.schema.radio.RadioChannels;
import io.mediafleet.schema.radio.SchedulerMessage;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediafleet.scheduler.SchedulerProperties;
import io.mediafleet.scheduler.TestMongoClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Ping rounds taken in steps, as the loop takes them with messages handled in between: every streamer is still
 * pinged once per round and only the silent ones are declared dead.
 */
class StreamerLivenessIntegrationTests {

	private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	/** Streamer names of the pings sent, in order. */
	private final List<String> pinged = new ArrayList<>();

	private RadioMetrics metrics;

	private StreamerRegistry streamers;

	private StreamerLiveness liveness;

	@BeforeEach
	void setUp() {
		MongoTemplate mongo = mongoClient.freshTemplate("radio-liveness-steps");
		SchedulerProperties.Radio settings = new Binder(new MapConfigurationPropertySource())
			.bindOrCreate("mediafleet.scheduler", Bindable.of(SchedulerProperties.class))
			.radio();
		this.metrics = new RadioMetrics(new SimpleMeterRegistry());
		// Never started: the writes queue up (well under its limit) and are never written; this test is about the
		// loop's decisions.
		RadioWriteBehind writer = new RadioWriteBehind(mongo, this.metrics, 100_000, 1000);
		RadioStore store = RadioStore.committingAtOnce(mongo, writer);
		RadioOutbox outbox = new RadioOutbox(null, RadioChannels.DEFAULT, null, this.metrics) {

			@Override
			public void send(String streamer, SchedulerMessage message) {
			}

			@Override
			public void sendPlay(String streamer, Play play, RadioEvent start, boolean written) {
			}

			@Override
			public void sendUnordered(String streamer, SchedulerMessage message) {
				assertThat(message).isEqualTo(Ping.INSTANCE);
				StreamerLivenessIntegrationTests.this.pinged.add(streamer);
			}

		};
		ListenerSessions sessions = new ListenerSessions(store);
		this.streamers = new StreamerRegistry(store);
		RadioProgramme programme = new RadioProgramme(store, outbox, this.metrics::schedulingLag,
				java.time.Clock.systemUTC(), settings, new Random(1), (due) -> {
				});
		RadioHandler handler = new RadioHandler(store, sessions, this.streamers, outbox, programme,
				java.time.Clock.systemUTC(), null, new io.mediafleet.scheduler.listen.ListenDirectory(java.time.Duration.ofSeconds(3)));
		this.liveness = new StreamerLiveness(store, sessions, this.streamers, outbox, handler, this.metrics, 2);
	}

	private List<String> register(int count) {
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			String name = "s-" + i;
			this.streamers.register(name, NOW);
			names.add(name);
		}
		return names;
	}

	/** Takes a whole round in steps of {@code step}; returns how many steps it took. */
	private int roundInSteps(int step, Runnable betweenSteps) {
		StreamerLiveness.Round round = this.liveness.startRound(true);
		int steps = 1;
		while (!round.step(step)) {
			betweenSteps.run();
			steps++;
		}
		return steps;
	}

	@Test
	void roundInStepsPingsEveryStreamerOnceAndCompletesAfterItsLastStep() {
		List<String> names = register(250);
		StreamerLiveness.Round round = this.liveness.startRound(true);
		assertThat(round.step(100)).isFalse();
		assertThat(this.pinged).hasSize(100);
		assertThat(round.remaining()).isEqualTo(150);
		assertThat(round.step(100)).isFalse();
		assertThat(round.step(100)).isTrue();
		assertThat(this.pinged).containsExactlyElementsOf(names);
		assertThat(this.metrics.streamersAlive.get()).isEqualTo(250);
		for (String name : names) {
			assertThat(this.streamers.get(name).waitingForPong()).isTrue();
		}
	}

	@Test
	void roundsInStepsDeclareDeadOnlyTheSilentStreamers() {
		List<String> names = register(250);
		List<String> silent = List.of("s-3", "s-120", "s-249");
		// Every other streamer answers its ping between two steps of the next round (before its own step), as
		// pongs received while the round is under way are.
		Runnable pongs = () -> {
			for (String name : names) {
				if (!silent.contains(name)) {
					this.streamers.pong(name, NOW);
				}
			}
		};
		for (int r = 0; r < 3; r++) {
			assertThat(roundInSteps(100, pongs)).isEqualTo(3);
			pongs.run();
		}
		for (String name : names) {
			assertThat(this.streamers.isRegistered(name)).as(name).isEqualTo(!silent.contains(name));
		}
		assertThat(this.metrics.streamersAlive.get()).isEqualTo(247);
	}

	@Test
	void pongHandledBetweenTwoStepsBeforeTheStreamersStepCountsForThatRound() {
		register(200);
		// Round 1 pings everybody; nobody answers until round 2 is half done.
		this.liveness.pingRound();
		StreamerLiveness.Round second = this.liveness.startRound(true);
		second.step(100);
		// s-150's step has not come yet: its pong, handled now, clears its wait before it is judged.
		this.streamers.pong("s-150", NOW);
		second.step(100);
		assertThat(this.streamers.get("s-150").missedPings()).isZero();
		assertThat(this.streamers.get("s-50").missedPings()).isEqualTo(1);
		assertThat(this.streamers.get("s-199").missedPings()).isEqualTo(1);
	}

	@Test
	void streamerUnregisteredBetweenStepsIsNeitherPingedNorRegisteredAgain() {
		register(200);
		StreamerLiveness.Round round = this.liveness.startRound(true);
		round.step(100);
		this.streamers.unregister("s-150");
		this.streamers.register("late", NOW);
		assertThat(round.step(100)).isTrue();
		assertThat(this.pinged).hasSize(199).doesNotContain("s-150", "late");
		assertThat(this.streamers.isRegistered("s-150")).isFalse();
		assertThat(this.streamers.get("late").waitingForPong()).as("waits for the next round").isFalse();
	}

	@Test
	void roundAfterDroppedMessagesCountsNoMissedPingsInAnyStep() {
		register(150);
		this.liveness.pingRound();
		StreamerLiveness.Round round = this.liveness.startRound(false);
		round.step(100);
		round.step(100);
		this.liveness.startRound(false).step(1000);
		assertThat(this.streamers.names()).hasSize(150);
		assertThat(this.streamers.get("s-10").missedPings()).isZero();
	}

}
