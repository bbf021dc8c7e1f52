package io.mediafleet.scheduler.radio;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.mediafleet.testsupport.WithMongoDb;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import redis.embedded.RedisServer;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Redis of the scheduler's own, frozen (SIGSTOP) and then stopped (port closed) while a live streamer masters a radio with a listener,
 * then started again: the scheduler does not blame the streamer for Redis's outage (it stays registered and master,
 * its listener's session stays open), the radio admin API answers a 503 problem naming Redis instead of hanging on
 * the radio loop, and a session the streamer re-announces after registering again goes on, counted once and closed
 * once.
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = { "mediafleet.scheduler.admin.token=outage-admin-token",
				"mediafleet.scheduler.radio.channel-prefix=outage.", "mediafleet.scheduler.radio.ping-interval=300ms",
				"mediafleet.scheduler.radio.missed-pongs=2", "mediafleet.scheduler.radio.play-lead-time=200ms",
				"mediafleet.scheduler.burn.port=0", "mediafleet.scheduler.simul.advise-port=0",
				"mediafleet.scheduler.simul.command-port=0" })
@WithMongoDb(database = "radio-redis-outage")
class RadioRedisOutageIntegrationTests {

	private static final String PREFIX = "outage.";

	static int redisPort;

	static RedisServer redis;

	@Autowired
	private MongoTemplate mongo;

	@Autowired
	private MeterRegistry registry;

