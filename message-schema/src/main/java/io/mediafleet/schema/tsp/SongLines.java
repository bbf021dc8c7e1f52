package io.mediafleet.schema.tsp;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reads and writes the text lines TSP payloads are made of: song lines ({@code INIT}) and
 * catalogue entries ({@code LIST}, {@code INFO}, {@code BROADCAST_LIST}).
 *
 * <p>A song line comes in two forms. The original peers' form
 * <pre>
 * Hey Jude, The Beatles &gt; hey_jude.mp3
 * </pre>
 * splits at the last {@code >} (file name after it) and at the last comma before it (title
 * before, artist after), trimming spaces. The extended form has six TAB-separated fields
 * <pre>
 * md5 \t size in bytes \t duration in seconds \t title \t artist \t file name
 * 0f343b0931126a20f133d67c2b018a3b\t7340032\t431.2\tHey Jude\tThe Beatles\they_jude.mp3
 * </pre>
 * where {@code -} stands for an unknown md5, size or duration. A line containing a TAB is read
 * in the extended form, any other in the original form. Only the extended form is written.
 *
 * <p>A catalogue entry is the tracker's song id, the six fields of the extended form, and the
 * hosting peers separated by commas:
 * <pre>
 * 7\t0f343b0931126a20f133d67c2b018a3b\t7340032\t431.2\tHey Jude\tThe Beatles\they_jude.mp3\t10.0.0.5:7001,[::1]:7002
 * </pre>
 * Fields beyond the known ones are ignored. Every error is a {@link TspCodecException} naming
 * the line number and the field.
 */
public final class SongLines {

	/** What the extended form writes for an unknown md5, size or duration. */
	public static final String UNKNOWN = "-";

	private static final int SONG_FIELDS = 6;

	private static final int ENTRY_FIELDS = 8;

	private SongLines() {
	}

	/**
	 * Reads a song line in either form.
	 * @throws TspCodecException saying what is wrong
	 */
	public static SongLine parse(String line) {
		return parse(line, 1);
	}

	/** Writes a song line in the extended form. */
	public static String format(SongLine song) {
		StringBuilder out = new StringBuilder(96);
		appendSong(out, song);
		return out.toString();
	}

	/**
	 * Reads a catalogue entry.
	 * @throws TspCodecException saying what is wrong
	 */
	public static CatalogueEntry parseEntry(String line) {
		return parseEntry(line, 1);
	}

	/** Writes a catalogue entry. */
	public static String formatEntry(CatalogueEntry entry) {
		StringBuilder out = new StringBuilder(128);
		out.append(entry.songId()).append('\t');
		appendSong(out, entry.song());
		out.append('\t');
		for (int i = 0; i < entry.hosts().size(); i++) {
			out.append((i > 0) ? "," : "").append(entry.hosts().get(i));
		}
		return out.toString();
	}

	static SongLine parse(String line, int lineNumber) {
		try {
			if (line.indexOf('\t') < 0) {
				return parseOriginal(line);
			}
			String[] fields = line.split("\t", SONG_FIELDS + 1);
			if (fields.length < SONG_FIELDS) {
				throw new IllegalArgumentException("has " + fields.length
						+ " TAB-separated fields but a song line needs 6: md5, size, duration, title, artist, file name");
			}
			return song(fields, 0);
		}
		catch (IllegalArgumentException ex) {
			throw new TspCodecException("line " + lineNumber + ": " + ex.getMessage(), ex);
		}
	}

	static CatalogueEntry parseEntry(String line, int lineNumber) {
		try {
			String[] fields = line.split("\t", ENTRY_FIELDS + 1);
			if (fields.length < ENTRY_FIELDS) {
				throw new IllegalArgumentException("has " + fields.length + " TAB-separated fields but a catalogue entry "
						+ "needs 8: song id, md5, size, duration, title, artist, file name, hosts");
			}
			int songId = (int) number(fields[0], "song id", Integer.MAX_VALUE);
			return new CatalogueEntry(songId, song(fields, 1), hosts(fields[7]));
		}
		catch (IllegalArgumentException ex) {
			throw new TspCodecException("line " + lineNumber + ": " + ex.getMessage(), ex);
		}
	}

