package io.mediafleet.streamer.stream;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.mediafleet.streamer.testing.ListenerBounds;
import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.awaitility.Awaitility.await;

/**
 * Bounds that protect the streamer: a slow listener is dropped while a fast one keeps every frame, and listeners
 * above the limit get 503.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + ListenerLimitsIntegrationTests.STREAMER,
				"mediafleet.streamer.listener-limit=3", "mediafleet.streamer.stream.burst-size=16KB",
				"mediafleet.streamer.stream.listener-queue-size=40KB",
				"mediafleet.streamer.stream.icy-metaint=4096", "mediafleet.streamer.stream.socket-send-buffer=8KB" })
@WithRedis
class ListenerLimitsIntegrationTests {

	static final String STREAMER = "limits-it";

	static SchedulerDouble scheduler;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@Autowired
	RadioHub hub;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		Path library = Files.createTempDirectory("limits-library");
		TestMp3s.sine(library.resolve("loud.mp3"), 60, "Loud", "Band", "-b:a", "320k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		scheduler.program("limits-slow", "loud.mp3", 0, 0);
		scheduler.program("limits-full", "loud.mp3", 0, 0);
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@BeforeEach
	void noListenerLeftFromAnotherTest() {
		await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.admittedListeners() == 0);
	}

	@Test
	void slowListenerIsDroppedWhileFastListenerKeepsEveryFrame() throws Exception {
		ListenerBounds.slowListenerIsDroppedWhileFastListenerKeepsEveryFrame(this.registry, this.port, "limits-slow", 320,
				"HTTP/1.1 200");
	}

	@Test
	void listenersAboveTheLimitGet503() throws Exception {
		ListenerBounds.listenersAboveTheLimitGet503(this.registry, this.hub::admittedListeners, this.port, "limits-full", 3);
	}

}
