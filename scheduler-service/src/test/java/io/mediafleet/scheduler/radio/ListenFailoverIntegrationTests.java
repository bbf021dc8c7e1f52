package io.mediafleet.scheduler.radio;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import io.mediafleet.scheduler.listen.ListenDirectory;
import io.mediafleet.testsupport.TestRedis;
import io.mediafleet.testsupport.WithMongoDb;
import io.mediafleet.testsupport.WithRedis;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
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
 * Three streamers behind the one listen URL, over real HTTP and Redis: 300 players that reopen the URL when their
 * stream breaks (299 HTTP clients doing what docs/listening.md tells a browser page to do, and a real mpv playing the
 * {@code .m3u} form with {@code --loop-playlist=force}) get even shares; a streamer killed as a crash would (no
 * goodbye, not even for its listeners) loses its players to the other two within the 5 s; the summed
 * listener count is the players' before the kill and again once the ping rules declared the killed one dead (its
 * sessions were its own: {@code register_listener} names the serving streamer).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.radio.channel-prefix=" + ListenFailoverIntegrationTests.PREFIX,
				"mediafleet.scheduler.radio.ping-interval=1s", "mediafleet.scheduler.burn.port=0",
				"mediafleet.scheduler.simul.advise-port=0", "mediafleet.scheduler.simul.command-port=0" })
@WithRedis
@WithMongoDb(database = "radio-listen-failover")
class ListenFailoverIntegrationTests {

	static final String PREFIX = "failover.";

	static final int PLAYERS = 300;

	static byte[] mp3;

	@LocalServerPort
	int port;

	@Autowired
	RadioAdmin admin;

	@Autowired
	ListenDirectory directory;

	@Autowired
	Clock clock;

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.followRedirects(HttpClient.Redirect.NORMAL)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	private final ExecutorService players = Executors.newVirtualThreadPerTaskExecutor();

	private final List<FakeListenStreamer> streamers = new ArrayList<>();

	private volatile boolean playing = true;

	private @Nullable Process mpv;

	@TempDir
	Path dir;

