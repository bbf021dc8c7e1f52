package io.mediafleet.schema.tsp;

import java.nio.ByteBuffer;

/**
 * Writes Torero Streaming Protocol frames: type byte, song id (4 bytes, big-endian), and for
 * types that carry a payload its length (4 bytes, big-endian) and bytes, always with a length
 * field even when the payload is empty.
 *
 * <p>For example {@code TspFrame.of(TspType.LIST, TspFrame.NO_SONG)} is written as the 9 bytes
 * {@code 01 ff ff ff ff 00 00 00 00}, and a {@code QUIT} as the 5 bytes {@code 05 ff ff ff ff}.
 * Instances are stateless and thread-safe.
 */
public final class TspEncoder {

	/** The bytes of one frame. */
	public byte[] encode(TspFrame frame) {
		TspType type = frame.type();
		ByteBuffer out = ByteBuffer.allocate(type.headerBytes() + frame.payloadLength());
		out.put((byte) type.code()).putInt(frame.songId());
		if (type.carriesPayload()) {
			out.putInt(frame.payloadLength()).put(frame.payloadBuffer());
		}
		return out.array();
	}

	/**
	 * Only the header of a frame whose {@code payloadLength} payload bytes the caller writes
	 * itself, for example an mp3 file sent straight from disk in a {@code PLAY} answer.
	 * @throws IllegalArgumentException if the type carries no payload but a length is given, or
	 * the length is negative
	 */
	public byte[] encodeHeader(TspType type, int songId, int payloadLength) {
		if (payloadLength < 0) {
			throw new IllegalArgumentException("payload length must not be negative but was " + payloadLength);
		}
		if (!type.carriesPayload() && payloadLength > 0) {
			throw new IllegalArgumentException(type + " frames carry no payload");
		}
		ByteBuffer out = ByteBuffer.allocate(type.headerBytes());
		out.put((byte) type.code()).putInt(songId);
		if (type.carriesPayload()) {
			out.putInt(payloadLength);
		}
		return out.array();
	}

}
