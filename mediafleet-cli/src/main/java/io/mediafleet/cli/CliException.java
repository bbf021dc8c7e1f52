package io.mediafleet.cli;

/**
 * A command's failure as the person at the terminal sees it: one line of text and the exit code it ends with.
 */
public final class CliException extends RuntimeException {

	private final ExitCode exitCode;

	public CliException(ExitCode exitCode, String message) {
		super(message);
		this.exitCode = exitCode;
	}

	public CliException(ExitCode exitCode, String message, Throwable cause) {
		super(message, cause);
		this.exitCode = exitCode;
	}

	/** How the process ends. */
	public ExitCode exitCode() {
		return this.exitCode;
	}

	/** Unknown hash, UID, job, radio: "unknown {@code what} '{@code id}'". */
	public static CliException notFound(String what, String id) {
		return new CliException(ExitCode.NOT_FOUND, "unknown " + what + " '" + id + "'");
	}

}
