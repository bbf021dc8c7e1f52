package io.mediafleet.scheduler.radio;

import java.util.List;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * An ordered list of songs, played in order or at random.
 *
 * @param id playlist id
 * @param name display name
 * @param songIds the songs, in play order when not random
 * @param random whether to play at random (avoiding recent songs, favouring the least recently played)
 */
@Document(Playlist.COLLECTION)
public record Playlist(@Id String id, String name, List<String> songIds, boolean random) {

	static final String COLLECTION = "playlists";

}
