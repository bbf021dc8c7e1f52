package io.mediafleet.tsppeer;

import java.io.Serial;

/** A song could not be fetched: not in the catalogue, or every host failed (the message lists why each failed). */
public final class FetchException extends Exception {

	@Serial
	private static final long serialVersionUID = 1L;

	/** A failure saying what went wrong. */
	public FetchException(String message) {
		super(message);
	}

	/** A failure saying what went wrong, and why. */
	public FetchException(String message, Throwable cause) {
		super(message, cause);
	}

}
