package io.mediafleet.streamer.library;

import java.nio.file.Path;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * One MP3 file of the library, as found by the last scan.
 *
 * @param name the file's name relative to the library root, with {@code /} separators: what {@code play} names
 * @param path the file on disk
 * @param sizeBytes the file's size
 * @param md5 lowercase hex MD5 of the file's bytes
 * @param duration playing time computed from the frame headers
 * @param title title from the ID3 tags, if any
 * @param artist artist from the ID3 tags, if any
 */
public record LibraryEntry(String name, Path path, long sizeBytes, String md5, Duration duration,
		@Nullable String title, @Nullable String artist) {

	/** What listeners see as the song's title: {@code artist - title}, the title alone, or the file name. */
	public String displayTitle() {
		if (this.title != null && this.artist != null) {
			return this.artist + " - " + this.title;
		}
		return (this.title != null) ? this.title : this.name;
	}

}
