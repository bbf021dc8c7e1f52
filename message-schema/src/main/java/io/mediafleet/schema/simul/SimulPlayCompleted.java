package io.mediafleet.schema.simul;

/**
 * Slave to master: playback of the file ran to its end (an addition of the protocol's later revision).
 *
 * @param src the sending slave's name
 * @param filename the file concerned
 */
public record SimulPlayCompleted(String src, String filename) implements AdviseMessage {

	public SimulPlayCompleted {
		SimulFields.slaveName(src, "src");
		SimulFields.filename(filename, "filename");
	}

}
