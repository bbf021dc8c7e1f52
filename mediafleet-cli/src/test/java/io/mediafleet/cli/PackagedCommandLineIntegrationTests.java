package io.mediafleet.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import io.mediafleet.burner.burn.BurnEngine;
import io.mediafleet.burner.burn.IsoLibrary;
import io.mediafleet.burner.tcp.TcpBurnerClient;
import io.mediafleet.scheduler.burn.BurnFarm;
import io.mediafleet.scheduler.link.LinkTokens;
import io.mediafleet.schema.burn.BurnerType;
import io.mediafleet.testsupport.Isos;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged {@code mediafleet} (its jar run as a process, as {@code bin/mediafleet} runs it) against a real
 * scheduler and a real burner agent burning real ISO images with real xorriso to a {@code stdio:} drive; the
 * full-screen {@code burn watch} driven in a real terminal (tmux).
 */
class PackagedCommandLineIntegrationTests extends RunningScheduler {

	@TempDir
	static Path isoDirectory;

	static Path iso;

	static String isoMd5;

	@TempDir
	Path work;

	@LocalServerPort
	private int webPort;

	@Autowired
	private ApplicationContext context;

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private String burnerUid;

	private Path drive;

	private PackagedCli cli;

	@BeforeAll
	static void makeIso() throws Exception {
		iso = Isos.make(isoDirectory, "cli-demo", 1_200_000, 7);
		isoMd5 = IsoLibrary.md5(iso, Files.size(iso));
	}

