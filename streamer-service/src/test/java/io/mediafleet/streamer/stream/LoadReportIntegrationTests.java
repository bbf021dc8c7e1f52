package io.mediafleet.streamer.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import io.mediafleet.streamer.testing.IcyClient;
import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The load report behind the scheduler's listen URL: the streamer publishes unprompted {@code pong}s with its
 * listener count, its limit and the URL of its listener port, and the count follows the listeners.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + LoadReportIntegrationTests.STREAMER,
				"mediafleet.streamer.listener-limit=7", "mediafleet.streamer.stream.listener-port=0",
				"mediafleet.streamer.listen.host=127.0.0.1", "mediafleet.streamer.listen.report-interval=200ms",
				"mediafleet.streamer.stream.stop-linger=500ms" })
@WithRedis
class LoadReportIntegrationTests {

	static final String STREAMER = "load-report-it";

	static SchedulerDouble scheduler;

	@Autowired
	ListenerServer listenerServer;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		Path library = Files.createTempDirectory("streamer-library");
		TestMp3s.sine(library.resolve("tone.mp3"), 8, "Tone", "Ann", "-b:a", "128k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		scheduler.programLive("load-radio", "tone.mp3");
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@Test
	void streamerReportsItsListenersLimitAndListenerPortUrlUnprompted() throws Exception {
		String expectedUrl = "http://127.0.0.1:" + this.listenerServer.port();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(loadReports()).anySatisfy((pong) -> {
			assertThat(pong.get("listeners").asInt()).isZero();
			assertThat(pong.get("listener_limit").asInt()).isEqualTo(7);
			assertThat(pong.get("listen_url").asString()).isEqualTo(expectedUrl);
		}));
		try (IcyClient listener = new IcyClient(expectedUrl + "/radios/load-radio")) {
			listener.readIntervals(1);
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(last(loadReports()).get("listeners").asInt()).isEqualTo(1));
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(last(loadReports()).get("listeners").asInt()).isZero());
	}

	private static List<JsonNode> loadReports() {
		return scheduler.received("pong").stream().filter((pong) -> pong.has("listen_url")).toList();
	}

	private static JsonNode last(List<JsonNode> nodes) {
		assertThat(nodes).isNotEmpty();
		return nodes.get(nodes.size() - 1);
	}

}
