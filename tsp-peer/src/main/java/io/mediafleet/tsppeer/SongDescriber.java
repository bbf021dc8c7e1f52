package io.mediafleet.tsppeer;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Reads what a song line carries besides md5, size and file name: duration, title and artist. The streamer reads
 * them from MP3 frames and tags; a plain shared folder announces them as unknown.
 */
@FunctionalInterface
public interface SongDescriber {

	/** Describes nothing: songs are announced with unknown duration, title and artist. */
	SongDescriber NONE = (file) -> Description.UNKNOWN;

	/**
	 * Describes {@code file}; any exception makes the song's description unknown, never drops the song.
	 * @throws Exception when the file cannot be read or parsed
	 */
	Description describe(Path file) throws Exception;

	/**
	 * What a song line says about a song's content; {@code null} for unknown.
	 *
	 * @param duration the playing time
	 * @param title the song's title
	 * @param artist the song's artist
	 */
	record Description(@Nullable Duration duration, @Nullable String title, @Nullable String artist) {

		/** Nothing known. */
		public static final Description UNKNOWN = new Description(null, null, null);

	}

}
