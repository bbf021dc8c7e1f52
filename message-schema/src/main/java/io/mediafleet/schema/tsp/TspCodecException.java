package io.mediafleet.schema.tsp;

import io.mediafleet.schema.codec.CodecException;

/**
 * Bad input of the Torero Streaming Protocol.
 *
 * <p>Thrown by {@link TspDecoder} when framing is lost (unknown type byte, negative or oversized
 * length): the connection must be closed. Thrown by {@link SongLines} and {@link TspPayloads}
 * when a payload is malformed but its frame was fine: answer with an {@code ERROR} frame and
 * keep the connection.
 */
public final class TspCodecException extends CodecException {

	TspCodecException(String message) {
		super(message);
	}

	TspCodecException(String message, Throwable cause) {
		super(message, cause);
	}

	@Override
	public String protocol() {
		return "tsp";
	}

}
