package io.mediafleet.player.playback;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Starts the configured player command with the file appended as its last argument, and stops it. At most one
 * playback runs: starting another stops the first. The player's output is discarded (mpv is run with
 * {@code --no-terminal} in tests and services), so a chatty player cannot fill a pipe and stall.
 */
public final class Player implements AutoCloseable {

	private static final Log log = LogFactory.getLog(Player.class);

	private static final long STOP_GRACE_MS = 2000;

	private final List<String> command;

	private @Nullable Playback current;

	/** A player running {@code command} plus the file name. */
	public Player(List<String> command) {
		if (command.isEmpty()) {
			throw new IllegalArgumentException("the player command must name a program");
		}
		this.command = List.copyOf(command);
	}

	/**
	 * Starts playing {@code file}, stopping any current playback first.
	 * @param onExit called with the exit code when the player ends on its own (not when stopped)
	 * @throws IOException if the program cannot be started
	 */
	public synchronized void play(Path file, IntConsumer onExit) throws IOException {
		stop();
		List<String> arguments = new ArrayList<>(this.command);
		arguments.add(file.toString());
		Process process = new ProcessBuilder(arguments).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
			.start();
		Playback playback = new Playback(process, file);
		this.current = playback;
		process.onExit().thenAccept((ended) -> {
			synchronized (this) {
				if (this.current == playback) {
					this.current = null;
				}
			}
			if (!playback.stopped) {
				onExit.accept(ended.exitValue());
			}
		});
	}

	/** The file being played, or {@code null}. */
	public synchronized @Nullable Path playing() {
		return (this.current != null) ? this.current.file : null;
	}

	/** Stops the current playback, if any; returns whether one was running. */
	public synchronized boolean stop() {
		Playback playback = this.current;
		if (playback == null) {
			return false;
		}
		this.current = null;
		playback.stopped = true;
		playback.process.destroy();
		try {
			if (!playback.process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
				log.warn("Player did not stop within " + STOP_GRACE_MS + " ms: killing it");
				playback.process.destroyForcibly();
			}
		}
		catch (InterruptedException ex) {
			playback.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		return true;
	}

	@Override
	public void close() {
		stop();
	}

	private static final class Playback {

		final Process process;

		final Path file;

		volatile boolean stopped;

		Playback(Process process, Path file) {
			this.process = process;
			this.file = file;
		}

	}

}
