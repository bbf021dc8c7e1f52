package io.mediafleet.burner.burn;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The ISO images in one directory, found by md5; each md5 is computed once and cached in a file keyed by size and
 * modification time, so a restart does not re-read gigabytes.
 */
public final class IsoLibrary {

	private static final Log log = LogFactory.getLog(IsoLibrary.class);

	private final Path directory;

	private final Path cacheFile;

	private volatile Map<String, Image> byHash = Map.of();

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
		this.cacheFile = cacheFile;
	}

	/** Re-reads the directory (hashing only new or changed files) and returns every image. */
	public synchronized List<Image> scan() {
		Map<String, String[]> cache = readCache();
		Map<String, Image> found = new LinkedHashMap<>();
		List<String> cacheLines = new ArrayList<>();
		if (Files.isDirectory(this.directory)) {
			try (Stream<Path> files = Files.list(this.directory)) {
				for (Path file : files.filter(Files::isRegularFile)
					.filter((p) -> p.getFileName().toString().toLowerCase().endsWith(".iso"))
					.sorted()
					.toList()) {
					long size = Files.size(file);
					long mtime = Files.getLastModifiedTime(file).toMillis();
					String key = file.getFileName().toString();
					String[] cached = cache.get(key);
					String hash;
					if (cached != null && cached[0].equals(Long.toString(size)) && cached[1].equals(Long.toString(mtime))) {
						hash = cached[2];
					}
					else {
						hash = md5(file, size);
						log.info("Hashed " + file + ": " + hash);
					}
					found.put(hash, new Image(hash, file, size));
					cacheLines.add(size + "\t" + mtime + "\t" + hash + "\t" + key);
				}
			}
			catch (IOException ex) {
				log.warn("Cannot scan ISO directory " + this.directory + ": " + ex.getMessage());
			}
		}
		else {
			log.warn("ISO directory " + this.directory + " does not exist");
		}
		writeCache(cacheLines);
		this.byHash = Map.copyOf(found);
		return List.copyOf(found.values());
	}

	/** The image with md5 {@code hash} as of the last scan, or {@code null}. */
	public @Nullable Image find(String hash) {
		return this.byHash.get(hash);
	}

	/** The md5 of the first {@code length} bytes of {@code file}, lower-case hex. */
	public static String md5(Path file, long length) throws IOException {
		MessageDigest digest;
		try {
			digest = MessageDigest.getInstance("MD5");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
		byte[] buffer = new byte[1 << 20];
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

	private Map<String, String[]> readCache() {
		Map<String, String[]> cache = new LinkedHashMap<>();
		if (!Files.isRegularFile(this.cacheFile)) {
			return cache;
		}
		try {
			for (String line : Files.readAllLines(this.cacheFile, StandardCharsets.UTF_8)) {
				String[] fields = line.split("\t", 4);
				if (fields.length == 4 && fields[2].matches("[0-9a-f]{32}")) {
					cache.put(fields[3], fields);
				}
			}
		}
		catch (IOException ex) {
			log.warn("Ignoring unreadable md5 cache " + this.cacheFile + ": " + ex.getMessage());
		}
		return cache;
	}

	private void writeCache(List<String> lines) {
		try {
			Path parent = this.cacheFile.toAbsolutePath().getParent();
			if (parent != null) {
				Files.createDirectories(parent);
			}
			Path temp = this.cacheFile.resolveSibling(this.cacheFile.getFileName() + ".tmp");
			Files.write(temp, lines, StandardCharsets.UTF_8);
			Files.move(temp, this.cacheFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		catch (IOException ex) {
			log.warn("Cannot write md5 cache " + this.cacheFile + ": " + ex.getMessage());
		}
	}

}
