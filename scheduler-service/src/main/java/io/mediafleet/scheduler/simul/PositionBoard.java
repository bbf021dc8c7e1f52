package io.mediafleet.scheduler.simul;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.mediafleet.schema.simul.SimulPosition;
import io.mediafleet.scheduler.simul.SyncStatus.SlaveOffset;
import org.jspecify.annotations.Nullable;

/**
 * The latest {@code simul-position} of each slave, compared with the {@link GroupTimeline}: how far each slave is
 * from where the group should be, and the spread between the slaves. Slaves that never report are simply absent.
 * Not thread-safe: the master's lock guards it. Holds at most one entry per registered slave (the master drops the
 * entries of slaves that left).
 */
final class PositionBoard {

	/** Reports older than this are left out of the spread (a slave that stopped reporting). */
	static final Duration FRESHNESS = Duration.ofSeconds(5);

	private final Map<String, Entry> entries = new HashMap<>();

	private record Entry(SimulPosition report, Instant receivedAt, @Nullable Long offsetMs) {
	}

	void record(SimulPosition report, Instant now, GroupTimeline timeline) {
		Long offset = (timeline.isRunning() && !timeline.isPaused() && !report.paused())
				? report.positionMillis() - timeline.positionAt(Instant.ofEpochMilli(report.clockEpochMillis())) : null;
		this.entries.put(report.src(), new Entry(report, now, offset));
	}

	/** Whether {@code name} reported its position in this simul. */
	boolean hasReport(String name) {
		return this.entries.containsKey(name);
	}

	/** Forgets every slave not in {@code names}. */
	void retain(Set<String> names) {
		this.entries.keySet().retainAll(names);
	}

	void clear() {
		this.entries.clear();
	}

	/** Each reporting slave's offset, sorted by name. */
	List<SlaveOffset> offsets() {
		List<SlaveOffset> list = new ArrayList<>();
		for (Entry entry : this.entries.values()) {
			SimulPosition report = entry.report();
			list.add(new SlaveOffset(report.src(), report.positionMillis(), entry.offsetMs(), report.speed(),
					report.paused(), entry.receivedAt()));
		}
		list.sort(Comparator.comparing(SlaveOffset::name));
		return list;
	}

	/** Largest minus smallest offset among fresh reports while playing, or {@code null} with fewer than two. */
	@Nullable Long spreadMs(Instant now) {
		Instant oldest = now.minus(FRESHNESS);
		long min = Long.MAX_VALUE;
		long max = Long.MIN_VALUE;
		int count = 0;
		for (Entry entry : this.entries.values()) {
			if (entry.offsetMs() != null && !entry.receivedAt().isBefore(oldest)) {
				min = Math.min(min, entry.offsetMs());
				max = Math.max(max, entry.offsetMs());
				count++;
			}
		}
		return (count < 2) ? null : max - min;
	}

}
