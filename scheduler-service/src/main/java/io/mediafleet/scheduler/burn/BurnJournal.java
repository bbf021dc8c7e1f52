package io.mediafleet.scheduler.burn;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.jspecify.annotations.Nullable;

/**
 * The burn store's spool: an append-only file of the writes MongoDB has not taken yet, so a scheduler killed while
 * MongoDB is away loses none of them (a verdict that arrived is not burned again, a job that was queued is not lost).
 * <p>
 * <b>Format</b> ({@value #FILE_NAME} in the spool directory, UTF-8): one record per line,
 * {@code <crc32> <json>\n}, where {@code <json>} is MongoDB Extended JSON v2, canonical mode (types kept exactly:
 * {@code $numberLong}, {@code $date}, ...), of {@code {"c": <collection>, "d": <the whole document>}} and
 * {@code <crc32>} is the CRC-32 of the JSON's UTF-8 bytes in 8 lower-case hex digits. Records are whole snapshots: the
 * last record of a document ({@code c} and {@code d._id}) is its state. A line without its newline (the process was
 * killed mid-write) or whose checksum or JSON is wrong is skipped and logged; it never stops a replay.
 * <p>
 * Every {@link #append} is forced to disk before it returns. The file is emptied ({@link #truncate}) once MongoDB has
 * taken every waiting write, and rewritten with only the latest snapshots ({@link #rewrite}) when an append would
 * take it past {@code maxBytes}.
 * <p>
 * <b>Parameters to control disk consumption</b>: the file never grows beyond {@code maxBytes}; an append that does
 * not fit (even after a rewrite) is refused, the caller keeps that write in memory only. Not thread-safe: the
 * {@link BurnStore} calls it under its lock.
 */
final class BurnJournal implements AutoCloseable {

	private static final Log log = LogFactory.getLog(BurnJournal.class);

	static final String FILE_NAME = "burn-writes.journal";

	private static final JsonWriterSettings JSON = JsonWriterSettings.builder().outputMode(JsonMode.EXTENDED).build();

	private final Path directory;

	private final Path file;

	private final long maxBytes;

	private @Nullable FileChannel channel;

	/** Bytes in the file (as far as this journal wrote or found them). */
	private long size;

	/** One write: the collection and the whole document (its {@code _id} says which). */
	record Entry(String collection, Document document) {

		Object id() {
			return this.document.get("_id");
		}

	}

	BurnJournal(Path directory, long maxBytes) {
		if (maxBytes < 1) {
			throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
		}
		this.directory = directory;
		this.file = directory.resolve(FILE_NAME);
		this.maxBytes = maxBytes;
	}

	Path file() {
		return this.file;
	}

	long size() {
		return this.size;
	}

	long maxBytes() {
		return this.maxBytes;
	}

	/**
	 * The writes in the file: the latest snapshot of each document, in the order of those latest writes (the order
	 * in which they must reach MongoDB). Torn and corrupt records are skipped and logged; a missing file is empty.
	 * @throws IOException when the file exists but cannot be read
	 */
	List<Entry> read() throws IOException {
		if (!Files.exists(this.file)) {
			return List.of();
		}
		Map<List<Object>, Entry> latest = new LinkedHashMap<>();
		byte[] bytes = Files.readAllBytes(this.file);
		int start = 0;
		int lineNumber = 0;
		int skipped = 0;
		while (start < bytes.length) {
			lineNumber++;
			int end = start;
			while (end < bytes.length && bytes[end] != '\n') {
				end++;
			}
			if (end == bytes.length) {
				log.warn("Burn spool " + this.file + ": record " + lineNumber + " is torn (" + (end - start)
						+ " bytes without their end, the process stopped while writing it); skipped");
				skipped++;
				break;
			}
			Entry entry = parse(bytes, start, end);
			if (entry == null) {
				log.warn("Burn spool " + this.file + ": record " + lineNumber + " is corrupt (checksum or JSON); skipped");
				skipped++;
			}
			else {
				List<Object> key = List.of(entry.collection(), entry.id());
				latest.remove(key);
				latest.put(key, entry);
			}
			start = end + 1;
		}
		if (skipped > 0) {
			log.warn("Burn spool " + this.file + ": " + skipped + " record(s) skipped, " + latest.size()
					+ " document(s) read");
		}
		return new ArrayList<>(latest.values());
	}

