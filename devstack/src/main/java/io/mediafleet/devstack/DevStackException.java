package io.mediafleet.devstack;

/**
 * Why the developer stack could not start, worded for the person who ran it.
 */
public final class DevStackException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	public DevStackException(String message) {
		super(message);
	}

	public DevStackException(String message, Throwable cause) {
		super(message, cause);
	}

}
