package io.mediafleet.burner.burn;

import java.time.Duration;

/**
 * Where the {@link BurnEngine} reports to: the current transport to the master; calls must not block for long.
 */
public interface BurnReporter {

	/** Percentage written so far (0, 25, 50, 75, ...). */
	void progress(String hash, int percent);

	/** Writing finished after {@code burnTime}; verification starts. */
	void completed(String hash, Duration burnTime);

	/** Read-back verification result. */
	void verified(String hash, boolean passed);

	/** The line protocol's {@code ERROR}: {@code NOISO}, {@code BUSY}, {@code TOOSMALL}, {@code BURNFAIL}. */
	void error(String code, String text);

	/** The drive is idle in this state ({@code AVAIL}, {@code EMPTY}, {@code OPEN}). */
	void idle(String driveState);

}
