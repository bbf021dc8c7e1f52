package io.mediafleet.scheduler.link;

import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Latency samples of the link hub benchmark (not a test): a fixed array, so recording allocates nothing; samples
 * beyond its capacity are counted but not kept.
 */
final class Latencies {

	private final long[] nanos;

	private final AtomicInteger count = new AtomicInteger();

	Latencies(int capacity) {
		this.nanos = new long[capacity];
	}

	void add(long sample) {
		int index = this.count.getAndIncrement();
		if (index < this.nanos.length) {
			this.nanos[index] = sample;
		}
	}

	int count() {
		return this.count.get();
	}

	/** {@code p50=.. p99=.. p999=.. max=..} in milliseconds. */
	String summary() {
		int n = Math.min(this.count.get(), this.nanos.length);
		if (n == 0) {
			return "p50=NaN p99=NaN p999=NaN max=NaN";
		}
		long[] sorted = Arrays.copyOf(this.nanos, n);
		Arrays.sort(sorted);
		return String.format(Locale.ROOT, "p50=%.3f p99=%.3f p999=%.3f max=%.3f", at(sorted, 0.50), at(sorted, 0.99),
				at(sorted, 0.999), sorted[n - 1] / 1e6);
	}

	private static double at(long[] sorted, double quantile) {
		int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
		return sorted[Math.max(0, index)] / 1e6;
	}

}
