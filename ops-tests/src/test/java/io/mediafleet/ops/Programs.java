package io.mediafleet.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

import static org.assertj.core.api.Assertions.fail;

/**
 * Finds and runs the external programs the tests need (docker-compose, prometheus, promtool), failing with the
 * Debian package to install when one is missing: these tests never skip.
 */
final class Programs {

	private Programs() {
	}

	/** The program's path from {@code PATH} (then {@code /usr/bin}); fails naming the package when absent. */
	static Path require(String program, String debianPackage) {
		Path found = find(program);
		if (found == null) {
			fail(program + " is not installed, and this test needs the real program. Install the Debian package: "
					+ "apt-get install " + debianPackage);
		}
		return found;
	}

	private static @Nullable Path find(String program) {
		List<String> directories = new ArrayList<>();
		String path = System.getenv("PATH");
		if (path != null) {
			directories.addAll(List.of(path.split(":")));
		}
		directories.add("/usr/bin");
		for (String directory : directories) {
			if (directory.isEmpty()) {
				continue;
			}
			Path candidate = Path.of(directory, program);
			if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/** Runs {@code command} in {@code directory} to completion, stdout and stderr apart. */
	static Result run(List<String> command, Path directory, Duration timeout) {
		try {
			Path out = Files.createTempFile("ops-tests-out", ".txt");
			Path err = Files.createTempFile("ops-tests-err", ".txt");
			try {
				Process process = new ProcessBuilder(command).directory(directory.toFile())
					.redirectOutput(out.toFile())
					.redirectError(err.toFile())
					.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
					.start();
				if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
					process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
					fail(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
				}
				return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
						Files.readString(err, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(out);
				Files.deleteIfExists(err);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * How a program ended.
	 *
	 * @param exitCode its exit code
	 * @param stdout what it printed
	 * @param stderr what it complained
	 */
	record Result(int exitCode, String stdout, String stderr) {

		String describe() {
			return "exit code " + this.exitCode + "\nstdout:\n" + this.stdout + "\nstderr:\n" + this.stderr;
		}

	}

}
