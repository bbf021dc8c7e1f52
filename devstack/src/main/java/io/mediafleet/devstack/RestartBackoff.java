package io.mediafleet.devstack;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * When to restart a service that exited unexpectedly: after 1 s, then 2 s, 4 s ... up to a cap, and from the start
 * again once a run has stayed up long enough to count as healthy, as Docker's {@code restart: always} and
 * Kubernetes' {@code CrashLoopBackOff} do. A state machine without I/O or a clock of its own: the caller says when
 * the service started and when it exited, and schedules the attempt itself.
 * <p>
 * Not thread-safe: one supervisor drives it.
 */
final class RestartBackoff {

	/** Docker's and Kubernetes' first delay. */
	static final Duration DEFAULT_INITIAL_DELAY = Duration.ofSeconds(1);

	/** Short enough that a developer does not wait long once the cause is gone. */
	static final Duration DEFAULT_MAXIMUM_DELAY = Duration.ofSeconds(30);

	/** A run this long resets the delay, as Kubernetes does after 10 minutes; a developer's stack restarts more. */
	static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(60);

	private final Duration initialDelay;

	private final Duration maximumDelay;

	private final Duration stableAfter;

	/** How many restarts in a row have not stayed up for {@link #stableAfter}. */
	private int failures;

	private @Nullable Instant startedAt;

	/**
	 * @param initialDelay delay before the first restart, doubled for each further one
	 * @param maximumDelay the cap on the delay
	 * @param stableAfter how long a run must last for its exit to count as the first of a new series
	 */
	RestartBackoff(Duration initialDelay, Duration maximumDelay, Duration stableAfter) {
		if (initialDelay.isNegative() || initialDelay.isZero()) {
			throw new IllegalArgumentException("The initial delay must be positive but was " + initialDelay);
		}
		if (maximumDelay.compareTo(initialDelay) < 0) {
			throw new IllegalArgumentException(
					"The maximum delay " + maximumDelay + " is shorter than the initial delay " + initialDelay);
		}
		if (stableAfter.isNegative()) {
			throw new IllegalArgumentException("The stable run length must not be negative but was " + stableAfter);
		}
		this.initialDelay = initialDelay;
		this.maximumDelay = maximumDelay;
		this.stableAfter = stableAfter;
	}

	/** The defaults: 1 s doubling to 30 s, reset after 60 s up. */
	static RestartBackoff defaults() {
		return new RestartBackoff(DEFAULT_INITIAL_DELAY, DEFAULT_MAXIMUM_DELAY, DEFAULT_STABLE_AFTER);
	}

	/** The service (re)started at {@code now}. */
	void started(Instant now) {
		this.startedAt = now;
	}

	/**
	 * The service exited unexpectedly at {@code now}: returns the delay before the next attempt, which is then the
	 * {@link #attempt()}-th restart in a row.
	 */
	Duration exited(Instant now) {
		if (this.startedAt != null && !now.isBefore(this.startedAt.plus(this.stableAfter))) {
			this.failures = 0;
		}
		this.startedAt = null;
		Duration delay = this.initialDelay;
		for (int i = 0; i < this.failures && delay.compareTo(this.maximumDelay) < 0; i++) {
			delay = delay.multipliedBy(2);
		}
		this.failures++;
		return (delay.compareTo(this.maximumDelay) > 0) ? this.maximumDelay : delay;
	}

	/** How many restarts in a row the last {@link #exited(Instant)} asked for (1 for the first of a series). */
	int attempt() {
		return this.failures;
	}

}
