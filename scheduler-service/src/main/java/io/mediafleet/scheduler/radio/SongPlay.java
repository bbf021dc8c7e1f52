package io.mediafleet.scheduler.radio;

import java.time.Instant;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * When a song last started on a radio, for the random-play rules.
 *
 * @param id {@code <radio uuid>/<song id>}
 * @param radioUuid the radio
 * @param songId the song
 * @param lastPlayedAt when it last started
 */
@Document(SongPlay.COLLECTION)
public record SongPlay(@Id String id, String radioUuid, String songId, Instant lastPlayedAt) {

	static final String COLLECTION = "radio_song_plays";

	static String idOf(String radioUuid, String songId) {
		return radioUuid + "/" + songId;
	}

}
