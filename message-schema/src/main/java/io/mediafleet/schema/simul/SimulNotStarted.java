package io.mediafleet.schema.simul;

/**
 * Slave to master: the slave could not carry out {@code simul-file} or {@code simul-start} for the
 * file, and says why.
 *
 * @param src the sending slave's name
 * @param filename the file concerned
 * @param reason human-readable text, may be empty
 */
public record SimulNotStarted(String src, String filename, String reason) implements AdviseMessage {

	public SimulNotStarted {
		SimulFields.slaveName(src, "src");
		SimulFields.filename(filename, "filename");
		SimulFields.text(reason, "reason");
	}

}
