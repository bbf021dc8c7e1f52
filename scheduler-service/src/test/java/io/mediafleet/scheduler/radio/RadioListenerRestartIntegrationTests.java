package io.mediafleet.scheduler.radio;

import java.time.Duration;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

import io.mediafleet.scheduler.SchedulerApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Listener sessions are written behind the loop: a clean shutdown writes what is still queued, and a scheduler
 * started on the same MongoDB closes a session the previous one opened, with its full duration.
 */
class RadioListenerRestartIntegrationTests {

	private static final String PREFIX = "wb.";

	private static ConfigurableApplicationContext startScheduler() {
		return new SpringApplicationBuilder(SchedulerApplication.class).run("--server.port=0",
				"--spring.data.redis.url=" + TestRedis.url(), "--spring.mongodb.uri=" + TestMongoDb.uri(),
				"--spring.mongodb.database=radio-write-behind-restart",
				"--mediafleet.scheduler.radio.channel-prefix=" + PREFIX,
				"--mediafleet.scheduler.radio.ping-interval=1h", "--mediafleet.scheduler.radio.play-lead-time=200ms",
				"--mediafleet.scheduler.burn.port=0", "--mediafleet.scheduler.simul.advise-port=0",
				"--mediafleet.scheduler.simul.command-port=0");
	}

	@Test
	void sessionsQueuedAtShutdownAreWrittenAndClosedByTheNextScheduler() throws Exception {
		try (MongoClient client = MongoClients.create(TestMongoDb.uri())) {
			run(new MongoTemplate(client, "radio-write-behind-restart"));
		}
	}

	private void run(MongoTemplate mongo) throws Exception {
		mongo.getDb().drop();
		RadioSeed.radio(mongo, "wb-radio", 600);
		ConfigurableApplicationContext first = startScheduler();
		try (RawStreamer streamer = new RawStreamer(TestRedis.url(), PREFIX, "wb-1", true)) {
			streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"wb-1\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"wb-1\",\"radio_uuid\":\"wb-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"wb-radio\"}");
			assertThat(streamer.next()).contains("\"filename\":\"wb-radio-a.mp3\"");
			for (int i = 0; i < 50; i++) {
				streamer.publish("{\"type\":\"register_listener\",\"radio_uuid\":\"wb-radio\",\"session_id\":\"wb-s"
						+ i + "\",\"user_id\":\"" + i + "\"}");
			}
			streamer.publish("{\"type\":\"unregister_listener\",\"session_id\":\"wb-s0\"}");
			// The echo comes after the loop handled everything above.
			streamer.publish("{\"type\":\"test\",\"streamer\":\"wb-1\",\"info\":\"sync\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"test\",\"info\":\"sync\"}");
			first.close();
			// Written by the shutdown, not by waiting.
			assertThat(mongo.findById("wb-s0", ListenerSession.class).open()).isFalse();
			for (int i = 1; i < 50; i++) {
				ListenerSession session = mongo.findById("wb-s" + i, ListenerSession.class);
				assertThat(session).as("wb-s" + i).isNotNull();
				assertThat(session.open()).isTrue();
			}

			ConfigurableApplicationContext second = startScheduler();
			try {
				streamer.publish("{\"type\":\"unregister_listener\",\"session_id\":\"wb-s7\"}");
				streamer.publish("{\"type\":\"test\",\"streamer\":\"wb-1\",\"info\":\"sync-2\"}");
				assertThat(streamer.next(Duration.ofSeconds(30))).as("no play repeated after the restart")
					.isEqualTo("{\"type\":\"test\",\"info\":\"sync-2\"}");
				second.getBean(RadioLoop.class).awaitWrites();
				ListenerSession closed = mongo.findById("wb-s7", ListenerSession.class);
				assertThat(closed.open()).isFalse();
				assertThat(closed.userId()).isEqualTo("7");
				assertThat(closed.durationSeconds()).isPositive();
				// MongoDB keeps milliseconds: the duration runs from the first scheduler's start time.
				assertThat(Duration.between(closed.startedAt(), closed.endedAt()).toNanos() / 1e9)
					.isCloseTo(closed.durationSeconds(), within(0.002));
				assertThat(mongo.findById("wb-s8", ListenerSession.class).open()).isTrue();
			}
			finally {
				second.close();
			}
		}
	}

}