	private static @Nullable Entry parse(byte[] bytes, int start, int end) {
		// "<8 hex> <json>"
		if (end - start < 10 || bytes[start + 8] != ' ') {
			return null;
		}
		try {
			long expected = Long.parseLong(new String(bytes, start, 8, StandardCharsets.US_ASCII), 16);
			CRC32 crc = new CRC32();
			crc.update(bytes, start + 9, end - start - 9);
			if (crc.getValue() != expected) {
				return null;
			}
			String json = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes, start + 9, end - start - 9))
				.toString();
			Document record = Document.parse(json);
			String collection = record.getString("c");
			Document document = record.get("d", Document.class);
			if (collection == null || document == null || !document.containsKey("_id")) {
				return null;
			}
			return new Entry(collection, document);
		}
		catch (NumberFormatException | CharacterCodingException | ClassCastException
				| org.bson.json.JsonParseException ex) {
			return null;
		}
	}

	static byte[] encode(Entry entry) {
		String json = new Document("c", entry.collection()).append("d", entry.document()).toJson(JSON);
		byte[] body = json.getBytes(StandardCharsets.UTF_8);
		CRC32 crc = new CRC32();
		crc.update(body);
		byte[] head = String.format("%08x ", crc.getValue()).getBytes(StandardCharsets.US_ASCII);
		byte[] record = new byte[head.length + body.length + 1];
		System.arraycopy(head, 0, record, 0, head.length);
		System.arraycopy(body, 0, record, head.length, body.length);
		record[record.length - 1] = '\n';
		return record;
	}

	/**
	 * Appends one write and forces it to disk.
	 * @return {@code false} when it would take the file past {@code maxBytes} (nothing written)
	 * @throws IOException when the file cannot be written (the record may be torn: a later read skips it)
	 */
	boolean append(Entry entry) throws IOException {
		byte[] record = encode(entry);
		FileChannel open = channel();
		if (this.size + record.length > this.maxBytes) {
			return false;
		}
		ByteBuffer buffer = ByteBuffer.wrap(record);
		while (buffer.hasRemaining()) {
			open.write(buffer);
		}
		open.force(false);
		this.size += record.length;
		return true;
	}

	/**
	 * Replaces the file's content with these writes (in order), through a new file moved over it, forced to disk.
	 * @return {@code false} when they do not fit in {@code maxBytes} (the file is left as it was)
	 */
	boolean rewrite(Collection<Entry> entries) throws IOException {
		List<byte[]> records = new ArrayList<>(entries.size());
		long total = 0;
		for (Entry entry : entries) {
			byte[] record = encode(entry);
			total += record.length;
			if (total > this.maxBytes) {
				return false;
			}
			records.add(record);
		}
		Files.createDirectories(this.directory);
		Path next = this.directory.resolve(FILE_NAME + ".next");
		try (FileChannel out = FileChannel.open(next, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
				StandardOpenOption.TRUNCATE_EXISTING)) {
			for (byte[] record : records) {
				ByteBuffer buffer = ByteBuffer.wrap(record);
				while (buffer.hasRemaining()) {
					out.write(buffer);
				}
			}
			out.force(true);
		}
		closeChannel();
		try {
			Files.move(next, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		}
		catch (AtomicMoveNotSupportedException ex) {
			Files.move(next, this.file, StandardCopyOption.REPLACE_EXISTING);
		}
		this.size = total;
		return true;
	}

	/** Empties the file: MongoDB has taken every write in it. */
	void truncate() throws IOException {
		if (this.channel == null && !Files.exists(this.file)) {
			this.size = 0;
			return;
		}
		FileChannel open = channel();
		open.truncate(0);
		open.force(false);
		this.size = 0;
	}

	private FileChannel channel() throws IOException {
		if (this.channel == null) {
			Files.createDirectories(this.directory);
			FileChannel opened = FileChannel.open(this.file, StandardOpenOption.CREATE, StandardOpenOption.READ,
					StandardOpenOption.WRITE);
			// Appends go after whatever is there; a torn tail from a previous run is ended with a newline first, so
			// it stays a record of its own (skipped when read) and does not spoil the next one.
			long existing = opened.size();
			opened.position(existing);
			if (existing > 0) {
				ByteBuffer last = ByteBuffer.allocate(1);
				opened.read(last, existing - 1);
				if (last.get(0) != '\n') {
					opened.write(ByteBuffer.wrap(new byte[] { '\n' }));
					existing++;
				}
			}
			this.size = existing;
			this.channel = opened;
		}
		return this.channel;
	}

	private void closeChannel() throws IOException {
		FileChannel open = this.channel;
		this.channel = null;
		if (open != null) {
			open.close();
		}
	}

	@Override
	public void close() throws IOException {
		closeChannel();
	}

}
