package io.mediafleet.tsppeer;

import java.io.Serial;

/** A tracker request failed: not connected, timed out, connection lost, or the tracker answered {@code ERROR}. */
public final class TrackerException extends Exception {

	@Serial
	private static final long serialVersionUID = 1L;

	TrackerException(String message) {
		super(message);
	}

	TrackerException(String message, Throwable cause) {
		super(message, cause);
	}

}
