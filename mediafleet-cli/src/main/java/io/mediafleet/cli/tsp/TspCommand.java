package io.mediafleet.cli.tsp;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import io.mediafleet.cli.CliException;
import io.mediafleet.cli.ExitCode;
import io.mediafleet.cli.Terminal;
import io.mediafleet.schema.tsp.CatalogueEntry;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.TspFrame;
import io.mediafleet.tsppeer.FetchException;
import io.mediafleet.tsppeer.PeerFetcher;
import io.mediafleet.tsppeer.StopSwitch;
import io.mediafleet.tsppeer.TrackerClient;
import io.mediafleet.tsppeer.TrackerException;

/**
 * {@code mediafleet tsp}: the seed's peer commands for a person at a terminal.
 *
 * <pre>
 * mediafleet tsp list                      every song and its hosts
 * mediafleet tsp info 7                    one song (0 or -1: all)
 * mediafleet tsp play 7 | mpg123 -         the mp3 to stdout, from the first host that answers
 * mediafleet tsp stop                      stop this user's running `tsp play` (STOP to its peer)
 * mediafleet tsp share ~/Music             announce a folder and serve it until Ctrl-C
 * </pre>
 *
 * <p>{@code share} sends the tracker's peer token from {@code $MEDIAFLEET_TSP_TOKEN} (never a command-line option,
 * which would land in the shell's history); {@code list}, {@code info} and {@code play} need none.
 */
@Command(name = "tsp", mixinStandardHelpOptions = true,
		description = { "The song tracker and its peers (TSP). The tracker defaults to $MEDIAFLEET_TRACKER, else localhost:7070.",
				"'share' sends the tracker's peer token from $MEDIAFLEET_TSP_TOKEN." },
		subcommands = { TspCommand.List.class, TspCommand.Info.class, TspCommand.Play.class, TspCommand.Stop.class,
				TspCommand.Share.class })
public final class TspCommand {

	@Spec
	private CommandSpec spec;

	@Option(names = "--tracker", paramLabel = "HOST:PORT", description = "The tracker (default $MEDIAFLEET_TRACKER, else localhost:7070).")
	private @Nullable String tracker;

	Terminal terminal() {
		return Terminal.of(this.spec);
	}

	PeerAddress trackerAddress() {
		String address = (this.tracker != null) ? this.tracker
				: terminal().environment().getOrDefault("MEDIAFLEET_TRACKER", "localhost:7070");
		try {
			return PeerAddress.parse(address);
		}
		catch (IllegalArgumentException ex) {
			throw new CliException(ExitCode.USAGE, "bad tracker address: " + ex.getMessage());
		}
	}

	/** The tracker's peer token from {@code $MEDIAFLEET_TSP_TOKEN}, or {@code null} when unset or blank. */
	@Nullable String peerToken() {
		String token = terminal().environment().get(PEER_TOKEN_VARIABLE);
		return (token == null || token.isBlank()) ? null : token.strip();
	}

	/** The environment variable {@code share} reads the peer token from. */
	static final String PEER_TOKEN_VARIABLE = "MEDIAFLEET_TSP_TOKEN";

	@Command(name = "list", mixinStandardHelpOptions = true,
			description = "Every song with its id, md5, size, file name and hosts.")
	static final class List implements Callable<Integer> {

		@ParentCommand
		private TspCommand tsp;

		@Override
		public Integer call() {
			return this.tsp.list(TspFrame.NO_SONG, false);
		}

	}

	@Command(name = "info", mixinStandardHelpOptions = true, description = "One song; 0 or -1 lists all.")
	static final class Info implements Callable<Integer> {

		@ParentCommand
		private TspCommand tsp;

		@Parameters(paramLabel = "ID", description = "The song's id.")
		private int songId;

		@Override
		public Integer call() {
			return this.tsp.list(this.songId, true);
		}

	}

	@Command(name = "play", mixinStandardHelpOptions = true,
			description = "Write the song's mp3 to stdout:  mediafleet tsp play 7 | mpg123 -")
	static final class Play implements Callable<Integer> {

		@ParentCommand
		private TspCommand tsp;

		@Parameters(paramLabel = "ID", description = "The song's id.")
		private int songId;

		@Override
		public Integer call() {
			return this.tsp.play(this.songId);
		}

	}

	@Command(name = "stop", mixinStandardHelpOptions = true,
			description = "Stop this user's running 'tsp play' (sends STOP to the peer).")
	static final class Stop implements Callable<Integer> {

		@ParentCommand
		private TspCommand tsp;

		@Override
		public Integer call() {
			return this.tsp.stop();
		}

	}

	@Command(name = "share", mixinStandardHelpOptions = true,
			description = { "Announce the *.mp3 of DIR and serve them until Ctrl-C.",
					"The tracker's peer token is read from $MEDIAFLEET_TSP_TOKEN (trackers refuse INIT without it unless "
							+ "they admit this network anonymously)." })
	static final class Share implements Callable<Integer> {

		@ParentCommand
		private TspCommand tsp;

		@Parameters(paramLabel = "DIR", description = "The folder to share.")
		private Path directory;

		@Option(names = "--port", description = "The PLAY port (default: any free port).")
		private int port;

		@Option(names = "--advertise", paramLabel = "HOST", defaultValue = "127.0.0.1",
				description = "The host announced to the tracker (default ${DEFAULT-VALUE}).")
		private String advertise;

		@Override
		public Integer call() {
			return this.tsp.share(this.directory, this.port, this.advertise);
		}

	}

