package io.mediafleet.devstack;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class RestartBackoffTests {

	private static final Instant T0 = Instant.parse("2026-12-06T12:00:00Z");

	private final RestartBackoff backoff = new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
			Duration.ofSeconds(60));

	@Test
	void quickExitsDoubleTheDelayFromOneSecondUpToTheCap() {
		Instant now = T0;
		this.backoff.started(now);
		StringBuilder delays = new StringBuilder();
		for (int i = 0; i < 8; i++) {
			now = now.plusSeconds(2);
			Duration delay = this.backoff.exited(now);
			delays.append(delay.toSeconds()).append(' ');
			now = now.plus(delay);
			this.backoff.started(now);
		}
		assertThat(delays.toString().strip()).isEqualTo("1 2 4 8 16 30 30 30");
		assertThat(this.backoff.attempt()).isEqualTo(8);
	}

	@Test
	void aRunThatStayedUpLongEnoughStartsANewSeriesAtOneSecond() {
		this.backoff.started(T0);
		assertThat(this.backoff.exited(T0.plusSeconds(1))).hasSeconds(1);
		this.backoff.started(T0.plusSeconds(2));
		assertThat(this.backoff.exited(T0.plusSeconds(3))).hasSeconds(2);
		this.backoff.started(T0.plusSeconds(5));
		assertThat(this.backoff.exited(T0.plusSeconds(65))).as("up exactly 60 s").hasSeconds(1);
		assertThat(this.backoff.attempt()).isEqualTo(1);
	}

	@Test
	void aRunJustShortOfStableKeepsTheSeriesGoing() {
		this.backoff.started(T0);
		assertThat(this.backoff.exited(T0.plusSeconds(1))).hasSeconds(1);
		this.backoff.started(T0.plusSeconds(2));
		assertThat(this.backoff.exited(T0.plusSeconds(61))).as("up 59 s").hasSeconds(2);
		assertThat(this.backoff.attempt()).isEqualTo(2);
	}

	@Test
	void anExitWithoutAKnownStartCountsAsQuick() {
		assertThat(this.backoff.exited(T0)).hasSeconds(1);
		assertThat(this.backoff.exited(T0.plusSeconds(600))).hasSeconds(2);
	}

	@Test
	void manyExitsNeverOverflowTheCap() {
		for (int i = 0; i < 10_000; i++) {
			this.backoff.exited(T0);
		}
		assertThat(this.backoff.exited(T0)).hasSeconds(30);
	}

	@Test
	void defaultsAreOneSecondDoublingToThirtyResetAfterAMinute() {
		RestartBackoff defaults = RestartBackoff.defaults();
		defaults.started(T0);
		assertThat(defaults.exited(T0)).hasSeconds(1);
		assertThat(defaults.exited(T0)).hasSeconds(2);
		defaults.started(T0);
		assertThat(defaults.exited(T0.plusSeconds(60))).hasSeconds(1);
	}

	@Test
	void nonsensicalLimitsAreRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RestartBackoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(
				() -> new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(-1)));
	}

}
