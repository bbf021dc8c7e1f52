package io.mediafleet.scheduler.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.mediafleet.testsupport.StoppableMongoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.mediafleet.scheduler.radio.Playlist;
import io.mediafleet.scheduler.radio.Radio;
import io.mediafleet.scheduler.radio.Song;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler with a Redis and a MongoDB of its own, each stopped as a killed server would be: the admin API keeps
 * answering (a problem document naming the store while that store is needed and down, never a bare 500), and the
 * radio core hears Redis again soon after it is back, and a radio whose tracks are announced ahead plays through a
 * MongoDB outage shorter than its announce horizon without a gap. MongoDB is also frozen, as by {@code SIGSTOP}.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=test-admin-token",
				"mediafleet.scheduler.radio.channel-prefix=down.", "mediafleet.scheduler.burn.port=0",
				"mediafleet.scheduler.simul.advise-port=0", "mediafleet.scheduler.simul.command-port=0",
				// Devstack's layout, scaled down: tracks announced a horizon ahead (45 s there), catalogue entries
				// expiring during the outage (60 s there, the outage in the fault matrix 30 s).
				"mediafleet.scheduler.radio.announce-horizon=15s",
				"mediafleet.scheduler.radio.catalogue-cache-ttl=1s" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminWhileStoreDownIntegrationTests {

	private static final String SCHEDULER_CHANNEL = "down.yascheduler";

	static int redisPort;

	static RedisServer redis;

	static StoppableMongoDb mongo;

	static Path mongoDirectory;

	@LocalServerPort
	int port;

	@Autowired
	MongoTemplate mongoTemplate;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void stores(DynamicPropertyRegistry properties) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			redisPort = socket.getLocalPort();
		}
		redis = startRedis();
		// On a file, so a MongoDB started again after an outage has the data the stopped one committed.
		mongoDirectory = Files.createTempDirectory("store-down");
		mongo = StoppableMongoDb.start(mongoDirectory.resolve("mongodb.mv"));
		properties.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redisPort);
		// A short server selection timeout, so a request finds out in a second that MongoDB is gone.
		properties.add("spring.mongodb.uri",
				() -> mongo.uri() + "/store-down?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000");
	}

	@AfterAll
	static void stopStores() throws IOException {
		redis.stop();
		mongo.stop();
		try (Stream<Path> files = Files.walk(mongoDirectory)) {
			files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
		}
	}

	@Test
	@Order(1)
	void whileRedisIsDownTheAdminApiStillAnswersAndHealthNamesRedis() throws Exception {
		assertThat(get("/api/admin/radios").statusCode()).isEqualTo(200);
		redis.stop();
		try {
			assertThat(get("/api/admin/radios").statusCode()).isEqualTo(200);
			assertThat(get("/api/admin/streamers").statusCode()).isEqualTo(200);
			HttpResponse<String> health = get("/actuator/health");
			assertThat(health.statusCode()).isEqualTo(503);
			assertThat(health.body()).contains("\"redis\":{\"status\":\"DOWN\"}");
		}
		finally {
			redis = startRedis();
		}
	}

	@Test
	@Order(2)
	void afterALongRedisOutageTheRadioCoreSubscribesAgainWithinAboutASecond() throws Exception {
		await().atMost(Duration.ofSeconds(10)).until(() -> subscribers(SCHEDULER_CHANNEL) >= 1);
		redis.stop();
		// Lettuce's default backoff doubles from 1 ms: its attempts fall about 8 s and 16 s into the outage, then 33 s.
		// Back after 10 s, Redis would be heard again only some 6 s later without the cap (later still on a loaded
		// machine), past the 4 s allowed below. The outage's length is what is tested, so it is a fixed wait.
		Thread.sleep(10_000);
		redis = startRedis();
		// The cap makes the next attempt come within 1 s.
		await().atMost(Duration.ofSeconds(4))
			.pollInterval(Duration.ofMillis(100))
			.until(() -> subscribers(SCHEDULER_CHANNEL) >= 1);
	}

	@Test
	@Order(3)
	void whileMongoDbIsDownTheAdminApiAnswers503NamingMongoDb() throws Exception {
		assertThat(get("/api/admin/radios").statusCode()).isEqualTo(200);
		mongo.stop();
		HttpResponse<String> response = get("/api/admin/radios");
		assertThat(response.statusCode()).isEqualTo(503);
		assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
		assertThat(response.body()).contains("\"dependency\":\"mongodb\"").contains("MongoDB is unavailable");
	}

	@Test
	@Order(4)
	void anAdminRequestWaitingForWritesMongoDbCannotTakeAnswers503NamingMongoDb() throws Exception {
		// MongoDB is still down (previous test). A streamer registers: its bookkeeping waits in the radio writer.
		publishToScheduler("{\"type\":\"register_streamer\",\"streamer\":\"down-vm\"}");
		// The streamers list waits for that write: it must say MongoDB is the hold-up, not wait out its 30 s.
		awaitProblemNamingMongoDb("/api/admin/streamers");
	}

	@Test
	@Order(5)
	void aRadioAnnouncedAheadPlaysThroughAMongoDbOutageShorterThanItsHorizonWithoutAGap() throws Exception {
		// MongoDB is still down (previous tests): back, with its data, as after a refusal.
		mongo = mongo.restart();
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/admin/radios").statusCode() == 200);
		this.mongoTemplate.save(new Song("down-tone", "down-tone.mp3", TRACK_SECONDS, null, null));
		this.mongoTemplate.save(new Playlist("down-tones", "Tones", List.of("down-tone"), false));
		this.mongoTemplate.save(new Radio("down-radio", "Down radio", "down-tones"));
		try (PlayRecorder streamer = new PlayRecorder("down-tone-vm")) {
			streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"down-tone-vm\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"down-tone-vm\",\"radio_uuid\":\"down-radio\"}");
			// The horizon filled: the first track and the 3 s tracks starting within 15 s of now.
			await().atMost(Duration.ofSeconds(30)).until(() -> streamer.plays().size() >= 4);
			// Refused for 8 s (a fixed wait: the outage's length is what is tested), then back with its data. The
			// catalogue entries expire meanwhile; the tracks prepared meanwhile are committed when MongoDB is back,
			// and only then may their plays leave: late, but still ahead of their tracks' starts.
			mongo.stop();
			Thread.sleep(8_000);
			mongo = mongo.restart();
			long back = System.currentTimeMillis();
			await().atMost(Duration.ofSeconds(60))
				.until(() -> streamer.plays().stream().anyMatch((play) -> play.startsAtMillis() > back + 20_000));
			List<PlayRecorder.Heard> plays = streamer.plays()
				.stream()
				.sorted(Comparator.comparingLong(PlayRecorder.Heard::startsAtMillis))
				.toList();
			for (int i = 1; i < plays.size(); i++) {
				// Measured on arrival here, so allow for Redis's delivery on a loaded machine; a gap is seconds.
				assertThat(plays.get(i).startsAtMillis() - plays.get(i - 1).startsAtMillis())
					.as("track %d of %s starts where the previous one ends", i, plays)
					.isBetween(TRACK_SECONDS * 1000L - 1000, TRACK_SECONDS * 1000L + 1000);
			}
		}
	}

	@Test
	@Order(6)
	void whileMongoDbIsFrozenTheRadiosListAnswers503NamingMongoDbInsteadOfWaitingOnIt() throws Exception {
		assertThat(get("/api/admin/radios").statusCode()).isEqualTo(200);
		// Frozen (SIGSTOP): connections accepted, nothing answered. The driver has no read time-out by default, so a
		// read of the radios sent now would wait until MongoDB is thawed (the fault matrix's "no answer in 3 s").
		mongo.freeze();
		try {
			// A streamer registers: its bookkeeping waits in the radio writer on the frozen MongoDB.
			publishToScheduler("{\"type\":\"register_streamer\",\"streamer\":\"frozen-vm\"}");
			awaitProblemNamingMongoDb("/api/admin/radios");
		}
		finally {
			mongo.thaw();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> get("/api/admin/radios").statusCode() == 200);
	}

	private static void publishToScheduler(String json) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().publish(SCHEDULER_CHANNEL, json);
		}
		finally {
			client.shutdown();
		}
	}

	private static final int TRACK_SECONDS = 3;

	/** A streamer speaking raw Redis that answers pings and notes when each play's track starts (arrival + delay). */
	private static final class PlayRecorder implements AutoCloseable {

		private static final Pattern PLAY = Pattern.compile("\"type\":\"play\".*\"delay\":([0-9.Ee-]+)");

		private final RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);

		private final StatefulRedisConnection<String, String> publisher = this.client.connect();

		private final StatefulRedisPubSubConnection<String, String> subscriber = this.client.connectPubSub();

		private final List<Heard> plays = new CopyOnWriteArrayList<>();

		PlayRecorder(String name) {
			this.subscriber.addListener(new RedisPubSubAdapter<>() {
				@Override
				public void message(String channel, String message) {
					long arrival = System.currentTimeMillis();
					if (message.equals("{\"type\":\"ping\"}")) {
						publish("{\"type\":\"pong\",\"streamer\":\"" + name + "\"}");
						return;
					}
					Matcher play = PLAY.matcher(message);
					if (play.find()) {
						PlayRecorder.this.plays.add(
								new Heard(arrival + Math.round(Double.parseDouble(play.group(1)) * 1000), message));
					}
				}
			});
			this.subscriber.sync().subscribe("down.yastream." + name);
		}

		void publish(String json) {
			this.publisher.async().publish(SCHEDULER_CHANNEL, json);
		}

		List<Heard> plays() {
			return new ArrayList<>(this.plays);
		}

		@Override
		public void close() {
			this.subscriber.close();
			this.publisher.close();
			this.client.shutdown();
		}

		record Heard(long startsAtMillis, String message) {
		}

	}

	/** {@code path} answers (each try within 10 s) the 503 problem naming MongoDB, within 20 s. */
	private void awaitProblemNamingMongoDb(String path) {
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
						.header("Authorization", "Bearer test-admin-token")
						.timeout(Duration.ofSeconds(10))
						.build(),
					HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(503);
			assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
			assertThat(response.body()).contains("\"dependency\":\"mongodb\"");
		});
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer test-admin-token")
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static long subscribers(String channel) {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().pubsubNumsub(channel).getOrDefault(channel, 0L);
		}
		catch (RuntimeException ex) {
			return 0;
		}
		finally {
			client.shutdown();
		}
	}

	private static RedisServer startRedis() throws IOException {
		RedisServer server = RedisServer.newRedisServer()
			.bind("127.0.0.1")
			.port(redisPort)
			.setting("save \"\"")
			.setting("appendonly no")
			.build();
		server.start();
		return server;
	}

}
