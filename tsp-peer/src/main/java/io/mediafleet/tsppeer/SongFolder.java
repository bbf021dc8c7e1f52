package io.mediafleet.tsppeer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.mediafleet.schema.codec.Limits;
import io.mediafleet.schema.tsp.InitPayload;
import io.mediafleet.schema.tsp.PeerAddress;
import io.mediafleet.schema.tsp.SongLine;
import io.mediafleet.schema.tsp.SongLines;
import io.mediafleet.schema.tsp.TspPayloads;
import org.jspecify.annotations.Nullable;

/**
 * The mp3 files of one directory as a TSP peer announces them: md5 and size of each {@code *.mp3} directly in the
 * directory (not in sub-directories, not following symbolic links).
 *
 * <p>Title, artist and duration are announced as unknown ({@link SongLines#UNKNOWN}): reading MP3 tags and
 * durations belongs to the streamer's MP3 parser, which this module does not duplicate.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxFiles}: most songs scanned (default {@value #DEFAULT_MAX_FILES}, the most lines an {@code INIT}
 * payload may have by default); further files are left out and {@link #skipped()} says how many.</li>
 * </ul>
 * Files larger than a {@code PLAY} frame can carry (2 GiB - 1) are left out too. Immutable; scan again to see
 * changes.
 */
public final class SongFolder {

	/** Default most songs: as many as {@link TspPayloads#DEFAULT_MAX_LINES}, minus the {@code PEER} line. */
	public static final int DEFAULT_MAX_FILES = TspPayloads.DEFAULT_MAX_LINES - 1;

	private static final int READ_BUFFER_BYTES = 64 * 1024;

	private final Path directory;

	private final List<LocalSong> songs;

	private final Map<String, LocalSong> byMd5;

	private final int skipped;

	private SongFolder(Path directory, List<LocalSong> songs, int skipped) {
		this.directory = directory;
		this.songs = List.copyOf(songs);
		this.skipped = skipped;
		Map<String, LocalSong> index = new LinkedHashMap<>();
		for (LocalSong song : songs) {
			index.putIfAbsent(song.song().md5(), song);
		}
		this.byMd5 = index;
	}

	/** Scans {@code directory} with the default limit; songs are announced without duration, title or artist. */
	public static SongFolder scan(Path directory) throws IOException {
		return scan(directory, DEFAULT_MAX_FILES);
	}

	/** Scans {@code directory} with {@code maxFiles}; songs are announced without duration, title or artist. */
	public static SongFolder scan(Path directory, int maxFiles) throws IOException {
		return scan(directory, maxFiles, SongDescriber.NONE);
	}

	/**
	 * Scans {@code directory} for {@code *.mp3} files (case-insensitive), in file-name order, describing each with
	 * {@code describer}.
	 * @throws IOException if the directory cannot be listed or a file cannot be read
	 * @throws IllegalArgumentException if {@code maxFiles} is below 1
	 */
	public static SongFolder scan(Path directory, int maxFiles, SongDescriber describer) throws IOException {
		Limits.requirePositive("maxFiles", maxFiles);
		Path root = directory.toAbsolutePath().normalize();
		List<Path> files = new ArrayList<>();
		int skipped = 0;
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(root)) {
			for (Path entry : entries) {
				String name = entry.getFileName().toString();
				if (name.toLowerCase(Locale.ROOT).endsWith(".mp3") && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
					files.add(entry);
				}
			}
		}
		files.sort(Comparator.comparing((Path path) -> path.getFileName().toString()));
		List<LocalSong> songs = new ArrayList<>();
		for (Path file : files) {
			long size = Files.size(file);
			if (songs.size() == maxFiles || size > Integer.MAX_VALUE) {
				skipped++;
				continue;
			}
			String fileName = file.getFileName().toString();
			try {
				songs.add(new LocalSong(file, songLine(file, size, fileName, describer)));
			}
			catch (IllegalArgumentException ex) {
				// a file name with control characters cannot travel in a song line
				skipped++;
			}
		}
		return new SongFolder(root, songs, skipped);
	}

	private static SongLine songLine(Path file, long size, String fileName, SongDescriber describer)
			throws IOException {
		String md5 = md5(file);
		SongDescriber.Description description;
		try {
			description = describer.describe(file);
		}
		catch (Exception ex) {
			description = SongDescriber.Description.UNKNOWN;
		}
		try {
			return new SongLine(md5, size, description.duration(), orUnknown(description.title()),
					orUnknown(description.artist()), fileName);
		}
		catch (IllegalArgumentException ex) {
			// tags that cannot travel in a song line (a TAB, a line break) are announced as unknown
			return new SongLine(md5, size, null, SongLines.UNKNOWN, SongLines.UNKNOWN, fileName);
		}
	}

	private static String orUnknown(@Nullable String text) {
		return (text == null || text.isBlank()) ? SongLines.UNKNOWN : text;
	}

	/** md5 of a file as 32 lowercase hex digits. */
	public static String md5(Path file) throws IOException {
		MessageDigest digest = newMd5();
		byte[] buffer = new byte[READ_BUFFER_BYTES];
		try (InputStream in = Files.newInputStream(file)) {
			for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
				digest.update(buffer, 0, n);
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	static MessageDigest newMd5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has MD5", ex);
		}
	}

	/** The scanned directory, absolute. */
	public Path directory() {
		return this.directory;
	}

	/** The songs, in file-name order. */
	public List<LocalSong> songs() {
		return this.songs;
	}

	/** How many {@code *.mp3} files were left out (limit reached, too large, unusable name). */
	public int skipped() {
		return this.skipped;
	}

	/** The song with this md5 (any case). */
	public Optional<LocalSong> byMd5(String md5) {
		return Optional.ofNullable(this.byMd5.get(md5.toLowerCase(Locale.ROOT)));
	}

	/** The song with this file name. */
	public Optional<LocalSong> byFileName(String fileName) {
		return this.songs.stream().filter((song) -> song.song().fileName().equals(fileName)).findFirst();
	}

	/** The {@code INIT} payload announcing these songs, reachable at {@code listenAddress}. */
	public InitPayload announcement(PeerAddress listenAddress) {
		return new InitPayload(listenAddress, this.songs.stream().map(LocalSong::song).toList());
	}

}
