package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Scheduler to streamer: the requested radio is now mastered by the requester; {@link Play} messages follow.
 *
 * @param radioUuid the radio concerned
 */
public record RadioStarted(@JsonProperty("radio_uuid") String radioUuid) implements SchedulerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "radio_started";

	public RadioStarted {
		RadioFields.id(radioUuid, "radio_uuid");
	}

}
