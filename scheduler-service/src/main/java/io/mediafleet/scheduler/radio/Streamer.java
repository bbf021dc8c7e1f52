package io.mediafleet.scheduler.radio;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A registered streamer and its ping status; the id is the streamer's name, unique by construction.
 *
 * @param name the streamer id, also the suffix of its channel {@code yastream.<name>}
 * @param registeredAt when it registered (explicitly or by {@code play_radio})
 * @param waitingForPong whether the last ping is still unanswered
 * @param missedPings consecutive unanswered pings
 * @param lastPongAt when it last answered, {@code null} before the first pong
 */
@Document(Streamer.COLLECTION)
public record Streamer(@Id String name, Instant registeredAt, boolean waitingForPong, int missedPings,
		@Nullable Instant lastPongAt) {

	static final String COLLECTION = "radio_streamers";

	static Streamer registered(String name, Instant now) {
		return new Streamer(name, now, false, 0, null);
	}

}
