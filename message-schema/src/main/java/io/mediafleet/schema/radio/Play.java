package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.mediafleet.schema.json.Fields;
import org.jspecify.annotations.Nullable;

/**
 * Scheduler to streamer: play a track on a radio, starting {@code delay} seconds after receipt,
 * {@code offset} seconds into the file, cross-fading over the last {@code crossfade_duration}
 * seconds of the previous track. This is the only playback message; "prepare a track" is a
 * scheduler-internal event that sends {@code play} early with a delay.
 *
 * @param radioUuid the radio the track plays on
 * @param filename the track's file name on the streamer
 * @param delaySeconds seconds to wait before starting, >= 0, fractions allowed
 * @param offsetSeconds seconds into the file to start at, >= 0 (joining a song already playing)
 * @param crossfadeSeconds seconds of cross-fade with the previous track, >= 0
 */
public record Play(@JsonProperty("radio_uuid") String radioUuid, String filename,
		@JsonProperty("delay") double delaySeconds, @JsonProperty("offset") double offsetSeconds,
		@JsonProperty("crossfade_duration") double crossfadeSeconds) implements SchedulerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "play";

	public Play {
		RadioFields.id(radioUuid, "radio_uuid");
		RadioFields.filename(filename, "filename");
		RadioFields.seconds(delaySeconds, "delay");
		RadioFields.seconds(offsetSeconds, "offset");
		RadioFields.seconds(crossfadeSeconds, "crossfade_duration");
	}

	// Boxed parameters so that an absent or null number is reported as a missing field instead of
	// silently becoming 0.
	@JsonCreator
	static Play fromJson(@JsonProperty("radio_uuid") @Nullable String radioUuid,
			@JsonProperty("filename") @Nullable String filename, @JsonProperty("delay") @Nullable Double delay,
			@JsonProperty("offset") @Nullable Double offset,
			@JsonProperty("crossfade_duration") @Nullable Double crossfadeDuration) {
		return new Play(RadioFields.id(radioUuid, "radio_uuid"), RadioFields.filename(filename, "filename"),
				Fields.required(delay, "delay"), Fields.required(offset, "offset"),
				Fields.required(crossfadeDuration, "crossfade_duration"));
	}

}
