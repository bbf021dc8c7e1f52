package io.mediafleet.schema.simul;

/**
 * Slave to master: playback of the file has begun, so the master knows the start worked on this slave.
 *
 * @param src the sending slave's name
 * @param filename the file concerned
 */
public record SimulStarted(String src, String filename) implements AdviseMessage {

	public SimulStarted {
		SimulFields.slaveName(src, "src");
		SimulFields.filename(filename, "filename");
	}

}
