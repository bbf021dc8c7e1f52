package io.mediafleet.scheduler.simul;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * The group's position in the playing file over time, and the planner of group pause, resume and seek: each
 * transport command gets an instant ahead (now + lead, like the start) and the position every slave must be at,
 * and the timeline moves to it. No I/O; instants are passed in. Not thread-safe: the master's lock guards it.
 *
 * <p>Playing from position {@code p} at instant {@code a}, the group is at {@code p + (t - a)} at {@code t};
 * paused, it stays at {@code p}.
 */
final class GroupTimeline {

	private @Nullable Instant anchor;

	private long anchorPositionMs;

	private boolean paused;

	/** One planned transport command: every slave acts at {@code at}, landing on {@code positionMs}. */
	record Plan(Instant at, long positionMs) {
	}

	/** The simul started at {@code at} from the beginning of the file. */
	void started(Instant at) {
		this.anchor = at;
		this.anchorPositionMs = 0;
		this.paused = false;
	}

	/** No simul is playing. */
	void clear() {
		this.anchor = null;
		this.paused = false;
	}

	/**
	 * Takes up a timeline kept across a restart: playing from {@code positionMs} at {@code anchor}, or paused there.
	 */
	void restore(Instant anchor, long positionMs, boolean paused) {
		this.anchor = anchor;
		this.anchorPositionMs = Math.max(0, positionMs);
		this.paused = paused;
	}

	/** The last anchor (start, pause, resume or seek instant), or {@code null} when nothing plays. */
	@Nullable Instant anchor() {
		return this.anchor;
	}

	/** The group's position at the anchor. */
	long anchorPositionMs() {
		return this.anchorPositionMs;
	}

	boolean isRunning() {
		return this.anchor != null;
	}

	boolean isPaused() {
		return this.paused;
	}

	/** The group's position at {@code instant}, in milliseconds; 0 before the start. */
	long positionAt(Instant instant) {
		Instant from = this.anchor;
		if (from == null) {
			return 0;
		}
		if (this.paused) {
			return this.anchorPositionMs;
		}
		return Math.max(0, this.anchorPositionMs + Duration.between(from, instant).toMillis());
	}

	/** Plans a pause at now + lead, at the position the group will have reached then. */
	Plan pause(Instant now, Duration lead) {
		requireRunning();
		if (this.paused) {
			throw new SimulCommandException("the simul is already paused: use resume");
		}
		Instant at = now.plus(lead);
		long position = positionAt(at);
		this.anchor = at;
		this.anchorPositionMs = position;
		this.paused = true;
		return new Plan(at, position);
	}

	/** Plans a resume at now + lead, from the paused position. */
	Plan resume(Instant now, Duration lead) {
		requireRunning();
		if (!this.paused) {
			throw new SimulCommandException("the simul is not paused");
		}
		Instant at = now.plus(lead);
		this.anchor = at;
		this.paused = false;
		return new Plan(at, this.anchorPositionMs);
	}

	/** Plans a jump to {@code positionMs} at now + lead; the group stays playing or paused. */
	Plan seek(Instant now, Duration lead, long positionMs) {
		requireRunning();
		if (positionMs < 0) {
			throw new SimulCommandException("a position cannot be negative");
		}
		Instant at = now.plus(lead);
		this.anchor = at;
		this.anchorPositionMs = positionMs;
		return new Plan(at, positionMs);
	}

	private void requireRunning() {
		if (this.anchor == null) {
			throw new SimulCommandException("no simul is playing");
		}
	}

}
