package io.mediafleet.scheduler.radio;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One listening session, open while the listener listens and kept, closed, as listening history.
 *
 * @param sessionId the streamer's session id, unique for all time
 * @param radioUuid the radio listened to
 * @param userId the listener, {@code null} when anonymous
 * @param streamer the streamer serving it
 * @param startedAt when it was registered
 * @param endedAt when it ended, {@code null} while open
 * @param durationSeconds listening time once closed
 * @param open whether the listener still listens
 */
@Document(ListenerSession.COLLECTION)
public record ListenerSession(@Id String sessionId, String radioUuid, @Nullable String userId, String streamer,
		Instant startedAt, @Nullable Instant endedAt, @Nullable Double durationSeconds, boolean open) {

	static final String COLLECTION = "radio_listener_sessions";

}
