package io.mediafleet.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;

/**
 * Entry point of {@code bin/mediafleet}: dispatches to a subcommand ({@code tsp}) and exits with its status.
 */
public final class Mediafleet {

	static final String USAGE = """
			Usage: mediafleet <command> [arguments]
			Commands:
			  tsp    the song tracker and its peers (mediafleet tsp --help)
			""";

	private Mediafleet() {
	}

	public static void main(String[] args) {
		int status = run(args, System.out, System.err, System.getenv());
		System.out.flush();
		System.exit(status);
	}

	/**
	 * Runs a command line; binary output (a song) goes to {@code out}, messages to {@code err}.
	 * @return the exit status: 0 done, 1 failed, 2 bad usage
	 */
	public static int run(String[] args, OutputStream out, PrintStream err, Map<String, String> environment) {
		if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
			err.print(USAGE);
			return (args.length == 0) ? 2 : 0;
		}
		if (args[0].equals("tsp")) {
			return new TspCommand(out, err, environment).run(Arrays.copyOfRange(args, 1, args.length));
		}
		err.println("mediafleet: unknown command '" + args[0] + "'");
		err.print(USAGE);
		return 2;
	}

}
