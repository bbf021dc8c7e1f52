package io.mediafleet.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

import org.jspecify.annotations.Nullable;

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
 */
final class TspCommand {

	static final String USAGE = """
			Usage: mediafleet tsp [--tracker HOST:PORT] <command>
			  list                          every song with its id, md5, size, file name and hosts
			  info <id>                     one song; 0 or -1 lists all
			  play <id>                     write the song's mp3 to stdout:  mediafleet tsp play 7 | mpg123 -
			  stop                          stop this user's running 'tsp play' (sends STOP to the peer)
			  share <dir> [--port N] [--advertise HOST]
			                                announce the *.mp3 of <dir> and serve them until Ctrl-C
			The tracker defaults to $MEDIAFLEET_TRACKER, else localhost:7070.
			""";

	private final OutputStream out;

	private final PrintStream err;

	private final Map<String, String> environment;

	TspCommand(OutputStream out, PrintStream err, Map<String, String> environment) {
		this.out = out;
		this.err = err;
		this.environment = environment;
	}

	int run(String[] arguments) {
		List<String> args = new ArrayList<>(List.of(arguments));
		String tracker = this.environment.getOrDefault("MEDIAFLEET_TRACKER", "localhost:7070");
		if (args.size() >= 2 && args.get(0).equals("--tracker")) {
			tracker = args.get(1);
			args = args.subList(2, args.size());
		}
		if (args.isEmpty() || args.get(0).equals("--help") || args.get(0).equals("-h")) {
			this.err.print(USAGE);
			return args.isEmpty() ? 2 : 0;
		}
		PeerAddress trackerAddress;
		try {
			trackerAddress = PeerAddress.parse(tracker);
		}
		catch (IllegalArgumentException ex) {
			return usage("bad tracker address: " + ex.getMessage());
		}
		String command = args.get(0);
		List<String> rest = args.subList(1, args.size());
		try {
			return switch (command) {
				case "list" -> rest.isEmpty() ? list(trackerAddress, TspFrame.NO_SONG, false) : usage("list takes no arguments");
				case "info" -> (rest.size() == 1) ? list(trackerAddress, songId(rest.get(0)), true)
						: usage("info takes one song id");
				case "play" -> (rest.size() == 1) ? play(trackerAddress, songId(rest.get(0))) : usage("play takes one song id");
				case "stop" -> rest.isEmpty() ? stop() : usage("stop takes no arguments");
				case "share" -> share(trackerAddress, rest);
				default -> usage("unknown tsp command '" + command + "'");
			};
		}
		catch (NumberFormatException ex) {
			return usage("a song id is a whole number");
		}
	}

	private int list(PeerAddress tracker, int songId, boolean info) {
		try (TrackerClient client = TrackerClient.browsing(tracker)) {
			List<CatalogueEntry> entries = info ? client.info(songId) : client.list();
			PrintStream text = new PrintStream(this.out, true, StandardCharsets.UTF_8);
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

	private int play(PeerAddress tracker, int songId) {
		StopSwitch stop = new StopSwitch();
		Thread hook = new Thread(stop::stop, "tsp-play-stop");
		Path pidFile = pidFile();
		try (TrackerClient client = TrackerClient.browsing(tracker)) {
			Runtime.getRuntime().addShutdownHook(hook);
			writePid(pidFile);
			PeerAddress host = new PeerFetcher(client, PeerFetcher.Settings.DEFAULTS, Set.of()).stream(songId, this.out,
					stop);
			this.err.println("mediafleet tsp: song " + songId + " played from " + host);
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

	private int stop() {
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
		this.err.println("mediafleet tsp: stopped 'tsp play' (pid " + player.get().pid() + ")");
		return 0;
	}

	private int share(PeerAddress tracker, List<String> args) {
		if (args.isEmpty()) {
			return usage("share takes a directory");
		}
		Path directory = Path.of(args.get(0));
		int port = 0;
		String advertise = "127.0.0.1";
		for (int i = 1; i < args.size(); i += 2) {
			if (i + 1 >= args.size()) {
				return usage(args.get(i) + " needs a value");
			}
			switch (args.get(i)) {
				case "--port" -> {
					try {
						port = Integer.parseInt(args.get(i + 1));
					}
					catch (NumberFormatException ex) {
						return usage("--port needs a number");
					}
				}
				case "--advertise" -> advertise = args.get(i + 1);
				default -> {
					return usage("unknown share option " + args.get(i));
				}
			}
		}
		try (TspShare share = TspShare.start(tracker, directory, "0.0.0.0", port, advertise)) {
			this.err.println("mediafleet tsp: sharing " + share.folder().songs().size() + " songs of " + directory
					+ " as " + share.address() + " via tracker " + tracker + "; Ctrl-C stops");
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

	private static int songId(String text) {
		return Integer.parseInt(text);
	}

	private int usage(String problem) {
		this.err.println("mediafleet tsp: " + problem);
		this.err.print(USAGE);
		return 2;
	}

	private int fail(@Nullable String problem) {
		this.err.println("mediafleet tsp: " + problem);
		return 1;
	}

	private Path pidFile() {
		String runtime = this.environment.get("XDG_RUNTIME_DIR");
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
