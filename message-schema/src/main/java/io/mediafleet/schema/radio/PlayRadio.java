package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Streamer to scheduler: the streamer wants to broadcast a radio; answered by
 * {@link RadioStarted} (then {@link Play}), {@link RadioExists} or {@link RadioUnknown}.
 *
 * @param streamer the asking streamer's id
 * @param radioUuid the radio to play
 */
public record PlayRadio(String streamer, @JsonProperty("radio_uuid") String radioUuid) implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "play_radio";

	public PlayRadio {
		RadioFields.streamerId(streamer, "streamer");
		RadioFields.id(radioUuid, "radio_uuid");
	}

}
