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
 * A scheduler that does not know this streamer never pings it (it started after the streamer's registration went
 * out, or restarted and lost it). The streamer notices the silence and registers again, with no Redis outage.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + SchedulerWatchdogIntegrationTests.STREAMER,
				"mediafleet.streamer.reannounce-after=1s" })
@WithRedis
class SchedulerWatchdogIntegrationTests {

	static final String STREAMER = "watchdog-it";

	@Test
	void aStreamerTheSchedulerNeverPingsRegistersAgain() {
		try (SchedulerDouble scheduler = new SchedulerDouble(TestRedis.url(), STREAMER)) {
			// Whether or not the start-up registration reached this double, two more can only come from the watchdog.
			int before = scheduler.received("register_streamer").size();
			await().atMost(Duration.ofSeconds(30))
				.until(() -> scheduler.received("register_streamer").size() >= before + 2);
			assertThat(scheduler.received("register_streamer"))
				.allSatisfy((message) -> assertThat(message.get("streamer").asString()).isEqualTo(STREAMER));
		}
	}

}
