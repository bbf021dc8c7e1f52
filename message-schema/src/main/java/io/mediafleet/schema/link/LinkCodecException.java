package io.mediafleet.schema.link;

import io.mediafleet.schema.codec.CodecException;
import org.jspecify.annotations.Nullable;

/**
 * Bad input on the link: a malformed envelope, an unknown type, a type not allowed in the
 * receiver's direction or phase, or invalid data. The message is written to be sent back to the
 * peer as the close reason once the session runs, see {@link #closeReason()}; during the handshake
 * the close reason is {@link LinkProtocol#CLOSE_INVALID_HANDSHAKE}.
 */
public final class LinkCodecException extends CodecException {

	public LinkCodecException(String message) {
		super(message);
	}

	public LinkCodecException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	@Override
	public String protocol() {
		return "link";
	}

	/** The reason to send in the {@code close} message: {@code Invalid message: <what was wrong>}. */
	public String closeReason() {
		return LinkProtocol.invalidMessage(getMessage());
	}

}
