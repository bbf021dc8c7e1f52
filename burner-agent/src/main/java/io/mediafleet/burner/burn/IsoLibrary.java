package io.mediafleet.burner.burn;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import io.mediafleet.schema.folder.MediaFolder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The ISO images in one directory, found by md5; each md5 is computed once and cached in a file keyed by size and
 * modification time, so a restart does not re-read gigabytes. A thin layer over the shared {@link MediaFolder}.
 *
 * <h2>Parameters to control memory consumption</h2>
 * At most {@value #MAX_IMAGES} images are indexed.
 */
public final class IsoLibrary {

	private static final Log log = LogFactory.getLog(IsoLibrary.class);

	/** Most images indexed (and md5s cached). */
	static final int MAX_IMAGES = 10_000;

	private final Path directory;

	private final MediaFolder folder;

	/**
	 * One image.
	 *
	 * @param hash md5, lower-case hex
	 * @param path the file
	 * @param sizeBytes its length
	 */
	public record Image(String hash, Path path, long sizeBytes) {

		/** The file name, as sent in {@code INFO}. */
		public String fileName() {
			return this.path.getFileName().toString();
		}

	}

	public IsoLibrary(Path directory, Path cacheFile) {
		this.directory = directory;
		this.folder = new MediaFolder(directory, new MediaFolder.Limits(0, MAX_IMAGES, Long.MAX_VALUE, MAX_IMAGES),
				MediaFolder.withExtension(".iso"), cacheFile);
	}

	/** Re-reads the directory (hashing only new or changed files) and returns every image. */
	public synchronized List<Image> scan() {
		if (!Files.isDirectory(this.directory)) {
			log.warn("ISO directory " + this.directory + " does not exist");
		}
		try {
			MediaFolder.Scan scan = this.folder.scan();
			if (scan.skipped() > 0) {
				log.warn(scan.skipped() + " ISO image(s) in " + this.directory + " left out (unreadable or over "
						+ MAX_IMAGES + ")");
			}
			return scan.entries().stream().map(IsoLibrary::image).toList();
		}
		catch (IOException ex) {
			log.warn("Cannot scan ISO directory " + this.directory + ": " + ex.getMessage());
			return List.of();
		}
	}

	/** The image with md5 {@code hash} as of the last scan, or {@code null}. */
	public @Nullable Image find(String hash) {
		return this.folder.byMd5(hash).map(IsoLibrary::image).orElse(null);
	}

	/** The md5 of the first {@code length} bytes of {@code file}, lower-case hex. */
	public static String md5(Path file, long length) throws IOException {
		return MediaFolder.md5(file, length);
	}

	private static Image image(MediaFolder.Entry entry) {
		return new Image(entry.md5(), entry.path(), entry.sizeBytes());
	}

}
