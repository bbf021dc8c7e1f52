package io.mediafleet.schema.codec;

import org.jspecify.annotations.Nullable;

/**
 * Base of every protocol's codec exception: the one exception type a decoder or encoder of this
 * module throws on bad input. Each protocol has its own final subclass ({@code RadioCodecException},
 * {@code BurnCodecException}, ...) so a handler can tell which protocol's error reply to send.
 *
 * <p>The message always says what was wrong and, where known, where (a byte offset, a field
 * name, a line number), because it is logged and often echoed to the peer in an error reply.
 */
public abstract class CodecException extends RuntimeException {

	protected CodecException(String message) {
		super(message);
	}

	protected CodecException(String message, @Nullable Throwable cause) {
		super(message, cause);
	}

	/** Short protocol name used in logs and metrics tags, for example {@code radio} or {@code tsp}. */
	public abstract String protocol();

}
