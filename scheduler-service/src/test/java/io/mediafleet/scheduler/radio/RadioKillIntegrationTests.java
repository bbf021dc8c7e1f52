package io.mediafleet.scheduler.radio;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.scheduler.TestMongoClient;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The fault seen on the devstack's demo radio: the scheduler killed with SIGKILL (a process of its own, killed by
 * {@link Process#destroyForcibly()}) just after it committed a track ahead and before that track's {@code play}
 * left, then started again. Before play receipts the next run counted that play as sent, and the radio resumed one
 * track further on: the streamer never heard of it. Now the streamer gets every track once, in playlist order.
 */
class RadioKillIntegrationTests {

	private static final String PREFIX = "kill.";

	private static final String RADIO = "kill-radio";

	@RegisterExtension
	static final TestMongoClient mongoClient = new TestMongoClient();

	@TempDir
	Path work;

	private Process startScheduler(String name) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xmx256m");
		command.add("-XX:TieredStopAtLevel=1");
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(SchedulerApplication.class.getName());
		command.addAll(List.of("--server.port=0", "--spring.data.redis.url=" + TestRedis.url(),
				"--spring.mongodb.uri=" + TestMongoDb.uri(), "--spring.mongodb.database=radio-kill",
				"--mediafleet.scheduler.radio.channel-prefix=" + PREFIX,
				"--mediafleet.scheduler.radio.ping-interval=1h", "--mediafleet.scheduler.radio.play-lead-time=1s",
				"--mediafleet.scheduler.radio.prepare-ahead=1500ms", "--mediafleet.scheduler.burn.port=0",
				"--mediafleet.scheduler.simul.advise-port=0", "--mediafleet.scheduler.simul.command-port=0"));
		File log = this.work.resolve(name + ".log").toFile();
		return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log).start();
	}

	/** Waits (bounded) until a scheduler listens on the scheduler channel. */
	private static void awaitListening(StatefulRedisConnection<String, String> redis, Process scheduler) {
		await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100)).until(() -> {
			assertThat(scheduler.isAlive()).as("the scheduler process is running").isTrue();
			return redis.sync().pubsubNumsub(PREFIX + "yascheduler").get(PREFIX + "yascheduler") > 0;
		});
	}

	@Test
	void aSchedulerKilledBetweenATracksCommitAndItsPlayAndStartedAgainSkipsNoTrackAndRepeatsNone() throws Exception {
		MongoTemplate mongo = mongoClient.freshTemplate("radio-kill");
		RadioSeed.radio(mongo, RADIO, 3);
		RedisClient client = RedisClient.create(TestRedis.url());
		List<Process> started = new ArrayList<>();
		try (StatefulRedisConnection<String, String> redis = client.connect()) {
			// A receipt left by an earlier run of this test on the same Redis would prove nothing here.
			redis.sync().del(PREFIX + "yascheduler.receipts");
			Process first = startScheduler("first");
			started.add(first);
			awaitListening(redis, first);
			try (RawStreamer streamer = new RawStreamer(TestRedis.url(), PREFIX, "kill-1", true)) {
				streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"kill-1\"}");
				streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"kill-1\",\"radio_uuid\":\"" + RADIO + "\"}");
				assertThat(streamer.next(Duration.ofSeconds(30))).contains("radio_started");
				List<String> heard = new ArrayList<>();
				heard.add(filename(streamer.next(Duration.ofSeconds(30))));
				// Kill in the window: the next track committed (its START pending, announce time still ahead).
				Instant announceAt = null;
				long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
				while (announceAt == null && System.nanoTime() < deadline) {
					announceAt = RadioStore.read(mongo, RADIO)
						.pending()
						.stream()
						.filter((event) -> event.kind() == RadioEvent.Kind.START && event.announceAt() != null
								&& event.announceAt().isAfter(Instant.now().plusMillis(300)))
						.map(RadioEvent::announceAt)
						.findFirst()
						.orElse(null);
					if (announceAt == null) {
						Thread.sleep(20);
					}
				}
				assertThat(announceAt).as("a track committed ahead of its play").isNotNull();
				first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
				Instant killedAt = Instant.now();
				String before = streamer.poll(Duration.ofMillis(200));
				if (before != null) {
					heard.add(filename(before));
				}
				assertThat(killedAt).as("killed before the committed play was due").isBefore(announceAt);
				// Down for a while, as on the demo (shorter: the test stays quick).
				Thread.sleep(2000);
				Process second = startScheduler("second");
				started.add(second);
				awaitListening(redis, second);
				while (heard.size() < 5) {
					heard.add(filename(streamer.next(Duration.ofSeconds(60))));
				}
				assertThat(heard).as("every track once, in playlist order, across the kill")
					.containsExactly(RADIO + "-a.mp3", RADIO + "-b.mp3", RADIO + "-c.mp3", RADIO + "-a.mp3",
							RADIO + "-b.mp3");
			}
		}
		finally {
			for (Process process : started) {
				process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			}
			client.shutdown();
		}
	}

	private static String filename(String message) {
		assertThat(message).contains("\"type\":\"play\"");
		int start = message.indexOf("\"filename\":\"") + "\"filename\":\"".length();
		return message.substring(start, message.indexOf('"', start));
	}

}
