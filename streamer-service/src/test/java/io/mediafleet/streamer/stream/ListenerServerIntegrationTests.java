package io.mediafleet.streamer.stream;

import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import io.mediafleet.streamer.testing.ApiKeyListeners;
import io.mediafleet.streamer.testing.IcyClient;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dedicated listener port with real clients and a raw-Redis scheduler double: the same answers as the web port
 * (audio ffmpeg decodes, ICY titles, burst, 404/503, lag drop, credentials), from the shared non-blocking writer.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + ListenerServerIntegrationTests.STREAMER,
				"mediafleet.streamer.stream.listener-port=0", "mediafleet.streamer.listener-limit=4",
				"mediafleet.streamer.stream.burst-size=16KB", "mediafleet.streamer.stream.listener-queue-size=40KB",
				"mediafleet.streamer.stream.icy-metaint=4096", "mediafleet.streamer.stream.socket-send-buffer=8KB",
				"mediafleet.streamer.stream.stop-linger=500ms",
				// Several writer threads, so every test here also checks the sharded writes.
				"mediafleet.streamer.stream.listener-write-threads=3" })
@WithRedis
class ListenerServerIntegrationTests {

	static final String STREAMER = "listener-port-it";

	static SchedulerDouble scheduler;

	@Autowired
	ListenerServer server;

	@LocalServerPort
	int webPort;

