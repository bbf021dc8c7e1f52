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

}
