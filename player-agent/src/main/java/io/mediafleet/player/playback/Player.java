package io.mediafleet.player.playback;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Runs the configured player command with the file appended as its last argument, one playback at a time.
 *
 * <p>With mpv IPC on (the default, for {@code mpv}), {@link #prepare} starts mpv paused with
 * {@code --pause --input-ipc-server=<socket>}, waits until the file is loaded at position 0, and {@link #go}
 * unpauses it over the socket: a start costs one local socket write instead of a process launch, so slaves
 * start within a millisecond or two of the agreed instant. Without IPC, {@link #prepare} only checks and
 * {@link #go} launches the command. The player's output is discarded, so a chatty player cannot stall on a full
 * pipe.
 */
public final class Player implements AutoCloseable {

	private static final Log log = LogFactory.getLog(Player.class);

	private static final long STOP_GRACE_MS = 2000;

	private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(15);

	private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

	// Readings in a row without audio-pts after which a playing file is taken to have no audio.
	private static final int AUDIO_PTS_TRIES = 8;

	private static final AtomicLong sockets = new AtomicLong();

	/**
	 * Added to mpv's arguments under IPC: a speed change resamples (pitch moves with the speed: 0.3 % is 5 cents,
	 * 1 % 17 cents) instead of time-stretching with scaletempo, which moves the position by 2-12 ms at every change
	 * (measured 2026-12-07, mpv 0.35.1: a 1 s nudge of -0.3 % moved it +2.7 ms; with resampling -3.02 ms, as meant).
	 */
	public static final String PITCH_CORRECTION_OFF = "--audio-pitch-correction=no";

	private final List<String> command;

	private final boolean mpvIpc;

	private @Nullable Path socketDirectory;

	private @Nullable Playback current;

	/**
	 * A player running {@code command} plus the file name.
	 * @param mpvIpc whether the command is mpv and is driven through its JSON IPC socket
	 */
	public Player(List<String> command, boolean mpvIpc) {
		if (command.isEmpty()) {
			throw new IllegalArgumentException("the player command must name a program");
		}
		this.command = List.copyOf(command);
		this.mpvIpc = mpvIpc;
	}

	/**
	 * Gets {@code file} ready to start, stopping any current playback first. With IPC, mpv is running paused at
	 * position 0 when this returns.
	 * @param onExit called with the exit code when the player ends on its own (not when stopped)
	 * @throws IOException if the player cannot be started or does not load the file
	 */
	public synchronized void prepare(Path file, IntConsumer onExit) throws IOException {
		stop();
		Playback playback = new Playback(file, onExit);
		this.current = playback;
		if (!this.mpvIpc) {
			return;
		}
		Path socket = socketDirectory().resolve("mpv-" + sockets.incrementAndGet() + ".sock");
		Files.deleteIfExists(socket);
		List<String> arguments = new ArrayList<>(this.command);
		// Speed changes by resampling, not by scaletempo, whose every speed change moves the position by an
		// unforeseeable 2-12 ms (the drift controller's nudges would jump instead of glide); unless the configured
		// command says otherwise. Appended, not put after the program: the command may be a wrapper (sh -c).
		if (this.command.stream().noneMatch((argument) -> argument.startsWith("--audio-pitch-correction"))) {
			arguments.add(PITCH_CORRECTION_OFF);
		}
		arguments.add("--pause");
		arguments.add("--input-ipc-server=" + socket);
		launch(playback, arguments);
		try {
			playback.ipc = MpvIpc.connect(socket, LOAD_TIMEOUT, playback.process());
			waitUntilLoaded(playback);
			playback.ipc.command(COMMAND_TIMEOUT, "seek", 0, "absolute", "exact");
		}
		catch (IOException ex) {
			IOException reported = exitedWhileLoading(playback, ex);
			stop();
			throw reported;
		}
	}

	// A player that quit while loading (e.g. not a media file) says more by its exit code than a broken pipe.
	private static IOException exitedWhileLoading(Playback playback, IOException ex) {
		Process process = playback.process;
		try {
			if (process != null && process.waitFor(1, TimeUnit.SECONDS)) {
				return new IOException("the player exited with code " + process.exitValue() + " while loading "
						+ playback.file.getFileName() + " (not a playable file?)", ex);
			}
		}
		catch (InterruptedException interrupted) {
			Thread.currentThread().interrupt();
		}
		return ex;
	}

	/**
	 * Starts the prepared playback now: unpauses mpv, or launches the command.
	 * @throws IOException if nothing is prepared or the player fails
	 */
	public synchronized void go() throws IOException {
		Playback playback = this.current;
		if (playback == null) {
			throw new IOException("no playback prepared");
		}
		playback.started = true;
		if (playback.ipc != null) {
			playback.ipc.command(COMMAND_TIMEOUT, "set_property", "pause", false);
		}
		else if (playback.process == null) {
			List<String> arguments = new ArrayList<>(this.command);
			launch(playback, arguments);
		}
	}

	/**
	 * Moves the prepared, not yet started playback to {@code position} (a member joining a simul late starts at
	 * the group's position). With IPC mpv seeks exactly while paused; without IPC nothing can be done.
	 * @throws IOException if nothing is prepared, the player runs without IPC, or mpv refuses the seek
	 */
	public synchronized void cueTo(Duration position) throws IOException {
		Playback playback = this.current;
		if (playback == null || playback.started || playback.ipc == null) {
			throw new IOException("no paused playback under IPC to cue");
		}
		playback.ipc.command(COMMAND_TIMEOUT, "seek", position.toMillis() / 1000.0, "absolute", "exact");
	}

	/**
	 * The playback position mpv reports, in seconds, or {@code null} without IPC or playback.
	 *
	 * <p>Reads {@code audio-pts}, the position of the audio reaching the output computed when asked (written
	 * position minus the output's buffered delay); {@code playback-time} and {@code time-pos} only move when mpv
	 * feeds the output a chunk (every ~50 ms with {@code --ao=null}), so a single reading of them is up to 50 ms
	 * behind (measured: standard deviation 14 ms against 0.6 ms for {@code audio-pts}). Files without audio have no
	 * {@code audio-pts}: then {@code playback-time} is read.
	 */
	public synchronized @Nullable Double position() throws IOException {
		Playback playback = this.current;
		if (playback == null || playback.ipc == null) {
			return null;
		}
		JsonNode data = null;
		if (playback.audioPtsMissing < AUDIO_PTS_TRIES) {
			try {
				data = playback.ipc.command(COMMAND_TIMEOUT, "get_property", "audio-pts");
				playback.audioPtsMissing = 0;
			}
			catch (MpvIpc.MpvException ex) {
				// "property unavailable": no audio track, or for a moment after a seek; a file that keeps saying
				// so has no audio and is read from playback-time from then on.
				if (playback.started) {
					playback.audioPtsMissing++;
				}
			}
		}
		if (data == null || !data.isNumber()) {
			data = playback.ipc.command(COMMAND_TIMEOUT, "get_property", "playback-time");
		}
		return (data != null && data.isNumber()) ? data.asDouble() : null;
	}

	/**
	 * mpv's {@code audio-pts} in seconds, or {@code null} when it has none (no IPC or playback, no audio track, or
	 * for a moment after a seek): unlike {@link #position()} never the coarse {@code playback-time}, for readings
	 * that must be precise to a millisecond.
	 */
	public synchronized @Nullable Double audioPosition() throws IOException {
		Playback playback = this.current;
		if (playback == null || playback.ipc == null) {
			return null;
		}
		try {
			JsonNode data = playback.ipc.command(COMMAND_TIMEOUT, "get_property", "audio-pts");
			return (data != null && data.isNumber()) ? data.asDouble() : null;
		}
		catch (MpvIpc.MpvException ex) {
			return null;
		}
	}

	/**
	 * Waits until mpv has finished its last seek (its {@code seeking} property is false: the output is filled at
	 * the new position, so an unpause starts sound at once), polling until {@code timeout}; false when it has not
	 * by then or nothing plays under IPC.
	 */
	public boolean awaitSeekDone(Duration timeout) throws IOException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			MpvIpc ipc;
			synchronized (this) {
				ipc = startedIpc();
			}
			if (ipc == null) {
				return false;
			}
			try {
				JsonNode seeking = ipc.command(COMMAND_TIMEOUT, "get_property", "seeking");
				if (seeking != null && seeking.isBoolean() && !seeking.asBoolean()) {
					return true;
				}
			}
			catch (MpvIpc.MpvException ex) {
				// Unavailable for a moment: still seeking.
			}
			if (System.nanoTime() - deadline > 0) {
				return false;
			}
			try {
				Thread.sleep(2);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}
	}

	/** Sets mpv's playback speed (1.0 normal); does nothing without IPC or playback. */
	public synchronized void setSpeed(double speed) throws IOException {
		MpvIpc ipc = startedIpc();
		if (ipc != null) {
			ipc.command(COMMAND_TIMEOUT, "set_property", "speed", speed);
		}
	}

	/** Seeks exactly to {@code seconds} from the start; does nothing without IPC or playback. */
	public synchronized void seek(double seconds) throws IOException {
		MpvIpc ipc = startedIpc();
		if (ipc != null) {
			ipc.command(COMMAND_TIMEOUT, "seek", seconds, "absolute", "exact");
		}
	}

	/** Pauses or unpauses a started playback; does nothing without IPC or playback. */
	public synchronized void setPaused(boolean paused) throws IOException {
		MpvIpc ipc = startedIpc();
		if (ipc != null) {
			ipc.command(COMMAND_TIMEOUT, "set_property", "pause", paused);
		}
	}

	private @Nullable MpvIpc startedIpc() {
		Playback playback = this.current;
		return (playback != null && playback.started) ? playback.ipc : null;
	}

	/** Whether {@code file} is prepared (loaded and paused) and not started yet. */
	public synchronized boolean isPrepared(Path file) {
		Playback playback = this.current;
		return playback != null && !playback.started && playback.file.equals(file)
				&& (playback.process == null || playback.process.isAlive());
	}

	/** Whether a started playback is running. */
	public synchronized boolean isPlaying() {
		return this.current != null && this.current.started;
	}

	/** The file being played or prepared, or {@code null}. */
	public synchronized @Nullable Path playing() {
		return (this.current != null) ? this.current.file : null;
	}

	/** Stops the current playback, if any; returns whether one was running or prepared. */
	public synchronized boolean stop() {
		Playback playback = this.current;
		if (playback == null) {
			return false;
		}
		this.current = null;
		playback.stopped = true;
		if (playback.ipc != null) {
			try {
				playback.ipc.close();
			}
			catch (IOException ex) {
				// The process is ended below anyway.
			}
		}
		Process process = playback.process;
		if (process != null) {
			process.destroy();
			try {
				if (!process.waitFor(STOP_GRACE_MS, TimeUnit.MILLISECONDS)) {
					log.warn("Player did not stop within " + STOP_GRACE_MS + " ms: killing it");
					process.destroyForcibly();
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		return true;
	}

	@Override
	public void close() {
		stop();
	}

	private void launch(Playback playback, List<String> arguments) throws IOException {
		arguments.add(playback.file.toString());
		Process process = new ProcessBuilder(arguments).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
			.start();
		playback.process = process;
		process.onExit().thenAccept((ended) -> {
			synchronized (this) {
				if (this.current == playback) {
					this.current = null;
				}
			}
			if (!playback.stopped) {
				playback.onExit.accept(ended.exitValue());
			}
		});
	}

	// mpv answers playback-time with "property unavailable" until the file is loaded.
	private static void waitUntilLoaded(Playback playback) throws IOException {
		long deadline = System.nanoTime() + LOAD_TIMEOUT.toNanos();
		MpvIpc ipc = playback.ipc;
		while (ipc != null) {
			try {
				if (ipc.command(COMMAND_TIMEOUT, "get_property", "playback-time") != null) {
					return;
				}
			}
			catch (MpvIpc.MpvException ex) {
				// Not loaded yet.
			}
			if (System.nanoTime() > deadline) {
				throw new IOException("the player did not load " + playback.file.getFileName() + " within " + LOAD_TIMEOUT);
			}
			try {
				Thread.sleep(5);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while the player loaded the file", ex);
			}
		}
	}

	private synchronized Path socketDirectory() throws IOException {
		Path directory = this.socketDirectory;
		if (directory == null) {
			// Short path: Unix socket names are limited to about 100 bytes.
			directory = Files.createTempDirectory("mfp");
			directory.toFile().deleteOnExit();
			this.socketDirectory = directory;
		}
		return directory;
	}

	private static final class Playback {

		final Path file;

		final IntConsumer onExit;

		@Nullable Process process;

		@Nullable MpvIpc ipc;

		volatile boolean stopped;

		boolean started;

		// Readings in a row without audio-pts while playing; at AUDIO_PTS_TRIES positions come from playback-time.
		int audioPtsMissing;

		Playback(Path file, IntConsumer onExit) {
			this.file = file;
			this.onExit = onExit;
		}

		Process process() {
			Process started = this.process;
			if (started == null) {
				throw new IllegalStateException("not launched");
			}
			return started;
		}

	}

}
