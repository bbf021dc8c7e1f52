package io.mediafleet.scheduler.simul;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import io.mediafleet.schema.simul.SimulPosition;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class GroupTimelineTests {

	private static final Instant START = Instant.parse("2026-12-06T20:00:00Z");

	private static final Duration LEAD = Duration.ofSeconds(2);

	private final GroupTimeline timeline = new GroupTimeline();

	@Test
	void pauseLandsOnThePositionTheGroupReachesAtThePlannedInstant() {
		this.timeline.started(START);
		GroupTimeline.Plan pause = this.timeline.pause(START.plusSeconds(60), LEAD);
		assertThat(pause.at()).isEqualTo(START.plusSeconds(62));
		assertThat(pause.positionMs()).isEqualTo(62_000);
		assertThat(this.timeline.positionAt(START.plusSeconds(600))).isEqualTo(62_000);
	}

	@Test
	void resumeContinuesFromThePausedPositionAtItsInstant() {
		this.timeline.started(START);
		this.timeline.pause(START.plusSeconds(10), LEAD);
		GroupTimeline.Plan resume = this.timeline.resume(START.plusSeconds(100), LEAD);
		assertThat(resume).isEqualTo(new GroupTimeline.Plan(START.plusSeconds(102), 12_000));
		assertThat(this.timeline.positionAt(START.plusSeconds(105))).isEqualTo(15_000);
	}

	@Test
	void seekKeepsPlayingOrPausedAsItWas() {
		this.timeline.started(START);
		GroupTimeline.Plan seek = this.timeline.seek(START.plusSeconds(5), LEAD, 90_000);
		assertThat(this.timeline.positionAt(seek.at().plusSeconds(1))).isEqualTo(91_000);
		this.timeline.pause(START.plusSeconds(20), LEAD);
		this.timeline.seek(START.plusSeconds(30), LEAD, 1_000);
		assertThat(this.timeline.isPaused()).isTrue();
		assertThat(this.timeline.positionAt(START.plusSeconds(90))).isEqualTo(1_000);
	}

	@Test
	void transportNeedsAPlayingSimulAndTheRightState() {
		assertThatExceptionOfType(SimulCommandException.class).isThrownBy(() -> this.timeline.pause(START, LEAD))
			.withMessageContaining("no simul is playing");
		this.timeline.started(START);
		assertThatExceptionOfType(SimulCommandException.class).isThrownBy(() -> this.timeline.resume(START, LEAD))
			.withMessageContaining("not paused");
		this.timeline.pause(START, LEAD);
		assertThatExceptionOfType(SimulCommandException.class).isThrownBy(() -> this.timeline.pause(START, LEAD))
			.withMessageContaining("already paused");
		this.timeline.clear();
		assertThat(this.timeline.isRunning()).isFalse();
	}

	@Test
	void boardComparesEachReportWithTheTimelineAtTheSlavesClock() {
		this.timeline.started(START);
		PositionBoard board = new PositionBoard();
		Instant now = START.plusSeconds(30);
		board.record(report("den", 29_004, START.plusSeconds(29)), now, this.timeline);
		board.record(report("attic", 29_997, START.plusSeconds(30)), now, this.timeline);
		assertThat(board.offsets()).extracting(SyncStatus.SlaveOffset::name, SyncStatus.SlaveOffset::offsetMs)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("attic", -3L),
					org.assertj.core.groups.Tuple.tuple("den", 4L));
		assertThat(board.spreadMs(now)).isEqualTo(7);
		// A stale report is left out of the spread; a slave that left is forgotten.
		assertThat(board.spreadMs(now.plus(PositionBoard.FRESHNESS).plusSeconds(1))).isNull();
		board.retain(Set.of("den"));
		assertThat(board.offsets()).hasSize(1);
	}

	@Test
	void operatorPositionsAreReadAsSecondsMinutesAndHours() {
		assertThat(List.of("45", "1:30", "01:02:03.5", "0:10.25")).map(SeekPosition::parseMillis)
			.containsExactly(45_000L, 90_000L, 3_723_500L, 10_250L);
		for (String bad : List.of("", "1:60", "1:61:00", "-3", "1:2:3:4", "abc", "9999:59:59")) {
			assertThatExceptionOfType(SimulCommandException.class).as(bad)
				.isThrownBy(() -> SeekPosition.parseMillis(bad));
		}
	}

	private static SimulPosition report(String name, long positionMs, Instant clock) {
		return new SimulPosition(name, "f.mkv", positionMs, clock.toEpochMilli(), false, 1.0);
	}

}
