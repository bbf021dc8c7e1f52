package io.mediafleet.streamer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * Makes MP3 files for tests with the real {@code ffmpeg}, and runs {@code ffmpeg}/{@code ffprobe} on streams.
 */
public final class TestMp3s {

	private TestMp3s() {
	}

	/**
	 * Encodes a sine tone of {@code seconds} into {@code file} with the given title and artist (either may be
	 * {@code null}) and extra ffmpeg output options (e.g. {@code -b:a 128k}).
	 */
	public static Path sine(Path file, double seconds, @Nullable String title, @Nullable String artist, String... options) {
		return encode(file, "sine=frequency=440:duration=" + seconds, title, artist, options);
	}

	/** Encodes a lavfi source graph into {@code file}. */
	public static Path encode(Path file, String lavfiSource, @Nullable String title, @Nullable String artist, String... options) {
		List<String> command = new ArrayList<>(List.of("ffmpeg", "-hide_banner", "-loglevel", "error", "-y", "-f",
				"lavfi", "-i", lavfiSource));
		if (title != null) {
			command.addAll(List.of("-metadata", "title=" + title));
		}
		if (artist != null) {
			command.addAll(List.of("-metadata", "artist=" + artist));
		}
		command.addAll(List.of(options));
		command.add(file.toString());
		try {
			Files.createDirectories(file.toAbsolutePath().getParent());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		run(command, 60);
		return file;
	}

	/** Runs a command (ffmpeg or ffprobe), fails clearly when it is missing or fails, returns stdout + stderr. */
	public static String run(List<String> command, int timeoutSeconds) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new AssertionError("'" + command.get(0) + "' is needed by this test but could not be started ("
					+ ex.getMessage() + "); install ffmpeg (Debian package 'ffmpeg')", ex);
		}
		try {
			process.getOutputStream().close();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new AssertionError(command + " did not finish within " + timeoutSeconds + " s");
			}
			String text = new String(output, StandardCharsets.UTF_8);
			if (process.exitValue() != 0) {
				throw new AssertionError(command + " failed with exit code " + process.exitValue() + ":\n" + text);
			}
			return text;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			process.destroyForcibly();
			throw new AssertionError("interrupted", ex);
		}
	}

}
