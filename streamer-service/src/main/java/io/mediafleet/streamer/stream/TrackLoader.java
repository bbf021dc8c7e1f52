package io.mediafleet.streamer.stream;

import io.mediafleet.streamer.mp3.Mp3Audio;

/**
 * Loads the MP3 file a {@code play} names.
 */
@FunctionalInterface
interface TrackLoader {

	/**
	 * @param filename the name from the {@code play} message
	 * @return the parsed file
	 * @throws TrackUnavailableException when the file is missing, refused or unreadable
	 */
	LoadedTrack load(String filename) throws TrackUnavailableException;

	/**
	 * A parsed file with the title listeners see.
	 *
	 * @param audio the frames
	 * @param title the ICY StreamTitle
	 */
	record LoadedTrack(Mp3Audio audio, String title) {
	}

	/**
	 * The named file cannot be played.
	 */
	final class TrackUnavailableException extends Exception {

		private static final long serialVersionUID = 1L;

		TrackUnavailableException(String message) {
			super(message);
		}

	}

}
