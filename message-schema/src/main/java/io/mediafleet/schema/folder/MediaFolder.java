package io.mediafleet.schema.folder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

/**
 * One directory of media files, found by name or by md5: the one implementation of "a folder of files with md5"
 * behind the streamer's and the player's {@code MediaLibrary}, the TSP peer's {@code SongFolder} and the burner's
 * {@code IsoLibrary}.
 *
 * <p>Names are {@code /}-separated and relative to the root; they are only ever resolved inside it: absolute names,
 * empty, {@code .} or {@code ..} segments (in a flat folder any {@code ..}), backslashes, colons, control characters, and symbolic
 * links leading out of the root are refused ({@link UnsafeNameException}). A scan does not follow symbolic links.
 * md5s are cached per file and reused while its size and modification time are unchanged; the cache may be kept
 * in a file (read before each scan, written after it) so that a restart does not re-read gigabytes.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxDepth}: directory levels below the root a name may have and a scan descends (0: the root only,
 * and a name with {@code /} is refused).</li>
 * <li>{@code maxFiles}: most files a scan indexes; further ones are counted in {@link Scan#skipped()}.</li>
 * <li>{@code maxFileBytes}: larger files are left out of scans and lookups.</li>
 * <li>{@code maxCachedDigests}: md5s kept; the least recently used is dropped beyond it.</li>
 * </ul>
 */
public final class MediaFolder {

	/** Longest name accepted, in characters (the protocols' filename limit). */
	public static final int MAX_NAME_LENGTH = 1024;

	private static final int READ_BUFFER_BYTES = 1 << 20;

	/**
	 * The bounds of a folder, checked here.
	 *
	 * @param maxDepth directory levels below the root (0: flat)
	 * @param maxFiles most files a scan indexes
	 * @param maxFileBytes largest file indexed or looked up
	 * @param maxCachedDigests md5s kept in the cache
	 */
	public record Limits(int maxDepth, int maxFiles, long maxFileBytes, int maxCachedDigests) {

		public Limits {
			if (maxDepth < 0 || maxDepth > 64) {
				throw new IllegalArgumentException("maxDepth must be 0-64 but was " + maxDepth);
			}
			if (maxFiles < 1 || maxFileBytes < 1 || maxCachedDigests < 1) {
				throw new IllegalArgumentException("maxFiles, maxFileBytes and maxCachedDigests must be positive but were "
						+ maxFiles + ", " + maxFileBytes + ", " + maxCachedDigests);
			}
		}

	}

	/**
	 * One file.
	 *
	 * @param name its name relative to the root, {@code /}-separated
	 * @param path its real path
	 * @param sizeBytes its length
	 * @param modifiedMillis its modification time, Unix milliseconds
	 * @param md5 its md5, 32 lowercase hex digits
	 */
	public record Entry(String name, Path path, long sizeBytes, long modifiedMillis, String md5) {
	}

	/**
	 * What a scan found.
	 *
	 * @param entries the indexed files, by name
	 * @param skipped files left out: over {@code maxFiles} or {@code maxFileBytes}, or unreadable
	 */
	public record Scan(List<Entry> entries, int skipped) {

		public Scan {
			entries = List.copyOf(entries);
		}

	}

	private final Path root;

	private final Limits limits;

	private final Predicate<String> acceptFileName;

	private final @Nullable Path cacheFile;

	// Guarded by this.
	private final Map<String, CachedDigest> digests = new LinkedHashMap<>(16, 0.75f, true);

	private volatile Map<String, Entry> byName = Map.of();

	private volatile Map<String, Entry> byMd5 = Map.of();

	/**
	 * A folder of {@code root} whose scans index the regular files whose file name {@code acceptFileName} accepts,
	 * keeping its md5 cache in {@code cacheFile} when not {@code null} (read now, written after each scan).
	 */
	public MediaFolder(Path root, Limits limits, Predicate<String> acceptFileName, @Nullable Path cacheFile) {
		this.root = root.toAbsolutePath().normalize();
		this.limits = limits;
		this.acceptFileName = acceptFileName;
		this.cacheFile = cacheFile;
		if (cacheFile != null) {
			readCache(cacheFile);
		}
	}

	/** A filter for file names ending in one of {@code extensions} (e.g. {@code ".mp3"}), in any case. */
	public static Predicate<String> withExtension(String... extensions) {
		return (fileName) -> {
			String lower = fileName.toLowerCase(Locale.ROOT);
			for (String extension : extensions) {
				if (lower.endsWith(extension.toLowerCase(Locale.ROOT))) {
					return true;
				}
			}
			return false;
		};
	}

	/** The root, absolute and normalised (not necessarily existing). */
	public Path root() {
		return this.root;
	}

	/** The limits. */
	public Limits limits() {
		return this.limits;
	}

