package io.mediafleet.schema.link;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link SeqCounter} numbers from 1 and never hands out a number twice, even when shared.
 */
class SeqCounterTests {

	@Test
	void countsFromOne() {
		SeqCounter counter = new SeqCounter();
		assertThat(counter.last()).isZero();
		assertThat(counter.next()).isEqualTo(1);
		assertThat(counter.next()).isEqualTo(2);
		assertThat(counter.last()).isEqualTo(2);
	}

	@Test
	void threadsSharingACounterGetEveryNumberExactlyOnce() throws Exception {
		SeqCounter counter = new SeqCounter();
		int threads = 4;
		int perThread = 5_000;
		Set<Long> seen = ConcurrentHashMap.newKeySet();
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					start.await();
					for (int i = 0; i < perThread; i++) {
						assertThat(seen.add(counter.next())).isTrue();
					}
					return null;
				}));
			}
			start.countDown();
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			executor.shutdownNow();
		}
		assertThat(seen).hasSize(threads * perThread);
		assertThat(seen.stream().mapToLong(Long::longValue).min().orElseThrow()).isEqualTo(1);
		assertThat(seen.stream().mapToLong(Long::longValue).max().orElseThrow()).isEqualTo(threads * perThread);
		assertThat(counter.last()).isEqualTo(threads * perThread);
	}

}
