package io.mediafleet.scheduler.simul;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import io.mediafleet.schema.simul.CurveKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The slaves' CURVE public keys the master accepts: a fixed list from the settings plus, optionally, a file that is
 * read again whenever its modification time or size changes (so a slave is added or its key rotated without a
 * restart).
 *
 * <p>The file holds one Z85 public key per line, optionally followed by white space and a label; blank lines and
 * lines starting with {@code #} are ignored:
 *
 * <pre>
 * # den and attic players
 * rq:rM&gt;}U?@Lns47E1%kR.o@n%FcmmsL/@{H8]yf7 den
 * Yne@$w-vo&lt;fVvi]a&lt;NY6T1ed:M$fCG*[IaLV{hID attic
 * </pre>
 *
 * A line that is not a key is skipped with a warning that names its line number; a file that cannot be read after
 * it once was keeps the keys last read from it.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxKeys}: keys held from the file; further lines are ignored with a warning.</li>
 * </ul>
 */
final class AuthorizedSlaveKeys {

	private static final Log log = LogFactory.getLog(AuthorizedSlaveKeys.class);

	private final Set<CurveKey> fixed;

	private final @Nullable Path file;

	private final int maxKeys;

	// Read and written only by the ZAP handler's thread (and the constructor).
	private Set<CurveKey> fromFile = Set.of();

	private @Nullable FileTime readModified;

	private long readSize = -1;

	/**
	 * Keys from a list and, when {@code file} is not null, from that file.
	 * @throws IllegalArgumentException when a listed key is malformed or the file cannot be read now
	 */
	AuthorizedSlaveKeys(Collection<String> keys, @Nullable Path file, int maxKeys) {
		Set<CurveKey> listed = new HashSet<>();
		int index = 0;
		for (String key : keys) {
			try {
				listed.add(CurveKey.fromZ85(key));
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("Slave key " + index + " of the list: " + ex.getMessage(), ex);
			}
			index++;
		}
		if (maxKeys < 1) {
			throw new IllegalArgumentException("maxKeys must be positive");
		}
		this.fixed = Set.copyOf(listed);
		this.file = file;
		this.maxKeys = maxKeys;
		if (file != null) {
			try {
				reload(file);
			}
			catch (IOException ex) {
				throw new IllegalArgumentException("Cannot read the slave keys file " + file + ": " + ex.getMessage(),
						ex);
			}
		}
	}

	/** Whether a slave presenting this public key may join; re-reads the file first when it changed. */
	boolean contains(CurveKey key) {
		Path path = this.file;
		if (path != null) {
			try {
				if (changed(path)) {
					reload(path);
				}
			}
			catch (IOException ex) {
				log.warn("Cannot read the slave keys file " + path + " (" + ex.getMessage()
						+ "); keeping the keys read before");
			}
		}
		return this.fixed.contains(key) || this.fromFile.contains(key);
	}

	/** Keys known now, from the list and the file. */
	int size() {
		Set<CurveKey> all = new HashSet<>(this.fixed);
		all.addAll(this.fromFile);
		return all.size();
	}

	private boolean changed(Path path) throws IOException {
		return !Objects.equals(Files.getLastModifiedTime(path), this.readModified) || Files.size(path) != this.readSize;
	}

	private void reload(Path path) throws IOException {
		FileTime modified = Files.getLastModifiedTime(path);
		long size = Files.size(path);
		List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
		Set<CurveKey> keys = new HashSet<>();
		for (int number = 1; number <= lines.size(); number++) {
			String line = lines.get(number - 1).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (keys.size() == this.maxKeys) {
				log.warn("The slave keys file " + path + " holds more than " + this.maxKeys
						+ " keys; lines from " + number + " on are ignored");
				break;
			}
			String key = line.split("\\s+", 2)[0];
			try {
				keys.add(CurveKey.fromZ85(key));
			}
			catch (IllegalArgumentException ex) {
				log.warn("Line " + number + " of the slave keys file " + path + " is skipped: " + ex.getMessage());
			}
		}
		this.fromFile = Set.copyOf(keys);
		this.readModified = modified;
		this.readSize = size;
		log.info("Read " + keys.size() + " slave public keys from " + path);
	}

}
