package io.mediafleet.streamer.radio;

import java.time.Duration;

import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Redis (or the scheduler) froze for longer than the scheduler's drop threshold: the scheduler declared this streamer
 * dead and will never ping it again, yet the pings it sent before the drop arrive when the freeze ends. The streamer
 * takes a ping after an unusually long silence as that sign and registers again at once, rather than after its
 * {@code reannounce-after} watchdog (set out of reach here, so only the ping rule can register).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + PingGapIntegrationTests.STREAMER,
				"mediafleet.streamer.reannounce-after=10m" })
@WithRedis
class PingGapIntegrationTests {

	static final String STREAMER = "ping-gap-it";

	private static final String PING = "{\"type\":\"ping\"}";

	@Test
	void aPingAfterALongSilenceRegistersAgainAndRegularPingsDoNot() throws Exception {
		try (SchedulerDouble scheduler = new SchedulerDouble(TestRedis.url(), STREAMER)) {
			for (int i = 0; i < 6; i++) {
				scheduler.send(PING);
				Thread.sleep(300);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.received("pong").size() >= 6);
			int before = scheduler.received("register_streamer").size();
			for (int i = 0; i < 4; i++) {
				scheduler.send(PING);
				Thread.sleep(300);
			}
			await().atMost(Duration.ofSeconds(30)).until(() -> scheduler.received("pong").size() >= 10);
			assertThat(scheduler.received("register_streamer")).as("pings at their usual pace").hasSize(before);

			Thread.sleep(3_000);
			scheduler.send(PING);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> scheduler.received("register_streamer").size() == before + 1);
		}
	}

}
