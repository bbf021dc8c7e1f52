package io.mediafleet.scheduler.burn;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One burn job: copies of one ISO image (by md5) at a priority, with the burners on it now and its history; guarded
 * by the {@link BurnFarm}'s lock.
 */
final class Job {

	/** History entries kept per job; older ones are dropped first. */
	static final int MAX_HISTORY = 100;

	enum Status {

		QUEUED, BURNING, DONE, CLEARED

	}

	record Entry(Instant at, String event, @Nullable String burner, @Nullable String detail) {
	}

	final long id;

	final String hash;

	final int priority;

	final int copies;

	final Instant queuedAt;

	int passed;

	Status status = Status.QUEUED;

	final Set<String> burners = new LinkedHashSet<>();

	final List<Entry> history = new ArrayList<>();

	Job(long id, String hash, int priority, int copies, Instant queuedAt) {
		this.id = id;
		this.hash = hash;
		this.priority = priority;
		this.copies = copies;
		this.queuedAt = queuedAt;
	}

	void record(Instant at, String event, @Nullable String burner, @Nullable String detail) {
		if (this.history.size() >= MAX_HISTORY) {
			this.history.remove(0);
		}
		this.history.add(new Entry(at, event, burner, detail));
	}

	/** Whether another burner may start a copy now. */
	boolean wantsBurner() {
		return this.status != Status.DONE && this.status != Status.CLEARED
				&& this.passed + this.burners.size() < this.copies;
	}

	boolean isOpen() {
		return this.status == Status.QUEUED || this.status == Status.BURNING;
	}

}
