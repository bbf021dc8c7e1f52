package io.mediafleet.schema.simul;

import org.jspecify.annotations.Nullable;

/**
 * A message the master publishes on the command bus, to one slave or to all of them.
 */
public sealed interface CommandMessage extends SimulMessage permits SimulFile, SimulStart, SimulStop, SimulPause,
		SimulResume, SimulSeek {

	/** The slave this command is for, or {@code null} for every slave. */
	@Nullable String dest();

	/** Whether the slave named {@code slaveName} should obey this command. */
	default boolean isFor(String slaveName) {
		String dest = dest();
		return dest == null || dest.equals(slaveName);
	}

}
