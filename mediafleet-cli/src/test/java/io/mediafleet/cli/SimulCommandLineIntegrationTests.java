package io.mediafleet.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import io.mediafleet.player.library.MediaLibrary;
import io.mediafleet.player.playback.Player;
import io.mediafleet.player.simul.SimulSlave;
import io.mediafleet.scheduler.simul.SimulMaster;
import io.mediafleet.scheduler.simul.SyncStatus;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code simul pause}, {@code simul resume} and {@code simul seek}: the packaged command line (its jar run as a
 * process) against a real scheduler whose simul master drives two real player agents (headless mpv); every player
 * pauses, moves and resumes with the group, and each refusal ends with one line and its exit code. The commands that
 * move the players run the packaged jar, as does one refusal; the other refusals run the same command tree in this
 * JVM ({@link Mediafleet#run(String[], Terminal)}, what the jar's main calls), against the same scheduler: a JVM
 * start costs seconds on a loaded machine and proves nothing a packaged run here does not already prove. The exit
 * codes of the packaged jar for every kind of refusal are {@link PackagedCommandLineIntegrationTests}'s.
 */
class SimulCommandLineIntegrationTests extends RunningScheduler {

	private static final Duration PATIENCE = Duration.ofSeconds(30);

	@TempDir
	Path temp;

	@LocalServerPort
	private int webPort;

	@Autowired
	private SimulMaster master;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
	}

	@Test
	void pauseSeekAndResumeMoveEveryPlayerTogetherAndEachRefusalHasItsExitCode() throws Exception {
		Cli cli = new Cli(
				Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + this.webPort, "MEDIAFLEET_TOKEN", TOKEN), this.temp);
		// Nothing plays yet: refused, in the scheduler's words, before any agent is there.
		cli.expect(5, "no simul is playing", "simul", "pause");
		cli.expect(5, "no simul is playing", "simul", "seek", "0:10");
		cli.expect(2, "'1:75' is not a position", "simul", "seek", "1:75");
		cli.expect(2, "Missing required parameter: 'POSITION'", "simul", "seek");

		Path tone = tone("party.mp3", 90);
		agent("alpha", tone);
		agent("bravo", tone);
		await().atMost(PATIENCE).until(() -> this.master.status().slaves().size() == 2);
		assertThat(cli.ok("simul", "file", "party.mp3")).contains("party.mp3");
		// Polled on the master (a JVM start per poll is seconds); then the command line must say the same.
		await().atMost(PATIENCE).until(() -> "READY".equals(this.master.status().state().name()));
		assertThat(cli.json("simul", "status", "-o", "json").path("state").asString()).isEqualTo("READY");
		assertThat(cli.ok("simul", "start")).startsWith("simul starts at ");
		await().atMost(PATIENCE).until(() -> "PLAYING".equals(this.master.status().state().name()));

		// Resume while playing is refused (by the packaged jar: one refusal runs as a process); pause plans one instant
		// and one frame for everyone.
		cli.expectPackaged(5, "the simul is not paused", "simul", "resume");
		JsonNode paused = cli.json("simul", "pause", "-o", "json");
		assertThat(paused.path("command").asString()).isEqualTo("simul-pause");
		assertThat(Instant.parse(paused.path("at").asString())).isAfter(Instant.now().minusSeconds(60));
		long pausedAt = paused.path("positionMs").asLong();
		assertThat(pausedAt).isPositive();
		awaitPlayers(true, pausedAt);
		cli.expect(5, "already paused", "simul", "pause");

		// Seek as mm:ss while paused: every player lands on 0:05 and stays paused.
		assertThat(cli.ok("simul", "seek", "0:05")).startsWith("every player goes to 0:05.000 at ");
		awaitPlayers(true, 5_000);
		// Seconds work too, and the plan parses as JSON.
		assertThat(cli.json("simul", "seek", "7", "--output", "json").path("positionMs").asLong()).isEqualTo(7_000);
		awaitPlayers(true, 7_000);

		assertThat(cli.ok("simul", "resume")).startsWith("every player resumes from 0:07.000 at ");
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.master.sync().slaves())
			.hasSize(2)
			.allSatisfy((slave) -> {
				assertThat(slave.paused()).isFalse();
				assertThat(slave.positionMs()).isGreaterThan(7_000);
			}));
		assertThat(this.master.sync().paused()).isFalse();
		assertThat(cli.ok("simul", "stop")).startsWith("simul STOPPED party.mp3");
		cli.expect(5, "no simul is playing (stopped)", "simul", "resume");

		int closed = freePort();
		new Cli(Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + closed, "MEDIAFLEET_TOKEN", TOKEN), this.temp)
			.expect(4, "scheduler unreachable at http://127.0.0.1:" + closed, "simul", "pause");
		new Cli(Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + this.webPort, "MEDIAFLEET_TOKEN", "wrong"), this.temp)
			.expect(5, "refused the admin token (HTTP 401)", "simul", "seek", "0:05");
	}

	/**
	 * The command line with one environment, and what each run must give: {@link #ok} and {@link #json} run the
	 * packaged jar, {@link #expect} the same command tree in this JVM, {@link #expectPackaged} the jar.
	 */
	private record Cli(PackagedCli packaged, Map<String, String> environment) {

		Cli(Map<String, String> environment, Path temp) {
			this(new PackagedCli(environment), withHome(environment, temp));
		}

		private static Map<String, String> withHome(Map<String, String> environment, Path temp) {
			Map<String, String> isolated = new HashMap<>(environment);
			isolated.put("HOME", temp.resolve("nobody").toString());
			return isolated;
		}

		PackagedCli.Result inProcess(String... args) {
			ByteArrayOutputStream out = new ByteArrayOutputStream();
			ByteArrayOutputStream err = new ByteArrayOutputStream();
			int status = Mediafleet.run(args, new Terminal(InputStream.nullInputStream(),
					new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
					this.environment, false));
			return new PackagedCli.Result(status, out.toString(StandardCharsets.UTF_8).strip(),
					err.toString(StandardCharsets.UTF_8).strip());
		}

		String ok(String... args) throws Exception {
			PackagedCli.Result result = this.packaged.run(args);
			assertThat(result.status()).as("exit status of %s: %s", List.of(args), result.err()).isZero();
			return result.out();
		}

		JsonNode json(String... args) throws Exception {
			return AdminClient.JSON.readTree(ok(args));
		}

		void expect(int status, String message, String... args) {
			check(inProcess(args), status, message, args);
		}

		void expectPackaged(int status, String message, String... args) throws Exception {
			check(this.packaged.run(args), status, message, args);
		}

		private static void check(PackagedCli.Result result, int status, String message, String... args) {
			assertThat(result.status()).as("exit status of %s: %s", List.of(args), result.err()).isEqualTo(status);
			assertThat(result.err()).as("stderr of %s", List.of(args)).contains(message);
			if (status != 2 || !message.startsWith("Missing")) {
				assertThat(result.err().lines()).as("one line on stderr").hasSize(1);
			}
		}

	}

	/** Both players report being (or not being) paused within half a second of {@code positionMs}. */
	private void awaitPlayers(boolean paused, long positionMs) {
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.master.sync().slaves())
			.extracting(SyncStatus.SlaveOffset::name)
			.containsExactlyInAnyOrder("alpha", "bravo"));
		await().atMost(PATIENCE).untilAsserted(() -> assertThat(this.master.sync().slaves()).allSatisfy((slave) -> {
			assertThat(slave.paused()).isEqualTo(paused);
			assertThat(slave.positionMs()).isBetween(positionMs - 500, positionMs + 500);
		}));
	}

	private void agent(String name, Path tone) throws IOException {
		Path media = Files.createDirectories(this.temp.resolve("media-" + name));
		Files.copy(tone, media.resolve(tone.getFileName()));
		Player player = new Player(List.of("mpv", "--no-terminal", "--no-config", "--ao=null", "--vo=null"), true);
		SimulSlave slave = SimulSlave.start(new SimulSlave.Settings(name, "127.0.0.1", ADVISE_PORT, COMMAND_PORT,
				Duration.ofMillis(200), Duration.ofSeconds(60)), new MediaLibrary(media, 100), player,
				new SimpleMeterRegistry(), InstantSource.system());
		this.closeables.add(slave);
	}

	private Path tone(String name, int seconds) throws Exception {
		Path file = Files.createDirectories(this.temp.resolve("generated")).resolve(name);
		Process ffmpeg = new ProcessBuilder("ffmpeg", "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
				"sine=frequency=440:duration=" + seconds, "-y", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS) && ffmpeg.exitValue() == 0).as("ffmpeg made the tone").isTrue();
		return file;
	}

}
