package io.mediafleet.schema.burn;

import io.mediafleet.schema.codec.CodecException;

/**
 * Bad input of the burn protocol: a malformed message, or a stream the decoder can no longer
 * frame.
 *
 * <p>{@link #isFramingIntact()} tells the two apart. When it is {@code true} only one message
 * was bad: the decoder has skipped it up to its terminating blank line and can decode the next
 * one, so a server answers {@code ERROR\tBADMSG\t<message>} and keeps the connection. When it
 * is {@code false} (a limit was exceeded) the decoder is unusable and the connection should get
 * {@code ERROR\tPROTO\t<message>} and be closed.
 */
public final class BurnCodecException extends CodecException {

	private final boolean framingIntact;

	BurnCodecException(String message, boolean framingIntact) {
		super(message);
		this.framingIntact = framingIntact;
	}

	/** A bad message inside intact framing: the decoder can continue with the next message. */
	static BurnCodecException badMessage(String message) {
		return new BurnCodecException(message, true);
	}

	/** Framing lost or a limit exceeded: the decoder cannot continue. */
	static BurnCodecException framingLost(String message) {
		return new BurnCodecException(message, false);
	}

	/**
	 * Whether only one message was bad and the decoder can go on with the next; {@code false}
	 * means the connection must be closed.
	 */
	public boolean isFramingIntact() {
		return this.framingIntact;
	}

	@Override
	public String protocol() {
		return "burn";
	}

}
