package io.mediafleet.schema.tsp;

import java.nio.ByteBuffer;

/**
 * Receives the payload of {@code PLAY} frames piece by piece as it arrives, so a peer can write
 * an mp3 to disk or to a player without holding it in memory; see
 * {@link TspDecoder#TspDecoder(int, PlayPayloadListener)}.
 *
 * <p>For every {@code PLAY} frame the calls are: {@link #payloadStarted} once, then
 * {@link #payloadChunk} zero or more times, then {@link #payloadEnded} once.
 */
public interface PlayPayloadListener {

	/** A {@code PLAY} frame's header was read; {@code length} payload bytes follow. */
	void payloadStarted(int songId, int length);

	/**
	 * The next bytes of the payload. The buffer is a read-only view of the decoder's input and
	 * valid only during this call: copy what you keep.
	 */
	void payloadChunk(int songId, ByteBuffer chunk);

	/** The last byte of the payload was delivered. */
	void payloadEnded(int songId);

}
