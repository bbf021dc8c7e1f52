package io.mediafleet.player;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The real programs the player agent's integration tests drive (mpv, ffmpeg), found on {@code PATH}. */
public final class TestPrograms {

	private TestPrograms() {
	}

	/** The path of {@code program} on {@code PATH}; fails the test, naming the program, when it is missing. */
	public static String require(String program) {
		for (String directory : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
			Path candidate = Path.of(directory.isEmpty() ? "." : directory, program);
			if (Files.isExecutable(candidate)) {
				return candidate.toString();
			}
		}
		throw new AssertionError("This test needs the program '" + program + "'; install the Debian package providing it");
	}

	/** Writes a 440 Hz tone of {@code seconds} to {@code file} with ffmpeg (its format from the file's extension). */
	public static Path tone(Path file, int seconds) throws IOException, InterruptedException {
		Process ffmpeg = new ProcessBuilder(require("ffmpeg"), "-nostdin", "-loglevel", "error", "-f", "lavfi", "-i",
				"sine=frequency=440:duration=" + seconds, "-y", file.toString())
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		assertThat(ffmpeg.waitFor(60, TimeUnit.SECONDS)).as("ffmpeg finished").isTrue();
		assertThat(ffmpeg.exitValue()).as("ffmpeg exit code").isZero();
		return file;
	}

}