	/**
	 * The regular file {@code name} names, resolved safely inside the root.
	 * @return its real path, or empty when no regular file has that name
	 * @throws UnsafeNameException when the name could reach outside the root
	 */
	public Optional<Path> resolve(String name) throws UnsafeNameException {
		checkName(name);
		Path candidate;
		try {
			candidate = this.root.resolve(name).normalize();
		}
		catch (InvalidPathException ex) {
			throw new UnsafeNameException(name, "is not a valid path");
		}
		if (!candidate.startsWith(this.root)) {
			throw new UnsafeNameException(name, "leads outside the media directory");
		}
		Path real;
		Path realRoot;
		try {
			real = candidate.toRealPath();
			realRoot = this.root.toRealPath();
		}
		catch (IOException ex) {
			return Optional.empty();
		}
		if (!real.startsWith(realRoot)) {
			throw new UnsafeNameException(name, "leads outside the media directory through a symbolic link");
		}
		return Files.isRegularFile(real) ? Optional.of(real) : Optional.empty();
	}

	/**
	 * The file {@code name} with its md5 (from the cache while its size and modification time stay).
	 * @return the entry, or empty when no regular file within the size limit has that name
	 * @throws UnsafeNameException when the name could reach outside the root
	 * @throws IOException when the file cannot be read
	 */
	public Optional<Entry> lookup(String name) throws UnsafeNameException, IOException {
		Optional<Path> file = resolve(name);
		if (file.isEmpty()) {
			return Optional.empty();
		}
		BasicFileAttributes attributes = Files.readAttributes(file.get(), BasicFileAttributes.class);
		if (attributes.size() > this.limits.maxFileBytes()) {
			return Optional.empty();
		}
		return Optional.of(entry(name, file.get(), attributes));
	}

