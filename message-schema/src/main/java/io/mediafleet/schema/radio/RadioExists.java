package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.jspecify.annotations.Nullable;

/**
 * Scheduler to streamer: another live streamer already masters the requested radio; the requester
 * may relay it from that master, over HTTP at {@code master_url} when given (an extension of this
 * suite; original streamers ignore it).
 *
 * @param radioUuid the requested radio
 * @param masterStreamer the id of the streamer that masters it
 * @param masterUrl absolute http(s) URL of the master's stream of this radio, or {@code null}
 */
public record RadioExists(@JsonProperty("radio_uuid") String radioUuid,
		@JsonProperty("master_streamer") String masterStreamer,
		@JsonProperty("master_url") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String masterUrl)
		implements SchedulerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "radio_exists";

	public RadioExists {
		RadioFields.id(radioUuid, "radio_uuid");
		RadioFields.streamerId(masterStreamer, "master_streamer");
		RadioFields.optionalHttpUrl(masterUrl, "master_url");
	}

	/** Without a relay URL, as the original scheduler sent it. */
	public static RadioExists of(String radioUuid, String masterStreamer) {
		return new RadioExists(radioUuid, masterStreamer, null);
	}

}
