package io.mediafleet.scheduler.radio;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A track streamers can play, known by the file name they find it under.
 *
 * @param id song id
 * @param filename file on the streamers, unique
 * @param durationSeconds length of the track
 * @param md5 lowercase hex md5 of the file, {@code null} if unknown
 * @param title display title, optional
 */
@Document(Song.COLLECTION)
public record Song(@Id String id, String filename, double durationSeconds, @Nullable String md5,
		@Nullable String title) {

	static final String COLLECTION = "songs";

}
