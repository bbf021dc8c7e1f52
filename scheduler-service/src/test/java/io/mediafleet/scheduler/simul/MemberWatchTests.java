package io.mediafleet.scheduler.simul;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.mediafleet.scheduler.simul.MemberWatch.Action;
import io.mediafleet.scheduler.simul.MemberWatch.Late;
import io.mediafleet.scheduler.simul.MemberWatch.Phase;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The late-member state machine on its own, with a hand-moved clock.
 */
class MemberWatchTests {

	private static final Instant T0 = Instant.parse("2026-12-06T20:00:00Z");

	private final MemberWatch watch = new MemberWatch(Duration.ofSeconds(30));

	@Test
	void aMemberIsOnlyLateOnceItsFileDeadlineHasPassed() {
		this.watch.simulBegun(T0, LatePolicy.WAIT, List.of("den", "attic"));
		assertThat(this.watch.checkFiles(T0.plusSeconds(29), List.of("den", "attic"))).isEmpty();
		assertThat(this.watch.checkFiles(T0.plusSeconds(30), List.of("attic")))
			.contains(new Late(Phase.FILE, List.of("attic"), Action.KEEP_WAITING));
		assertThat(this.watch.lateFor("attic")).isEqualTo(Phase.FILE);
		assertThat(this.watch.lateFor("den")).isNull();
	}

	@Test
	void aLateMemberIsNamedOnceNotAtEveryTick() {
		this.watch.simulBegun(T0, LatePolicy.WAIT, List.of("attic"));
		assertThat(this.watch.checkFiles(T0.plusSeconds(31), List.of("attic"))).isPresent();
		assertThat(this.watch.checkFiles(T0.plusSeconds(32), List.of("attic"))).isEmpty();
		assertThat(this.watch.lateCount()).isOne();
	}

	@Test
	void eachPolicyMapsToItsAction() {
		for (LatePolicy policy : LatePolicy.values()) {
			MemberWatch each = new MemberWatch(Duration.ofSeconds(1));
			each.simulBegun(T0, policy, List.of("attic"));
			Action expected = switch (policy) {
				case WAIT -> Action.KEEP_WAITING;
				case START_WITHOUT -> Action.LEAVE_OUT;
				case ABORT -> Action.ABORT;
			};
			assertThat(each.checkFiles(T0.plusSeconds(1), List.of("attic")).orElseThrow().action())
				.as("policy %s", policy)
				.isEqualTo(expected);
			assertThat(each.isLeftOut("attic")).isEqualTo(policy == LatePolicy.START_WITHOUT);
		}
	}

	@Test
	void aMemberLeftOutForItsFileJoinsWhenItReportsIt() {
		this.watch.simulBegun(T0, LatePolicy.START_WITHOUT, List.of("attic"));
		this.watch.checkFiles(T0.plusSeconds(30), List.of("attic"));
		assertThat(this.watch.isLeftOut("attic")).isTrue();
		assertThat(this.watch.fileReported("attic")).isTrue();
		assertThat(this.watch.isLeftOut("attic")).isFalse();
		assertThat(this.watch.lateFor("attic")).isNull();
		assertThat(this.watch.fileReported("attic")).as("only a late member rejoins").isFalse();
	}

	@Test
	void aMemberSilentAtTheStartStaysLeftOutDespiteFileReportsUntilItAnswersAStart() {
		this.watch.simulBegun(T0, LatePolicy.START_WITHOUT, List.of("attic"));
		this.watch.fileReported("attic");
		assertThat(this.watch.startUnanswered(List.of("attic")))
			.contains(new Late(Phase.START, List.of("attic"), Action.LEAVE_OUT));
		assertThat(this.watch.fileReported("attic")).isFalse();
		assertThat(this.watch.isLeftOut("attic")).isTrue();
		this.watch.startAnswered("attic");
		assertThat(this.watch.isLeftOut("attic")).isFalse();
	}

	@Test
	void aMemberReportingInTimeIsNeverLate() {
		this.watch.simulBegun(T0, LatePolicy.ABORT, List.of("den"));
		this.watch.fileReported("den");
		assertThat(this.watch.checkFiles(T0.plusSeconds(300), List.of("den"))).as("no deadline once reported")
			.isEmpty();
	}

	@Test
	void aNewcomerGetsItsOwnDeadline() {
		this.watch.simulBegun(T0, LatePolicy.ABORT, List.of());
		this.watch.asked(T0.plusSeconds(20), "late-joiner");
		assertThat(this.watch.checkFiles(T0.plusSeconds(30), List.of("late-joiner"))).isEmpty();
		assertThat(this.watch.checkFiles(T0.plusSeconds(50), List.of("late-joiner"))).isPresent();
	}

	@Test
	void aNewSimulForgetsLatenessAndAGoneMemberIsForgotten() {
		this.watch.simulBegun(T0, LatePolicy.START_WITHOUT, List.of("attic", "den"));
		this.watch.checkFiles(T0.plusSeconds(30), List.of("attic", "den"));
		this.watch.forget("den");
		assertThat(this.watch.lateCount()).isOne();
		this.watch.simulBegun(T0.plusSeconds(60), LatePolicy.WAIT, List.of("attic"));
		assertThat(this.watch.lateCount()).isZero();
		assertThat(this.watch.isLeftOut("attic")).isFalse();
		assertThat(this.watch.policy()).isEqualTo(LatePolicy.WAIT);
	}

	@Test
	void policiesAreReadByTheirOperatorNames() {
		assertThat(LatePolicy.of("start-without")).isEqualTo(LatePolicy.START_WITHOUT);
		assertThat(LatePolicy.of("START_WITHOUT")).isEqualTo(LatePolicy.START_WITHOUT);
		assertThat(LatePolicy.of(" abort ")).isEqualTo(LatePolicy.ABORT);
		assertThatIllegalArgumentException().isThrownBy(() -> LatePolicy.of("never"))
			.withMessageContaining("wait, start-without or abort");
		assertThatIllegalArgumentException().isThrownBy(() -> new MemberWatch(Duration.ZERO));
	}

}
