package io.mediafleet.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The command tree in process: help and completion for every command, where the scheduler's address and token come
 * from, and the usage errors, without a scheduler.
 */
class CliCommandLineIntegrationTests {

	@TempDir
	Path home;

	private HttpServer server;

	private final List<String> authorizations = new ArrayList<>();

	@AfterEach
	void stopServer() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void everyCommandAnswersHelpWithItsUsage() {
		List<List<String>> commands = new ArrayList<>();
		collect(Mediafleet.commandLine(terminal(Map.of(), "")), new ArrayList<>(), commands);
		assertThat(commands).extracting((path) -> String.join(" ", path))
			.contains("burn watch", "burn queue", "burn clear", "burn name", "burn open", "burn list", "burn history",
					"radio list", "radio now", "radio stop", "simul file", "simul start", "simul stop", "simul status",
					"simul pause", "simul resume", "simul seek",
					"link token", "fleet status", "tsp list", "tsp play", "keys zmq", "completion");
		for (List<String> command : commands) {
			List<String> args = new ArrayList<>(command);
			args.add("--help");
			Run run = run(Map.of(), "", args.toArray(String[]::new));
			assertThat(run.status).as("%s --help", command).isZero();
			assertThat(run.out).as("%s --help", command).contains("Usage: mediafleet " + String.join(" ", command));
		}
	}

	@Test
	void completionScriptCompletesEveryCommand() {
		Run run = run(Map.of(), "", "completion");
		assertThat(run.status).isZero();
		assertThat(run.out).startsWith("#!/usr/bin/env bash")
			.contains("complete -F _complete_mediafleet", "burn", "watch", "radio", "simul", "fleet", "--until",
					"--output");
	}

	@Test
	void keysZmqPrintsAFreshCurvePairWhosePublicKeyMatchesItsSecretKey() {
		Run first = run(Map.of(), "", "keys", "zmq");
		assertThat(first.status).isZero();
		Map<String, String> pair = new HashMap<>();
		first.out.lines().filter((line) -> !line.startsWith("#")).forEach((line) -> {
			String[] parts = line.split("=", 2);
			pair.put(parts[0], parts[1]);
		});
		assertThat(pair.keySet()).containsExactlyInAnyOrder("public-key", "secret-key");
		assertThat(pair.values()).allMatch(io.mediafleet.schema.simul.CurveKey::isZ85);
		Run derived = run(Map.of(), pair.get("secret-key") + "\n", "keys", "zmq", "--public-of-stdin");
		assertThat(derived.out.strip()).isEqualTo(pair.get("public-key"));
		assertThat(run(Map.of(), "", "keys", "zmq").out).isNotEqualTo(first.out);
		Run bad = run(Map.of(), "not a key\n", "keys", "zmq", "--public-of-stdin");
		assertThat(bad.status).isEqualTo(2);
		assertThat(bad.err).contains("not a secret key");
	}

	@Test
	void badCommandLinesExitTwoAndSayWhy() {
		Run unknown = run(Map.of(), "", "burnn");
		assertThat(unknown.status).isEqualTo(ExitCode.USAGE.status());
		assertThat(unknown.err).contains("Unmatched argument at index 0: 'burnn'", "Did you mean: mediafleet burn");
		Run missing = run(Map.of(), "", "burn", "name", "0123456789abcdef0123456789abcdef");
		assertThat(missing.status).isEqualTo(2);
		assertThat(missing.err).contains("Missing required parameter: 'NAME'");
		assertThat(run(Map.of(), "", "burn", "list", "--output", "yaml").err).contains("Invalid value for option '--output'");
		assertThat(run(Map.of(), "", "burn", "history", "seven").status).isEqualTo(2);
		assertThat(run(Map.of(), "", "simul", "start", "--at", "tomorrow").err).contains("--at needs an ISO-8601 instant");
	}

	@Test
	void withoutATokenAdminCommandsAreRefusedBeforeAnyRequest() throws IOException {
		startScheduler();
		Run run = run(Map.of("MEDIAFLEET_URL", url()), "", "burn", "clear");
		assertThat(run.status).isEqualTo(ExitCode.REFUSED.status());
		assertThat(run.err).isEqualTo(
				"mediafleet: no admin token: set MEDIAFLEET_TOKEN, 'token' in ~/.config/mediafleet/cli.properties, or use --token-stdin\n");
		assertThat(this.authorizations).isEmpty();
	}

	@Test
	void theTokenComesFromTheEnvironmentTheConfigFileOrStandardInputNeverAFlag() throws IOException {
		startScheduler();
		Path config = Files.createDirectories(this.home.resolve(".config/mediafleet")).resolve("cli.properties");
		Files.writeString(config, "url=" + url() + "\ntoken=from-file\n");
		Map<String, String> withHome = Map.of("HOME", this.home.toString());

		assertThat(run(withHome, "", "burn", "clear").out).isEqualTo("removed 2 jobs\n");
		Map<String, String> environment = new HashMap<>(withHome);
		environment.put("MEDIAFLEET_TOKEN", "from-env");
		run(environment, "", "burn", "clear");
		run(withHome, "from-stdin\n", "burn", "clear", "--token-stdin");
		Path other = Files.writeString(this.home.resolve("other.properties"), "url=" + url() + "\ntoken-file="
				+ Files.writeString(this.home.resolve("token"), "from-token-file\n") + "\n");
		run(Map.of(), "", "burn", "clear", "--config", other.toString());
		assertThat(this.authorizations).containsExactly("Bearer from-file", "Bearer from-env", "Bearer from-stdin",
				"Bearer from-token-file");
		assertThat(run(withHome, "", "burn", "clear", "--token", "x").err).contains("Unknown options: '--token'");
	}

	@Test
	void anUnreachableSchedulerIsNamedWithTheAddressTried() throws IOException {
		int closed;
		try (ServerSocket socket = new ServerSocket(0)) {
			closed = socket.getLocalPort();
		}
		Run run = run(Map.of("MEDIAFLEET_URL", "http://127.0.0.1:" + closed, "MEDIAFLEET_TOKEN", "t"), "", "fleet",
				"status");
		assertThat(run.status).isEqualTo(ExitCode.UNREACHABLE.status());
		assertThat(run.err).startsWith("mediafleet: scheduler unreachable at http://127.0.0.1:" + closed);
		assertThat(run.err.lines()).hasSize(1);
	}

	private void startScheduler() throws IOException {
		this.server = HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/admin/burn/queue", (exchange) -> {
			this.authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
			byte[] body = "{\"removed\":2}".getBytes(StandardCharsets.UTF_8);
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.server.start();
	}

	private String url() {
		return "http://127.0.0.1:" + this.server.getAddress().getPort();
	}

	private static void collect(CommandLine command, List<String> path, List<List<String>> into) {
		command.getSubcommands().forEach((name, sub) -> {
			if (name.equals("help")) {
				return;
			}
			List<String> subPath = new ArrayList<>(path);
			subPath.add(name);
			into.add(subPath);
			collect(sub, subPath, into);
		});
	}

	private static Terminal terminal(Map<String, String> environment, String stdin) {
		return new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)), new ByteArrayOutputStream(),
				new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), environment, false);
	}

	private Run run(Map<String, String> environment, String stdin, String... args) {
		Map<String, String> isolated = new HashMap<>(environment);
		isolated.putIfAbsent("HOME", this.home.resolve("nobody").toString());
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int status = Mediafleet.run(args, new Terminal(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
				new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
				isolated, false));
		return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
	}

	private record Run(int status, String out, String err) {
	}

}
