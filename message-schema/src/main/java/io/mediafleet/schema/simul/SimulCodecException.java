package io.mediafleet.schema.simul;

import io.mediafleet.schema.codec.CodecException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link SimulCodec} for any simul message it cannot decode or encode; the message names
 * the offending field and, where known, the byte offset.
 */
public final class SimulCodecException extends CodecException {

	public SimulCodecException(String message) {
		super(message);
	}

	public SimulCodecException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	@Override
	public String protocol() {
		return "simul";
	}

}
