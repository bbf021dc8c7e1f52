package io.mediafleet.schema.tsp;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.function.Consumer;

import io.mediafleet.schema.codec.Limits;
import org.jspecify.annotations.Nullable;

/**
 * Streaming decoder of Torero Streaming Protocol frames: feed it the bytes of one connection in
 * fragments of any size, it hands every complete frame to a consumer.
 *
 * <p>Every frame starts with the type byte and the song id (4 bytes, big-endian, signed). Types
 * that carry a payload continue with its length (4 bytes, big-endian) and the payload; STOP and
 * QUIT end after the song id. For example the 13 bytes
 * <pre>
 * 06 | 00 00 00 2a | 00 00 00 04 | 6e 6f 70 65
 * ERROR  song 42     length 4      "nope"
 * </pre>
 * decode to an {@code ERROR} frame about song 42 with the text {@code nope}, and the 5 bytes
 * {@code 04 00 00 00 2a} to a {@code STOP} of song 42.
 *
 * <h2>Errors</h2>
 * An unknown type byte, a negative length or a length above the limit means the stream can no
 * longer be framed: {@link TspCodecException} is thrown as soon as the offending header byte is
 * read (before any payload is allocated), the decoder becomes unusable ({@link #isFailed()}),
 * and the connection must be closed.
 *
 * <h2>Parameters to control memory consumption</h2>
 * <ul>
 * <li>{@code maxPayloadBytes}: largest payload buffered into a {@link TspFrame} (default
 * {@value #DEFAULT_MAX_PAYLOAD_BYTES}, for control traffic). A peer receiving whole mp3 files in
 * {@code PLAY} frames either passes a larger limit (say 64 MiB) or streams them with a
 * {@link PlayPayloadListener}.</li>
 * </ul>
 * The payload buffer grows with the bytes that actually arrive, not with the announced length,
 * so a peer announcing a large frame and sending nothing costs nothing. With a
 * {@link PlayPayloadListener}, {@code PLAY} payloads are never buffered and may have any
 * length up to 2 GiB - 1; their bytes go straight from the input to the listener.
 *
 * <p>Not thread-safe: one instance per connection.
 */
public final class TspDecoder {

	/** Default largest buffered payload: 1 MiB. */
	public static final int DEFAULT_MAX_PAYLOAD_BYTES = 1024 * 1024;

	private static final int INITIAL_PAYLOAD_CAPACITY = 8 * 1024;

	/** A payload buffer grown beyond this by one large frame is given back after that frame. */
	private static final int RETAINED_CAPACITY = 64 * 1024;

	private static final byte[] EMPTY = new byte[0];

	private final int maxPayloadBytes;

	private final @Nullable PlayPayloadListener playListener;

	private final byte[] header = new byte[TspType.HEADER_WITH_LENGTH_BYTES];

	private int headerCount;

	private @Nullable TspType type;

	private int songId;

	private boolean inPayload;

	private boolean streaming;

	private int length;

	private int received;

	private byte[] payload = EMPTY;

	private long streamOffset;

	private long frameStart;

	private @Nullable String failure;

	/** Decoder buffering payloads up to {@value #DEFAULT_MAX_PAYLOAD_BYTES} bytes. */
	public TspDecoder() {
		this(DEFAULT_MAX_PAYLOAD_BYTES);
	}

	/**
	 * Decoder buffering payloads up to {@code maxPayloadBytes}.
	 * @throws IllegalArgumentException if the limit is below 1
	 */
	public TspDecoder(int maxPayloadBytes) {
		this(maxPayloadBytes, null);
	}

	/**
	 * Decoder that streams {@code PLAY} payloads to {@code playListener} instead of buffering
	 * them (when the listener is not {@code null}); {@code PLAY} frames then never reach the
	 * frame consumer, other frames are buffered up to {@code maxPayloadBytes}.
	 * @throws IllegalArgumentException if the limit is below 1
	 */
	public TspDecoder(int maxPayloadBytes, @Nullable PlayPayloadListener playListener) {
		this.maxPayloadBytes = Limits.requirePositive("maxPayloadBytes", maxPayloadBytes);
		this.playListener = playListener;
	}

	/**
	 * Consumes all remaining bytes of {@code in} and passes each complete frame to {@code out},
	 * in order. Bytes of an incomplete frame are kept for the next call.
	 * @throws TspCodecException if framing is lost; the decoder is unusable afterwards
	 */
	public void decode(ByteBuffer in, Consumer<? super TspFrame> out) {
		if (this.failure != null) {
			throw new TspCodecException("decoder is unusable after an earlier error: " + this.failure);
		}
		while (in.hasRemaining()) {
			if (this.inPayload) {
				readPayload(in, out);
			}
			else {
				readHeaderByte(in.get(), out);
			}
		}
	}

