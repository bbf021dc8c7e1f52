package io.mediafleet.streamer.mp3;

/**
 * Thrown when bytes cannot be used as an MP3 file: too large, or no layer III frame in them.
 */
public final class Mp3Exception extends Exception {

	private static final long serialVersionUID = 1L;

	public Mp3Exception(String message) {
		super(message);
	}

}