	int list(int songId, boolean info) {
		try (TrackerClient client = TrackerClient.browsing(trackerAddress())) {
			java.util.List<CatalogueEntry> entries = info ? client.info(songId) : client.list();
			PrintStream text = new PrintStream(terminal().binaryOut(), true, StandardCharsets.UTF_8);
			text.printf("%-6s %-32s %10s  %-30s %s%n", "ID", "MD5", "BYTES", "FILE", "HOSTS");
			for (CatalogueEntry entry : entries) {
				var song = entry.song();
				text.printf("%-6d %-32s %10s  %-30s %s%n", entry.songId(), (song.md5() != null) ? song.md5() : "-",
						(song.sizeBytes() != null) ? song.sizeBytes() : "-", song.fileName(),
						String.join(",", entry.hosts().stream().map(PeerAddress::toString).toList()));
			}
			text.flush();
			return 0;
		}
		catch (TrackerException ex) {
			return fail(ex.getMessage());
		}
	}

	int play(int songId) {
		PeerAddress tracker = trackerAddress();
		StopSwitch stop = new StopSwitch();
		Thread hook = new Thread(stop::stop, "tsp-play-stop");
		Path pidFile = pidFile();
		try (TrackerClient client = TrackerClient.browsing(tracker)) {
			Runtime.getRuntime().addShutdownHook(hook);
			writePid(pidFile);
			PeerAddress host = new PeerFetcher(client, PeerFetcher.Settings.DEFAULTS, Set.of()).stream(songId, terminal().binaryOut(),
					stop);
			terminal().err().println("mediafleet tsp: song " + songId + " played from " + host);
			return 0;
		}
		catch (FetchException ex) {
			return fail(ex.getMessage());
		}
		finally {
			removeHook(hook);
			deletePid(pidFile);
		}
	}

	int stop() {
		Path pidFile = pidFile();
		Optional<ProcessHandle> player;
		try {
			player = ProcessHandle.of(Long.parseLong(Files.readString(pidFile).strip()));
		}
		catch (IOException | NumberFormatException ex) {
			return fail("no 'tsp play' is running (" + pidFile + " not found)");
		}
		if (player.isEmpty() || !player.get().isAlive()) {
			deletePid(pidFile);
			return fail("no 'tsp play' is running (stale " + pidFile + ")");
		}
		// the player's shutdown hook sends STOP to its peer and closes the connection
		player.get().destroy();
		terminal().err().println("mediafleet tsp: stopped 'tsp play' (pid " + player.get().pid() + ")");
		return 0;
	}

	int share(Path directory, int port, String advertise) {
		PeerAddress tracker = trackerAddress();
		String token = peerToken();
		try (TspShare share = TspShare.start(tracker, token, directory, "0.0.0.0", port, advertise)) {
			terminal().err().println("mediafleet tsp: sharing " + share.folder().songs().size() + " songs of " + directory
					+ " as " + share.address() + " via tracker " + tracker
					+ ((token != null) ? " with the peer token of $" + PEER_TOKEN_VARIABLE : " without a peer token ($"
							+ PEER_TOKEN_VARIABLE + " unset)") + "; Ctrl-C stops");
			String refusal = awaitInitAnswer(share.client());
			if (refusal != null) {
				return fail("the tracker " + tracker + " did not take the songs: " + refusal);
			}
			CountDownLatch forever = new CountDownLatch(1);
			Thread hook = new Thread(() -> {
				share.close();
				forever.countDown();
			}, "tsp-share-stop");
			Runtime.getRuntime().addShutdownHook(hook);
			forever.await();
			return 0;
		}
		catch (IOException | IllegalArgumentException ex) {
			return fail("cannot share " + directory + ": " + ex.getMessage());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	/**
	 * Waits up to {@link #INIT_ANSWER_WAIT} for the tracker's answer to the first {@code INIT}: {@code null} once a
	 * catalogue arrived (or the tracker is not reachable yet: the client keeps trying), else the tracker's
	 * {@code ERROR} text, so a person learns at once that the token is missing or wrong.
	 */
	private static @Nullable String awaitInitAnswer(TrackerClient client) throws InterruptedException {
		long deadline = System.nanoTime() + INIT_ANSWER_WAIT.toNanos();
		while (System.nanoTime() < deadline) {
			String error = client.lastError();
			if (error != null && error.startsWith("INIT")) {
				return error;
			}
			if (client.broadcastsReceived() > 0) {
				return null;
			}
			Thread.sleep(20);
		}
		return null;
	}

	private static final java.time.Duration INIT_ANSWER_WAIT = java.time.Duration.ofSeconds(10);

	private int fail(@Nullable String problem) {
		terminal().err().println("mediafleet tsp: " + problem);
		return 1;
	}

	private Path pidFile() {
		String runtime = terminal().environment().get("XDG_RUNTIME_DIR");
		Path directory = (runtime != null) ? Path.of(runtime) : Path.of(System.getProperty("java.io.tmpdir"));
		return directory.resolve("mediafleet-tsp-play-" + System.getProperty("user.name", "user") + ".pid");
	}

	private static void writePid(Path pidFile) {
		try {
			Files.writeString(pidFile, Long.toString(ProcessHandle.current().pid()));
		}
		catch (IOException ex) {
			// 'tsp stop' cannot find this player then; Ctrl-C still works
		}
	}

	private static void deletePid(Path pidFile) {
		try {
			String pid = Files.readString(pidFile).strip();
			if (pid.equals(Long.toString(ProcessHandle.current().pid()))) {
				Files.deleteIfExists(pidFile);
			}
		}
		catch (IOException ex) {
			// nothing to clean up
		}
	}

	private static void removeHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// shutting down: the hook is running
		}
	}

}
