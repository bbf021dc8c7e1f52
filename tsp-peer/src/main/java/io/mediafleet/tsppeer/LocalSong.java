package io.mediafleet.tsppeer;

import java.nio.file.Path;
import java.util.Objects;

import io.mediafleet.schema.tsp.SongLine;

/**
 * One mp3 file of a {@link SongFolder}: where it is and the song line announcing it.
 *
 * @param path the file, inside the folder
 * @param song the song line announced to the tracker (md5 and size always known)
 */
public record LocalSong(Path path, SongLine song) {

	public LocalSong {
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(song, "song");
	}

}
