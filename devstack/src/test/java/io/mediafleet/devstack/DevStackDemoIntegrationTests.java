package io.mediafleet.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A newcomer's first minutes: devstack started as {@code bin/devstack} starts it (its main class in its own JVM,
 * options on the command line, data kept in a directory), then every command of the printed "try each part" block
 * run as printed, from the repository root, in a shell; with {@code --irc}, so the IRC line runs too. Only the audio
 * goes nowhere: {@code mpv} and {@code mpg123}
 * on the commands' PATH are the real programs with a null audio output.
 */
class DevStackDemoIntegrationTests {

	private static final Path ROOT = Path.of(System.getProperty("mediafleet.root", "..")).toAbsolutePath().normalize();

	/** What CI and tests give the player agent: the real mpv, silent and without a window. */
	private static final String SILENT_PLAYER = "mpv --no-terminal --no-config --ao=null --vo=null";

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(60);

	private static final int MAX_KEPT_LINES = 100_000;

	private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

	private static final Pattern SONGS = Pattern.compile("<strong>\\d+</strong> peers share\\s*<strong>(\\d+)</strong> songs");
	private static final String BURN_WATCH = "^MEDIAFLEET_URL=\\S+ MEDIAFLEET_TOKEN=.+ MEDIAFLEET_BURN=localhost:\\d+ "
			+ "bin/mediafleet burn watch --queue [0-9a-f]{32} --priority 5 --until PASS --timeout 50s$";

	private static final String PLAY = "^bin/mediafleet tsp( --tracker \\S+)? play \\d+ \\| mpg123 -$";

	@Test
	@Timeout(value = 8, unit = TimeUnit.MINUTES)
	void everyPrintedCommandWorksAndARestartSeedsNothingTwice(@TempDir Path work) throws Exception {
		Path wrappers = silentPlayers(work.resolve("bin"));
		Path data = work.resolve("devstack-data");
		Ports ports = FreePorts.plan();

		List<String> commands;
		try (RunningStack stack = RunningStack.start(data, ports)) {
			assertThat(stack.lines()).as("first start").anyMatch((line) -> line.contains("Made the demo ISO"))
				.anyMatch((line) -> line.contains("Queued the demo ISO"));
			commands = stack.commands();
			theConsoleShowsTheDemo(stack, ports);
			assertThat(commands).as("one command per step, each printed once").hasSize(8).doesNotHaveDuplicates();

			Result listen = run(find(commands, "^mpv http://localhost:" + ports.get(Port.STREAMER) + "/radios/demo$"),
					wrappers);
			assertThat(listen.output()).as("mpv played the radio's MP3 audio")
				.contains("Audio --aid=1 (mp3")
				.contains("Exiting... (End of file)");

			assertThat(run(find(commands, "^bin/mediafleet tsp( --tracker \\S+)? list$"), wrappers).output()).as("tsp list")
				.contains(DemoSeed.DEMO_FILE, "127.0.0.1:" + ports.get(Port.TSP_PEER));
			assertThat(run(find(commands, PLAY), wrappers).output()).as("tsp play | mpg123 -")
				.contains("MPEG 1.0 L III", "Title:   A440 Sine", "Decoding of - finished");

			DemoSeed.Image image = new DemoSeed.Image(data.resolve("burner-agent/isos/" + DemoSeed.ISO),
					DemoSeed.md5(data.resolve("burner-agent/isos/" + DemoSeed.ISO)),
					Files.size(data.resolve("burner-agent/isos/" + DemoSeed.ISO)));
			assertThat(run(find(commands, BURN_WATCH), wrappers).output()).as("queue a burn and watch it reach PASS")
				.containsPattern("queued " + image.md5() + " as job \\d+")
				.containsPattern("burner [0-9a-f]{32}( \\(.*\\))? PASS " + image.md5() + " " + DemoSeed.ISO)
				.containsPattern("burner [0-9a-f]{32} reached PASS");
			// The seeded burn is disc 1, the one just queued disc 2.
			Path ejected = data.resolve("burner-agent/drive.iso.ejected");
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> Files.isRegularFile(ejected.resolve("0002-PASS.iso")));
			for (String disc : List.of("0001-PASS.iso", "0002-PASS.iso")) {
				assertThat(md5OfFirst(ejected.resolve(disc), image.size())).as(disc + " holds the ISO's bytes")
					.isEqualTo(image.md5());
			}
			assertThat(run(find(commands, "^ls .* && cmp -n "), wrappers).output()).as("the burnt discs")
				.contains("0001-PASS.iso", "0002-PASS.iso", "disc 0001 holds the demo ISO");

			assertThat(run(find(commands, " -X POST .*/simul/start$"), wrappers).output()).as("start the simul")
				.matches("(?s)\\{\"at\":\"[^\"]+\"}\\s*");
			String simulStatus = find(commands, "/api/admin/simul$");
			await().atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofMillis(500))
				.until(() -> run(simulStatus, wrappers).output(), (status) -> status.contains("\"start\":\"STARTED\""));
			assertThat(run(simulStatus, wrappers).output()).contains("\"filename\":\"" + DemoSeed.DEMO_FILE + "\"")
				.contains("\"file\":\"OK\"");

