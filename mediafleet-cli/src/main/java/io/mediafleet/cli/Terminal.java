package io.mediafleet.cli;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What a command may touch of the world it runs in: its streams, its environment and whether its output is a
 * terminal. Tests give their own; {@link Mediafleet#main} gives the process's.
 *
 * @param in standard input ({@code --token-stdin})
 * @param binaryOut standard output for bytes ({@code tsp play})
 * @param err messages for people
 * @param environment the environment variables
 * @param isTerminal whether standard output is a terminal ({@code burn watch} redraws a screen then)
 */
public record Terminal(InputStream in, OutputStream binaryOut, PrintStream err, Map<String, String> environment,
		boolean isTerminal) {

	/** Standard output as text, UTF-8, flushed on every line. */
	public PrintStream out() {
		return (this.binaryOut instanceof PrintStream print) ? print
				: new PrintStream(this.binaryOut, true, StandardCharsets.UTF_8);
	}

	/** The terminal of the command line that {@code spec} belongs to. */
	public static Terminal of(picocli.CommandLine.Model.CommandSpec spec) {
		return ((Mediafleet) spec.root().userObject()).terminal();
	}

	/** The process's own streams and environment. */
	static Terminal system() {
		return new Terminal(System.in, new PrintStream(System.out, true, StandardCharsets.UTF_8),
				new PrintStream(System.err, true, StandardCharsets.UTF_8), System.getenv(), stdoutIsTerminal());
	}

	/**
	 * {@code System.console()} is null when stdin or stdout is redirected on JDK 21; from JDK 22 it may exist
	 * anyway, and {@code Console.isTerminal()} tells.
	 */
	private static boolean stdoutIsTerminal() {
		java.io.Console console = System.console();
		if (console == null) {
			return false;
		}
		try {
			return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
		}
		catch (ReflectiveOperationException ex) {
			return true;
		}
	}

}
