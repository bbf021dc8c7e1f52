package io.mediafleet.player.library;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Finds the files the master asks for inside one media directory and reports their md5 and timestamp.
 *
 * <p>Only plain names are looked up: a name with a path separator, {@code .} or {@code ..}, or one that
 * resolves (through a symbolic link) outside the directory, is refused. md5s are cached per file and reused
 * while its size and modification time are unchanged, so repeated {@code simul-file} requests do not re-read a
 * film.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxCachedDigests}: md5s kept; the least recently used is dropped beyond it.</li>
 * </ul>
 */
public final class MediaLibrary {

	private static final int READ_BUFFER_BYTES = 64 * 1024;

	private final Path directory;

	private final int maxCachedDigests;

	private final Map<Path, CachedDigest> digests;

	/** A library of {@code directory}, caching at most {@code maxCachedDigests} md5s. */
	public MediaLibrary(Path directory, int maxCachedDigests) {
		if (maxCachedDigests < 1) {
			throw new IllegalArgumentException("maxCachedDigests must be positive but was " + maxCachedDigests);
		}
		this.directory = directory.toAbsolutePath().normalize();
		this.maxCachedDigests = maxCachedDigests;
		this.digests = new LinkedHashMap<>(16, 0.75f, true);
	}

	/** The directory files are looked up in. */
	public Path directory() {
		return this.directory;
	}

	/** Looks {@code name} up; never throws for a bad name or a missing file, but says why in the result. */
	public synchronized Lookup lookup(String name) {
		String refusal = refusal(name);
		if (refusal != null) {
			return new Lookup.Refused(name, refusal);
		}
		Path file = this.directory.resolve(name);
		try {
			Path real = file.toRealPath();
			if (!real.startsWith(this.directory.toRealPath())) {
				return new Lookup.Refused(name, "file name '" + name + "' leads outside the media directory");
			}
			BasicFileAttributes attributes = Files.readAttributes(real, BasicFileAttributes.class);
			if (!attributes.isRegularFile()) {
				return new Lookup.Missing(name, "'" + name + "' is not a regular file in the media directory");
			}
			String md5 = md5(real, attributes.size(), attributes.lastModifiedTime());
			return new Lookup.Found(name, real, md5, timestampSeconds(real, attributes));
		}
		catch (NoSuchFileException ex) {
			return new Lookup.Missing(name, "file '" + name + "' not found in the media directory");
		}
		catch (IOException ex) {
			return new Lookup.Missing(name, "cannot read '" + name + "': " + ex.getMessage());
		}
	}

	/** How many md5s are cached, for tests of the bound. */
	public synchronized int cachedDigests() {
		return this.digests.size();
	}

	private static @Nullable String refusal(String name) {
		if (name.isEmpty() || name.equals(".") || name.equals("..")) {
			return "file name '" + name + "' is not a file name";
		}
		if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0) {
			return "file name '" + name + "' contains a path separator; only names inside the media directory are served";
		}
		if (name.contains("..")) {
			return "file name '" + name + "' contains '..'";
		}
		if (name.indexOf('\0') >= 0) {
			return "file name contains a NUL character";
		}
		return null;
	}

	private String md5(Path file, long size, FileTime modified) throws IOException {
		CachedDigest cached = this.digests.get(file);
		if (cached != null && cached.size() == size && cached.modified().equals(modified)) {
			return cached.md5();
		}
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		byte[] buffer = new byte[READ_BUFFER_BYTES];
		try (InputStream in = Files.newInputStream(file)) {
			for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
				digest.update(buffer, 0, read);
			}
		}
		String md5 = HexFormat.of().formatHex(digest.digest());
		this.digests.put(file, new CachedDigest(size, modified, md5));
		while (this.digests.size() > this.maxCachedDigests) {
			this.digests.remove(this.digests.keySet().iterator().next());
		}
		return md5;
	}

	// The seed's ts: the later of creation and modification time. On Unix "creation" is best read as the
	// inode change time (ctime); birth time is often unavailable.
	private static long timestampSeconds(Path file, BasicFileAttributes attributes) {
		long latest = Math.max(attributes.lastModifiedTime().toMillis(), attributes.creationTime().toMillis());
		try {
			Object ctime = Files.getAttribute(file, "unix:ctime", LinkOption.NOFOLLOW_LINKS);
			if (ctime instanceof FileTime changed) {
				latest = Math.max(latest, changed.toMillis());
			}
		}
		catch (IOException | UnsupportedOperationException | IllegalArgumentException ex) {
			// No unix view on this platform: creation and modification time are what we have.
		}
		return Math.max(0, latest / 1000);
	}

	private record CachedDigest(long size, FileTime modified, String md5) {
	}

}
