package io.mediafleet.scheduler.radio;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The liveness verdict on the scheduler's own Redis link: a round may count unanswered pings only when the previous
 * round's pings provably left and the scheduler was listening, and only two rounds and the recovery grace after any
 * trouble.
 */
class RedisLinkWatchTests {

	private static final long SECOND = 1_000_000_000L;

	private final RedisLinkWatch link = new RedisLinkWatch(Duration.ofSeconds(2), Duration.ofSeconds(5));

	/** A round at {@code t} whose pings and probe are published at once and echoed. */
	private boolean soundRound(long t) {
		boolean judge = this.link.judgeRound(t);
		this.link.publishStarted(t);
		this.link.publishSucceeded(t + 1000);
		this.link.probeEchoed(t);
		return judge;
	}

	@Test
	void roundsJudgeOnceThePreviousRoundsProbeCameBack() {
		assertThat(soundRound(0)).as("first round: nothing was pinged before").isFalse();
		assertThat(soundRound(5 * SECOND)).isTrue();
		assertThat(soundRound(10 * SECOND)).isTrue();
	}

	@Test
	void roundWhoseProbeNeverCameBackIsNotJudged() {
		soundRound(0);
		// Published, but the scheduler's subscription was down: no echo, the pongs may be lost too.
		this.link.judgeRound(5 * SECOND);
		this.link.publishStarted(5 * SECOND);
		this.link.publishSucceeded(5 * SECOND + 1000);
		assertThat(this.link.judgeRound(10 * SECOND)).isFalse();
	}

	@Test
	void failedPublishSuspendsJudgementForTwoRounds() {
		soundRound(0);
		soundRound(5 * SECOND);
		this.link.judgeRound(10 * SECOND);
		this.link.publishStarted(10 * SECOND);
		this.link.publishFailed(10 * SECOND + 1000);
		assertThat(this.link.isTroubled(11 * SECOND)).isTrue();
		// Redis is back just before the next round: that round's probe comes back, yet the failure is too recent.
		assertThat(soundRound(15 * SECOND)).isFalse();
		assertThat(this.link.isTroubled(16 * SECOND)).isFalse();
		assertThat(soundRound(20 * SECOND)).isFalse();
		assertThat(soundRound(25 * SECOND)).isTrue();
	}

	@Test
	void publishHangingBeyondTheLimitIsTroubleUntilItEnds() {
		soundRound(0);
		soundRound(5 * SECOND);
		// Redis frozen: the pings of this round hang.
		this.link.judgeRound(10 * SECOND);
		this.link.publishStarted(10 * SECOND);
		assertThat(this.link.isTroubled(11 * SECOND)).as("within the limit").isFalse();
		assertThat(this.link.isTroubled(13 * SECOND)).isTrue();
		assertThat(this.link.judgeRound(15 * SECOND)).isFalse();
		// Redis runs again: the hanging publish completes and its probe comes back late.
		this.link.publishSucceeded(16 * SECOND);
		this.link.probeEchoed(10 * SECOND);
		assertThat(this.link.isTroubled(16 * SECOND)).isFalse();
		// The hang lasted until 16 s: two whole rounds must start after that before a round judges.
		assertThat(soundRound(20 * SECOND)).isFalse();
		assertThat(soundRound(25 * SECOND)).isFalse();
		assertThat(soundRound(30 * SECOND)).isTrue();
	}

	@Test
	void hangSeenOnlyAtTheNextRoundStillCounts() {
		soundRound(0);
		this.link.judgeRound(5 * SECOND);
		this.link.publishStarted(5 * SECOND);
		// Nobody asked in between: the round notices the hang itself and does not judge.
		assertThat(this.link.judgeRound(10 * SECOND)).isFalse();
	}

	@Test
	void shortRoundsWaitForTheRecoveryGraceAfterTrouble() {
		// Pinged every second: two rounds after the outage are not yet enough for a streamer whose reconnect back-off
		// has grown to a few seconds.
		soundRound(0);
		soundRound(SECOND);
		this.link.judgeRound(2 * SECOND);
		this.link.publishStarted(2 * SECOND);
		this.link.publishFailed(2 * SECOND + 1000);
		for (long t = 3; t <= 7; t++) {
			assertThat(soundRound(t * SECOND)).as("round at %d s, within 5 s of the failure", t).isFalse();
		}
		assertThat(soundRound(8 * SECOND)).as("more than 5 s and two rounds after the failure").isTrue();
	}

	@Test
	void stuckLimitMustBePositiveAndGraceNotNegative() {
		assertThatIllegalArgumentException().isThrownBy(() -> new RedisLinkWatch(Duration.ZERO, Duration.ZERO));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new RedisLinkWatch(Duration.ofSeconds(1), Duration.ofSeconds(-1)));
	}

}
