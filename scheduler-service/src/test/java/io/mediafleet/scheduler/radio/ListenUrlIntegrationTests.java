package io.mediafleet.scheduler.radio;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one listen URL over real HTTP, real Redis and real ffmpeg, with streamers that speak the protocol over raw
 * Redis and serve MP3 over HTTP: listeners are spread by headroom, a killed streamer stops getting listeners and an
 * ffmpeg reopening the URL lands on another, a joining streamer gets the next listeners, the token travels along.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.radio.channel-prefix=" + ListenUrlIntegrationTests.PREFIX,
				"mediafleet.scheduler.radio.ping-interval=1h", "mediafleet.scheduler.burn.port=0",
				"mediafleet.scheduler.simul.advise-port=0", "mediafleet.scheduler.simul.command-port=0" })
@WithRedis
@WithMongoDb(database = "radio-listen")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ListenUrlIntegrationTests {

	static final String PREFIX = "listen.";

	static byte[] mp3;

	@LocalServerPort
	int port;

	@Autowired
	RadioAdmin admin;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.followRedirects(HttpClient.Redirect.NEVER)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	private final List<AutoCloseable> started = new ArrayList<>();

	@TempDir
	Path ffmpegDir;

	private Path ffmpegLog;

	@BeforeAll
	static void seed(@Autowired MongoTemplate mongo, @TempDir Path dir) throws Exception {
		RadioSeed.radio(mongo, "listen-radio", 60);
		Path file = dir.resolve("tone.mp3");
		Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
				"sine=frequency=440:duration=20", "-b:a", "128k", file.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
		mp3 = Files.readAllBytes(file);
	}

	@AfterEach
	void stopStreamers() throws Exception {
		for (AutoCloseable closeable : this.started) {
			closeable.close();
		}
	}

	@Test
	@Order(1)
	void unknownRadioIs404AndNoLiveStreamerIs503WithRetryAfter() throws Exception {
		HttpResponse<String> unknown = get("/listen/no-such-radio");
		assertThat(unknown.statusCode()).isEqualTo(404);
		assertThat(get("/listen/bad%20id").statusCode()).isEqualTo(404);
		HttpResponse<String> none = get("/listen/listen-radio");
		assertThat(none.statusCode()).isEqualTo(503);
		assertThat(none.headers().firstValue("Retry-After")).hasValue("5");
	}

	@Test
	@Order(1)
	void playlistFormsListTheListenUrlItselfWithTheTokenAndNeverAStreamer() throws Exception {
		String listenUrl = "http://127.0.0.1:" + this.port + "/listen/listen-radio?auth_token=tok%2B1";
		// No streamer is live yet: a playlist chooses none, the player asks the URL when it plays the entry.
		HttpResponse<String> m3u = get("/listen/listen-radio.m3u?auth_token=tok%2B1");
		assertThat(m3u.statusCode()).isEqualTo(200);
		assertThat(m3u.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("audio/x-mpegurl"));
		assertThat(m3u.headers().firstValue("Cache-Control")).hasValue("no-store");
		assertThat(m3u.body()).startsWith("#EXTM3U\n").endsWith("\n" + listenUrl + "\n");
		HttpResponse<String> pls = get("/listen/listen-radio.pls?auth_token=tok%2B1");
		assertThat(pls.statusCode()).isEqualTo(200);
		assertThat(pls.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("audio/x-scpls"));
		assertThat(pls.body()).startsWith("[playlist]\n").contains("NumberOfEntries=1\n")
			.contains("File1=" + listenUrl + "\n");
		assertThat(get("/listen/no-such-radio.m3u").statusCode()).isEqualTo(404);
		assertThat(get("/listen/no-such-radio.pls").statusCode()).isEqualTo(404);
	}

	@Test
	@Order(2)
	void listenersAreSpreadByHeadroomTheFullStreamerGetsNoneAndTheTokenTravels() throws Exception {
		FakeListenStreamer empty = streamer("spread-a", 0, 100);
		FakeListenStreamer third = streamer("spread-b", 30, 100);
		FakeListenStreamer twoThirds = streamer("spread-c", 60, 100);
		FakeListenStreamer full = streamer("spread-full", 500, 500);
		awaitRedirectsTo(empty);
		empty.playRadio("listen-radio");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.admin.radio("listen-radio")
			.map((radio) -> "spread-a".equals(this.admin.status(radio).masterStreamer()))
			.orElse(false));
		List<InputStream> listeners = new ArrayList<>();
		try {
			for (int i = 0; i < 90; i++) {
				HttpResponse<String> redirect = get("/listen/listen-radio?auth_token=tok-" + i);
				assertThat(redirect.statusCode()).isEqualTo(307);
				assertThat(redirect.headers().firstValue("Cache-Control")).hasValue("no-store");
				String location = redirect.headers().firstValue("Location").orElseThrow();
				assertThat(location).endsWith("/radios/listen-radio?auth_token=tok-" + i);
				// Follow it and stay, as a player does, so the streamers' reports count it.
				HttpResponse<InputStream> stream = this.http.send(HttpRequest.newBuilder(URI.create(location)).build(),
						HttpResponse.BodyHandlers.ofInputStream());
				assertThat(stream.statusCode()).isEqualTo(200);
				listeners.add(stream.body());
				int expected = listeners.size();
				await().atMost(Duration.ofSeconds(10))
					.until(() -> empty.connected() + third.connected() + twoThirds.connected() == expected);
			}
			// Every streamer ends at about 60 listeners: 60 new on the empty one, 30 on the third-full one, none
			// on the one already at 60; the full one gets nobody.
			assertThat(empty.connected()).isBetween(55, 65);
			assertThat(third.connected()).isBetween(25, 35);
			assertThat(twoThirds.connected()).isBetween(0, 5);
			assertThat(full.requests()).isEmpty();
			assertThat(empty.requests()).allMatch((uri) -> uri.matches("/radios/listen-radio\\?auth_token=tok-\\d+"));
			// Summed over the three streamers: the REST API's status and the Icecast-style page.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
				assertThat(this.admin.status(this.admin.radio("listen-radio").orElseThrow()).listeners()).isEqualTo(90);
				JsonNode source = this.json.readTree(get("/status-json.xsl").body()).path("icestats").path("source");
				assertThat(source.path("listeners").asInt()).isEqualTo(90);
				assertThat(source.path("listenurl").asString()).isEqualTo("http://127.0.0.1:" + this.port
						+ "/listen/listen-radio");
			});
		}
		finally {
			for (InputStream listener : listeners) {
				listener.close();
			}
		}
	}

	@Test
	@Order(3)
	void aJoiningStreamerGetsTheNextListenersAndAKilledOneStopsGettingThem() throws Exception {
		FakeListenStreamer small = streamer("join-small", 0, 10);
		awaitRedirectsTo(small);
		FakeListenStreamer big = streamer("join-big", 0, 1000);
		awaitRedirectsTo(big);
		assertThat(chosen(20)).containsOnlyKeys(big.name());
		big.kill();
		// Within the staleness bound (3 s) plus a report, the URL sends listeners to the live one again.
		awaitRedirectsTo(small);
	}

	@Test
	@Order(4)
	void ffmpegReopeningTheUrlAfterItsStreamerDiedLandsOnAnotherStreamer() throws Exception {
		FakeListenStreamer first = streamer("ffmpeg-first", 0, 1000);
		FakeListenStreamer second = streamer("ffmpeg-second", 0, 100);
		awaitRedirectsTo(first);
		await().atMost(Duration.ofSeconds(10)).until(() -> redirect().equals(first.name())
				&& second.requests().isEmpty() && redirect().equals(first.name()));
		// FFmpeg 5.1's own -reconnect retries the location it was redirected to (the dead streamer): it gives up
		// after -reconnect_delay_max, and the player's loop opens the listen URL again, as docs/listening.md says.
		this.ffmpegLog = this.ffmpegDir.resolve("ffmpeg.log");
		String url = "http://127.0.0.1:" + this.port + "/listen/listen-radio?auth_token=ffmpeg-token";
		Process ffmpeg = new ProcessBuilder("sh", "-c", "for attempt in 1 2 3 4 5 6 7 8 9 10; do ffmpeg -hide_banner "
				+ "-nostdin -reconnect 1 -reconnect_streamed 1 -reconnect_delay_max 1 -i '" + url
				+ "' -t 60 -f null -; echo \"ffmpeg exited: $?\"; sleep 0.5; done")
			.redirectErrorStream(true)
			.redirectOutput(this.ffmpegLog.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(20)).until(() -> first.connected() == 1);
			long killedAt = System.nanoTime();
			first.kill();
			await().atMost(Duration.ofSeconds(20)).until(() -> second.connected() == 1);
			double seconds = (System.nanoTime() - killedAt) / 1e9;
			System.out.printf("ffmpeg reconnected through the listen URL %.1f s after its streamer died%n", seconds);
			assertThat(second.requests()).containsExactly("/radios/listen-radio?auth_token=ffmpeg-token");
			assertThat(ffmpeg.descendants().anyMatch((child) -> child.info().command().orElse("").endsWith("ffmpeg")))
				.as("ffmpeg still playing").isTrue();
		}
		catch (AssertionError | RuntimeException ex) {
			System.out.println("ffmpeg said:\n" + Files.readString(this.ffmpegLog));
			throw ex;
		}
		finally {
			ffmpeg.descendants().forEach(ProcessHandle::destroyForcibly);
			ffmpeg.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
	}

	private FakeListenStreamer streamer(String name, int listeners, int limit) throws Exception {
		FakeListenStreamer streamer = new FakeListenStreamer(TestRedis.url(), PREFIX, name, listeners, limit, mp3);
		this.started.add(streamer);
		return streamer;
	}

	private void awaitRedirectsTo(FakeListenStreamer streamer) {
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
			.until(() -> redirect().equals(streamer.name()));
	}

	/** The streamer the URL sends a listener to now ("" for none); the listener does not follow. */
	private String redirect() throws Exception {
		HttpResponse<String> response = get("/listen/listen-radio");
		return response.headers().firstValue("X-Mediafleet-Streamer").orElse("");
	}

	private Map<String, Integer> chosen(int listeners) throws Exception {
		Map<String, Integer> chosen = new HashMap<>();
		for (int i = 0; i < listeners; i++) {
			chosen.merge(redirect(), 1, Integer::sum);
		}
		return chosen;
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
