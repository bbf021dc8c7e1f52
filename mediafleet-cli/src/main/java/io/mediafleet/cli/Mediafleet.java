package io.mediafleet.cli;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import io.mediafleet.cli.burn.BurnCommand;
import io.mediafleet.cli.fleet.FleetCommand;
import io.mediafleet.cli.keys.KeysCommand;
import io.mediafleet.cli.link.LinkCommand;
import io.mediafleet.cli.radio.RadioCommand;
import io.mediafleet.cli.simul.SimulCommand;
import io.mediafleet.cli.tsp.TspCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of {@code bin/mediafleet}: the suite's command line (picocli), one subcommand per part of the suite,
 * exiting with an {@link ExitCode}.
 */
@Command(name = "mediafleet", mixinStandardHelpOptions = true, versionProvider = Mediafleet.Version.class,
		description = "The Mediafleet suite's command line: burn farm, radios, simul, link tokens, fleet status, songs.",
		subcommands = { BurnCommand.class, RadioCommand.class, SimulCommand.class, LinkCommand.class,
				FleetCommand.class, TspCommand.class, KeysCommand.class, CompletionCommand.class,
				CommandLine.HelpCommand.class },
		footerHeading = "%nExit status:%n",
		footer = { "  0  done", "  1  failed (the message says why)", "  2  bad command line",
				"  3  unknown hash, burner, job, radio or file", "  4  scheduler unreachable",
				"  5  refused by the scheduler (admin token, conflicting state)", "",
				"The scheduler's URL and admin token come from MEDIAFLEET_URL and",
				"MEDIAFLEET_TOKEN, or ~/.config/mediafleet/cli.properties (url=, token=).",
				"See docs/cli.md." })
public final class Mediafleet {

	private final Terminal terminal;

	Mediafleet(Terminal terminal) {
		this.terminal = terminal;
	}

	/** The world the command runs in. */
	Terminal terminal() {
		return this.terminal;
	}

	public static void main(String[] args) {
		int status = run(args, Terminal.system());
		System.out.flush();
		System.exit(status);
	}

	/**
	 * Runs a command line; binary output (a song) goes to {@code out}, messages to {@code err}.
	 * @return the exit status, one of {@link ExitCode}
	 */
	public static int run(String[] args, OutputStream out, PrintStream err, Map<String, String> environment) {
		return run(args, new Terminal(System.in, out, err, environment, false));
	}

	/** Runs a command line in the given world. */
	public static int run(String[] args, Terminal terminal) {
		return commandLine(terminal).execute(args);
	}

	/** The command tree, wired to the terminal's streams and to the suite's exit codes. */
	public static CommandLine commandLine(Terminal terminal) {
		CommandLine commandLine = new CommandLine(new Mediafleet(terminal));
		commandLine.setOut(new PrintWriter(terminal.out(), true));
		commandLine.setErr(new PrintWriter(new java.io.OutputStreamWriter(terminal.err(), StandardCharsets.UTF_8), true));
		commandLine.setCommandName("mediafleet");
		commandLine.setExecutionExceptionHandler((ex, failed, parseResult) -> {
			if (ex instanceof CliException problem) {
				failed.getErr().println("mediafleet: " + problem.getMessage());
				failed.getErr().flush();
				return problem.exitCode().status();
			}
			failed.getErr().println("mediafleet: " + ex);
			failed.getErr().flush();
			return ExitCode.FAILED.status();
		});
		commandLine.setParameterExceptionHandler((ex, arguments) -> {
			CommandLine failed = ex.getCommandLine();
			failed.getErr().println("mediafleet: " + ex.getMessage());
			CommandLine.UnmatchedArgumentException.printSuggestions(ex, failed.getErr());
			failed.getErr().println("Try '" + failed.getCommandSpec().qualifiedName() + " --help' for more information.");
			failed.getErr().flush();
			return ExitCode.USAGE.status();
		});
		return commandLine;
	}

	/** {@code --version}: the jar's version. */
	static final class Version implements CommandLine.IVersionProvider {

		@Override
		public String[] getVersion() {
			String version = Mediafleet.class.getPackage().getImplementationVersion();
			return new String[] { "mediafleet " + ((version != null) ? version : "(development build)") };
		}

	}

}
