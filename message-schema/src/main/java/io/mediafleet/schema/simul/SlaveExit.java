package io.mediafleet.schema.simul;

/**
 * Slave to master: the slave is shutting down and should be forgotten at once rather than after the silence timeout.
 *
 * @param src the sending slave's name
 */
public record SlaveExit(String src) implements AdviseMessage {

	public SlaveExit {
		SimulFields.slaveName(src, "src");
	}

}
