package io.mediafleet.streamer.library;

import java.io.IOException;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

import io.mediafleet.schema.codec.Limits;
import io.mediafleet.streamer.mp3.Mp3Audio;
import io.mediafleet.streamer.mp3.Mp3Exception;
import io.mediafleet.streamer.mp3.Mp3Parser;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The MP3 files under one directory: scanned for size, MD5, duration and tags, and looked up by their name relative
 * to the root. A name is only ever resolved inside the root: absolute names, {@code ..} segments, and symbolic links
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

	private final Path realRoot;

	private final Mp3Parser parser;

	private final int maxFiles;

	private volatile Map<String, LibraryEntry> entries = Map.of();

	private volatile int rejectedFiles;

	public MediaLibrary(Path root, Mp3Parser parser, int maxFiles) throws IOException {
		this.root = root.toAbsolutePath().normalize();
		Files.createDirectories(this.root);
		this.realRoot = this.root.toRealPath();
		this.parser = parser;
		this.maxFiles = Limits.requirePositive("maxFiles", maxFiles);
	}

	public Path root() {
		return this.root;
	}

	public Mp3Parser parser() {
		return this.parser;
	}

	/**
	 * Scans the directory tree again (regular {@code .mp3} files, symbolic links not followed) and replaces the
	 * index; files that cannot be parsed are logged, counted and left out.
	 * @return the number of files indexed
	 */
	public int scan() throws IOException {
		Map<String, LibraryEntry> found = new TreeMap<>();
		int rejected = 0;
		List<Path> files = new ArrayList<>();
		try (Stream<Path> walk = Files.walk(this.realRoot, MAX_DEPTH, new FileVisitOption[0])) {
			walk.filter((path) -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
				.filter((path) -> path.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".mp3"))
				.forEach(files::add);
		}
		Collections.sort(files);
		for (Path file : files) {
			if (found.size() == this.maxFiles) {
				log.warn("Library " + this.root + " holds more than " + this.maxFiles + " MP3 files; the rest are ignored");
				break;
			}
			String name = nameOf(file);
			try {
				found.put(name, index(name, file));
			}
			catch (IOException | Mp3Exception ex) {
				rejected++;
				log.warn("Library file '" + name + "' left out: " + ex.getMessage());
			}
		}
		this.entries = Collections.unmodifiableMap(found);
		this.rejectedFiles = rejected;
		return found.size();
	}

	private LibraryEntry index(String name, Path file) throws IOException, Mp3Exception {
		Mp3Audio audio = this.parser.read(file);
		return new LibraryEntry(name, file, audio.data().length, md5(audio.data()), audio.duration(), audio.title(),
				audio.artist());
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
		if (name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
			throw new UnsafeNameException(name, "must be 1-" + MAX_NAME_LENGTH + " characters");
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isISOControl(c) || c == '\\' || c == ':') {
				throw new UnsafeNameException(name, "contains a control character, a backslash or a colon");
			}
		}
		if (name.startsWith("/") || name.startsWith("~")) {
			throw new UnsafeNameException(name, "is absolute");
		}
		for (String segment : name.split("/", -1)) {
			if (segment.equals("..") || segment.equals(".") || segment.isEmpty()) {
				throw new UnsafeNameException(name, "has an empty, '.' or '..' segment");
			}
		}
		Path candidate;
		try {
			candidate = this.root.resolve(name).normalize();
		}
		catch (InvalidPathException ex) {
			throw new UnsafeNameException(name, "is not a valid path");
		}
		if (!candidate.startsWith(this.root) || !Files.exists(candidate)) {
			return Optional.empty();
		}
		Path real;
		try {
			real = candidate.toRealPath();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (!real.startsWith(this.realRoot)) {
			throw new UnsafeNameException(name, "leads out of the library through a symbolic link");
		}
		return Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
	}

	private String nameOf(Path file) {
		return this.realRoot.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
	}

	static String md5(byte[] data) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has MD5", ex);
		}
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
