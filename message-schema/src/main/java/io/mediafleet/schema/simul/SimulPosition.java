package io.mediafleet.schema.simul;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * Slave to master (an extension of this suite): where the slave's player was in the file at an instant of the
 * slave's clock, sent periodically while a simul plays. The master compares the reports of every slave to show how
 * far apart they are; slaves that never send it keep working.
 *
 * <pre>
 * {"mtype":"simul-position","src":"den","filename":"film.mkv","position-ms":61250,"clock-ms":1700000073750,"speed":1.004}
 * </pre>
 *
 * @param src the sending slave's name
 * @param filename the file playing
 * @param positionMillis the playback position in milliseconds from the start of the file, 0 to
 * {@value SimulFields#MAX_POSITION_MILLIS}
 * @param clockEpochMillis the slave's clock when the position was read, milliseconds since the Unix epoch (UTC)
 * @param paused whether the player is paused (absent means false)
 * @param speed the player's current playback speed (1.0 normal), or {@code null} when not reported; 0.01 to 100
 */
public record SimulPosition(String src, String filename, @JsonProperty("position-ms") long positionMillis,
		@JsonProperty("clock-ms") long clockEpochMillis,
		@JsonInclude(JsonInclude.Include.NON_DEFAULT) boolean paused,
		@JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Double speed) implements AdviseMessage {

	/** Lowest and highest speed a report may carry. */
	static final double MIN_SPEED = 0.01;

	static final double MAX_SPEED = 100;

	public SimulPosition {
		SimulFields.slaveName(src, "src");
		SimulFields.filename(filename, "filename");
		SimulFields.position(positionMillis, "position-ms");
		SimulFields.epochTime(clockEpochMillis, "clock-ms");
		if (speed != null && !(speed >= MIN_SPEED && speed <= MAX_SPEED)) {
			throw new IllegalArgumentException(
					"field 'speed' must be between " + MIN_SPEED + " and " + MAX_SPEED + " but was " + speed);
		}
	}

	// Boxed numbers so that an absent or null value is reported as a missing field instead of becoming 0.
	@JsonCreator
	static SimulPosition fromJson(@JsonProperty("src") @Nullable String src,
			@JsonProperty("filename") @Nullable String filename,
			@JsonProperty("position-ms") @Nullable Long positionMillis,
			@JsonProperty("clock-ms") @Nullable Long clockEpochMillis, @JsonProperty("paused") @Nullable Boolean paused,
			@JsonProperty("speed") @Nullable Double speed) {
		return new SimulPosition(SimulFields.slaveName(src, "src"), SimulFields.filename(filename, "filename"),
				Fields.required(positionMillis, "position-ms"), Fields.required(clockEpochMillis, "clock-ms"),
				Boolean.TRUE.equals(paused), speed);
	}

}