	@BeforeAll
	static void seed(@Autowired MongoTemplate mongo, @TempDir Path dir) throws Exception {
		RadioSeed.radio(mongo, "failover-radio", 60);
		Path file = dir.resolve("tone.mp3");
		Process ffmpeg = new ProcessBuilder("ffmpeg", "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
				"sine=frequency=440:duration=20", "-b:a", "128k", file.toString())
			.redirectErrorStream(true)
			.start();
		assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).isTrue();
		mp3 = Files.readAllBytes(file);
	}

	@AfterEach
	void stop() throws Exception {
		this.playing = false;
		if (this.mpv != null) {
			this.mpv.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
		}
		this.players.shutdownNow();
		for (FakeListenStreamer streamer : this.streamers) {
			streamer.close();
		}
		this.players.awaitTermination(10, TimeUnit.SECONDS);
		this.http.close();
	}

	@Test
	void threeStreamersShareThePlayersAndAKilledOnesPlayersReturnThroughTheUrlToTheOthers() throws Exception {
		// Streamers report every second, as real ones do.
		FakeListenStreamer a = streamer("failover-a");
		FakeListenStreamer b = streamer("failover-b");
		FakeListenStreamer c = streamer("failover-c");
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
			.until(() -> this.streamers.stream()
				.allMatch((streamer) -> this.directory.isLive(streamer.name(), this.clock.instant())));
		c.playRadio("failover-radio");
		await().atMost(Duration.ofSeconds(10)).until(() -> this.admin.radio("failover-radio")
			.map((radio) -> "failover-c".equals(this.admin.status(radio).masterStreamer()))
			.orElse(false));

		// The first player is a real mpv on the playlist form; equal headroom, so the name that sorts first gets it.
		Path mpvLog = this.dir.resolve("mpv.log");
		this.mpv = new ProcessBuilder("mpv", "--no-config", "--ao=null", "--vo=null", "--ytdl=no",
				"--loop-playlist=force", "--msg-level=all=warn",
				"http://127.0.0.1:" + this.port + "/listen/failover-radio.m3u?auth_token=mpv-player")
			.redirectErrorStream(true)
			.redirectOutput(mpvLog.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> a.connected() == 1);
			assertThat(a.requests()).containsExactly("/radios/failover-radio?auth_token=mpv-player");

			// 299 more players, 25 at a time, each waiting for the previous ones to be playing.
			for (int started = 1; started < PLAYERS;) {
				int batch = Math.min(25, PLAYERS - started);
				for (int i = 0; i < batch; i++) {
					int player = started + i;
					this.players.execute(() -> play("player-" + player));
				}
				started += batch;
				int expected = started;
				await().atMost(Duration.ofSeconds(30)).until(() -> connected(a, b, c) == expected);
			}
			System.out.printf("shares of %d players: a %d, b %d, c %d%n", PLAYERS, a.connected(), b.connected(),
					c.connected());
			for (FakeListenStreamer streamer : List.of(a, b, c)) {
				assertThat(streamer.connected()).as(streamer.name()).isBetween(90, 110);
			}
			// Summed over the three streamers: the REST API and the Icecast-style page.
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(summed()).containsOnly(PLAYERS));

			int onA = a.connected();
			int bBefore = b.requests().size();
			int cBefore = c.requests().size();
			long killedAt = System.nanoTime();
			a.kill();
			// The bound: every player of the killed streamer is playing from another within 5 s.
			try {
				await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
					.until(() -> b.connected() + c.connected() == PLAYERS);
			}
			catch (org.awaitility.core.ConditionTimeoutException ex) {
				// Say how far it got and when it would have made it, for whoever reads the failure.
				System.out.printf("after 5 s: %d of %d players back (b %d, c %d, mpv back: %s), load %s%n",
						b.connected() + c.connected(), PLAYERS, b.connected(), c.connected(),
						b.requests().contains("/radios/failover-radio?auth_token=mpv-player")
								|| c.requests().contains("/radios/failover-radio?auth_token=mpv-player"),
						Files.readString(Path.of("/proc/loadavg")).strip());
				await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
					.until(() -> b.connected() + c.connected() == PLAYERS);
				System.out.printf("all back %.2f s after the kill%n", (System.nanoTime() - killedAt) / 1e9);
				throw ex;
			}
			System.out.printf("%d players of the killed streamer back on the others %.2f s after the kill "
					+ "(b %d, c %d)%n", onA, (System.nanoTime() - killedAt) / 1e9, b.connected(), c.connected());
			assertThat(a.connected()).isZero();
			List<String> reconnected = new ArrayList<>(b.requests().subList(bBefore, b.requests().size()));
			reconnected.addAll(c.requests().subList(cBefore, c.requests().size()));
			assertThat(reconnected).contains("/radios/failover-radio?auth_token=mpv-player").hasSize(onA);
			assertThat(b.requests().size() - bBefore).as("b's share of the moved players").isPositive();
			assertThat(c.requests().size() - cBefore).as("c's share of the moved players").isPositive();
			assertThat(this.mpv.isAlive()).as("mpv still playing").isTrue();
			// The killed streamer said nothing about its listeners; once the ping rules declare it dead (2 missed
			// pings, here 1 s apart), its sessions close and the sum is the players again, not players + its 100.
			await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(summed()).containsOnly(PLAYERS));
		}
		catch (AssertionError | RuntimeException ex) {
			System.out.println("mpv said:\n" + Files.readString(mpvLog));
			throw ex;
		}
	}

	/** A player as docs/listening.md describes a browser page: open the URL, play, open the URL again on error. */
	private void play(String token) {
		URI url = URI.create("http://127.0.0.1:" + this.port + "/listen/failover-radio?auth_token=" + token);
		byte[] buffer = new byte[8192];
		while (this.playing) {
			try {
				HttpResponse<InputStream> response = this.http.send(HttpRequest.newBuilder(url).build(),
						HttpResponse.BodyHandlers.ofInputStream());
				try (InputStream body = response.body()) {
					if (response.statusCode() == 200) {
						while (this.playing && body.read(buffer) >= 0) {
							// Playing.
						}
					}
				}
			}
			catch (IOException ex) {
				// The streamer died or refused: try the URL again.
			}
			catch (InterruptedException ex) {
				return;
			}
			try {
				Thread.sleep(250);
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private FakeListenStreamer streamer(String name) throws Exception {
		FakeListenStreamer streamer = new FakeListenStreamer(TestRedis.url(), PREFIX, name, 0, 1000, mp3, 1000);
		this.streamers.add(streamer);
		return streamer;
	}

	private static int connected(FakeListenStreamer... streamers) {
		int sum = 0;
		for (FakeListenStreamer streamer : streamers) {
			sum += streamer.connected();
		}
		return sum;
	}

	/** The radio's listeners as the REST API and the scheduler's /status-json.xsl count them. */
	private List<Integer> summed() throws Exception {
		int rest = (int) this.admin.status(this.admin.radio("failover-radio").orElseThrow()).listeners();
		JsonNode source = this.json.readTree(get("/status-json.xsl").body()).path("icestats").path("source");
		return List.of(rest, source.path("listeners").asInt());
	}

	private HttpResponse<String> get(String path) throws Exception {
		try (HttpClient client = HttpClient.newHttpClient()) {
			return client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		}
	}

}
