package io.mediafleet.schema.burn;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.mediafleet.schema.codec.Limits;
import org.jspecify.annotations.Nullable;

/**
 * Streaming decoder of the burn protocol: feed it the bytes of one connection in fragments of
 * any size, it hands every complete message to a consumer.
 *
 * <p>A message is one or more lines ended by an empty line; lines end with CRLF (a lone LF is
 * accepted too), fields are separated by TAB, text is UTF-8. For example the 41 bytes
 * <pre>
 * 42 55 52 4e 09 64 34 31 64 38 63 64 39 38 66 30 30 62 32 30 34 65 39 38 30 30 39 39 38 65 63 66 38 34 32 37 65 0d 0a 0d 0a
 * B  U  R  N  \t d  4  1  d  8  c  d  9  8  f  0  0  b  2  0  4  e  9  8  0  0  9  9  8  e  c  f  8  4  2  7  e  \r \n \r \n
 * </pre>
 * decode to {@code new Burn("d41d8cd98f00b204e9800998ecf8427e")}. Empty lines between messages
 * are skipped.
 *
 * <h2>Errors</h2>
 * A message whose framing is fine but whose content is not (unknown command, missing field, bad
 * hash, invalid UTF-8) raises a {@link BurnCodecException} with
 * {@link BurnCodecException#isFramingIntact()} {@code true}: the decoder has consumed exactly
 * that message, the input buffer's position is just after its terminator, and calling
 * {@link #decode} again with the same buffer continues with the next message. Exceeding a limit
 * raises one with {@code isFramingIntact()} {@code false}; the decoder is then unusable (every
 * later call throws again, {@link #isFailed()} is {@code true}) because the rest of the
 * oversized message cannot be told from the next one; close the connection.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxLineLength}: longest line in bytes, CRLF excluded (default
 * {@value #DEFAULT_MAX_LINE_LENGTH}, room for a {@code CAP} line with about 240 hashes).</li>
 * <li>{@code maxMessageBytes}: largest message in bytes, counting each line break inside it as
 * one byte and the terminating empty line not at all; this is the decoder's buffer size bound (default {@value #DEFAULT_MAX_MESSAGE_BYTES}, room for a
 * {@code QLIST} of about 5000 jobs or an {@code SLIST} of about 2500 burners). A server that
 * only receives requests may pass much less.</li>
 * <li>{@code maxFields}: most TAB-separated fields on one line (default
 * {@value #DEFAULT_MAX_FIELDS}); free text is one field whatever its TABs.</li>
 * </ul>
 * The buffer starts small and grows with the message, so an idle connection costs little.
 *
 * <p>Not thread-safe: one instance per connection.
 */
public final class BurnDecoder {

	/** Default longest line: 8 KiB. */
	public static final int DEFAULT_MAX_LINE_LENGTH = 8 * 1024;

	/** Default largest message: 256 KiB. */
	public static final int DEFAULT_MAX_MESSAGE_BYTES = 256 * 1024;

	/** Default most fields per line: 512. */
	public static final int DEFAULT_MAX_FIELDS = 512;

	private static final int INITIAL_CAPACITY = 256;

	/** A buffer grown beyond this by one large message is given back after that message. */
	private static final int RETAINED_CAPACITY = 16 * 1024;

	private final int maxLineLength;

	private final int maxMessageBytes;

	private final BurnParser parser;

	private byte[] buffer;

	/** Bytes of the message so far: its lines' bytes joined by one LF each, CRs of CRLF dropped. */
	private int size;

	private int lineLength;

	private boolean pendingCr;

	private long streamOffset;

	private long messageStart;

	private @Nullable String failure;

	/** Decoder with the default limits. */
	public BurnDecoder() {
		this(DEFAULT_MAX_LINE_LENGTH, DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_FIELDS);
	}

	/**
	 * Decoder with the given limits.
	 * @param maxLineLength longest line in bytes, CRLF excluded
	 * @param maxMessageBytes largest message in bytes, line breaks inside it counted as one byte, terminator
	 * excluded
	 * @param maxFields most TAB-separated fields on one line
	 * @throws IllegalArgumentException if a limit is below 1
	 */
	public BurnDecoder(int maxLineLength, int maxMessageBytes, int maxFields) {
		this.maxLineLength = Limits.requirePositive("maxLineLength", maxLineLength);
		this.maxMessageBytes = Limits.requirePositive("maxMessageBytes", maxMessageBytes);
		this.parser = new BurnParser(Limits.requirePositive("maxFields", maxFields));
		this.buffer = new byte[Math.min(INITIAL_CAPACITY, maxMessageBytes)];
	}

