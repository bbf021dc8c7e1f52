package io.mediafleet.schema.simul;

/**
 * Slave to master: the slave is alive and ready to receive commands; sent at least every 5 seconds, and a slave silent for 15 seconds is considered gone. It says nothing about any file.
 *
 * @param src the sending slave's name
 */
public record SlaveReady(String src) implements AdviseMessage {

	public SlaveReady {
		SimulFields.slaveName(src, "src");
	}

}
