package io.mediafleet.player.sync;

import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.locks.LockSupport;

/**
 * Waits until an instant of the shared clock as precisely as a thread can: parks until shortly before it, then
 * spins the last {@link #SPIN_NANOS} on {@link System#nanoTime()}.
 *
 * <p>The instant is converted once, against the clock read with its full (microsecond) resolution, into a
 * {@code nanoTime} deadline, so the spin neither reads the wall clock (whose millisecond steps add up to 1 ms)
 * nor burns a core for milliseconds: ten agents on two cores that all spin for 3 ms take the cores from each
 * other and from the ten mpv that must act at the same instant. {@link LockSupport#parkNanos} wakes within tens of
 * microseconds on an idle Linux machine; the short spin absorbs that.
 */
public final class InstantWait {

	/** The last stretch spun rather than parked. */
	static final long SPIN_NANOS = 200_000;

	private InstantWait() {
	}

	/**
	 * Returns at {@code atEpochMillis} on {@code clock} (at once if it has passed); false when the thread was
	 * interrupted (the wait was cancelled), with the interrupt status kept.
	 */
	public static boolean until(InstantSource clock, long atEpochMillis) {
		return until(clock, atEpochMillis, 0);
	}

	/**
	 * Returns {@code earlyNanos} before {@code atEpochMillis} on {@code clock} (a player that takes that long to
	 * sound is unpaused that much early); otherwise as {@link #until(InstantSource, long)}.
	 */
	public static boolean until(InstantSource clock, long atEpochMillis, long earlyNanos) {
		Instant now = clock.instant();
		long leftNanos = (atEpochMillis - now.toEpochMilli()) * 1_000_000L - (now.getNano() % 1_000_000) - earlyNanos;
		long deadline = System.nanoTime() + leftNanos;
		while (true) {
			if (Thread.currentThread().isInterrupted()) {
				return false;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return true;
			}
			if (left > SPIN_NANOS) {
				LockSupport.parkNanos(left - SPIN_NANOS);
			}
			else {
				Thread.onSpinWait();
			}
		}
	}

}
