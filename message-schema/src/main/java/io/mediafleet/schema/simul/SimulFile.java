package io.mediafleet.schema.simul;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Master to slaves: look for the file, drop any other task except a playback in progress, and report with {@code file-status} periodically (or {@code simul-notstarted} if it cannot be found).
 *
 * @param dest the slave this command is for, or {@code null} for every slave
 * @param filename the file concerned
 */
public record SimulFile(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String dest, String filename)
		implements CommandMessage {

	public SimulFile {
		SimulFields.optionalSlaveName(dest, "dest");
		SimulFields.filename(filename, "filename");
	}

	/** The command for every slave. */
	public static SimulFile of(String filename) {
		return new SimulFile(null, filename);
	}

	/** The same command for the slave named {@code dest} only. */
	public SimulFile withDest(String dest) {
		return new SimulFile(dest, this.filename);
	}

}
