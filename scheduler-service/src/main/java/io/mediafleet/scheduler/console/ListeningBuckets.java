package io.mediafleet.scheduler.console;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Listeners per radio over time: the range {@code [from, to)} cut into buckets of {@code step}, each counting the
 * listening sessions that overlap it (a session that spans three buckets counts once in each; an open session lasts
 * until {@code now}; a session of zero length counts in the bucket it started in). Pure: sessions are added one by
 * one, so a range of many sessions is counted without holding them.
 * <p>
 * <b>Parameters to control memory consumption</b>: {@code maxBuckets} bounds each radio's counters (one
 * {@code int} per bucket per radio that has a session in the range); {@link #series(int)} returns at most that many
 * radios, the rest summed into one.
 */
final class ListeningBuckets {

	/** Steps offered when the caller picks none: the first that gives at most {@link #TARGET_BUCKETS}. */
	static final List<Duration> STEPS = List.of(Duration.ofMinutes(1), Duration.ofMinutes(5), Duration.ofMinutes(15),
			Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(3), Duration.ofHours(6), Duration.ofHours(12),
			Duration.ofDays(1), Duration.ofDays(7));

	static final int TARGET_BUCKETS = 300;

	/** The name of the series that sums the radios beyond the largest ones. */
	static final String OTHERS = "other radios";

	private final long fromMillis;

	private final long toMillis;

	private final long stepMillis;

	private final long nowMillis;

	private final int buckets;

	/** Per radio, the difference array of its counts ({@code buckets + 1} entries). */
	private final Map<String, int[]> deltas = new HashMap<>();

	private long sessions;

	/**
	 * @param from start of the range (inclusive)
	 * @param to end of the range (exclusive), after {@code from}
	 * @param step length of a bucket, at least one second
	 * @param now when open sessions are counted until
	 * @param maxBuckets most buckets the range may be cut into
	 * @throws IllegalArgumentException when the range is empty or needs more than {@code maxBuckets} buckets
	 */
	ListeningBuckets(Instant from, Instant to, Duration step, Instant now, int maxBuckets) {
		if (!from.isBefore(to)) {
			throw new IllegalArgumentException("The range must start before it ends");
		}
		if (step.compareTo(Duration.ofSeconds(1)) < 0) {
			throw new IllegalArgumentException("A step is at least one second");
		}
		this.fromMillis = from.toEpochMilli();
		this.toMillis = to.toEpochMilli();
		this.stepMillis = step.toMillis();
		this.nowMillis = now.toEpochMilli();
		long count = Math.ceilDiv(this.toMillis - this.fromMillis, this.stepMillis);
		if (count > maxBuckets) {
			throw new IllegalArgumentException(
					"A step of " + step + " cuts this range into " + count + " points; at most " + maxBuckets);
		}
		this.buckets = (int) count;
	}

	/** The step of {@link #STEPS} that cuts {@code range} into at most {@link #TARGET_BUCKETS} buckets. */
	static Duration stepFor(Duration range) {
		for (Duration step : STEPS) {
			if (Math.ceilDiv(range.toMillis(), step.toMillis()) <= TARGET_BUCKETS) {
				return step;
			}
		}
		return STEPS.getLast();
	}

	/** Counts one session of {@code radio}; {@code endedAt} is {@code null} while it is open. */
	void add(String radio, Instant startedAt, @Nullable Instant endedAt) {
		long start = startedAt.toEpochMilli();
		long end = (endedAt != null) ? endedAt.toEpochMilli() : Math.max(start, this.nowMillis);
		if (end <= start) {
			end = start + 1; // zero length: its start bucket
		}
		if (start >= this.toMillis || end <= this.fromMillis) {
			return;
		}
		int first = (int) Math.floorDiv(Math.max(start, this.fromMillis) - this.fromMillis, this.stepMillis);
		int afterLast = (int) Math.ceilDiv(Math.min(end, this.toMillis) - this.fromMillis, this.stepMillis);
		int[] delta = this.deltas.computeIfAbsent(radio, (key) -> new int[this.buckets + 1]);
		delta[first]++;
		delta[Math.min(afterLast, this.buckets)]--;
		this.sessions++;
	}

	/** Sessions counted so far (those overlapping the range). */
	long sessions() {
		return this.sessions;
	}

	/** When each bucket starts, in epoch seconds. */
	long[] startsEpochSeconds() {
		long[] starts = new long[this.buckets];
		for (int i = 0; i < this.buckets; i++) {
			starts[i] = (this.fromMillis + i * this.stepMillis) / 1000;
		}
		return starts;
	}

	/**
	 * Each radio's counts per bucket, the radios with the most listening first; beyond {@code maxSeries} radios the
	 * rest are summed into one series named {@link #OTHERS}.
	 */
	List<Series> series(int maxSeries) {
		List<Series> all = new ArrayList<>();
		this.deltas.forEach((radio, delta) -> {
			int[] counts = new int[this.buckets];
			int running = 0;
			long total = 0;
			for (int i = 0; i < this.buckets; i++) {
				running += delta[i];
				counts[i] = running;
				total += running;
			}
			all.add(new Series(radio, counts, total));
		});
		all.sort(Comparator.comparingLong(Series::total).reversed().thenComparing(Series::radio));
		if (all.size() <= maxSeries) {
			return all;
		}
		List<Series> kept = new ArrayList<>(all.subList(0, maxSeries - 1));
		int[] others = new int[this.buckets];
		long total = 0;
		for (Series rest : all.subList(maxSeries - 1, all.size())) {
			for (int i = 0; i < this.buckets; i++) {
				others[i] += rest.counts()[i];
			}
			total += rest.total();
		}
		kept.add(new Series(OTHERS, others, total));
		return kept;
	}

	/**
	 * One radio's line.
	 *
	 * @param radio the radio's uuid, or {@link #OTHERS}
	 * @param counts sessions overlapping each bucket
	 * @param total sum of {@code counts}, what radios are ranked by
	 */
	record Series(String radio, int[] counts, long total) {
	}

}
