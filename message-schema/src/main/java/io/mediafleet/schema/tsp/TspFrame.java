package io.mediafleet.schema.tsp;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One frame of the Torero Streaming Protocol: type, song id and payload.
 *
 * <p>The payload array is copied on the way in and out, so a frame is immutable; use
 * {@link #payloadBuffer()} to read a large payload without copying it. Frames of types that
 * carry no payload ({@code STOP}, {@code QUIT}) must have an empty one.
 *
 * @param type the frame type
 * @param songId the song the frame is about, or {@link #NO_SONG}
 * @param payload the payload bytes, empty for requests and header-only types
 */
public record TspFrame(TspType type, int songId, byte[] payload) {

	/** Song id of frames not about one song (LIST, QUIT, INFO for all songs, catalogue answers). */
	public static final int NO_SONG = -1;

	private static final byte[] EMPTY = new byte[0];

	public TspFrame {
		Objects.requireNonNull(type, "type");
		payload = (payload.length == 0) ? EMPTY : payload.clone();
		if (!type.carriesPayload() && payload.length > 0) {
			throw new IllegalArgumentException(type + " frames carry no payload but " + payload.length
					+ " bytes were given");
		}
	}

	/** Frame without payload. */
	public static TspFrame of(TspType type, int songId) {
		return new TspFrame(type, songId, EMPTY);
	}

	/** Frame with a payload. */
	public static TspFrame of(TspType type, int songId, byte[] payload) {
		return new TspFrame(type, songId, payload);
	}

	/** Frame whose payload is {@code text} in UTF-8. */
	public static TspFrame ofText(TspType type, int songId, String text) {
		return new TspFrame(type, songId, text.getBytes(StandardCharsets.UTF_8));
	}

	/** {@code ERROR} frame about a song (or {@link #NO_SONG}) with a UTF-8 text. */
	public static TspFrame error(int songId, String text) {
		return ofText(TspType.ERROR, songId, text);
	}

	/** A copy of the payload bytes. */
	@Override
	public byte[] payload() {
		return (this.payload.length == 0) ? EMPTY : this.payload.clone();
	}

	/** Number of payload bytes. */
	public int payloadLength() {
		return this.payload.length;
	}

	/** Read-only view of the payload, without copying. */
	public ByteBuffer payloadBuffer() {
		return ByteBuffer.wrap(this.payload).asReadOnlyBuffer();
	}

	/**
	 * The payload as UTF-8 text (the {@code ERROR} text, for example).
	 * @throws TspCodecException if the payload is not valid UTF-8
	 */
	public String payloadText() {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(this.payload))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new TspCodecException(this.type + " payload of song " + this.songId + " is not valid UTF-8", ex);
		}
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this == other || (other instanceof TspFrame that && this.type == that.type
				&& this.songId == that.songId && Arrays.equals(this.payload, that.payload));
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.type.hashCode() + this.songId) + Arrays.hashCode(this.payload);
	}

	@Override
	public String toString() {
		return "TspFrame[type=" + this.type + ", songId=" + this.songId + ", payload=" + this.payload.length
				+ " bytes]";
	}

}
