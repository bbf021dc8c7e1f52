package io.mediafleet.tsppeer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import io.mediafleet.schema.codec.Limits;
import io.mediafleet.schema.folder.MediaFolder;
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
		if (!Files.isDirectory(root)) {
			throw new NoSuchFileException(root.toString(), null, "not a directory");
		}
		// The shared md5 folder: *.mp3 directly in the directory, symbolic links not followed, at most what a PLAY
		// frame can carry.
		MediaFolder folder = new MediaFolder(root, new MediaFolder.Limits(0, maxFiles, Integer.MAX_VALUE, maxFiles),
				MediaFolder.withExtension(".mp3"), null);
		MediaFolder.Scan scan = folder.scan();
		List<LocalSong> songs = new ArrayList<>();
		int skipped = scan.skipped();
		for (MediaFolder.Entry entry : scan.entries()) {
			try {
				songs.add(new LocalSong(root.resolve(entry.name()), songLine(entry, describer)));
			}
			catch (IllegalArgumentException ex) {
				// a file name with control characters cannot travel in a song line
				skipped++;
			}
		}
		return new SongFolder(root, songs, skipped);
	}

	private static SongLine songLine(MediaFolder.Entry entry, SongDescriber describer) {
		Path file = entry.path();
		long size = entry.sizeBytes();
		String fileName = entry.name();
		String md5 = entry.md5();
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
		return MediaFolder.md5(file);
	}

	static MessageDigest newMd5() {
		return MediaFolder.newMd5();
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