	@BeforeEach
	void startABurner() throws Exception {
		this.cli = new PackagedCli(Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + this.webPort, "MEDIAFLEET_TOKEN", TOKEN,
				"MEDIAFLEET_BURN", "127.0.0.1:" + BURN_PORT));
		this.burnerUid = hex32();
		this.drive = Files.createDirectories(this.work.resolve("drive")).resolve("disc.iso");
		IsoLibrary library = new IsoLibrary(isoDirectory, this.work.resolve("md5cache"));
		BurnEngine engine = new BurnEngine(new BurnEngine.Settings("xorriso", this.drive, 4_700_000_000L, 4 << 20),
				library);
		TcpBurnerClient burner = new TcpBurnerClient("127.0.0.1", BURN_PORT, this.burnerUid, BurnerType.BURNDVD, library,
				engine, Duration.ofSeconds(10), Duration.ofMillis(200),
				this.context.getBean(LinkTokens.class).mint("cli-test-burner", "slave", null, Duration.ofMinutes(10)));
		this.closeables.add(engine);
		this.closeables.add(burner);
		burner.start();
		await().atMost(Duration.ofSeconds(30)).until(() -> "AVAIL".equals(burnerState()));
	}

	@AfterEach
	void closeAll() throws Exception {
		for (AutoCloseable closeable : this.closeables.reversed()) {
			closeable.close();
		}
		// The queue is left empty for the next test (and class); `burn clear` itself is checked by outputJsonParsesForScripts.
		// A job the closed burner was burning stays until the farm has seen it go (clear spares jobs in progress), and
		// a job left behind would keep the next test's burner busy: clear until nothing is left.
		BurnFarm farm = this.context.getBean(BurnFarm.class);
		await().atMost(Duration.ofSeconds(30)).until(() -> {
			farm.clearQueue();
			return farm.queueList().isEmpty();
		});
	}

	@Test
	void burnWatchLinesShowAQueuedIsoFileBurntToPass() throws Exception {
		try (PackagedCli.Running watch = this.cli.start("burn", "watch", "--until", "PASS", "--timeout", "3m")) {
			awaitOutput(watch, "burner " + this.burnerUid);
			assertThat(watch.out.get(0)).isEqualTo("connected to 127.0.0.1:" + BURN_PORT + " as DISPLAY");

			PackagedCli.Result queued = this.cli.run("burn", "queue", iso.toString(), "--priority", "3");
			assertThat(queued.status()).as(queued.err()).isZero();
			assertThat(queued.out()).matches("queued " + isoMd5 + " as job \\d+ \\(priority 3, 1 copy\\)");

			assertThat(watch.process.waitFor(3, TimeUnit.MINUTES)).isTrue();
			watch.drained();
			assertThat(watch.process.exitValue()).as(watch.output() + String.join("\n", watch.err)).isZero();
			assertThat(watch.out).anyMatch((line) -> line.startsWith("queue 1 job: job "))
				.anyMatch((line) -> line.matches("burner " + this.burnerUid + " BURN( \\d+%)? " + isoMd5 + "( cli-demo.iso)?"))
				.anyMatch((line) -> line.matches("burner " + this.burnerUid + " CHECKING " + isoMd5 + "( cli-demo.iso)?"))
				.anyMatch((line) -> line.equals("burner " + this.burnerUid + " PASS " + isoMd5 + " cli-demo.iso"));
			assertThat(watch.out.getLast()).isEqualTo("burner " + this.burnerUid + " reached PASS");
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> Files.isRegularFile(ejected().resolve("0001-PASS.iso")));
	}

	@Test
	void burnWatchQueuesItsImageAndSurvivesABurnServerRestart() throws Exception {
		try (PackagedCli.Running watch = this.cli.start("burn", "watch", "--output", "json")) {
			awaitOutput(watch, this.burnerUid);
			SmartLifecycle burnServer = burnServer();
			burnServer.stop();
			awaitOutput(watch, "\"event\":\"disconnected\"");
			burnServer.start();
			awaitOutput(watch, "\"event\":\"reconnected\"");
			for (String line : watch.out) {
				JsonNode event = AdminClient.JSON.readTree(line);
				assertThat(event.path("event").asString()).isIn("connected", "burner", "queue", "disconnected",
						"reconnected");
			}
		}
		// after the restart the burner is back and a watch that queues its own image sees it burnt
		await().atMost(Duration.ofSeconds(30)).until(() -> "AVAIL".equals(burnerState()));
		PackagedCli.Result watched = this.cli.run("burn", "watch", "--queue", isoMd5, "--until", "PASS", "--timeout",
				"50s");
		assertThat(watched.status()).as(watched.err()).isZero();
		assertThat(watched.out()).contains("queued " + isoMd5 + " as job ",
				"burner " + this.burnerUid + " PASS " + isoMd5, "burner " + this.burnerUid + " reached PASS");
	}

	@Test
	void burnWatchAuthenticatesWithABurnTokenFromTheEnvironmentAndIsRefusedWithoutAnyCredential() throws Exception {
		String control = this.context.getBean(LinkTokens.class).mint("cli-test", "control", null, Duration.ofMinutes(5));
		PackagedCli withBurnToken = new PackagedCli(Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + this.webPort,
				"MEDIAFLEET_BURN", "127.0.0.1:" + BURN_PORT, "MEDIAFLEET_BURN_TOKEN", control));
		// Ends by its timeout, with the exit status a timeout has; what it saw before is what counts here.
		PackagedCli.Result watched = withBurnToken.run("burn", "watch", "--timeout", "5s");
		assertThat(watched.err()).doesNotContain("refused");
		// A watch that runs out of time is exit status 1 ("failed for another reason"), with one line saying so.
		assertThat(watched.status()).as(watched.err()).isEqualTo(ExitCode.FAILED.status());
		assertThat(watched.err()).contains("mediafleet: gave up after 5s");
		assertThat(watched.out()).contains("connected to 127.0.0.1:" + BURN_PORT + " as DISPLAY",
				"burner " + this.burnerUid);

		PackagedCli anonymous = new PackagedCli(Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + this.webPort,
				"MEDIAFLEET_BURN", "127.0.0.1:" + BURN_PORT));
		PackagedCli.Result refused = anonymous.run("burn", "watch", "--timeout", "30s");
		assertThat(refused.status()).isEqualTo(ExitCode.REFUSED.status());
		assertThat(refused.err()).contains("the burn farm refused this display", "MEDIAFLEET_BURN_TOKEN");
	}

	@Test
	void burnWatchOnATerminalDrawsTheFarmAndQuitsCleanlyOnCtrlC() throws Exception {
		Tmux tmux = new Tmux("mediafleet-cli-test-" + ProcessHandle.current().pid());
		this.closeables.add(tmux);
		tmux.start(120, 40);
		tmux.type(this.cli.commandLine("burn", "watch", "--queue", iso.toString(), "--until", "PASS") + "; echo status:$?");
		await().atMost(Duration.ofMinutes(2)).until(() -> tmux.screen().contains("status:0") || tmux.screen().matches("(?s).*status:\\d.*"));
		String screen = tmux.screen();
		assertThat(screen).contains("Mediafleet burn farm  127.0.0.1:" + BURN_PORT, "connected to 127.0.0.1:" + BURN_PORT,
				"BURNERS: ", this.burnerUid, "PASS", "verified", "cli-demo.iso",
				"reached PASS", "status:0");
		assertThat(screen).doesNotContain("\u001b[", "Exception");

		tmux.type("clear; " + this.cli.commandLine("burn", "watch") + "; echo status:$?");
		await().atMost(Duration.ofSeconds(30)).until(() -> tmux.screen().contains(this.burnerUid));
		assertThat(tmux.screen()).contains("QUEUE (burn order): 0 jobs", "AVAIL");
		tmux.keys("C-c");
		await().atMost(Duration.ofSeconds(30)).until(() -> tmux.screen().matches("(?s).*status:\\d.*"));
		assertThat(tmux.screen()).contains("status:130").doesNotContain("Exception");
	}

	@Test
	void outputJsonParsesForScripts() throws Exception {
		JsonNode list = json("burn", "list", "--output", "json");
		assertThat(list.path("burners").valueStream().map((burner) -> burner.path("uid").asString()))
			.contains(this.burnerUid);
		assertThat(list.path("queue").isArray()).isTrue();
		JsonNode fleet = json("fleet", "status", "-o", "json");
		assertThat(fleet.path("scheduler").path("health").path("status").asString()).isEqualTo("UP");
		assertThat(fleet.path("members").valueStream().map((member) -> member.path("kind").asString())).contains("burner");
		assertThat(json("link", "token", "--role", "control", "-o", "json").path("token").asString()).contains(".");
		assertThat(json("simul", "status", "-o", "json").path("state").asString()).isNotEmpty();
		assertThat(json("radio", "list", "-o", "json").isArray()).isTrue();
		// a thousand copies keep the job open (the burner burns them one by one) while its history is read
		JsonNode queued = json("burn", "queue", isoMd5, "--copies", "1000", "-o", "json");
		assertThat(queued.path("hash").asString()).isEqualTo(isoMd5);
		assertThat(json("burn", "history", queued.path("job_id").asString(), "-o", "json").get(0).path("event").asString())
			.isEqualTo("queued");
		assertThat(json("burn", "clear", "-o", "json").path("removed").asInt()).isBetween(0, 1);
	}

	@Test
	void burnerRadioAndLinkCommandsDoWhatTheySayAndSaySo() throws Exception {
		PackagedCli.Result named = this.cli.run("burn", "name", this.burnerUid, "Rack 1");
		assertThat(named.status()).as(named.err()).isZero();
		assertThat(named.out()).isEqualTo("burner " + this.burnerUid + " is now 'Rack 1'");
		assertThat(json("burn", "list", "-o", "json").path("burners")
			.valueStream()
			.filter((burner) -> burner.path("uid").asString().equals(this.burnerUid))
			.map((burner) -> burner.path("name").asString())).containsExactly("Rack 1");
		PackagedCli.Result opened = this.cli.run("burn", "open", this.burnerUid);
		assertThat(opened.status()).as(opened.err()).isZero();
		assertThat(opened.out()).isEqualTo("opened the tray of burner " + this.burnerUid);

		// A radio made through the REST API, as another tool would: now and stop answer for it by its uuid.
		String radio = java.util.UUID.randomUUID().toString();
		try (java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient()) {
			int status = http.send(java.net.http.HttpRequest
				.newBuilder(java.net.URI.create("http://127.0.0.1:" + this.webPort + "/api/admin/radios/" + radio))
				.header("Authorization", "Bearer " + TOKEN)
				.header("Content-Type", "application/json")
				.PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"name\":\"CLI FM\"}"))
				.build(), java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode();
			assertThat(status).isBetween(200, 299);
		}
		PackagedCli.Result now = this.cli.run("radio", "now", radio);
		assertThat(now.status()).as(now.err()).isZero();
		assertThat(now.out()).isEqualTo(radio + " (CLI FM): nothing on air, 0 listeners");
		assertThat(json("radio", "now", radio, "-o", "json").path("name").asString()).isEqualTo("CLI FM");
		PackagedCli.Result stopped = this.cli.run("radio", "stop", radio);
		assertThat(stopped.status()).as(stopped.err()).isZero();
		assertThat(stopped.out()).isEqualTo("stopped radio " + radio);

		// A slave token bound to one slave id carries it.
		String token = json("link", "token", "--role", "slave", "--slave-id", "7", "-o", "json").path("token").asString();
		JsonNode claims = AdminClient.JSON.readTree(java.util.Base64.getUrlDecoder().decode(token.split("\\.")[1]));
		assertThat(claims.path("role").asString()).isEqualTo("slave");
		assertThat(claims.path("slave_id").asLong()).isEqualTo(7);
	}

	/**
	 * One error of each exit status runs the packaged jar (its main turns the status into the process's exit code);
	 * the other errors run the same command tree in this JVM ({@link Mediafleet#run(String[], Terminal)}, what main
	 * calls) against the same scheduler, because a JVM start costs seconds on a loaded machine.
	 */
	@Test
	void everyErrorPathEndsWithOneLineAndItsExitCode() throws Exception {
		String unknownHash = hex32();
		String unknownUid = hex32();
		Map<String, String> environment = Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + this.webPort,
				"MEDIAFLEET_TOKEN", TOKEN, "MEDIAFLEET_BURN", "127.0.0.1:" + BURN_PORT);
		expect(this.cli.run("burn", "queue", unknownHash), 3, "unknown image '" + unknownHash + "'", "burn", "queue");
		expect(inProcess(environment, "burn", "queue", "no-such.iso"), 3, "unknown image 'no-such.iso'", "burn", "queue");
		expect(inProcess(environment, "burn", "name", unknownUid, "Rack 9"), 3, "unknown burner '" + unknownUid + "'",
				"burn", "name");
		expect(inProcess(environment, "burn", "open", unknownUid), 3, "unknown burner '" + unknownUid + "'", "burn",
				"open");
		expect(inProcess(environment, "burn", "history", "987654"), 3, "unknown job '987654'", "burn", "history");
		expect(inProcess(environment, "radio", "now", "no-such-radio"), 3, "unknown radio 'no-such-radio'", "radio",
				"now");
		expect(inProcess(environment, "radio", "stop", "no-such-radio"), 3, "unknown radio 'no-such-radio'", "radio",
				"stop");
		expect(this.cli.run("burn", "queue"), 2, "Missing required parameter", "burn", "queue");
		expect(inProcess(environment, "burn", "watch", "--timeout", "soon"), 2, "--timeout needs a duration", "burn",
				"watch");
		expect(inProcess(environment, "link", "token", "--role", "boss"), 2, "Invalid value for option '--role'", "link",
				"token");

		int closed = freePort();
		Map<String, String> unreachable = Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + closed, "MEDIAFLEET_TOKEN",
				TOKEN);
		expect(new PackagedCli(unreachable).run("burn", "list"), 4, "scheduler unreachable at http://127.0.0.1:" + closed,
				"burn", "list");
		expect(inProcess(unreachable, "burn", "watch"), 4, "burn farm unreachable at 127.0.0.1:1337", "burn", "watch");
		expect(new PackagedCli(Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + this.webPort, "MEDIAFLEET_TOKEN", "wrong"))
			.run("burn", "list"), 5, "refused the admin token (HTTP 401)", "burn", "list");
		expect(inProcess(Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + this.webPort), "radio", "list"), 5,
				"no admin token", "radio", "list");
	}

	/** Waits for a line of the running command's output; on timeout the failure shows everything it wrote. */
	private static void awaitOutput(PackagedCli.Running watch, String text) {
		try {
			await().atMost(Duration.ofSeconds(30)).until(() -> watch.output().contains(text));
		}
		catch (org.awaitility.core.ConditionTimeoutException ex) {
			throw new AssertionError("no '" + text + "' within 30 s; stdout:\n" + watch.output() + "\nstderr:\n"
					+ String.join("\n", watch.err) + "\nalive: " + watch.process.isAlive(), ex);
		}
	}

	/** The command tree run in this JVM, with the environment given and a home of its own. */
	private PackagedCli.Result inProcess(Map<String, String> environment, String... args) {
		Map<String, String> isolated = new HashMap<>(environment);
		isolated.put("HOME", this.work.resolve("nobody").toString());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = Mediafleet.run(args, new Terminal(InputStream.nullInputStream(),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				isolated, false));
		return new PackagedCli.Result(status, out.toString(StandardCharsets.UTF_8).strip(),
				err.toString(StandardCharsets.UTF_8).strip());
	}

	private static void expect(PackagedCli.Result result, int status, String message, String... args) {
		assertThat(result.status()).as("exit status of %s: %s", List.of(args), result.err()).isEqualTo(status);
		assertThat(result.err()).as("stderr of %s", List.of(args)).contains(message);
		if (status != 2) {
			assertThat(result.err().lines()).as("one line on stderr").hasSize(1);
		}
	}

	private JsonNode json(String... args) throws Exception {
		PackagedCli.Result result = this.cli.run(args);
		assertThat(result.status()).as(result.err()).isZero();
		return AdminClient.JSON.readTree(result.out());
	}

	/**
	 * The burner's state as the farm has it: asked of the bean, not through {@code burn list} (a JVM start per poll);
	 * {@code burn list} itself is checked by {@link #outputJsonParsesForScripts()}.
	 */
	private String burnerState() {
		return this.context.getBean(BurnFarm.class)
			.burnerList()
			.stream()
			.filter((burner) -> burner.uid().equals(this.burnerUid))
			.map((burner) -> burner.state().name())
			.findFirst()
			.orElse("");
	}

	private SmartLifecycle burnServer() {
		return this.context.getBeansOfType(SmartLifecycle.class)
			.values()
			.stream()
			.filter((bean) -> bean.getClass().getSimpleName().equals("BurnLineServer"))
			.findFirst()
			.orElseThrow();
	}

	private Path ejected() {
		return this.drive.resolveSibling(this.drive.getFileName() + ".ejected");
	}

	static String hex32() {
		byte[] bytes = new byte[16];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}

	/** A real terminal: a tmux server of its own, one session running a shell. */
	static final class Tmux implements AutoCloseable {

		private final String socket;

		Tmux(String socket) {
			this.socket = socket;
		}

		void start(int columns, int rows) throws Exception {
			tmux("-f", "/dev/null", "new-session", "-d", "-s", "cli", "-x", Integer.toString(columns), "-y",
					Integer.toString(rows), "sh");
		}

		void type(String line) throws Exception {
			tmux("send-keys", "-t", "cli", "-l", line);
			tmux("send-keys", "-t", "cli", "Enter");
		}

		void keys(String keys) throws Exception {
			tmux("send-keys", "-t", "cli", keys);
		}

		String screen() throws Exception {
			return tmux("capture-pane", "-p", "-t", "cli");
		}

		private String tmux(String... args) throws Exception {
			List<String> command = new ArrayList<>(List.of("tmux", "-L", this.socket));
			command.addAll(List.of(args));
			Process process;
			try {
				process = new ProcessBuilder(command).redirectErrorStream(true).start();
			}
			catch (IOException ex) {
				throw new IllegalStateException("tmux is needed by this test (Debian package tmux)", ex);
			}
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("tmux %s: %s", List.of(args), output).isZero();
			return output;
		}

		@Override
		public void close() throws Exception {
			new ProcessBuilder("tmux", "-L", this.socket, "kill-server").start().waitFor(10, TimeUnit.SECONDS);
		}

	}

}
