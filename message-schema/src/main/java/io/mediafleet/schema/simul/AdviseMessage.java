package io.mediafleet.schema.simul;

/**
 * A message a slave publishes on the advise bus to tell the master about itself.
 */
public sealed interface AdviseMessage extends SimulMessage
		permits SlaveReady, SlaveExit, FileStatus, SimulStarted, SimulNotStarted, SimulPlayCompleted,
		SimulPosition {

	/** The sending slave's name. */
	String src();

}
