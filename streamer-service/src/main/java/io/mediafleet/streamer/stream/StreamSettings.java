package io.mediafleet.streamer.stream;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The settings the stream package uses, taken from the service's properties.
 *
 * @param listenerLimit most listeners at once; more get 503
 * @param burstBytes audio sent at once to a joining listener
 * @param listenerQueueBytes most audio queued for one listener before it is dropped
 * @param icyMetaint audio bytes between ICY metadata blocks
 * @param stopLinger how long a radio keeps playing after its last listener left
 * @param schedulerTimeout how long a listener waits for the scheduler's answer
 * @param lateStartTolerance a track starting later than this is counted as a late start
 * @param fallbackFile library file played when a {@code play} names an unavailable file, or {@code null} for silence
 * @param serverName the name shown in {@code icy-name} and the status page
 * @param writeInterval pause between two writes to one listener (frames queue up meanwhile and go out together)
 * @param listenerLimitPerAddress most of those listeners from one source address; 0 for no limit
 */
record StreamSettings(int listenerLimit, long burstBytes, long listenerQueueBytes, int icyMetaint,
		Duration stopLinger, Duration schedulerTimeout, Duration lateStartTolerance, @Nullable String fallbackFile,
		String serverName, Duration writeInterval, int listenerLimitPerAddress) {

	StreamSettings {
		if (listenerQueueBytes < burstBytes + 16 * 1024) {
			throw new IllegalArgumentException("listener queue (" + listenerQueueBytes
					+ " bytes) must hold the burst (" + burstBytes + " bytes) plus 16 KiB");
		}
		if (writeInterval.isNegative() || writeInterval.compareTo(Duration.ofSeconds(2)) > 0) {
			throw new IllegalArgumentException("write interval must be 0-2 s but was " + writeInterval);
		}
	}

}