	@LocalServerPort
	int port;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void ownRedis(DynamicPropertyRegistry properties) throws IOException {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			redisPort = socket.getLocalPort();
		}
		redis = startRedis();
		properties.add("spring.data.redis.url", () -> "redis://127.0.0.1:" + redisPort);
	}

	@AfterAll
	static void stopRedis() throws IOException {
		redis.stop();
	}

	@Test
	void redisOutageNeitherUnregistersTheStreamerNorLosesItsListenersSession() throws Exception {
		RadioSeed.radio(this.mongo, "outage-radio", 600);
		try (RawStreamer streamer = new RawStreamer("redis://127.0.0.1:" + redisPort, PREFIX, "vm", true)) {
			streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"vm\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"vm\",\"radio_uuid\":\"outage-radio\"}");
			assertThat(streamer.next()).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"outage-radio\"}");
			streamer.publish("{\"type\":\"register_listener\",\"radio_uuid\":\"outage-radio\","
					+ "\"session_id\":\"outage-s1\",\"user_id\":\"7\"}");
			await().atMost(Duration.ofSeconds(20)).until(() -> isOpen("outage-s1"));
			double missedBefore = missedPings();

			// Redis frozen (SIGSTOP, as cell 3 of the fault matrix): the scheduler's publishes hang. The admin API,
			// which waits on the radio loop's writes, answers at once that Redis is the trouble.
			long pid = redisPid();
			signal("STOP", pid);
			try {
				Thread.sleep(1500);
				HttpResponse<String> frozen = get("/api/admin/streamers");
				assertThat(frozen.statusCode()).isEqualTo(503);
				assertThat(frozen.headers().firstValue("Content-Type"))
					.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
				assertThat(frozen.headers().firstValue("Retry-After")).isPresent();
				assertThat(frozen.body()).contains("\"dependency\":\"redis\"");
				// Long enough for several ping rounds: without the link watch the streamer was dropped by now.
				Thread.sleep(2500);
			}
			finally {
				signal("CONT", pid);
			}
			int pingsAfterFreeze = streamer.pings();
			await().atMost(Duration.ofSeconds(30)).until(() -> streamer.pings() >= pingsAfterFreeze + 6);
			assertStillServing(missedBefore);

			// Redis's port closed (stopped, started again on the same port): the same, and the admin API answers
			// (200, or the 503 problem while a publish hangs) rather than waiting on the loop.
			double missedBeforeRefusal = missedPings();
			redis.stop();
			try {
				Thread.sleep(1500);
				HttpResponse<String> refused = get("/api/admin/streamers");
				assertThat(refused.statusCode()).isIn(200, 503);
				if (refused.statusCode() == 503) {
					assertThat(refused.body()).contains("\"dependency\":\"redis\"");
				}
				Thread.sleep(2500);
			}
			finally {
				redis = startRedis();
			}

			// Back: the streamer (whose Lettuce reconnects) answers the pings again; several rounds pass.
			int pingsAfter = streamer.pings();
			await().atMost(Duration.ofSeconds(30)).until(() -> streamer.pings() >= pingsAfter + 6);
			assertStillServing(missedBeforeRefusal);

			// The streamer registers again and re-announces (as it does when its subscription comes back): the same
			// session goes on, not counted as a duplicate.
			double duplicatesBefore = duplicates();
			streamer.publish("{\"type\":\"register_streamer\",\"streamer\":\"vm\"}");
			streamer.publish("{\"type\":\"play_radio\",\"streamer\":\"vm\",\"radio_uuid\":\"outage-radio\"}");
			streamer.publish("{\"type\":\"register_listener\",\"radio_uuid\":\"outage-radio\","
					+ "\"session_id\":\"outage-s1\",\"user_id\":\"7\"}");
			awaitRadioStarted(streamer);
			await().atMost(Duration.ofSeconds(20)).until(() -> streamer.pings() >= pingsAfter + 16);
			assertThat(get("/api/admin/streamers").statusCode()).isEqualTo(200);
			assertThat(isOpen("outage-s1")).as("re-announced after re-registration: still open").isTrue();
			assertThat(duplicates()).isEqualTo(duplicatesBefore);

			streamer.publish("{\"type\":\"unregister_listener\",\"session_id\":\"outage-s1\"}");
			await().atMost(Duration.ofSeconds(20)).until(() -> !isOpen("outage-s1"));
			ListenerSession closed = this.mongo.findById("outage-s1", ListenerSession.class);
			assertThat(closed.durationSeconds()).as("one session from the first registration to the end")
				.isGreaterThan(4.0);
			assertThat(closed.endedAt()).isAfter(closed.startedAt());
		}
	}

	/** The streamer is still registered and master, its listener's session open, no two pings blamed on it. */
	private void assertStillServing(double missedBefore) throws Exception {
		HttpResponse<String> streamers = get("/api/admin/streamers");
		assertThat(streamers.statusCode()).isEqualTo(200);
		assertThat(streamers.body()).contains("\"vm\"");
		assertThat(this.mongo.findById("outage-radio", RadioState.class).masterStreamer()).isEqualTo("vm");
		assertThat(isOpen("outage-s1")).as("the listener's session survived the outage").isTrue();
		assertThat(missedPings() - missedBefore).as("missed pings blamed on the streamer").isLessThan(2);
	}

	/** The Redis server's process id, as it reports it. */
	private static long redisPid() {
		RedisClient client = RedisClient.create("redis://127.0.0.1:" + redisPort);
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			Matcher pid = Pattern.compile("process_id:(\\d+)").matcher(connection.sync().info("server"));
			assertThat(pid.find()).isTrue();
			return Long.parseLong(pid.group(1));
		}
		finally {
			client.shutdown();
		}
	}

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).isZero();
	}

	/** Skips the plays sent meanwhile up to the answer to a {@code play_radio}. */
	private static void awaitRadioStarted(RawStreamer streamer) throws InterruptedException {
		String message = streamer.next();
		while (message.contains("\"type\":\"play\"")) {
			message = streamer.next();
		}
		assertThat(message).isEqualTo("{\"type\":\"radio_started\",\"radio_uuid\":\"outage-radio\"}");
	}

	private boolean isOpen(String sessionId) {
		ListenerSession session = this.mongo.findById(sessionId, ListenerSession.class);
		return session != null && session.open();
	}

	private double missedPings() {
		return this.registry.get("mediafleet.radio.pings.missed").counter().count();
	}

	private double duplicates() {
		return this.registry.get("mediafleet.radio.sessions.duplicate").counter().count();
	}

	private HttpResponse<String> get(String path) throws IOException, InterruptedException {
		// Well under the radio loop's own 30 s wait, so a hang shows as a time-out here.
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
			.header("Authorization", "Bearer outage-admin-token")
			.timeout(Duration.ofSeconds(15))
			.build(), HttpResponse.BodyHandlers.ofString());
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
