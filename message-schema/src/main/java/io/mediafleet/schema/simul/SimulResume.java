package io.mediafleet.schema.simul;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * Master to slaves (an extension of this suite, group transport): resume playing at the instant {@code at} from {@code position-ms} (a slave gets there paused ahead of the instant, so resuming is only an unpause). Slaves that are not playing the file ignore it.
 *
 * <pre>
 * {"mtype":"simul-resume","filename":"film.mkv","at":1700000080000,"position-ms":67000}
 * </pre>
 *
 * @param dest the slave this command is for, or {@code null} for every slave
 * @param filename the file playing
 * @param atEpochMillis when, in milliseconds since the Unix epoch (UTC), or {@code null} for immediately
 * @param positionMillis the position in the file, in milliseconds, 0 to {@value SimulFields#MAX_POSITION_MILLIS}
 */
public record SimulResume(@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String dest, String filename,
		@JsonProperty("at") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long atEpochMillis,
		@JsonProperty("position-ms") long positionMillis) implements CommandMessage, TransportCommand {

	public SimulResume {
		TransportCommand.validate(dest, filename, atEpochMillis, positionMillis);
	}

	// A boxed position so that an absent value is reported as a missing field instead of becoming 0.
	@JsonCreator
	static SimulResume fromJson(@JsonProperty("dest") @Nullable String dest,
			@JsonProperty("filename") @Nullable String filename, @JsonProperty("at") @Nullable Long atEpochMillis,
			@JsonProperty("position-ms") @Nullable Long positionMillis) {
		return new SimulResume(dest, SimulFields.filename(filename, "filename"), atEpochMillis,
				Fields.required(positionMillis, "position-ms"));
	}

	/** The command for every slave, at {@code atEpochMillis}. */
	public static SimulResume at(String filename, long atEpochMillis, long positionMillis) {
		return new SimulResume(null, filename, atEpochMillis, positionMillis);
	}

}
