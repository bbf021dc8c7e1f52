package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.databind.annotation.JsonSerialize;
import org.jspecify.annotations.Nullable;

/**
 * Streamer to scheduler: a client started listening to a radio.
 *
 * <p>Ids are strings in Java; on the wire a JSON integer is accepted too (read as its decimal
 * text), and {@code user_id} is written back as a number when it is a plain decimal integer.
 *
 * @param radioUuid the radio listened to
 * @param sessionId the listening session's id, unique, chosen by the streamer
 * @param userId the listener's user id, or {@code null} (JSON {@code null} or absent) for an
 * anonymous listener
 * @param streamer the streamer that serves the listener (master or relay), or {@code null} (absent: streamers
 * before the one listen URL) for "whoever masters the radio"; lets the scheduler close a dead streamer's sessions
 */
public record RegisterListener(@JsonProperty("radio_uuid") String radioUuid,
		@JsonProperty("session_id") String sessionId,
		@JsonProperty("user_id") @JsonSerialize(using = UserIdSerializer.class) @Nullable String userId,
		@JsonProperty("streamer") @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String streamer)
		implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "register_listener";

	public RegisterListener {
		RadioFields.id(radioUuid, "radio_uuid");
		RadioFields.id(sessionId, "session_id");
		RadioFields.optionalId(userId, "user_id");
		if (streamer != null) {
			RadioFields.streamerId(streamer, "streamer");
		}
	}

	/** A listener whose streamer is not named (the master's, to the scheduler). */
	public RegisterListener(String radioUuid, String sessionId, @Nullable String userId) {
		this(radioUuid, sessionId, userId, null);
	}

	/** A listener who did not authenticate. */
	public static RegisterListener anonymous(String radioUuid, String sessionId) {
		return new RegisterListener(radioUuid, sessionId, null);
	}

}
