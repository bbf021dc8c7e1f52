package io.mediafleet.schema.simul;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * Slave to master: the slave has the file, sent periodically after {@code simul-file}. The master
 * considers a simul ready when every live slave reports the same md5.
 *
 * <p>{@code md5} is optional because the protocol's later revision dropped it; on decode it may
 * be in either case and is kept in lowercase, which is also how it is written. {@code ts} may
 * arrive with a fraction (Python's {@code os.path.getmtime} returns one); the fraction is dropped.
 *
 * @param src the sending slave's name
 * @param filename the file concerned
 * @param md5 the file's md5 as 32 lowercase hex digits, or {@code null} when not reported
 * @param timestampSeconds the later of the file's creation and modification time, in whole
 * seconds since the Unix epoch (UTC), >= 0
 */
public record FileStatus(String src, String filename,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String md5,
		@JsonProperty("ts") long timestampSeconds) implements AdviseMessage {

	public FileStatus {
		SimulFields.slaveName(src, "src");
		SimulFields.filename(filename, "filename");
		md5 = SimulFields.optionalMd5(md5, "md5");
		SimulFields.epochTime(timestampSeconds, "ts");
	}

	// A boxed ts so that an absent or null value is reported as a missing field instead of
	// silently becoming 0 (1 January 1970).
	@JsonCreator
	static FileStatus fromJson(@JsonProperty("src") @Nullable String src,
			@JsonProperty("filename") @Nullable String filename, @JsonProperty("md5") @Nullable String md5,
			@JsonProperty("ts") @Nullable Long ts) {
		return new FileStatus(SimulFields.slaveName(src, "src"), SimulFields.filename(filename, "filename"), md5,
				Fields.required(ts, "ts"));
	}

}
