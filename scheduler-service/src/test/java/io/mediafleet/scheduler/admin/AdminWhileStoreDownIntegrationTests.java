package io.mediafleet.scheduler.admin;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediafleet.testsupport.StoppableMongoDb;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import redis.embedded.RedisServer;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler with a Redis and a MongoDB of its own, each stopped as a killed server would be: the admin API keeps
 * answering (a problem document naming the store while that store is needed and down, never a bare 500), and the
 * radio core hears Redis again soon after it is back.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=test-admin-token",
				"mediafleet.scheduler.radio.channel-prefix=down.", "mediafleet.scheduler.burn.port=0",
				"mediafleet.scheduler.simul.advise-port=0", "mediafleet.scheduler.simul.command-port=0" })
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminWhileStoreDownIntegrationTests {

	private static final String SCHEDULER_CHANNEL = "down.yascheduler";

	static int redisPort;

	static RedisServer redis;

	static StoppableMongoDb mongo;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void stores(DynamicPropertyRegistry properties) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			redisPort = socket.getLocalPort();
		}
		redis = startRedis();
		mongo = StoppableMongoDb.start();
		properties.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redisPort);
		// A short server selection timeout, so a request finds out in a second that MongoDB is gone.
		properties.add("spring.mongodb.uri",
				() -> mongo.uri() + "/store-down?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000");
	}

	@AfterAll
	static void stopStores() throws IOException {
		redis.stop();
		mongo.stop();
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
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			connection.sync().publish(SCHEDULER_CHANNEL, "{\"type\":\"register_streamer\",\"streamer\":\"down-vm\"}");
		}
		finally {
			client.shutdown();
		}
		// The streamers list waits for that write: it must say MongoDB is the hold-up, not wait out its 30 s.
		await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
			HttpResponse<String> response = this.http.send(
					HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/admin/streamers"))
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