			assertThat(run(find(commands, "/dev/tcp/localhost/" + ports.get(Port.IRC) + ";"), wrappers).output())
				.as("the simul bot answers !status on IRC")
				.contains("PRIVMSG #mediafleet :demo: simul: ", "file " + DemoSeed.DEMO_FILE, "1 live slave(s)");
		}

		try (RunningStack again = RunningStack.start(data, ports)) {
			assertThat(again.lines()).as("a restart makes and queues nothing again")
				.noneMatch((line) -> line.contains("Made the demo ISO"))
				.noneMatch((line) -> line.contains("Queued the demo ISO"));
			assertThat(again.commands()).as("the same commands after a restart")
				.containsExactlyElementsOf(commands.stream()
					.map((command) -> command.replaceAll(" play \\d+ ", " play " + songId(again.commands()) + " "))
					.toList());
			assertThat(run(find(again.commands(), BURN_WATCH), wrappers).output()).contains("reached PASS");
			assertThat(run(find(again.commands(), "/api/admin/simul$"), wrappers).output())
				.as("the demo simul is asked for at every start").contains("\"state\":\"READY\"");
		}
	}

	/**
	 * What the summary tells a newcomer to do: open the printed console URL and sign in with the printed token, as a
	 * browser does (the sign-in page's CSRF field and session cookie, the form posted, the redirect followed); the
	 * overview then names the demo's streamer, burner and player agent, counts the tracker's songs and shows every
	 * service devstack told the console of as up.
	 */
	private static void theConsoleShowsTheDemo(RunningStack stack, Ports ports) throws Exception {
		String consoleUrl = "http://localhost:" + ports.get(Port.SCHEDULER) + "/console";
		assertThat(stack.lines()).as("the summary prints the console")
			.anyMatch((line) -> line.contains("Console: " + consoleUrl + " (sign in with the admin token printed below"));
		String token = stack.lines()
			.stream()
			.filter((line) -> line.startsWith("devstack ") && line.contains("| Admin token: "))
			.map((line) -> line.substring(line.indexOf("| Admin token: ") + "| Admin token: ".length()).strip())
			.findFirst()
			.orElseThrow(() -> new AssertionError("no 'Admin token:' line in the summary"));

		HttpClient client = HttpClient.newBuilder()
			.cookieHandler(new CookieManager())
			.followRedirects(HttpClient.Redirect.NORMAL)
			.connectTimeout(Duration.ofSeconds(5))
			.build();
		HttpResponse<String> signInPage = get(client, consoleUrl + "/sign-in");
		assertThat(signInPage.statusCode()).isEqualTo(200);
		Matcher csrf = CSRF_FIELD.matcher(signInPage.body());
		assertThat(csrf.find()).as("the sign-in form's _csrf field in:%n%s", signInPage.body()).isTrue();
		String form = "operator=newcomer&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8) + "&_csrf="
				+ URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
		HttpResponse<String> signedIn = client.send(HttpRequest.newBuilder(URI.create(consoleUrl + "/sign-in"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(signedIn.statusCode()).isEqualTo(200);
		assertThat(signedIn.uri().getPath()).as("signed in, the browser lands on the overview").isEqualTo("/console");
		assertThat(signedIn.body()).contains("id=\"streamers\"", "id=\"burners\"", "id=\"players\"", "id=\"tracker\"");

		String admin = "http://localhost:" + ports.get(Port.SCHEDULER) + "/api/admin";
		ObjectMapper json = new ObjectMapper();
		await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
			// The streamer registers over Redis in its own time after the stack reports ready.
			List<String> streamers = json.readTree(adminGet(client, admin + "/streamers", token))
				.valueStream()
				.map((streamer) -> streamer.path("name").asString())
				.toList();
			assertThat(streamers).as("the demo's streamer").isNotEmpty();
			String overview = get(client, consoleUrl).body();
			assertThat(overview).as("the overview names the demo's streamer").contains(streamers);
			for (JsonNode burner : json.readTree(adminGet(client, admin + "/burn/burners", token))) {
				String name = burner.path("name").asString("");
				assertThat(overview).as("the overview names the demo's burner")
					.contains(name.isEmpty() ? burner.path("uid").asString().substring(0, 8) : name);
			}
			JsonNode slaves = json.readTree(adminGet(client, admin + "/simul", token)).path("slaves");
			assertThat(slaves).as("the demo's player agent").isNotEmpty();
			for (JsonNode slave : slaves) {
				assertThat(overview).as("the overview names the demo's player agent").contains(slave.path("name").asString());
			}
			Matcher songs = SONGS.matcher(overview);
			assertThat(songs.find()).as("the tracker's part in:%n%s", overview).isTrue();
			assertThat(Integer.parseInt(songs.group(1))).as("the tracker's songs, the demo tones among them").isPositive();
			String services = get(client, consoleUrl + "/overview/services").body();
			for (String service : List.of("streamer", "tracker", "burner", "player")) {
				assertThat(services).as("the %s's health as devstack told the console of it", service)
					.containsPattern("<span>" + service + "</span>\\s*<span class=\"muted\">http://localhost:\\d+</span>"
							+ "</td>\\s*<td><span class=\"badge ok\">UP</span>");
			}
		});
	}

	private static HttpResponse<String> get(HttpClient client, String url) throws IOException, InterruptedException {
		return client.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String adminGet(HttpClient client, String url, String token) throws IOException, InterruptedException {
		HttpResponse<String> response = client.send(
				HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token).build(),
				HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).as("GET %s answered %s", url, response.body()).isEqualTo(200);
		return response.body();
	}

	private static String songId(List<String> commands) {
		String play = find(commands, PLAY);
		return play.replaceAll(".* play (\\d+) .*", "$1");
	}

	private static String find(List<String> commands, String regex) {
		Pattern pattern = Pattern.compile(regex);
		List<String> matching = commands.stream().filter((command) -> pattern.matcher(command).find()).toList();
		assertThat(matching).as("the printed command matching '%s' among %s", regex, commands).hasSize(1);
		return matching.get(0);
	}

	/** Runs one printed command in bash (pipefail, so a failing first half of a pipe fails it) at the root. */
	private static Result run(String command, Path wrappers) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(Programs.require("bash"), "-o", "pipefail", "-c", command)
			.directory(ROOT.toFile())
			.redirectErrorStream(true);
		builder.environment().put("PATH", wrappers + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		Process process = builder.start();
		process.getOutputStream().close();
		byte[] output = process.getInputStream().readNBytes(1 << 20);
		if (!process.waitFor(COMMAND_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new AssertionError("'" + command + "' did not finish within " + COMMAND_TIMEOUT.toSeconds() + " s");
		}
		String text = new String(output, StandardCharsets.UTF_8);
		assertThat(process.exitValue()).as("exit code of '%s', which printed:%n%s", command, text).isZero();
		return new Result(text);
	}

	/** {@code mpv} and {@code mpg123} that play to no audio device (mpv stops after 3 s of a live stream). */
	private static Path silentPlayers(Path directory) throws IOException {
		Files.createDirectories(directory);
		String mpv = Programs.require("mpv");
		String mpg123 = Programs.require("mpg123");
		Programs.require("curl");
		Programs.require("cmp");
		Programs.require("xorriso");
		Programs.require("timeout");
		write(directory.resolve("mpv"),
				"#!/bin/sh\nexec " + mpv + " --no-config --ao=null --vo=null --end=3 \"$@\"\n");
		write(directory.resolve("mpg123"), "#!/bin/sh\nexec " + mpg123 + " -t \"$@\"\n");
		return directory;
	}

	private static void write(Path script, String text) throws IOException {
		Files.writeString(script, text);
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
	}

	private static String md5OfFirst(Path file, long bytes) throws IOException {
		Path head = Files.createTempFile("disc-head", ".iso");
		try (var in = Files.newInputStream(file)) {
			Files.write(head, in.readNBytes(Math.toIntExact(bytes)));
			return DemoSeed.md5(head);
		}
		finally {
			Files.deleteIfExists(head);
		}
	}

	/**
	 * What a command printed.
	 *
	 * @param output its standard output and error
	 */
	private record Result(String output) {
	}

	/** Devstack's main class in its own JVM, as bin/devstack runs it; closing it is Ctrl-C (SIGTERM). */
	private static final class RunningStack implements AutoCloseable {

		private final Process process;

		private final List<String> lines = new ArrayList<>();

		private final Thread reader;

		private RunningStack(Process process) {
			this.process = process;
			this.reader = new Thread(this::read, "devstack-output");
			this.reader.setDaemon(true);
			this.reader.start();
		}

		static RunningStack start(Path data, Ports ports) throws Exception {
			List<String> command = new ArrayList<>(List.of(
					Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
					System.getProperty("java.class.path"), DevStack.class.getName(), "--root=" + ROOT,
					"--data-dir=" + data, "--player-command=" + SILENT_PLAYER, "--irc"));
			for (Port port : Port.values()) {
				command.add(port.option() + "=" + ports.get(port));
			}
			RunningStack stack = new RunningStack(
					new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start());
			try {
				await().atMost(DevStackSettings.DEFAULT_READINESS_TIMEOUT.plusMinutes(1))
					.pollInterval(Duration.ofMillis(500))
					.until(() -> stack.has((line) -> line.startsWith("devstack") && line.contains("Press Ctrl-C"))
							|| !stack.process.isAlive());
				assertThat(stack.process.isAlive()).as("devstack running; it printed:%n%s",
						String.join("\n", stack.lines())).isTrue();
			}
			catch (RuntimeException | AssertionError ex) {
				stack.close();
				throw ex;
			}
			return stack;
		}

		private void read() {
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(this.process.getInputStream(), StandardCharsets.UTF_8))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					System.out.println(line);
					synchronized (this.lines) {
						if (this.lines.size() < MAX_KEPT_LINES) {
							this.lines.add(line);
						}
					}
				}
			}
			catch (IOException ex) {
				// The process ended; what it printed so far is kept.
			}
		}

		List<String> lines() {
			synchronized (this.lines) {
				return List.copyOf(this.lines);
			}
		}

		boolean has(Predicate<String> condition) {
			return lines().stream().anyMatch(condition);
		}

		/** The commands of the printed block, as a person would copy them. */
		List<String> commands() {
			List<String> commands = new ArrayList<>();
			boolean inBlock = false;
			for (String line : lines()) {
				if (!line.startsWith("devstack ")) {
					continue;
				}
				String text = line.substring(line.indexOf("| ") + 2);
				if (text.equals(TryCommands.HEADER)) {
					inBlock = true;
				}
				else if (inBlock && text.startsWith("  ")) {
					if (TryCommands.isCommand(text.strip())) {
						commands.add(text.strip());
					}
				}
				else if (inBlock) {
					break;
				}
			}
			return commands;
		}

		@Override
		public void close() throws Exception {
			List<ProcessHandle> children = this.process.descendants().toList();
			// SIGTERM, as Ctrl-C's SIGINT, through the handle: Process.destroy() would also close the output pipe.
			this.process.toHandle().destroy();
			if (!this.process.waitFor(90, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError("devstack did not stop within 90 s of SIGTERM");
			}
			for (ProcessHandle child : children) {
				child.onExit().get(30, TimeUnit.SECONDS);
			}
			// Its last lines may still be in the pipe.
			this.reader.join(Duration.ofSeconds(30));
			assertThat(lines()).as("Ctrl-C stops everything").contains("devstack          | Stopped.");
		}

	}

}
