package io.mediafleet.schema.radio;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Streamer to scheduler: a client stopped listening. Real streamers also send {@code streamer},
 * {@code radio_uuid} and {@code user_id}; those are ignored, the session id alone identifies the
 * listening session.
 *
 * @param sessionId the id given in the matching {@link RegisterListener}
 */
public record UnregisterListener(@JsonProperty("session_id") String sessionId) implements StreamerMessage {

	/** Wire name in the {@code type} field. */
	public static final String TYPE = "unregister_listener";

	public UnregisterListener {
		RadioFields.id(sessionId, "session_id");
	}

}
