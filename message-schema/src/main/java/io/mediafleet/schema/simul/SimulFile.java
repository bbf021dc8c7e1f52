package io.mediafleet.schema.simul;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * Master to slaves: look for the file, drop any other task except a playback in progress, and report with {@code file-status} periodically (or {@code simul-notstarted} if it cannot be found).
 *
 * @param dest the slave this command is for, or {@code null} for every slave
 * @param filename the file concerned
 * @param md5 <em>extension</em>: the file's md5 when the master knows it (32 hex digits, lowercase emitted), so that
 * a slave holding the same content under another name can join; it still answers about {@code filename}. Seed
 * slaves ignore it
 */
public record SimulFile(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String dest, String filename,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String md5) implements CommandMessage {

	public SimulFile {
		SimulFields.optionalSlaveName(dest, "dest");
		SimulFields.filename(filename, "filename");
		md5 = SimulFields.optionalMd5(md5, "md5");
	}

	/** The seed's form, without md5. */
	public SimulFile(@Nullable String dest, String filename) {
		this(dest, filename, null);
	}

	/** The command for every slave. */
	public static SimulFile of(String filename) {
		return new SimulFile(null, filename, null);
	}

	/** The same command for the slave named {@code dest} only. */
	public SimulFile withDest(String dest) {
		return new SimulFile(dest, this.filename, this.md5);
	}

	/** The same command carrying {@code md5} (or none, for {@code null}). */
	public SimulFile withMd5(@Nullable String md5) {
		return new SimulFile(this.dest, this.filename, md5);
	}

}
