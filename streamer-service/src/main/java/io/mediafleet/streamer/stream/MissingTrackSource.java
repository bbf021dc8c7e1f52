package io.mediafleet.streamer.stream;

/**
 * Somewhere a track the library lacks can be brought from before a {@code play} gives up on it: in the streamer,
 * other peers found through the TSP tracker ({@code peer.MissingSongFetcher}).
 */
@FunctionalInterface
public interface MissingTrackSource {

	/**
	 * Brings {@code filename} into the library, blocking until it is there.
	 * @param filename the name from the {@code play} message
	 * @throws Exception with the reason when the track could not be brought
	 */
	void bring(String filename) throws Exception;

}
