package io.mediafleet.player.library;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

import io.mediafleet.schema.folder.MediaFolder;
import io.mediafleet.schema.folder.UnsafeNameException;

/**
 * Finds the files the master asks for inside one media directory, by name or by md5, and reports their md5 and
 * timestamp. A thin layer over the shared {@link MediaFolder}: only plain names (no path separator, no {@code ..})
 * are looked up, and one that resolves (through a symbolic link) outside the directory is refused. md5s are cached
 * per file and reused while its size and modification time are unchanged, so repeated {@code simul-file} requests
 * do not re-read a film.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxCachedDigests}: md5s kept; the least recently used is dropped beyond it.</li>
 * <li>{@value #MAX_FILES} files at most are indexed by md5.</li>
 * </ul>
 */
public final class MediaLibrary {

	/** Most files of the media directory indexed by md5. */
	static final int MAX_FILES = 10_000;

	private final MediaFolder folder;

	/** A library of {@code directory}, caching at most {@code maxCachedDigests} md5s. */
	public MediaLibrary(Path directory, int maxCachedDigests) {
		if (maxCachedDigests < 1) {
			throw new IllegalArgumentException("maxCachedDigests must be positive but was " + maxCachedDigests);
		}
		this.folder = new MediaFolder(directory, new MediaFolder.Limits(0, MAX_FILES, Long.MAX_VALUE, maxCachedDigests),
				// Hidden files (a TSP fetch's ".tsp-fetch-*.part" among them) are not indexed by md5.
				(name) -> !name.startsWith("."), null);
	}

	/** The directory files are looked up in. */
	public Path directory() {
		return this.folder.root();
	}

	/** Looks {@code name} up; never throws for a bad name or a missing file, but says why in the result. */
	public Lookup lookup(String name) {
		try {
			Optional<MediaFolder.Entry> entry = this.folder.lookup(name);
			if (entry.isEmpty()) {
				return new Lookup.Missing(name, "file '" + name + "' not found in the media directory");
			}
			return found(name, entry.get());
		}
		catch (UnsafeNameException ex) {
			return new Lookup.Refused(name, String.valueOf(ex.getMessage()));
		}
		catch (IOException ex) {
			return new Lookup.Missing(name, "cannot read '" + name + "': " + ex.getMessage());
		}
	}

	/**
	 * Looks a file up by its md5 (same content under another name): scans the directory, hashing only new or
	 * changed files.
	 * @return the file found, its {@link Lookup.Found#name()} being its name here; or {@link Lookup.Missing}
	 */
	public Lookup lookupByMd5(String md5) {
		try {
			this.folder.scan();
		}
		catch (IOException ex) {
			return new Lookup.Missing(md5, "cannot scan the media directory: " + ex.getMessage());
		}
		Optional<MediaFolder.Entry> entry = this.folder.byMd5(md5);
		if (entry.isEmpty()) {
			return new Lookup.Missing(md5, "no file with md5 " + md5 + " in the media directory");
		}
		try {
			return found(entry.get().name(), entry.get());
		}
		catch (IOException ex) {
			return new Lookup.Missing(md5, "cannot read '" + entry.get().name() + "': " + ex.getMessage());
		}
	}

	/** How many md5s are cached, for tests of the bound. */
	public int cachedDigests() {
		return this.folder.cachedDigests();
	}

	private static Lookup.Found found(String name, MediaFolder.Entry entry) throws IOException {
		BasicFileAttributes attributes = Files.readAttributes(entry.path(), BasicFileAttributes.class);
		return new Lookup.Found(name, entry.path(), entry.md5(), timestampSeconds(entry.path(), attributes));
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

}
