package io.mediafleet.streamer.stream;

import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3Parser;
import io.mediafleet.streamer.testing.ApiKeyListeners;
import io.mediafleet.streamer.testing.IcyClient;
import io.mediafleet.streamer.testing.SchedulerDouble;
import io.mediafleet.streamer.testing.TestMp3s;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithRedis;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
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
 * The whole path with real clients: a listener connects, the streamer asks a raw-Redis scheduler double for the
 * radio, obeys its {@code play}, and ffmpeg decodes what comes out of the HTTP stream.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.streamer.streamer-id=" + StreamingIntegrationTests.STREAMER,
				"mediafleet.streamer.stream.stop-linger=500ms" })
@WithRedis
class StreamingIntegrationTests {

	static final String STREAMER = "streaming-it";

	static Path library;

	static SchedulerDouble scheduler;

	@LocalServerPort
	int port;

	@Autowired
	MeterRegistry registry;

	@DynamicPropertySource
	static void library(DynamicPropertyRegistry properties) throws Exception {
		library = Files.createTempDirectory("streamer-library");
		TestMp3s.sine(library.resolve("songs/alpha.mp3"), 8, "Alpha", "Ann", "-b:a", "128k");
		// Three seconds of silence, then three of tone: where the stream starts shows the offset was obeyed.
		TestMp3s.encode(library.resolve("half.mp3"), "aevalsrc=if(gte(t\\,3)\\,sin(2*PI*440*t)\\,0):s=44100:d=6",
				"Half", null, "-b:a", "128k");
		properties.add("mediafleet.streamer.library-directory", library::toString);
	}

	@BeforeAll
	static void startScheduler() {
		scheduler = new SchedulerDouble(TestRedis.url(), STREAMER);
		scheduler.program("it-alpha", "songs/alpha.mp3", 0, 0);
		scheduler.program("it-offset", "half.mp3", 0, 3.0);
		scheduler.program("it-nooffset", "half.mp3", 0, 0);
		scheduler.program("it-status", "songs/alpha.mp3", 0, 0);
		scheduler.program("it-escape", "../outside.mp3", 0, 0);
		scheduler.program("it-auth", "songs/alpha.mp3", 0, 0);
	}

	@AfterAll
	static void stopScheduler() {
		scheduler.close();
	}