	private static SongLine parseOriginal(String line) {
		int arrow = line.lastIndexOf('>');
		int comma = (arrow < 0) ? -1 : line.lastIndexOf(',', arrow);
		if (comma < 0) {
			throw new IllegalArgumentException("'" + SongLine.shorten(line)
					+ "' is neither 'Title, Artist > file.mp3' nor the TAB-separated song line");
		}
		String fileName = line.substring(arrow + 1).strip();
		if (fileName.isEmpty()) {
			throw new IllegalArgumentException("no file name after '>'");
		}
		return SongLine.of(line.substring(0, comma).strip(), line.substring(comma + 1, arrow).strip(), fileName);
	}

	private static SongLine song(String[] fields, int from) {
		String md5 = unknownOr(fields[from]);
		String size = unknownOr(fields[from + 1]);
		String duration = unknownOr(fields[from + 2]);
		return new SongLine((md5 != null) ? SongLine.md5(md5, "field md5") : null,
				(size != null) ? number(size, "size", Long.MAX_VALUE) : null,
				(duration != null) ? seconds(duration) : null, fields[from + 3], fields[from + 4], fields[from + 5]);
	}

	private static @Nullable String unknownOr(String field) {
		return field.equals(UNKNOWN) ? null : field;
	}

	private static void appendSong(StringBuilder out, SongLine song) {
		out.append((song.md5() != null) ? song.md5() : UNKNOWN).append('\t');
		out.append((song.sizeBytes() != null) ? song.sizeBytes().toString() : UNKNOWN).append('\t');
		out.append((song.duration() != null) ? formatSeconds(song.duration()) : UNKNOWN).append('\t');
		out.append(song.title()).append('\t').append(song.artist()).append('\t').append(song.fileName());
	}

	private static List<PeerAddress> hosts(String field) {
		if (field.isBlank()) {
			return List.of();
		}
		List<PeerAddress> hosts = new ArrayList<>();
		for (String host : field.split(",", -1)) {
			try {
				hosts.add(PeerAddress.parse(host.strip()));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("hosts field, host " + (hosts.size() + 1) + ": " + ex.getMessage(), ex);
			}
		}
		return hosts;
	}

	private static long number(String value, String field, long max) {
		boolean digits = !value.isEmpty() && value.length() <= 19
				&& value.chars().allMatch((c) -> c >= '0' && c <= '9');
		if (!digits) {
			throw new IllegalArgumentException(field + " '" + SongLine.shorten(value) + "' is not a whole number");
		}
		try {
			long parsed = Long.parseLong(value);
			if (parsed > max) {
				throw new NumberFormatException();
			}
			return parsed;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(field + " " + value + " is too large");
		}
	}

	static Duration seconds(String value) {
		int dot = value.indexOf('.');
		int intEnd = (dot < 0) ? value.length() : dot;
		String whole = value.substring(0, intEnd);
		String fraction = (dot < 0) ? "" : value.substring(dot + 1);
		boolean valid = !whole.isEmpty() && whole.length() <= 12 && whole.chars().allMatch((c) -> c >= '0' && c <= '9')
				&& (dot < 0 || (!fraction.isEmpty() && fraction.length() <= 9
						&& fraction.chars().allMatch((c) -> c >= '0' && c <= '9')));
		if (!valid) {
			throw new IllegalArgumentException("duration '" + SongLine.shorten(value)
					+ "' is not a decimal number of seconds");
		}
		long millis = (fraction.isEmpty()) ? 0 : Long.parseLong((fraction + "00").substring(0, 3));
		return Duration.ofSeconds(Long.parseLong(whole)).plusMillis(millis);
	}

	static String formatSeconds(Duration duration) {
		long millis = duration.toMillis();
		long seconds = millis / 1000;
		int fraction = (int) (millis % 1000);
		if (fraction == 0) {
			return Long.toString(seconds);
		}
		String decimals = String.format("%03d", fraction);
		while (decimals.endsWith("0")) {
			decimals = decimals.substring(0, decimals.length() - 1);
		}
		return seconds + "." + decimals;
	}

}
