package io.mediafleet.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged command line ({@code target/mediafleet.jar}) run as its own process with a given environment, as
 * {@code bin/mediafleet} runs it.
 */
final class PackagedCli {

	static final Path JAR = Path.of(System.getProperty("mediafleet.jar", "target/mediafleet.jar")).toAbsolutePath();

	static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	/** The JVM options {@code bin/mediafleet} runs the jar with. */
	static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private final Map<String, String> environment;

	PackagedCli(Map<String, String> environment) {
		assertThat(JAR).as("the packaged command line (mvn package builds it)").isRegularFile();
		this.environment = environment;
	}

	/** The command line to run {@code mediafleet args...} in a shell. */
	String commandLine(String... args) {
		StringBuilder line = new StringBuilder();
		this.environment.forEach((name, value) -> line.append(name).append("='").append(value).append("' "));
		line.append(JAVA).append(' ').append(String.join(" ", JVM_OPTIONS)).append(" -jar ").append(JAR);
		for (String arg : args) {
			line.append(" '").append(arg).append('\'');
		}
		return line.toString();
	}

	/** Runs to completion (at most a minute). */
	Result run(String... args) throws IOException, InterruptedException {
		Running running = start(args);
		assertThat(running.process.waitFor(60, TimeUnit.SECONDS)).as("mediafleet %s finished", List.of(args)).isTrue();
		running.drained();
		return new Result(running.process.exitValue(), String.join("\n", running.out), String.join("\n", running.err));
	}

	/** Starts a long-running command ({@code burn watch}); its output lines are collected as they come. */
	Running start(String... args) throws IOException {
		List<String> command = new ArrayList<>(List.of(JAVA));
		command.addAll(JVM_OPTIONS);
		command.addAll(List.of("-jar", JAR.toString()));
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
		builder.environment().clear();
		builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
		builder.environment().put("HOME", Path.of(System.getProperty("java.io.tmpdir"), "mediafleet-cli-test-home").toString());
		builder.environment().putAll(this.environment);
		return new Running(builder.start());
	}

	record Result(int status, String out, String err) {
	}

	/** A running command and the lines it wrote so far. */
	static final class Running implements AutoCloseable {

		final Process process;

		final List<String> out = new CopyOnWriteArrayList<>();

		final List<String> err = new CopyOnWriteArrayList<>();

		private final Thread outReader;

		private final Thread errReader;

		Running(Process process) {
			this.process = process;
			this.outReader = Thread.ofPlatform().daemon().start(() -> collect(process.inputReader(StandardCharsets.UTF_8), this.out));
			this.errReader = Thread.ofPlatform().daemon().start(() -> collect(process.errorReader(StandardCharsets.UTF_8), this.err));
		}

		private static void collect(BufferedReader reader, List<String> lines) {
			try (reader) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					lines.add(line);
				}
			}
			catch (IOException ex) {
				// process gone
			}
		}

		void drained() throws InterruptedException {
			this.outReader.join(Duration.ofSeconds(10));
			this.errReader.join(Duration.ofSeconds(10));
		}

		String output() {
			return String.join("\n", this.out);
		}

		@Override
		public void close() throws InterruptedException {
			this.process.destroy();
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
			}
		}

	}

}
