package io.mediafleet.schema.simul;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Master to slaves: stop the simul of the file now; it may be restarted later.
 *
 * @param dest the slave this command is for, or {@code null} for every slave
 * @param filename the file concerned
 */
public record SimulStop(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String dest, String filename)
		implements CommandMessage {

	public SimulStop {
		SimulFields.optionalSlaveName(dest, "dest");
		SimulFields.filename(filename, "filename");
	}

	/** The command for every slave. */
	public static SimulStop of(String filename) {
		return new SimulStop(null, filename);
	}

	/** The same command for the slave named {@code dest} only. */
	public SimulStop withDest(String dest) {
		return new SimulStop(dest, this.filename);
	}

}