	@Test
	void streamerRegistersOnStartAndAnswersPing() {
		await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.received("register_streamer").isEmpty());
		scheduler.send("{\"type\":\"ping\"}");
		await().atMost(Duration.ofSeconds(10)).until(() -> !scheduler.received("pong").isEmpty());
		assertThat(scheduler.received("pong").get(0).get("streamer").asString()).isEqualTo(STREAMER);
	}

	@Test
	void listenerHearsDecodableAudioOfTheProgrammedSong() {
		String output = TestMp3s.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", url("it-alpha.mp3"), "-t", "2",
				"-f", "null", "-"), 60);
		assertThat(output).contains("Audio: mp3").contains("44100 Hz");
		assertThat(output).doesNotContain("Header missing").doesNotContain("Error while decoding");
		assertThat(scheduler.received("play_radio")).anySatisfy((message) -> {
			assertThat(message.get("streamer").asString()).isEqualTo(STREAMER);
			assertThat(message.get("radio_uuid").asString()).isEqualTo("it-alpha");
		});
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			assertThat(scheduler.received("register_listener")).anySatisfy(
					(message) -> assertThat(message.get("radio_uuid").asString()).isEqualTo("it-alpha"));
			assertThat(scheduler.received("unregister_listener")).isNotEmpty();
		});
		assertThat(this.registry.get("mediafleet.streamer.play.commands").counter().count()).isPositive();
		assertThat(this.registry.get("mediafleet.streamer.bytes.sent").counter().count()).isPositive();
	}

	@Test
	void icyMetadataCarriesTheSongTitleAndAudioIsWholeFrames() throws Exception {
		try (IcyClient client = new IcyClient(url("it-alpha"))) {
			assertThat(client.header("Content-Type")).isEqualTo("audio/mpeg");
			assertThat(client.metaint()).isEqualTo(16000);
			client.readIntervals(3);
			assertThat(client.titles()).first().isEqualTo("Ann - Alpha");
			Mp3Audio audio = Mp3Parser.withDefaults().parse(client.audio());
			assertThat(audio.corruptRegions()).as("the stream is frames back to back, metadata removed")
				.isLessThanOrEqualTo(1);
			assertThat(audio.firstHeader().bitrateKbps()).isEqualTo(128);
		}
	}

	@Test
	void offsetStartsTheSongMidFile() {
		// half.mp3 is silent for 3 s: from offset 3 the first seconds are loud, from offset 0 silent.
		assertThat(meanVolume("it-offset")).isGreaterThan(-30);
		assertThat(meanVolume("it-nooffset")).isLessThan(-80);
	}

	@Test
	void unknownRadioIsNotFound() throws Exception {
		assertThat(status("/radios/it-nobody.mp3")).isEqualTo(404);
		assertThat(status("/radios/bad%20id")).isEqualTo(404);
		assertThat(scheduler.received("play_radio")).anySatisfy(
				(message) -> assertThat(message.get("radio_uuid").asString()).isEqualTo("it-nobody"));
	}

	@Test
	void statusPageHasIcecastShape() throws Exception {
		try (IcyClient client = new IcyClient(url("it-status"))) {
			client.readIntervals(1);
			HttpURLConnection connection = (HttpURLConnection) URI
				.create("http://127.0.0.1:" + this.port + "/status-json.xsl").toURL().openConnection();
			String json = new String(connection.getInputStream().readAllBytes());
			assertThat(connection.getContentType()).startsWith("application/json");
			assertThat(json).startsWith("{\"icestats\":{").contains("\"server_id\":")
				.contains("\"listenurl\":\"http://127.0.0.1:" + this.port + "/radios/it-status\"")
				.contains("\"title\":\"Ann - Alpha\"")
				.contains("\"bitrate\":128")
				.contains("\"server_type\":\"audio/mpeg\"")
				.contains("\"stream_start_iso8601\":");
			assertThat(json).containsPattern("\"listeners\":[1-9]");
		}
	}

	@Test
	void fileOutsideTheLibraryIsRefusedAndTheListenerKeepsItsStream() throws Exception {
		Files.writeString(library.getParent().resolve("outside.mp3"), "not to be read");
		double before = this.registry.get("mediafleet.streamer.files.missing").counter().count();
		assertThat(status("/radios/it-escape")).as("radio exists, nothing plays yet: the response waits")
			.isEqualTo(200);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.registry.get("mediafleet.streamer.files.missing").counter().count() > before);
	}

	@Test
	void listenerWithATokenIsAuthenticatedAndRegisteredUnderItsUser() throws Exception {
		try (IcyClient known = new IcyClient(url("it-alpha") + "?auth_token=good-token");
				IcyClient wrong = new IcyClient(url("it-alpha") + "?auth_token=bad-token")) {
			known.readIntervals(1);
			wrong.readIntervals(1);
			assertThat(scheduler.received("user_authentication")).anySatisfy((message) -> {
				assertThat(message.get("streamer").asString()).isEqualTo(STREAMER);
				assertThat(message.get("auth_token").asString()).isEqualTo("good-token");
			});
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(scheduler.received("register_listener"))
					.anySatisfy((message) -> assertThat(message.get("user_id").asLong()).isEqualTo(1742));
				// Refused credentials listen anonymously.
				assertThat(scheduler.received("user_authentication")).anySatisfy(
						(message) -> assertThat(message.get("auth_token").asString()).isEqualTo("bad-token"));
			});
		}
	}

	@Test
	void listenerWithUsernameAndApiKeyIsAuthenticatedByQueryParameterOrHeaders() throws Exception {
		ApiKeyListeners.authenticateByQueryParameterAndByHeader(scheduler, this.registry, STREAMER, url("it-auth"),
				"it-auth");
	}

	@Test
	void radioMasteredElsewhereIsRelayedFromTheMasterUrl() throws Exception {
		// The master is this same streamer's it-alpha: the relay must re-serve its frames and title.
		scheduler.programRelay("it-relay", "other-streamer", url("it-alpha"));
		long alphaSessionsBefore = registered("it-alpha");
		try (IcyClient client = new IcyClient(url("it-relay"))) {
			client.readIntervals(3);
			// One listening session, the listener's on the relay: the relay's own connection to the master is none.
			await().atMost(Duration.ofSeconds(10)).until(() -> registered("it-relay") >= 1);
			assertThat(registered("it-alpha")).as("sessions of the relayed master's radio").isEqualTo(alphaSessionsBefore);
			assertThat(client.titles()).contains("Ann - Alpha");
			Mp3Audio audio = Mp3Parser.withDefaults().parse(client.audio());
			assertThat(audio.firstHeader().bitrateKbps()).isEqualTo(128);
			assertThat(audio.corruptRegions()).isLessThanOrEqualTo(1);
		}
		String output = TestMp3s.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", url("it-relay"), "-t", "1",
				"-f", "null", "-"), 60);
		assertThat(output).contains("Audio: mp3");
		assertThat(scheduler.received("stop_radio")).noneSatisfy(
				(message) -> assertThat(message.get("radio_uuid").asString()).isEqualTo("it-relay"));
	}

	private static long registered(String radio) {
		return scheduler.received("register_listener")
			.stream()
			.filter((message) -> radio.equals(message.get("radio_uuid").asString()))
			.count();
	}

	private double meanVolume(String radio) {
		String output = TestMp3s.run(List.of("ffmpeg", "-hide_banner", "-nostats", "-i", url(radio), "-t", "1.5",
				"-af", "volumedetect", "-f", "null", "-"), 60);
		Matcher matcher = Pattern.compile("mean_volume: (-?[0-9.]+) dB").matcher(output);
		assertThat(matcher.find()).as(output).isTrue();
		return Double.parseDouble(matcher.group(1));
	}

	private int status(String path) throws Exception {
		HttpURLConnection connection = (HttpURLConnection) URI.create("http://127.0.0.1:" + this.port + path)
			.toURL()
			.openConnection();
		connection.setReadTimeout(20_000);
		try {
			return connection.getResponseCode();
		}
		finally {
			connection.disconnect();
		}
	}

	private String url(String radio) {
		return "http://127.0.0.1:" + this.port + "/radios/" + radio;
	}

}
