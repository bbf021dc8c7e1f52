package io.mediafleet.link.client;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReconnectBackoffTests {

	@Test
	void delaysDoubleUpToTheCeilingAndStayThere() {
		ReconnectBackoff backoff = ReconnectBackoff.from(Duration.ofSeconds(1));
		assertThat(new Duration[] { backoff.next(), backoff.next(), backoff.next(), backoff.next(), backoff.next(),
				backoff.next(), backoff.next() })
			.containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8),
					Duration.ofSeconds(16), Duration.ofSeconds(30), Duration.ofSeconds(30));
	}

	@Test
	void aSessionBringsTheDelayBackToTheFirst() {
		ReconnectBackoff backoff = new ReconnectBackoff(Duration.ofMillis(100), Duration.ofMillis(250));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(200));
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(250));
		backoff.reset();
		assertThat(backoff.next()).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void aFirstDelayLongerThanTheDefaultCeilingIsItsOwnCeiling() {
		ReconnectBackoff backoff = ReconnectBackoff.from(Duration.ofMinutes(1));
		assertThat(backoff.next()).isEqualTo(Duration.ofMinutes(1));
		assertThat(backoff.next()).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void nonPositiveOrInvertedDelaysAreRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReconnectBackoff.from(Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReconnectBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)));
	}

}
