package io.mediafleet.player.sync;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class StartCheckTests {

	// The timeline: position 0 at clock 10 000 ms.
	private static final double AT = 10_000;

	private final StartCheck check = new StartCheck(StartCheck.Settings.DEFAULTS);

	@Test
	void readingsWithDelayedRepliesDoNotCountAgainstQuickOnes() {
		// The player really started 1 ms late (1 ms behind). Quick readings (0.2 ms round trip) show it; readings
		// whose reply was held up 12 ms put their midpoint 6 ms late, as if the player were 6 ms further behind.
		List<StartCheck.Reading> readings = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			double before = AT + 300 + 5 * i;
			double replyDelay = (i % 2 == 0) ? 12 : 0.2;
			// mpv answers at once, so its position is the one at the request, plus a hair.
			double position = before + 0.1 - AT - 1;
			readings.add(new StartCheck.Reading(before, before + replyDelay, position));
		}
		assertThat(StartCheck.errorMs(readings, AT, 0)).isCloseTo(-1.0, within(0.05));
		// The plain midpoint of every reading would say 3.95 ms behind on average.
		double naive = readings.stream().mapToDouble((r) -> r.positionMs() - ((r.beforeMs() + r.afterMs()) / 2 - AT))
			.average().orElseThrow();
		assertThat(naive).isLessThan(-3.5);
	}

	@Test
	void aStartWithinTheThresholdIsLeftAlone() {
		StartCheck.Verdict verdict = this.check.check(readings(-2.5, 0, 12), AT, 0, 0, 0, AT + 350);
		assertThat(verdict).isInstanceOfSatisfying(StartCheck.Verdict.Hold.class,
				(hold) -> assertThat(hold.errorMs()).isCloseTo(-2.5, within(0.01)));
	}

	@Test
	void aStartTooFarBehindIsStartedAgainWhereTheGroupWillBe() {
		StartCheck.Verdict verdict = this.check.check(readings(-9, 0, 12), AT, 0, 0, 0, AT + 340.4);
		assertThat(verdict).isInstanceOfSatisfying(StartCheck.Verdict.Restart.class, (restart) -> {
			assertThat(restart.errorMs()).isCloseTo(-9, within(0.01));
			// 150 ms margin, on a whole millisecond; the position the timeline has there.
			assertThat(restart.atMs()).isEqualTo(AT + 491);
			assertThat(restart.positionMs()).isEqualTo(491);
		});
	}

	@Test
	void aStartAheadIsStartedAgainToo() {
		assertThat(this.check.check(readings(7, 0, 12), AT, 5_000, 0, 0, AT + 340))
			.isInstanceOfSatisfying(StartCheck.Verdict.Restart.class,
					(restart) -> assertThat(restart.positionMs()).isEqualTo(5_000 + 490));
	}

	@Test
	void restartsStopAtTheLimit() {
		int limit = StartCheck.Settings.DEFAULTS.maxRestarts();
		assertThat(limit).isEqualTo(4);
		assertThat(this.check.check(readings(-9, 0, 1), AT, 0, 0, limit - 1, AT + 340))
			.isInstanceOf(StartCheck.Verdict.Restart.class);
		assertThat(this.check.check(readings(-9, 0, 2), AT, 0, 0, limit, AT + 340))
			.isInstanceOf(StartCheck.Verdict.Hold.class);
	}

	@Test
	void theLeadIsTheMedianLagOfRecentStartsSoOneDescheduledStartDoesNotMoveIt() {
		assertThat(this.check.leadMs()).isZero();
		// Starts land 2.4-3 ms behind (unpaused at the instant: the lag is the error), one 15 ms behind.
		double[] errors = { -2.6, -2.4, -15, -3.0, -2.8 };
		for (int i = 0; i < errors.length; i++) {
			this.check.check(readings(errors[i], 0, i), AT, 0, 0, 0, AT + 340);
		}
		assertThat(this.check.leadMs()).isCloseTo(2.8, within(0.01));
	}

	@Test
	void aStartUnpausedWithTheLeadThatLandsOnTheInstantKeepsTheLead() {
		for (int i = 0; i < 5; i++) {
			this.check.check(readings(-2.5, 0, i), AT, 0, 0, 0, AT + 340);
		}
		assertThat(this.check.leadMs()).isCloseTo(2.5, within(0.01));
		// Unpaused 2.5 ms early, the sound started on the instant: lag 2.5 again, the lead stays.
		for (int i = 0; i < 10; i++) {
			assertThat(this.check.check(readings(0, 0, 10 + i), AT, 0, 2.5, 0, AT + 340))
				.isInstanceOf(StartCheck.Verdict.Hold.class);
		}
		assertThat(this.check.leadMs()).isCloseTo(2.5, within(0.01));
	}

	@Test
	void restartsLearnTheirOwnLeadBecauseTheyWakeAlone() {
		for (int i = 0; i < 5; i++) {
			this.check.check(readings(-4, 0, i), AT, 0, 0, 0, AT + 340);
			// The restart, alone on the machine, lags 1 ms only.
			this.check.check(readings(-1, 0, 100 + i), AT, 0, 0, 1, AT + 840);
		}
		assertThat(this.check.leadMs()).isCloseTo(4, within(0.01));
		assertThat(this.check.restartLeadMs()).isCloseTo(1, within(0.01));
		// A restart planned now carries the restarts' lead.
		assertThat(this.check.check(readings(-9, 0, 7), AT, 0, 4, 0, AT + 340))
			.isInstanceOfSatisfying(StartCheck.Verdict.Restart.class,
					(restart) -> assertThat(restart.leadMs()).isCloseTo(1, within(0.01)));
	}

	@Test
	void seeksWhilePlayingLearnTheirOwnLeadAndResumesShareTheStarts() {
		for (int i = 0; i < 5; i++) {
			this.check.check(readings(-2, 0, i), AT, 0, 0, StartCheck.Landing.UNPAUSE, 0, AT + 340);
			// A seek while playing lags by mpv's seek: 6 ms.
			this.check.check(readings(-6, 5000, 100 + i), AT, 5000, 0, StartCheck.Landing.JUMP, 0, AT + 340);
		}
		assertThat(this.check.leadMs()).isCloseTo(2, within(0.01));
		assertThat(this.check.leadMs(StartCheck.Landing.UNPAUSE)).isCloseTo(2, within(0.01));
		assertThat(this.check.jumpLeadMs()).isCloseTo(6, within(0.01));
		assertThat(this.check.leadMs(StartCheck.Landing.JUMP)).isCloseTo(6, within(0.01));
		assertThat(this.check.restartLeadMs()).isZero();
		// A jump too far off is restarted like a start, with the restarts' lead.
		assertThat(this.check.check(readings(-9, 5000, 7), AT, 5000, 6, StartCheck.Landing.JUMP, 0, AT + 340))
			.isInstanceOfSatisfying(StartCheck.Verdict.Restart.class,
					(restart) -> assertThat(restart.positionMs()).isCloseTo(5000 + 340 + 150, within(0.01)));
	}

	@Test
	void lagsBeyondTheLargestLeadAreNotLearned() {
		for (int i = 0; i < 5; i++) {
			this.check.check(readings(-40, 0, i), AT, 0, 0, 0, AT + 340);
		}
		assertThat(this.check.leadMs()).isZero();
	}

	@Test
	void anEarlyStartGivesNoNegativeLead() {
		for (int i = 0; i < 5; i++) {
			this.check.check(readings(1.5, 0, i), AT, 0, 0, 0, AT + 340);
		}
		assertThat(this.check.leadMs()).isZero();
	}

	@Test
	void withoutReadingsNothingIsKnownOrLearned() {
		assertThat(this.check.check(List.of(), AT, 0, 0, 0, AT + 340)).isInstanceOf(StartCheck.Verdict.Unknown.class);
		assertThat(this.check.leadMs()).isZero();
	}

	@Test
	void switchedOffItNeverLeads() {
		StartCheck off = new StartCheck(StartCheck.Settings.OFF);
		off.check(readings(-3, 0, 1), AT, 0, 0, 0, AT + 340);
		assertThat(off.leadMs()).isZero();
	}

	@Test
	void settingsRefuseNonsense() {
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new StartCheck.Settings(true, Duration.ofMillis(-1), 1, 8, Duration.ofMillis(150),
					Duration.ofMillis(20)));
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> new StartCheck.Settings(true, Duration.ofMillis(3), 1, 0, Duration.ofMillis(150),
					Duration.ofMillis(20)));
	}

	// Eight readings from 300 ms after the instant of a player errorMs off the timeline (anchored at AT, from
	// positionMs), with round trips of 0.2-0.6 ms and a few wild ones, seeded.
	private static List<StartCheck.Reading> readings(double errorMs, double positionMs, long seed) {
		Random random = new Random(seed);
		List<StartCheck.Reading> readings = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			double before = AT + 300 + 4 * i;
			double quick = 0.2 + 0.4 * random.nextDouble();
			// mpv answers halfway through a quick trip; a wild reading's reply then waits 10 ms more.
			double trip = quick + ((random.nextInt(4) == 0) ? 10 : 0);
			double answeredAt = before + quick / 2;
			readings.add(new StartCheck.Reading(before, before + trip, positionMs + answeredAt - AT + errorMs));
		}
		return readings;
	}

}
