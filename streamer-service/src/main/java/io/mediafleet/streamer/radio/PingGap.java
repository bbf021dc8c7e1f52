package io.mediafleet.streamer.radio;

/**
 * Tells from the spacing of the scheduler's {@code ping}s when the scheduler has probably declared this streamer
 * dead: a ping that comes after a silence much longer than the usual interval (Redis frozen, a network stall, the
 * scheduler paused) means the pongs of that silence were missing too, and the scheduler drops a streamer after
 * {@code missed-pongs} of them, closing its sessions and taking its radios off it. It never pings a dropped streamer
 * again, so without this rule the streamer would hear nothing until its {@code reannounce-after} watchdog fired: the
 * radios stayed silent for that long after the outage.
 * <p>
 * The usual interval is learnt from the pings themselves (an exponentially weighted mean of the gaps), so a scheduler
 * configured with another {@code ping-interval} needs no setting here. No I/O and no clock of its own: the caller
 * passes the arrival time of each ping. Not thread-safe: one caller (the streamer's message thread).
 */
final class PingGap {

	/** A gap this many times the usual interval counts as a silence the scheduler may have dropped us for. */
	static final double SILENCE_FACTOR = 1.8;

	/** Gaps shorter than this never count, however short the usual interval (pings sent in a burst). */
	static final long MIN_SILENCE_NANOS = 1_000_000_000L;

	private static final double WEIGHT = 0.5;

	private long lastPingNanos;

	private boolean seenPing;

	private double usualGapNanos;

	/**
	 * Records a ping arriving at {@code nowNanos} (any monotonic clock, e.g. {@link System#nanoTime()}).
	 * @return whether it came after a silence long enough that this streamer should register again
	 */
	boolean ping(long nowNanos) {
		if (!this.seenPing) {
			this.seenPing = true;
			this.lastPingNanos = nowNanos;
			return false;
		}
		long gap = nowNanos - this.lastPingNanos;
		this.lastPingNanos = nowNanos;
		if (this.usualGapNanos == 0) {
			this.usualGapNanos = gap;
			return false;
		}
		boolean silence = gap > MIN_SILENCE_NANOS && gap > SILENCE_FACTOR * this.usualGapNanos;
		this.usualGapNanos = (1 - WEIGHT) * this.usualGapNanos + WEIGHT * gap;
		return silence;
	}

}