	@Autowired
	RadioHub hub;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		Path library = Files.createTempDirectory("listener-port-library");
		TestMp3s.sine(library.resolve("alpha.mp3"), 30, "Alpha", "Ann", "-b:a", "128k");
		TestMp3s.sine(library.resolve("loud.mp3"), 60, "Loud", "Band", "-b:a", "320k");
		// Noise never repeats a frame, so where a listener's bytes sit in another listener's stream is unambiguous; at
		// 32 kbit/s the 16 KiB burst is 4 s of audio.
		TestMp3s.encode(library.resolve("noise.mp3"), "anoisesrc=d=60:c=white:a=0.5", "Noise", "Nora", "-ar", "44100",
				"-b:a", "32k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		scheduler.program("lp-alpha", "alpha.mp3", 0, 0);
		scheduler.program("lp-auth", "alpha.mp3", 0, 0);
		scheduler.program("lp-slow", "loud.mp3", 0, 0);
		scheduler.program("lp-full", "loud.mp3", 0, 0);
		scheduler.program("lp-burst", "noise.mp3", 0, 0);
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
	void listenerHearsWholeFramesWithTitlesThatFfmpegDecodes() throws Exception {
		try (IcyClient client = new IcyClient(url("lp-alpha.mp3"))) {
			assertThat(client.header("Content-Type")).isEqualTo("audio/mpeg");
			assertThat(client.header("X-Mediafleet-Hd")).isEqualTo("false");
			assertThat(client.metaint()).isEqualTo(4096);
			// 24 intervals of 4 KiB: the 16 KiB burst, then about five seconds of paced writes.
			client.readIntervals(24);
			assertThat(client.titles()).first().isEqualTo("Ann - Alpha");
			assertThat(client.titles()).containsOnly("Ann - Alpha");
			ListenerBounds.assertContiguousFrames(client.audio(), 128);
		}
		String output = TestMp3s.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", url("lp-alpha"), "-t", "2",
				"-f", "null", "-"), 60);
		assertThat(output).contains("Audio: mp3").contains("44100 Hz");
		assertThat(output).doesNotContain("Header missing").doesNotContain("Error while decoding");
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(scheduler.received("register_listener")).anySatisfy(
					(message) -> assertThat(message.get("radio_uuid").asString()).isEqualTo("lp-alpha"));
			assertThat(scheduler.received("unregister_listener")).isNotEmpty();
		});
	}

	@Test
	void joiningListenerStartsWithABurstOfAudioPublishedBeforeItConnected() throws Exception {
		try (IcyClient first = new IcyClient(url("lp-burst"))) {
			first.readIntervals(8);
			int heardBeforeSecondJoined = first.audio().length;
			try (IcyClient second = new IcyClient(url("lp-burst"))) {
				// The burst (16 KiB) and then live frames, 4 KiB per metadata interval.
				second.readIntervals(6);
				byte[] joined = second.audio();
				while (first.audio().length < heardBeforeSecondJoined + joined.length) {
					first.readIntervals(1);
				}
				byte[] heard = first.audio();
				int at = indexOf(heard, Arrays.copyOf(joined, 1024));
				assertThat(at).as("the second listener's first bytes are in the first listener's stream").isNotNegative();
				// Live frames alone would start after everything the first listener had already received.
				assertThat(at).as("the second listener starts with audio published before it connected")
					.isLessThan(heardBeforeSecondJoined);
				assertThat(Arrays.copyOfRange(heard, at, at + joined.length))
					.as("burst and live frames follow each other without a gap")
					.isEqualTo(joined);
				ListenerBounds.assertContiguousFrames(joined, 32);
			}
		}
	}

	@Test
	void listenersSpreadOverWriterThreadsHearTheSameFramesInOrderWithExactMetadataIntervals() throws Exception {
		try (IcyClient first = new IcyClient(url("lp-burst")); IcyClient second = new IcyClient(url("lp-burst"));
				IcyClient third = new IcyClient(url("lp-burst"))) {
			// The least busy writer takes each new listener: one listener per writer thread.
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(this.server.listenersPerWriter()).containsExactly(1, 1, 1));
			// The 16 KiB burst and then live batches, written by three threads: a metadata block after exactly every
			// 4 KiB of audio (a misplaced block would break the frames or the title), the audio whole frames in order.
			for (IcyClient client : List.of(first, second, third)) {
				client.readIntervals(7);
				assertThat(client.titles()).first().isEqualTo("Nora - Noise");
				assertThat(client.titles()).containsOnly("Nora - Noise");
				ListenerBounds.assertContiguousFrames(client.audio(), 32);
			}
			// Noise never repeats a frame: the later listeners' audio is a gapless stretch of the first one's.
			for (IcyClient later : List.of(second, third)) {
				byte[] joined = later.audio();
				int at = indexOf(first.audio(), Arrays.copyOf(joined, 1024));
				assertThat(at).as("the later listener's first bytes are in the first listener's stream").isNotNegative();
				while (first.audio().length < at + joined.length) {
					first.readIntervals(1);
				}
				assertThat(Arrays.copyOfRange(first.audio(), at, at + joined.length))
					.as("same frames in the same order on every writer thread")
					.isEqualTo(joined);
			}
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.server.listenersPerWriter()).containsExactly(0, 0, 0));
	}

	@Test
	void statusPageGivesTheListenerPortAsListenUrl() throws Exception {
		try (IcyClient client = new IcyClient(url("lp-alpha"))) {
			client.readIntervals(1);
			HttpURLConnection connection = (HttpURLConnection) URI
				.create("http://127.0.0.1:" + this.webPort + "/status-json.xsl").toURL().openConnection();
			String json = new String(connection.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(this.server.port()).isNotEqualTo(this.webPort);
			assertThat(json).contains("\"listenurl\":\"http://127.0.0.1:" + this.server.port() + "/radios/lp-alpha\"")
				.doesNotContain(":" + this.webPort + "/radios/");
		}
	}

	@Test
	void pathsThatAreNoRadioAre404AndMalformedRequestsAreRefused() throws Exception {
		assertThat(rawStatus("GET /radios/lp-nobody HTTP/1.1\r\nHost: x\r\n\r\n")).isEqualTo(404);
		assertThat(rawStatus("GET /radios/bad%20id HTTP/1.1\r\n\r\n")).isEqualTo(404);
		assertThat(rawStatus("GET /status-json.xsl HTTP/1.1\r\n\r\n")).isEqualTo(404);
		assertThat(rawStatus("POST /radios/lp-alpha HTTP/1.1\r\nContent-Length: 0\r\n\r\n")).isEqualTo(405);
		assertThat(rawStatus("HELLO\r\n\r\n")).isEqualTo(400);
		assertThat(rawStatus("GET /radios/lp-alpha?x=%zz HTTP/1.1\r\n\r\n")).isEqualTo(400);
		assertThat(rawStatus("GET /radios/lp-alpha HTTP/1.1\r\nX: " + "a".repeat(9000) + "\r\n\r\n")).isEqualTo(431);
		// Longer than the first read buffer of a connection, shorter than the limit: read whole, not refused.
		assertThat(rawStatus("GET /status-json.xsl HTTP/1.1\r\nX: " + "a".repeat(5000) + "\r\n\r\n")).isEqualTo(404);
		assertThat(scheduler.received("play_radio")).anySatisfy(
				(message) -> assertThat(message.get("radio_uuid").asString()).isEqualTo("lp-nobody"));
		assertThat(this.registry.get("mediafleet.streamer.listeners.refused").tag("reason", "bad-request").counter()
			.count()).isGreaterThanOrEqualTo(4);
		assertThat(this.hub.admittedListeners()).isZero();
	}

	@Test
	void slowListenerIsDroppedWhileFastListenerKeepsEveryFrame() throws Exception {
		ListenerBounds.slowListenerIsDroppedWhileFastListenerKeepsEveryFrame(this.registry, this.server.port(), "lp-slow", 320,
				"HTTP/1.0 200");
	}

	@Test
	void listenersAboveTheLimitGet503() throws Exception {
		ListenerBounds.listenersAboveTheLimitGet503(this.registry, this.hub::admittedListeners, this.server.port(), "lp-full", 4);
	}

	@Test
	void listenerWithUsernameAndApiKeyIsAuthenticatedByQueryParameterOrHeaders() throws Exception {
		ApiKeyListeners.authenticateByQueryParameterAndByHeader(scheduler, this.registry, STREAMER, url("lp-auth"),
				"lp-auth");
	}

	private static int indexOf(byte[] haystack, byte[] needle) {
		for (int i = 0; i + needle.length <= haystack.length; i++) {
			if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length)) {
				return i;
			}
		}
		return -1;
	}

	private int rawStatus(String request) throws Exception {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.server.port()), 5000);
			socket.setSoTimeout(20_000);
			socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
			String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
			assertThat(answer).startsWith("HTTP/1.0 ");
			return Integer.parseInt(answer.substring(9, 12));
		}
	}

	private String url(String radio) {
		return "http://127.0.0.1:" + this.server.port() + "/radios/" + radio;
	}

}
