package io.mediafleet.link.client;

import java.time.Duration;

/**
 * How long a link agent waits before its next connection attempt: the first delay, doubled after every attempt up to
 * a ceiling, and back to the first delay once a session is up. No I/O and no clock: the client asks, then sleeps.
 *
 * <p>Example with a first delay of 1 s and the default ceiling of 30 s: 1, 2, 4, 8, 16, 30, 30, ... s; after
 * {@link #reset()} 1 s again. Not thread-safe: the client calls it under its own lock.
 */
public final class ReconnectBackoff {

	/** The longest wait between two attempts unless another ceiling is given. */
	public static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(30);

	private final Duration firstDelay;

	private final Duration maxDelay;

	private Duration nextDelay;

	/**
	 * @param firstDelay the wait before the first reconnection, positive
	 * @param maxDelay the ceiling, at least {@code firstDelay}
	 */
	public ReconnectBackoff(Duration firstDelay, Duration maxDelay) {
		if (firstDelay.isNegative() || firstDelay.isZero()) {
			throw new IllegalArgumentException("The first reconnect delay must be positive, not " + firstDelay);
		}
		if (maxDelay.compareTo(firstDelay) < 0) {
			throw new IllegalArgumentException(
					"The longest reconnect delay " + maxDelay + " is shorter than the first " + firstDelay);
		}
		this.firstDelay = firstDelay;
		this.maxDelay = maxDelay;
		this.nextDelay = firstDelay;
	}

	/** A backoff from {@code firstDelay} up to {@link #DEFAULT_MAX_DELAY} (or {@code firstDelay} if longer). */
	public static ReconnectBackoff from(Duration firstDelay) {
		return new ReconnectBackoff(firstDelay,
				(firstDelay.compareTo(DEFAULT_MAX_DELAY) > 0) ? firstDelay : DEFAULT_MAX_DELAY);
	}

	/** The wait before this attempt; the next one waits twice as long, up to the ceiling. */
	public Duration next() {
		Duration delay = this.nextDelay;
		Duration doubled = delay.multipliedBy(2);
		this.nextDelay = (doubled.compareTo(this.maxDelay) > 0) ? this.maxDelay : doubled;
		return delay;
	}

	/** A session is up: the next drop is retried after the first delay again. */
	public void reset() {
		this.nextDelay = this.firstDelay;
	}

}
