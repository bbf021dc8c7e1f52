package io.mediafleet.cli;

/**
 * The exit statuses of {@code mediafleet}, one per kind of outcome a script may want to tell apart.
 */
public enum ExitCode {

	/** Done. */
	OK(0),

	/** Failed for another reason (the message says which); also a {@code --until} that timed out. */
	FAILED(1),

	/** Bad command line: unknown command or option, missing or malformed argument. */
	USAGE(2),

	/** The command named something that does not exist: a hash, burner UID, job, radio, file. */
	NOT_FOUND(3),

	/** The scheduler (or the burn farm's TCP port) could not be reached. */
	UNREACHABLE(4),

	/** The scheduler refused: no or wrong admin token, or the request conflicts with its state. */
	REFUSED(5);

	private final int status;

	ExitCode(int status) {
		this.status = status;
	}

	/** The process exit status. */
	public int status() {
		return this.status;
	}

}
