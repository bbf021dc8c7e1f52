package io.mediafleet.devstack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * One child process of the stack whose output is copied line by line, tagged with its name.
 */
final class ChildProcess {

	private static final Duration PUMP_DRAIN_TIMEOUT = Duration.ofSeconds(5);

	/**
	 * util-linux's {@code setsid}, where there is one: it makes the child a session leader and then becomes the
	 * child (same process id), so signals sent to the terminal's process group no longer reach it.
	 */
	private static final @Nullable Path SETSID = Stream.of("/usr/bin/setsid", "/bin/setsid")
		.map(Path::of)
		.filter(Files::isExecutable)
		.findFirst()
		.orElse(null);

	private final String name;

	private final Process process;

	private final Thread pump;

	private ChildProcess(String name, Process process, Thread pump) {
		this.name = name;
		this.process = process;
		this.pump = pump;
	}

	/**
	 * Starts {@code command} in {@code workingDirectory} with {@code environment} added to this process's own,
	 * copying its standard output and error to {@code output}.
	 */
	static ChildProcess start(String name, List<String> command, Map<String, String> environment,
			Path workingDirectory, Output output) {
		List<String> fullCommand = new ArrayList<>();
		if (SETSID != null) {
			// A session of its own keeps the terminal's Ctrl-C away from the child: the stack stops it, in order.
			fullCommand.add(SETSID.toString());
		}
		fullCommand.addAll(command);
		ProcessBuilder builder = new ProcessBuilder(fullCommand).directory(workingDirectory.toFile())
			.redirectErrorStream(true)
			.redirectInput(ProcessBuilder.Redirect.PIPE);
		builder.environment().putAll(environment);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new DevStackException("Could not start " + name + ": " + ex.getMessage(), ex);
		}
		Thread pump = new Thread(() -> copyLines(name, process, output), name + "-output");
		pump.setDaemon(true);
		pump.start();
		return new ChildProcess(name, process, pump);
	}

	private static void copyLines(String name, Process process, Output output) {
		try (BufferedReader reader = new BufferedReader(
				new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = reader.readLine()) != null) {
				output.line(name, line);
			}
		}
		catch (IOException | UncheckedIOException ex) {
			// The process is gone and took its pipe with it; nothing is left to copy.
		}
	}

	String name() {
		return this.name;
	}

	ProcessHandle handle() {
		return this.process.toHandle();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Completes with this child once its process has exited and its last lines have been copied (or the copy has
	 * taken longer than a few seconds).
	 */
	CompletableFuture<ChildProcess> onExit() {
		return this.process.onExit().thenApply((exited) -> {
			try {
				this.pump.join(PUMP_DRAIN_TIMEOUT.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return this;
		});
	}

	/** Asks the process to stop (SIGTERM on Unix), which Spring Boot and Redis answer with a clean shutdown. */
	void requestStop() {
		// Through the handle: Process.destroy() would also close our end of the output pipe and lose the lines the
		// process writes while it shuts down.
		this.process.toHandle().destroy();
	}

	/**
	 * Waits up to {@code timeout} for the process to exit after {@link #requestStop()}, then kills it and anything it
	 * started. Returns whether it stopped by itself.
	 */
	boolean awaitStop(Duration timeout) {
		try {
			this.process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
			// Let its last lines through before anyone reports the process stopped.
			this.pump.join(PUMP_DRAIN_TIMEOUT.toMillis());
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			kill();
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			kill();
			return false;
		}
	}

	/** Kills the process and its descendants at once. */
	void kill() {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.toHandle().destroyForcibly();
		try {
			this.process.onExit().get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (ExecutionException | TimeoutException ex) {
			// Nothing more can be done about a process that ignores SIGKILL.
		}
	}

}
