package io.mediafleet.streamer.radio;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PingGapTests {

	private static final long SECOND = 1_000_000_000L;

	@Test
	void pingsAtTheirUsualPaceNeverAskForARegistration() {
		PingGap gap = new PingGap();
		for (int i = 0; i < 100; i++) {
			// 5 s ± 1.5 s of jitter, as a loaded scheduler sends them.
			assertThat(gap.ping(i * 5 * SECOND + (i % 3) * SECOND / 2)).isFalse();
		}
	}

	@Test
	void aPingAfterASilenceOfSeveralIntervalsAsksForOneRegistration() {
		PingGap gap = new PingGap();
		long t = 0;
		for (int i = 0; i < 5; i++) {
			gap.ping(t += 5 * SECOND);
		}
		assertThat(gap.ping(t += 30 * SECOND)).as("first ping after a 30 s freeze").isTrue();
		assertThat(gap.ping(t += 5 * SECOND)).as("the next ping, back at the usual pace").isFalse();
		assertThat(gap.ping(t += 5 * SECOND)).isFalse();
	}

	@Test
	void theFirstPingsOnlyTeachTheInterval() {
		PingGap gap = new PingGap();
		assertThat(gap.ping(0)).isFalse();
		assertThat(gap.ping(60 * SECOND)).isFalse();
		assertThat(gap.ping(65 * SECOND)).isFalse();
	}

	@Test
	void aSchedulerThatPingsLessOftenIsLearntAfterOneRegistration() {
		PingGap gap = new PingGap();
		long t = 0;
		for (int i = 0; i < 5; i++) {
			gap.ping(t += 5 * SECOND);
		}
		int registrations = 0;
		for (int i = 0; i < 20; i++) {
			registrations += gap.ping(t += 15 * SECOND) ? 1 : 0;
		}
		assertThat(registrations).isEqualTo(1);
	}

	@Test
	void shortGapsNeverCountHoweverFastThePings() {
		PingGap gap = new PingGap();
		long t = 0;
		for (int i = 0; i < 5; i++) {
			gap.ping(t += SECOND / 100);
		}
		assertThat(gap.ping(t += SECOND / 2)).isFalse();
	}

}
