package io.mediafleet.player.sync;

import java.time.Clock;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InstantWaitTests {

	private final InstantSource clock = InstantSource.system();

	@Test
	void returnsNoEarlierThanTheInstant() {
		for (int i = 0; i < 20; i++) {
			long at = this.clock.millis() + 1 + (i % 7);
			assertThat(InstantWait.until(this.clock, at)).isTrue();
			Instant after = this.clock.instant();
			assertThat(after.toEpochMilli()).as("woke at %s for %d", after, at).isGreaterThanOrEqualTo(at);
		}
	}

	@Test
	void anInstantInThePastReturnsAtOnce() {
		Clock fixed = Clock.fixed(Instant.ofEpochMilli(1_000_000), ZoneOffset.UTC);
		assertThat(InstantWait.until(fixed, 999_000)).isTrue();
	}

	@Test
	void anInterruptCancelsTheWaitAndIsKept() throws Exception {
		CompletableFuture<Boolean[]> result = new CompletableFuture<>();
		Thread waiter = Thread.ofPlatform().start(() -> {
			boolean reached = InstantWait.until(this.clock, this.clock.millis() + 60_000);
			result.complete(new Boolean[] { reached, Thread.currentThread().isInterrupted() });
		});
		waiter.interrupt();
		Boolean[] outcome = result.get(30, TimeUnit.SECONDS);
		assertThat(outcome).containsExactly(false, true);
	}

}
