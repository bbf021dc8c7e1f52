package io.mediafleet.player.playback;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static io.mediafleet.player.TestPrograms.require;
import static io.mediafleet.player.TestPrograms.tone;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The player against a real headless mpv: what its position readings are worth, since drift correction and the
 * skew benchmarks act on them.
 */
class PlayerIntegrationTests {

	@TempDir
	Path temp;

	@Test
	void positionMovesBetweenTheOutputsChunksSoConsecutiveReadingsDiffer() throws Exception {
		Path tone = tone(this.temp.resolve("tone.wav"), 30);
		try (Player player = new Player(List.of(require("mpv"), "--no-terminal", "--no-config", "--ao=null",
				"--vo=null"), true)) {
			player.prepare(tone, (code) -> {
			});
			assertThat(player.position()).isZero();
			player.go();
			Thread.sleep(300);
			List<Double> readings = new ArrayList<>();
			for (int i = 0; i < 40; i++) {
				readings.add(Objects.requireNonNull(player.position()));
				Thread.sleep(5);
			}
			// playback-time holds each value for a ~50 ms chunk: most of 40 readings 5 ms apart would repeat one.
			// audio-pts is computed when asked, so (even on a loaded machine, where readings come further apart)
			// nearly every reading is new.
			long distinct = readings.stream().distinct().count();
			assertThat(distinct).as("distinct readings among %s", readings).isGreaterThanOrEqualTo(30);
			assertThat(readings.getLast()).isGreaterThan(readings.getFirst());
		}
	}

	@Test
	void aSpeedNudgeMovesThePositionByWhatTheSpeedSays() throws Exception {
		Path tone = tone(this.temp.resolve("tone.wav"), 30);
		try (Player player = new Player(List.of(require("mpv"), "--no-terminal", "--no-config", "--ao=null",
				"--vo=null"), true)) {
			player.prepare(tone, (code) -> {
			});
			player.go();
			Thread.sleep(500);
			double before = offsetMs(player);
			// 2 % slower for 500 ms: 10 ms behind. mpv's scaletempo (pitch correction) ends such a nudge 2-12 ms
			// away from that, mostly ahead; resampling lands within a fraction of a millisecond.
			player.setSpeed(0.98);
			Thread.sleep(500);
			player.setSpeed(1.0);
			Thread.sleep(300);
			double moved = offsetMs(player) - before;
			assertThat(moved).as("position moved by the nudge, ms").isBetween(-10.0 - 3, -10.0 + 3);
		}
	}

	// Where the player stands against this JVM's clock (position minus clock, ms): the median of 5 readings, each the
	// quickest of 5 round trips (a reply held up by the scheduler is off by half its trip).
	private static double offsetMs(Player player) throws Exception {
		List<Double> offsets = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			double best = Double.NaN;
			long shortest = Long.MAX_VALUE;
			for (int k = 0; k < 5; k++) {
				long before = System.nanoTime();
				Double position = player.audioPosition();
				long after = System.nanoTime();
				if (position != null && after - before < shortest) {
					shortest = after - before;
					best = position * 1000 - (before + after) / 2e6;
				}
			}
			offsets.add(best);
			Thread.sleep(20);
		}
		return offsets.stream().sorted().toList().get(2);
	}

}
