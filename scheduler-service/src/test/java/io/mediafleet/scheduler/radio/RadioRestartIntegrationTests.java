package io.mediafleet.scheduler.radio;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediafleet.scheduler.SchedulerApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stops the scheduler in the middle of a track and starts a new one on the same MongoDB: the radio goes on where it
 * was, the next {@code play} is sent once, and on time.
 */
class RadioRestartIntegrationTests {

	private static final String PREFIX = "restart.";

	private static final Duration LEAD = Duration.ofMillis(500);

	private static ConfigurableApplicationContext startScheduler() {
		// Command-line arguments, because default properties would lose to application.yml.
		return new SpringApplicationBuilder(SchedulerApplication.class).run("--server.port=0",
				"--spring.data.redis.url=" + TestRedis.url(), "--spring.mongodb.uri=" + TestMongoDb.uri(),
				"--spring.mongodb.database=radio-restart", "--mediafleet.scheduler.radio.channel-prefix=" + PREFIX,
				"--mediafleet.scheduler.radio.ping-interval=1h", "--mediafleet.scheduler.radio.play-lead-time=500ms",
				"--mediafleet.scheduler.burn.port=0", "--mediafleet.scheduler.simul.advise-port=0",
				"--mediafleet.scheduler.simul.command-port=0");
	}

	@Test
	void restartMidTrackSendsTheNextPlayOnceAndOnTime() throws Exception {
		ConfigurableApplicationContext first = startScheduler();
		MongoTemplate mongo = first.getBean(MongoTemplate.class);
		RadioSeed.radio(mongo, "restart-radio", 12);
		String firstPlay;
		try (RawStreamer streamer = new RawStreamer(TestRedis.url(), PREFIX, "restart-1", true)) {
			streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"restart-1\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"restart-1\",\"radio_uuid\":\"restart-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"restart-radio\"}");
			firstPlay = streamer.next();
			assertThat(firstPlay).contains("\"filename\":\"restart-radio-a.mp3\"");
			await().atMost(Duration.ofSeconds(10)).until(() -> songOnAir(mongo, "restart-radio") != null);
			first.close();

			ConfigurableApplicationContext second = startScheduler();
			Instant restarted = Instant.now();
			try {
				MongoTemplate mongo2 = second.getBean(MongoTemplate.class);
				// The next PREPARE is due 11.5 s after the first track started, however fast the restart was.
				String next = streamer.next(Duration.ofSeconds(30));
				assertThat(next).isEqualTo("{\"type\":\"play\",\"radio_uuid\":\"restart-radio\","
						+ "\"filename\":\"restart-radio-b.mp3\",\"delay\":0.5,\"offset\":0.0,\"crossfade_duration\":0.0}");
				await().atMost(Duration.ofSeconds(10))
					.until(() -> "restart-radio-b".equals(songOnAir(mongo2, "restart-radio")));
				// The radio's last handled events are exactly the PREPARE of b and b's START: the PREPARE behind the
				// play was handled within one lead time of its plan (no dead air), and only once. A restart slower
				// than the 11.5 s (a loaded machine) handles it at start instead, before the restarted scheduler is up.
				StoredRadio stored = RadioStore.read(mongo2, "restart-radio");
				assertThat(stored.handled()).extracting(RadioEvent::kind)
					.containsExactly(RadioEvent.Kind.PREPARE, RadioEvent.Kind.START);
				assertThat(stored.handled().get(1).songId()).isEqualTo("restart-radio-b");
				RadioEvent prepare = handledPrepares(mongo2, "restart-radio").get(0);
				Instant plan = prepare.dueAt().isAfter(restarted) ? prepare.dueAt() : restarted;
				assertThat(prepare.handledAt()).isBefore(plan.plus(LEAD));
				// Nothing else until the next PREPARE, 11 s later: no duplicate of either play.
				streamer.publish("{\"type\":\"test\",\"streamer\":\"restart-1\",\"info\":\"sync\"}");
				assertThat(streamer.next()).isEqualTo("{\"type\":\"test\",\"info\":\"sync\"}");
				assertThat(handledPrepares(mongo2, "restart-radio")).hasSize(1);
				assertThat(RadioStore.read(mongo2, "restart-radio").pending()).as("only the next PREPARE is pending")
					.extracting(RadioEvent::kind)
					.containsExactly(RadioEvent.Kind.PREPARE);
			}
			finally {
				second.close();
			}
		}
	}

	@Test
	void eventsThatFellDueWhileTheSchedulerWasDownAreHandledExactlyOnce() throws Exception {
		ConfigurableApplicationContext first = startScheduler();
		MongoTemplate mongo = first.getBean(MongoTemplate.class);
		RadioSeed.radio(mongo, "late-radio", 1.5);
		try (RawStreamer streamer = new RawStreamer(TestRedis.url(), PREFIX, "late-1", true)) {
			streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"late-1\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"late-1\",\"radio_uuid\":\"late-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"late-radio\"}");
			assertThat(streamer.next()).contains("\"filename\":\"late-radio-a.mp3\"");
			await().atMost(Duration.ofSeconds(10)).until(() -> songOnAir(mongo, "late-radio") != null);
			RadioEvent pending = RadioStore.read(mongo, "late-radio")
				.pending()
				.stream()
				.filter((event) -> event.kind() == RadioEvent.Kind.PREPARE)
				.findFirst()
				.orElse(null);
			assertThat(pending).isNotNull();
			first.close();
			// Wait, without a scheduler, until the next PREPARE is overdue.
			await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(pending.dueAt().plusMillis(200)));

			ConfigurableApplicationContext second = startScheduler();
			try {
				String next = streamer.next(Duration.ofSeconds(30));
				assertThat(next).contains("\"filename\":\"late-radio-b.mp3\"").contains("\"delay\":0.5");
				MongoTemplate mongo2 = second.getBean(MongoTemplate.class);
				// The play left after the write that claimed its PREPARE: no waiting here.
				RadioEvent handled = RadioStore.read(mongo2, "late-radio")
					.handled()
					.stream()
					.filter((event) -> event.id().equals(pending.id()))
					.findFirst()
					.orElseThrow();
				assertThat(handled.done()).isTrue();
				assertThat(RadioStore.read(mongo2, "late-radio").pending()).as("claimed in the same document")
					.noneMatch((event) -> event.id().equals(pending.id()));
				await().atMost(Duration.ofSeconds(10))
					.until(() -> "late-radio-b".equals(songOnAir(mongo2, "late-radio")));
				String after = streamer.next(Duration.ofSeconds(30));
				assertThat(after).as("the track after b, not b again").contains("\"filename\":\"late-radio-c.mp3\"");
			}
			finally {
				second.close();
			}
		}
	}

	private static String songOnAir(MongoTemplate mongo, String radioUuid) {
		RadioState state = mongo.findById(radioUuid, RadioState.class);
		return (state != null) ? state.songId() : null;
	}

	/** The PREPAREs the radio's document lists as handled, in due order. */
	private static List<RadioEvent> handledPrepares(MongoTemplate mongo, String radioUuid) {
		return RadioStore.read(mongo, radioUuid)
			.handled()
			.stream()
			.filter((event) -> event.kind() == RadioEvent.Kind.PREPARE && event.done())
			.sorted(java.util.Comparator.comparing(RadioEvent::dueAt))
			.toList();
	}

}
