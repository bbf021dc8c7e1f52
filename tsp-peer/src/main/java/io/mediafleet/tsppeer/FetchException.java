package io.mediafleet.tsppeer;

import java.io.Serial;

/** A song could not be fetched: not in the catalogue, or every host failed (the message lists why each failed). */
public final class FetchException extends Exception {

	@Serial
	private static final long serialVersionUID = 1L;

	FetchException(String message) {
		super(message);
	}

	FetchException(String message, Throwable cause) {
		super(message, cause);
	}

}
