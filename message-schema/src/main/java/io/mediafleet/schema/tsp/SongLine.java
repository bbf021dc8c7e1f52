package io.mediafleet.schema.tsp;

import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * One song a peer hosts, as a song line of an {@code INIT} payload describes it. Lines in the
 * original form ({@code Title, Artist > file.mp3}) leave md5, size and duration unknown.
 *
 * @param md5 md5 of the file, 32 lowercase hex digits (uppercase accepted), or {@code null} if
 * unknown
 * @param sizeBytes file size in bytes, or {@code null} if unknown
 * @param duration playing time, millisecond precision (finer parts are dropped), or
 * {@code null} if unknown
 * @param title song title, may be empty
 * @param artist artist, may be empty
 * @param fileName the file's name in the peer's library, not empty
 */
public record SongLine(@Nullable String md5, @Nullable Long sizeBytes, @Nullable Duration duration, String title,
		String artist, String fileName) {

	public SongLine {
		md5 = (md5 != null) ? md5(md5, "md5") : null;
		if (sizeBytes != null && sizeBytes < 0) {
			throw new IllegalArgumentException("size must not be negative but was " + sizeBytes);
		}
		if (duration != null) {
			if (duration.isNegative()) {
				throw new IllegalArgumentException("duration must not be negative but was " + duration);
			}
			duration = Duration.ofMillis(duration.toMillis());
		}
		text(title, "title");
		text(artist, "artist");
		text(fileName, "file name");
		if (fileName.isEmpty()) {
			throw new IllegalArgumentException("file name must not be empty");
		}
	}

	/** Song known only by the original line form's title, artist and file name. */
	public static SongLine of(String title, String artist, String fileName) {
		return new SongLine(null, null, null, title, artist, fileName);
	}

	/** Song with every field known. */
	public static SongLine of(String md5, long sizeBytes, Duration duration, String title, String artist,
			String fileName) {
		return new SongLine(md5, sizeBytes, duration, title, artist, fileName);
	}

	static String md5(String value, String field) {
		boolean valid = value.length() == 32;
		for (int i = 0; valid && i < value.length(); i++) {
			char c = value.charAt(i);
			valid = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
		}
		if (!valid) {
			throw new IllegalArgumentException(field + " '" + shorten(value) + "' is not 32 hex digits");
		}
		return value.toLowerCase(Locale.ROOT);
	}

	static void text(String value, String field) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < ' ' || c == 0x7f) {
				throw new IllegalArgumentException(field + " '" + shorten(value) + "' contains control character "
						+ String.format("U+%04X", (int) c) + " at index " + i);
			}
		}
	}

	static String shorten(String value) {
		return (value.length() <= 40) ? value : value.substring(0, 37) + "...";
	}

}
