package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Scheduler to streamer: the radio the streamer asked to stop existed and is stopped.
 *
 * @param radioUuid the radio concerned
 */
public record RadioStopped(@JsonProperty("radio_uuid") String radioUuid) implements SchedulerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "radio_stopped";

	public RadioStopped {
		RadioFields.id(radioUuid, "radio_uuid");
	}

}
