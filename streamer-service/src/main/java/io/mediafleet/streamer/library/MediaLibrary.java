package io.mediafleet.streamer.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import io.mediafleet.schema.codec.Limits;
import io.mediafleet.schema.folder.MediaFolder;
import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3Exception;
import io.mediafleet.streamer.mp3.Mp3Parser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The MP3 files under one directory: scanned for size, MD5, duration and tags, and looked up by their name relative
 * to the root. Listing, name checks and md5s come from the shared {@link MediaFolder}. A name is only ever resolved inside the root: absolute names, {@code ..} segments, and symbolic links
 * leading out of the root are refused.
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxFiles}: most files a scan indexes; the rest are logged and ignored.</li>
 * <li>the {@link Mp3Parser}'s limits: largest file read (whole files are held in memory while parsed).</li>
 * </ul>
 */
public final class MediaLibrary {

	private static final Log log = LogFactory.getLog(MediaLibrary.class);

	/** Deepest directory nesting a scan descends into. */
	static final int MAX_DEPTH = 32;

	/** Longest name accepted for lookup, in characters (the radio protocol's filename limit). */
	static final int MAX_NAME_LENGTH = 1024;

	private final Path root;

	private final Mp3Parser parser;

	private final int maxFiles;

	private final MediaFolder folder;

	private volatile Map<String, LibraryEntry> entries = Map.of();

	private volatile int rejectedFiles;

	public MediaLibrary(Path root, Mp3Parser parser, int maxFiles) throws IOException {
		this.root = root.toAbsolutePath().normalize();
		Files.createDirectories(this.root);
		this.parser = parser;
		this.maxFiles = Limits.requirePositive("maxFiles", maxFiles);
		// The shared md5 folder lists, checks and hashes; this class adds what the MP3 parser reads.
		this.folder = new MediaFolder(this.root, new MediaFolder.Limits(MAX_DEPTH - 1, this.maxFiles,
				parser.maxFileBytes(), this.maxFiles), MediaFolder.withExtension(".mp3"), null);
	}

	public Path root() {
		return this.root;
	}

	public Mp3Parser parser() {
		return this.parser;
	}

	/**
	 * Scans the directory tree again (regular {@code .mp3} files, symbolic links not followed) and replaces the
	 * index; files that cannot be parsed, or are over the limits, are logged, counted and left out.
	 * @return the number of files indexed
	 */
	public int scan() throws IOException {
		MediaFolder.Scan scan = this.folder.scan();
		if (scan.skipped() > 0) {
			log.warn("Library " + this.root + ": " + scan.skipped() + " MP3 file(s) over the limits (" + this.maxFiles
					+ " files, " + this.parser.maxFileBytes() + " bytes each) are ignored");
		}
		Map<String, LibraryEntry> found = new TreeMap<>();
		int rejected = scan.skipped();
		for (MediaFolder.Entry file : scan.entries()) {
			try {
				Mp3Audio audio = this.parser.read(file.path());
				found.put(file.name(), new LibraryEntry(file.name(), file.path(), audio.data().length, file.md5(),
						audio.duration(), audio.title(), audio.artist()));
			}
			catch (IOException | Mp3Exception ex) {
				rejected++;
				log.warn("Library file '" + file.name() + "' left out: " + ex.getMessage());
			}
		}
		this.entries = Collections.unmodifiableMap(found);
		this.rejectedFiles = rejected;
		return found.size();
	}

	/** The indexed files, sorted by name. */
	public List<LibraryEntry> entries() {
		return List.copyOf(this.entries.values());
	}

	/** Files the last scan could not use (unreadable, too large, no audio). */
	public int rejectedFiles() {
		return this.rejectedFiles;
	}

	/** The entry of the last scan with this name, if any; unsafe names find nothing. */
	public Optional<LibraryEntry> entry(String name) {
		return Optional.ofNullable(this.entries.get(name));
	}

	/**
	 * The file a {@code play} names, resolved safely inside the root.
	 * @param name the name relative to the library root, {@code /}-separated
	 * @return the regular file, or empty when no such file exists
	 * @throws UnsafeNameException when the name is absolute, contains {@code ..}, control characters or backslashes,
	 * or leads out of the root through a symbolic link
	 */
	public Optional<Path> resolve(String name) throws UnsafeNameException {
		try {
			return this.folder.resolve(name);
		}
		catch (io.mediafleet.schema.folder.UnsafeNameException ex) {
			throw new UnsafeNameException(name, ex.reason());
		}
	}

	static String md5(byte[] data) {
		return MediaFolder.md5(data);
	}

	/**
	 * Thrown when a file name could reach outside the library.
	 */
	public static final class UnsafeNameException extends Exception {

		private static final long serialVersionUID = 1L;

		UnsafeNameException(String name, String reason) {
			super("file name '" + printable(name) + "' refused: " + reason);
		}

		private static String printable(String name) {
			String cut = (name.length() > 80) ? name.substring(0, 80) + "..." : name;
			return cut.replaceAll("\\p{Cntrl}", "?");
		}

	}

}
