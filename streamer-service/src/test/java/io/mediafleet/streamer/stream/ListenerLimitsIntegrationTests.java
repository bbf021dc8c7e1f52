package io.mediafleet.streamer.stream;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3Parser;
import io.mediafleet.streamer.testing.IcyClient;
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

import static org.assertj.core.api.Assertions.assertThat;
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
		try (IcyClient fast = new IcyClient(url("limits-slow")); Socket slow = new Socket()) {
			fast.readIntervals(2);
			// A tiny receive window: the server's writes block almost at once, so its queue fills.
			slow.setReceiveBufferSize(1024);
			slow.connect(new InetSocketAddress("127.0.0.1", this.port), 5000);
			slow.getOutputStream()
				.write(("GET /radios/limits-slow HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
			double droppedBefore = dropped();
			// The fast listener keeps reading meanwhile; the slow one reads nothing.
			while (dropped() == droppedBefore) {
				fast.readIntervals(1);
				assertThat(fast.audio().length).as("slow listener never dropped").isLessThan(8_000_000);
			}
			assertThat(dropped()).isEqualTo(droppedBefore + 1);
			fast.readIntervals(20);
			assertThat(dropped()).as("the fast listener is never dropped").isEqualTo(droppedBefore + 1);
			Mp3Audio audio = Mp3Parser.withDefaults().parse(fast.audio());
			for (int i = 0; i + 1 < audio.frameCount(); i++) {
				assertThat(audio.frameOffset(i) + audio.frameLength(i)).as("frame %d is followed directly", i)
					.isEqualTo(audio.frameOffset(i + 1));
			}
			assertThat(audio.frameOffset(0)).isZero();
			// Once dropped, the slow listener's response ends: reading now reaches the end of the stream.
			slow.setSoTimeout(20_000);
			InputStream in = slow.getInputStream();
			ByteArrayOutputStream received = new ByteArrayOutputStream();
			in.transferTo(received);
			assertThat(received.toString(StandardCharsets.ISO_8859_1)).startsWith("HTTP/1.1 200");
		}
	}

	@Test
	void listenersAboveTheLimitGet503() throws Exception {
		List<IcyClient> listeners = new ArrayList<>();
		try {
			for (int i = 0; i < 3; i++) {
				IcyClient listener = new IcyClient(url("limits-full"));
				listeners.add(listener);
				listener.readIntervals(1);
			}
			double refusedBefore = this.registry.get("mediafleet.streamer.listeners.refused")
				.tag("reason", "limit")
				.counter()
				.count();
			HttpURLConnection fourth = (HttpURLConnection) URI.create(url("limits-full")).toURL().openConnection();
			assertThat(fourth.getResponseCode()).isEqualTo(503);
			assertThat(fourth.getHeaderField("Retry-After")).isEqualTo("10");
			fourth.disconnect();
			assertThat(this.registry.get("mediafleet.streamer.listeners.refused").tag("reason", "limit").counter().count())
				.isEqualTo(refusedBefore + 1);
			listeners.remove(0).close();
			await().atMost(Duration.ofSeconds(10)).until(() -> this.hub.admittedListeners() == 2);
			try (IcyClient again = new IcyClient(url("limits-full"))) {
				again.readIntervals(1);
			}
		}
		finally {
			listeners.forEach(IcyClient::close);
		}
	}

	private double dropped() {
		return this.registry.get("mediafleet.streamer.listeners.dropped").counter().count();
	}

	private String url(String radio) {
		return "http://127.0.0.1:" + this.port + "/radios/" + radio;
	}

}
