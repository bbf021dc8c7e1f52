package io.mediafleet.tsppeer;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import io.mediafleet.schema.tsp.CatalogueEntry;

/**
 * Maps a tracker song id to a file of this peer's own catalogue, so a requester can never choose a path.
 */
@FunctionalInterface
public interface SongSource {

	/** The file serving {@code songId}, or empty if this peer does not host it. */
	Optional<Path> find(int songId);

	/**
	 * Resolves ids through the tracker's latest catalogue (the entry's md5, or its file name when the md5 is
	 * unknown) into {@code folder}.
	 */
	static SongSource of(Supplier<List<CatalogueEntry>> catalogue, Supplier<SongFolder> folder) {
		return (songId) -> {
			for (CatalogueEntry entry : catalogue.get()) {
				if (entry.songId() == songId) {
					SongFolder songs = folder.get();
					Optional<LocalSong> local = (entry.song().md5() != null) ? songs.byMd5(entry.song().md5())
							: songs.byFileName(entry.song().fileName());
					return local.map(LocalSong::path);
				}
			}
			return Optional.empty();
		};
	}

}
