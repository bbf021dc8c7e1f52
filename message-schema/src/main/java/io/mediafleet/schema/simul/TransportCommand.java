package io.mediafleet.schema.simul;

import org.jspecify.annotations.Nullable;

/**
 * The group transport commands (pause, resume, seek): each names the file, the instant every slave acts at and a
 * position in the file, so that the whole group acts together and lands on the same frame.
 */
public sealed interface TransportCommand permits SimulPause, SimulResume, SimulSeek {

	/** The file playing. */
	String filename();

	/** When to act, in milliseconds since the Unix epoch (UTC), or {@code null} for immediately on receipt. */
	@Nullable Long atEpochMillis();

	/** The position in the file, in milliseconds. */
	long positionMillis();

	/** The checks every transport command's fields pass (the three records' constructors share them). */
	static void validate(@Nullable String dest, String filename, @Nullable Long atEpochMillis, long positionMillis) {
		SimulFields.optionalSlaveName(dest, "dest");
		SimulFields.filename(filename, "filename");
		if (atEpochMillis != null) {
			SimulFields.epochTime(atEpochMillis, "at");
		}
		SimulFields.position(positionMillis, "position-ms");
	}

}
