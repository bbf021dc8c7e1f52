package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Scheduler to streamer: the requested radio does not exist.
 *
 * @param radioUuid the radio concerned
 */
public record RadioUnknown(@JsonProperty("radio_uuid") String radioUuid) implements SchedulerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "radio_unknown";

	public RadioUnknown {
		RadioFields.id(radioUuid, "radio_uuid");
	}

}