	/** Bytes held for the frame not yet complete: header bytes plus buffered payload bytes. */
	public int bufferedBytes() {
		return this.headerCount + (this.streaming ? 0 : this.received);
	}

	/** Whether framing was lost, which leaves this decoder unusable. */
	public boolean isFailed() {
		return this.failure != null;
	}

	int bufferCapacity() {
		return this.payload.length;
	}

	private void readHeaderByte(byte b, Consumer<? super TspFrame> out) {
		if (this.headerCount == 0) {
			this.frameStart = this.streamOffset;
		}
		this.streamOffset++;
		this.header[this.headerCount++] = b;
		if (this.headerCount == 1) {
			this.type = TspType.find(b & 0xff);
			if (this.type == null) {
				fail(String.format("unknown frame type 0x%02x", b & 0xff));
			}
			return;
		}
		TspType current = this.type;
		if (this.headerCount == TspType.HEADER_BYTES) {
			this.songId = intAt(1);
			if (!current.carriesPayload()) {
				this.headerCount = 0;
				out.accept(TspFrame.of(current, this.songId));
			}
		}
		else if (this.headerCount == TspType.HEADER_WITH_LENGTH_BYTES) {
			startPayload(current, intAt(5), out);
		}
	}

	private void startPayload(TspType current, int announced, Consumer<? super TspFrame> out) {
		if (announced < 0) {
			fail(current + " frame announces a negative payload length " + announced);
		}
		this.streaming = current == TspType.PLAY && this.playListener != null;
		if (!this.streaming && announced > this.maxPayloadBytes) {
			fail(current + " frame announces " + announced + " payload bytes, more than " + this.maxPayloadBytes
					+ " (maxPayloadBytes)");
		}
		this.headerCount = 0;
		this.length = announced;
		this.received = 0;
		this.inPayload = true;
		if (this.streaming) {
			listener().payloadStarted(this.songId, announced);
		}
		if (announced == 0) {
			finishPayload(current, out);
		}
	}

	private void readPayload(ByteBuffer in, Consumer<? super TspFrame> out) {
		int count = Math.min(in.remaining(), this.length - this.received);
		TspType current = this.type;
		if (this.streaming) {
			ByteBuffer chunk = in.slice(in.position(), count).asReadOnlyBuffer();
			in.position(in.position() + count);
			this.received += count;
			this.streamOffset += count;
			listener().payloadChunk(this.songId, chunk);
		}
		else {
			ensureCapacity(this.received + count);
			in.get(this.payload, this.received, count);
			this.received += count;
			this.streamOffset += count;
		}
		if (this.received == this.length) {
			finishPayload(current, out);
		}
	}

	private void finishPayload(TspType current, Consumer<? super TspFrame> out) {
		this.inPayload = false;
		if (this.streaming) {
			this.streaming = false;
			this.received = 0;
			listener().payloadEnded(this.songId);
			return;
		}
		byte[] bytes = (this.length == 0) ? EMPTY : Arrays.copyOf(this.payload, this.length);
		this.received = 0;
		if (this.payload.length > RETAINED_CAPACITY) {
			this.payload = EMPTY;
		}
		out.accept(TspFrame.of(current, this.songId, bytes));
	}

	private void ensureCapacity(int needed) {
		if (needed <= this.payload.length) {
			return;
		}
		long doubled = Math.max((long) this.payload.length * 2, INITIAL_PAYLOAD_CAPACITY);
		int capacity = (int) Math.min(Math.max(doubled, needed), this.length);
		this.payload = Arrays.copyOf(this.payload, capacity);
	}

	private PlayPayloadListener listener() {
		return Objects.requireNonNull(this.playListener, "streaming without a listener");
	}

	private int intAt(int offset) {
		return ((this.header[offset] & 0xff) << 24) | ((this.header[offset + 1] & 0xff) << 16)
				| ((this.header[offset + 2] & 0xff) << 8) | (this.header[offset + 3] & 0xff);
	}

	private void fail(String reason) {
		this.failure = reason + " at stream byte " + this.frameStart;
		this.payload = EMPTY;
		this.headerCount = 0;
		this.received = 0;
		this.inPayload = false;
		throw new TspCodecException(this.failure);
	}

}
