package io.mediafleet.schema.tsp;

import java.util.List;
import java.util.Objects;

/**
 * One song of the tracker's catalogue as {@code LIST}, {@code INFO} and {@code BROADCAST_LIST}
 * answers carry it: the tracker's song id, the song, and the peers hosting it.
 *
 * @param songId the tracker's id for the song, not negative; {@code PLAY} and {@code INFO} use it
 * @param song what the song is
 * @param hosts the peers that serve it, in the tracker's order, possibly none
 */
public record CatalogueEntry(int songId, SongLine song, List<PeerAddress> hosts) {

	public CatalogueEntry {
		if (songId < 0) {
			throw new IllegalArgumentException("song id must not be negative but was " + songId);
		}
		Objects.requireNonNull(song, "song");
		hosts = List.copyOf(hosts);
	}

	/** Entry for a song and its hosts. */
	public static CatalogueEntry of(int songId, SongLine song, PeerAddress... hosts) {
		return new CatalogueEntry(songId, song, List.of(hosts));
	}

}
