package io.mediafleet.schema.radio;

import io.mediafleet.schema.codec.CodecException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link RadioCodec} for any radio message it cannot decode or encode; the message names
 * the offending field and, where known, the byte or character offset.
 */
public final class RadioCodecException extends CodecException {

	public RadioCodecException(String message) {
		super(message);
	}

	public RadioCodecException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	@Override
	public String protocol() {
		return "radio";
	}

}
