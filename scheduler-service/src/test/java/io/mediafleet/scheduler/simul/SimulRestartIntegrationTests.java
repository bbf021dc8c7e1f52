package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.playback.Player;
import io.mediafleet.player.simul.SimulSlave;
import io.mediafleet.scheduler.SchedulerApplication;
import io.mediafleet.testsupport.TestMongoDb;
import io.mediafleet.testsupport.TestRedis;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The simul survives the scheduler: a simul playing on a real player agent (JeroMQ, CURVE, headless mpv), the
 * scheduler's context closed (its store writes nothing at shutdown, so this leaves what a kill leaves), a new context
 * on the same MongoDB and ports. The new scheduler shows the same simul with the same start instant, the agent that
 * advises again is matched to it and keeps playing without a second start, and a pause and a stop reach it.
 */
class SimulRestartIntegrationTests {

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final String TOKEN = "simul-restart-token";

	private final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@TempDir
	Path work;

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
	}

	@Test
	void aPlayingSimulIsTakenUpByARestartedSchedulerAndItsAgentKeepsPlayingWithoutASecondStart() throws Exception {
		Path media = Files.createDirectories(this.work.resolve("media"));
		tone(media.resolve("restart-tone.wav"), 120);
		int advisePort = freePort();
		int commandPort = freePort();
		String database = "simul-restart-" + System.nanoTime();
		SimpleMeterRegistry agentMeters = new SimpleMeterRegistry();
		Player player = new Player(List.of(Programs.require("mpv"), "--no-terminal", "--no-config", "--ao=null",
				"--vo=null"), true);

		ConfigurableApplicationContext first = scheduler(database, advisePort, commandPort);
		SimulSlave agent = SimulSlave.start(new SimulSlave.Settings("den", "127.0.0.1", advisePort, commandPort,
				Duration.ofMillis(200), Duration.ofSeconds(60), SimulTestKeys.listedSlave()),
				new MediaLibrary(media, 10), player, agentMeters, InstantSource.system());
		this.closeables.add(agent);
		await().atMost(PATIENCE).until(() -> status(first).path("slaves").size() == 1);
		assertThat(post(first, "/api/admin/simul/file", "{\"filename\":\"restart-tone.wav\"}").statusCode())
			.isEqualTo(202);
		await().atMost(PATIENCE).until(() -> "READY".equals(status(first).path("state").asString()));
		assertThat(post(first, "/api/admin/simul/start", "").statusCode()).isEqualTo(200);
		await().atMost(PATIENCE).until(() -> "PLAYING".equals(status(first).path("state").asString()));
		await().atMost(PATIENCE).until(() -> player.isPlaying() && position(player) > 0.5);
		Instant startAt = Instant.parse(status(first).path("startAt").asString());
		assertThat(received(agentMeters, "simul-start")).isEqualTo(1);
		// Kept with the member's first position report: after a restart, one that no longer reports has ended.
		MongoOperations mongo = first.getBean(MongoOperations.class);
		await().atMost(PATIENCE).until(() -> {
			Document stored = mongo.findById(SimulSnapshot.ID, Document.class, SimulStateStore.COLLECTION);
			return stored != null && SimulSnapshot.fromDocument(stored).members().get(0).reportsPosition();
		});

		// Gone as by a kill: nothing is written at shutdown; the agent is not told anything.
		first.close();
		assertThat(player.isPlaying()).as("the agent plays on without its master").isTrue();
		ConfigurableApplicationContext second = scheduler(database, advisePort, commandPort);

		JsonNode restored = status(second);
		assertThat(restored.path("state").asString()).isEqualTo("PLAYING");
		assertThat(restored.path("filename").asString()).isEqualTo("restart-tone.wav");
		assertThat(Instant.parse(restored.path("startAt").asString()))
			.isEqualTo(startAt.truncatedTo(ChronoUnit.MILLIS));
		// The agent advises the new master (ZeroMQ reconnects) and reports its position: matched, not started anew.
		await().atMost(PATIENCE).until(() -> reportedPositions(second) >= 1);
		JsonNode den = status(second).path("slaves").get(0);
		assertThat(den.path("name").asString()).isEqualTo("den");
		assertThat(den.path("start").asString()).isEqualTo("STARTED");
		// Longer than a catch-up start would take to be sent (start lead 1 s, slave timeout 3 s).
		Thread.sleep(4000);
		assertThat(received(agentMeters, "simul-start")).as("simul-start commands the agent obeyed").isEqualTo(1);
		assertThat(agentMeters.counter("mediafleet.player.playbacks", "outcome", "started").count()).isEqualTo(1);
		assertThat(player.isPlaying()).isTrue();
		assertThat(status(second).path("state").asString()).isEqualTo("PLAYING");

		HttpResponse<String> pause = post(second, "/api/admin/simul/pause", "");
		assertThat(pause.statusCode()).as(pause.body()).isEqualTo(200);
		await().atMost(PATIENCE).until(() -> received(agentMeters, "simul-pause") == 1);
		await().atMost(PATIENCE).until(() -> slaveReportsPaused(second));
		HttpResponse<String> stop = post(second, "/api/admin/simul/stop", "");
		assertThat(stop.statusCode()).as(stop.body()).isEqualTo(200);
		await().atMost(PATIENCE)
			.until(() -> agentMeters.counter("mediafleet.player.playbacks", "outcome", "stopped").count() == 1);
		assertThat(player.isPlaying()).isFalse();
		assertThat(status(second).path("state").asString()).isEqualTo("STOPPED");
	}

	private ConfigurableApplicationContext scheduler(String database, int advisePort, int commandPort) {
		// Command-line arguments: they outrank application.yml.
		ConfigurableApplicationContext context = new SpringApplicationBuilder(SchedulerApplication.class).run(
				"--server.port=0", "--spring.mongodb.uri=" + TestMongoDb.uri(), "--spring.mongodb.database=" + database,
				"--spring.data.redis.url=" + TestRedis.url(), "--mediafleet.scheduler.burn.port=0",
				"--mediafleet.scheduler.admin.token=" + TOKEN, "--mediafleet.scheduler.simul.bind-address=127.0.0.1",
				"--mediafleet.scheduler.simul.advise-port=" + advisePort,
				"--mediafleet.scheduler.simul.command-port=" + commandPort,
				"--mediafleet.scheduler.simul.start-lead=1s", "--mediafleet.scheduler.simul.slave-timeout=3s",
				"--mediafleet.scheduler.simul.curve.secret-key=" + SimulTestKeys.MASTER_SECRET,
				"--mediafleet.scheduler.simul.curve.slave-keys=" + SimulTestKeys.SLAVE_PUBLIC);
		this.closeables.add(context);
		return context;
	}

	private JsonNode status(ConfigurableApplicationContext context) throws Exception {
		return get(context, "/api/admin/simul");
	}

	private JsonNode get(ConfigurableApplicationContext context, String path) throws Exception {
		HttpResponse<String> response = this.http.send(request(context, path).GET().build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		return this.json.readTree(response.body());
	}

	private HttpResponse<String> post(ConfigurableApplicationContext context, String path, String body)
			throws Exception {
		return this.http.send(request(context, path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest.Builder request(ConfigurableApplicationContext context, String path) {
		String port = context.getEnvironment().getProperty("local.server.port");
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer " + TOKEN)
			.timeout(Duration.ofSeconds(20));
	}

	private int reportedPositions(ConfigurableApplicationContext context) throws Exception {
		return get(context, "/api/admin/simul/sync").path("slaves").size();
	}

	private boolean slaveReportsPaused(ConfigurableApplicationContext context) throws Exception {
		JsonNode slaves = get(context, "/api/admin/simul/sync").path("slaves");
		return slaves.size() == 1 && slaves.get(0).path("paused").asBoolean();
	}

	private static double received(SimpleMeterRegistry meters, String mtype) {
		return meters.counter("mediafleet.player.commands.received", "mtype", mtype).count();
	}

	private static double position(Player player) {
		try {
			Double position = player.position();
			return (position != null) ? position : 0;
		}
		catch (IOException ex) {
			return 0;
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static void tone(Path file, int seconds) throws Exception {
		Process ffmpeg = new ProcessBuilder(Programs.require("ffmpeg"), "-nostdin", "-loglevel", "error", "-f", "lavfi",
				"-i", "sine=frequency=440:duration=" + seconds, "-ar", "8000", "-ac", "1", "-y", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
		assertThat(ffmpeg.exitValue()).as("ffmpeg exit code").isZero();
	}

}