	/**
	 * Scans the root again (regular files only, symbolic links not followed, at most {@code maxDepth} levels down),
	 * in name order, hashing only new or changed files, and replaces the name and md5 indexes.
	 * @throws IOException when the root cannot be listed
	 */
	public Scan scan() throws IOException {
		if (this.cacheFile != null) {
			// The file is the cache's truth between scans (another process, or an operator, may have edited it).
			readCache(this.cacheFile);
		}
		List<Path> files = new ArrayList<>();
		Path realRoot = Files.isDirectory(this.root) ? this.root.toRealPath() : null;
		if (realRoot != null) {
			try (Stream<Path> walk = Files.walk(realRoot, this.limits.maxDepth() + 1, new FileVisitOption[0])) {
				walk.filter((path) -> Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS))
					.filter((path) -> this.acceptFileName.test(path.getFileName().toString()))
					.forEach(files::add);
			}
		}
		List<String> names = new ArrayList<>();
		Map<String, Path> pathsByName = new LinkedHashMap<>();
		for (Path file : files) {
			String name = realRoot.relativize(file).toString().replace(file.getFileSystem().getSeparator(), "/");
			pathsByName.put(name, file);
			names.add(name);
		}
		Collections.sort(names);
		List<Entry> entries = new ArrayList<>();
		int skipped = 0;
		for (String name : names) {
			Path file = pathsByName.get(name);
			try {
				BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class,
						LinkOption.NOFOLLOW_LINKS);
				if (entries.size() == this.limits.maxFiles() || attributes.size() > this.limits.maxFileBytes()) {
					skipped++;
					continue;
				}
				entries.add(entry(name, file, attributes));
			}
			catch (IOException ex) {
				skipped++;
			}
		}
		Map<String, Entry> names2 = new LinkedHashMap<>();
		Map<String, Entry> md5s = new LinkedHashMap<>();
		for (Entry entry : entries) {
			names2.put(entry.name(), entry);
			md5s.putIfAbsent(entry.md5(), entry);
		}
		this.byName = Collections.unmodifiableMap(names2);
		this.byMd5 = Collections.unmodifiableMap(md5s);
		if (this.cacheFile != null) {
			writeCache(this.cacheFile, entries);
		}
		return new Scan(entries, skipped);
	}

	/** The entries of the last scan, by name. */
	public List<Entry> entries() {
		return List.copyOf(this.byName.values());
	}

	/** The entry of the last scan with this name. */
	public Optional<Entry> byName(String name) {
		return Optional.ofNullable(this.byName.get(name));
	}

	/** The first entry (by name) of the last scan with this md5, in any case. */
	public Optional<Entry> byMd5(String md5) {
		return Optional.ofNullable(this.byMd5.get(md5.toLowerCase(Locale.ROOT)));
	}

	/** How many md5s are cached. */
	public synchronized int cachedDigests() {
		return this.digests.size();
	}

	private Entry entry(String name, Path file, BasicFileAttributes attributes) throws IOException {
		long size = attributes.size();
		long modified = attributes.lastModifiedTime().toMillis();
		return new Entry(name, file, size, modified, cachedMd5(file, size, modified));
	}

	private String cachedMd5(Path file, long size, long modified) throws IOException {
		String key = file.toString();
		synchronized (this) {
			CachedDigest cached = this.digests.get(key);
			if (cached != null && cached.size() == size && cached.modifiedMillis() == modified) {
				return cached.md5();
			}
		}
		// Hashed outside the lock: a film takes seconds.
		String md5 = md5(file, size);
		synchronized (this) {
			this.digests.put(key, new CachedDigest(size, modified, md5));
			while (this.digests.size() > this.limits.maxCachedDigests()) {
				this.digests.remove(this.digests.keySet().iterator().next());
			}
		}
		return md5;
	}

	/** Checks a name against the rules in the class comment (all but symbolic links, which need the disk). */
	private void checkName(String name) throws UnsafeNameException {
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			throw new UnsafeNameException(name, "is not a file name");
		}
		if (name.length() > MAX_NAME_LENGTH) {
			throw new UnsafeNameException(name, "must be 1-" + MAX_NAME_LENGTH + " characters");
		}
		if (name.indexOf('\\') >= 0 || (this.limits.maxDepth() == 0 && name.indexOf('/') >= 0)) {
			throw new UnsafeNameException(name, "contains a path separator; only names inside the media directory are served");
		}
		for (int i = 0; i < name.length(); i++) {
			char c = name.charAt(i);
			if (Character.isISOControl(c) || c == ':') {
				throw new UnsafeNameException(name, "contains a control character or a colon");
			}
		}
		if (name.startsWith("/") || name.startsWith("~")) {
			throw new UnsafeNameException(name, "is absolute");
		}
		String[] segments = name.split("/", -1);
		for (String segment : segments) {
			if (segment.isEmpty() || segment.equals(".")) {
				throw new UnsafeNameException(name, "has an empty or '.' segment");
			}
			// A flat folder refuses any '..' (the player agent's rule since the seed); a nested one only the segment.
			if (segment.equals("..") || (this.limits.maxDepth() == 0 && segment.contains(".."))) {
				throw new UnsafeNameException(name, "contains '..'");
			}
		}
		if (segments.length - 1 > this.limits.maxDepth()) {
			throw new UnsafeNameException(name, "is more than " + this.limits.maxDepth() + " directories deep");
		}
	}

	/** md5 of the first {@code length} bytes of {@code file}, 32 lowercase hex digits. */
	public static String md5(Path file, long length) throws IOException {
		MessageDigest digest = newMd5();
		byte[] buffer = new byte[(int) Math.min(READ_BUFFER_BYTES, Math.max(1, length))];
		long remaining = length;
		try (InputStream in = Files.newInputStream(file)) {
			while (remaining > 0) {
				int n = in.read(buffer, 0, (int) Math.min(buffer.length, remaining));
				if (n < 0) {
					throw new IOException(file + " ends after " + (length - remaining) + " of " + length + " bytes");
				}
				digest.update(buffer, 0, n);
				remaining -= n;
			}
		}
		return HexFormat.of().formatHex(digest.digest());
	}

	/** md5 of a whole file, 32 lowercase hex digits. */
	public static String md5(Path file) throws IOException {
		return md5(file, Files.size(file));
	}

	/** md5 of {@code data}, 32 lowercase hex digits. */
	public static String md5(byte[] data) {
		return HexFormat.of().formatHex(newMd5().digest(data));
	}

	/** A fresh MD5 digest. */
	public static MessageDigest newMd5() {
		try {
			return MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every Java runtime has MD5", ex);
		}
	}

	// Cache file: one line per file, "size TAB mtime-ms TAB md5 TAB path"; bad lines are ignored.
	private synchronized void readCache(Path file) {
		if (!Files.isRegularFile(file)) {
			return;
		}
		try {
			for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
				String[] fields = line.split("\t", 4);
				if (fields.length == 4 && fields[2].matches("[0-9a-f]{32}")
						&& (this.digests.size() < this.limits.maxCachedDigests() || this.digests.containsKey(fields[3]))) {
					try {
						this.digests.put(fields[3], new CachedDigest(Long.parseLong(fields[0]),
								Long.parseLong(fields[1]), fields[2]));
					}
					catch (NumberFormatException ex) {
						// A damaged line costs one re-hash.
					}
				}
			}
		}
		catch (IOException ex) {
			// An unreadable cache costs re-hashing.
		}
	}

	private static void writeCache(Path file, List<Entry> entries) throws IOException {
		Path parent = file.toAbsolutePath().getParent();
		if (parent != null) {
			Files.createDirectories(parent);
		}
		List<String> lines = entries.stream()
			.map((entry) -> entry.sizeBytes() + "\t" + entry.modifiedMillis() + "\t" + entry.md5() + "\t" + entry.path())
			.toList();
		Path temp = file.resolveSibling(file.getFileName() + ".tmp");
		Files.write(temp, lines, StandardCharsets.UTF_8);
		Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
	}

	private record CachedDigest(long size, long modifiedMillis, String md5) {
	}

}