	/**
	 * Consumes all remaining bytes of {@code in} (or up to the end of a bad message) and passes
	 * each complete message to {@code out}, in order. Bytes of an incomplete message are kept
	 * for the next call.
	 * @throws BurnCodecException on a bad message (see the class description for how to go on)
	 */
	public void decode(ByteBuffer in, Consumer<? super BurnMessage> out) {
		if (this.failure != null) {
			throw BurnCodecException.framingLost("decoder is unusable after an earlier error: " + this.failure);
		}
		while (in.hasRemaining()) {
			byte b = in.get();
			this.streamOffset++;
			if (this.pendingCr) {
				this.pendingCr = false;
				if (b == '\n') {
					endOfLine(out);
					continue;
				}
				// A CR not followed by LF is data; free text turns it into a line break later.
				append((byte) '\r');
			}
			if (b == '\r') {
				this.pendingCr = true;
			}
			else if (b == '\n') {
				endOfLine(out);
			}
			else {
				append(b);
			}
		}
	}

	/** Bytes held for the message not yet complete; never more than {@code maxMessageBytes}. */
	public int bufferedBytes() {
		return this.size;
	}

	/** Whether a limit was exceeded, which leaves this decoder unusable. */
	public boolean isFailed() {
		return this.failure != null;
	}

	int bufferCapacity() {
		return this.buffer.length;
	}

	private void append(byte b) {
		if (this.lineLength >= this.maxLineLength) {
			fail("line longer than " + this.maxLineLength + " bytes (maxLineLength)");
		}
		if (this.lineLength == 0 && this.size > 0) {
			// Separator before a continuation line, stored only once that line turns out not to be the terminator.
			put((byte) '\n');
		}
		put(b);
		this.lineLength++;
	}

	private void put(byte b) {
		if (this.size >= this.maxMessageBytes) {
			fail("message longer than " + this.maxMessageBytes + " bytes (maxMessageBytes)");
		}
		if (this.size == this.buffer.length) {
			int grown = (int) Math.min((long) this.buffer.length * 2, this.maxMessageBytes);
			byte[] larger = new byte[grown];
			System.arraycopy(this.buffer, 0, larger, 0, this.size);
			this.buffer = larger;
		}
		this.buffer[this.size++] = b;
	}

	private void endOfLine(Consumer<? super BurnMessage> out) {
		if (this.lineLength > 0) {
			this.lineLength = 0;
			return;
		}
		if (this.size == 0) {
			// Blank lines between messages carry nothing; skipping them tolerates sloppy senders.
			this.messageStart = this.streamOffset;
			return;
		}
		int length = this.size;
		long start = this.messageStart;
		this.size = 0;
		this.messageStart = this.streamOffset;
		String text;
		try {
			text = text(length, start);
		}
		finally {
			if (this.buffer.length > RETAINED_CAPACITY) {
				this.buffer = new byte[Math.min(INITIAL_CAPACITY, this.maxMessageBytes)];
			}
		}
		BurnMessage message;
		try {
			message = this.parser.parse(text);
		}
		catch (IllegalArgumentException ex) {
			throw BurnCodecException.badMessage(where(text, start) + ex.getMessage());
		}
		out.accept(message);
	}

	private String text(int length, long start) {
		CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
			.onMalformedInput(CodingErrorAction.REPORT)
			.onUnmappableCharacter(CodingErrorAction.REPORT);
		ByteBuffer bytes = ByteBuffer.wrap(this.buffer, 0, length);
		CharBuffer chars = CharBuffer.allocate(length);
		CoderResult result = utf8.decode(bytes, chars, true);
		if (result.isError()) {
			throw BurnCodecException.badMessage("message at stream byte " + start + " is not valid UTF-8 at byte "
					+ bytes.position() + " of the message");
		}
		utf8.flush(chars);
		return chars.flip().toString();
	}

	private static String where(String text, long start) {
		int end = 0;
		while (end < text.length() && end < 20 && text.charAt(end) != '\t' && text.charAt(end) != '\n') {
			end++;
		}
		return "message '" + text.substring(0, end) + (end == 20 ? "...'" : "'") + " at stream byte " + start + ": ";
	}

	private void fail(String reason) {
		this.failure = reason + " in the message starting at stream byte " + this.messageStart;
		this.buffer = new byte[0];
		this.size = 0;
		throw BurnCodecException.framingLost(this.failure);
	}

}
