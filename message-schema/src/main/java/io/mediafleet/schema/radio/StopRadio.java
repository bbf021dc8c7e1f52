package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Streamer to scheduler: the streamer stops broadcasting a radio; answered by
 * {@link RadioStopped} when the radio existed.
 *
 * @param streamer the asking streamer's id
 * @param radioUuid the radio to stop
 */
public record StopRadio(String streamer, @JsonProperty("radio_uuid") String radioUuid) implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "stop_radio";

	public StopRadio {
		RadioFields.streamerId(streamer, "streamer");
		RadioFields.id(radioUuid, "radio_uuid");
	}

}
