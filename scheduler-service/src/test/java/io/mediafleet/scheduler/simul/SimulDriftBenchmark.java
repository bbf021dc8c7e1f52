package io.mediafleet.scheduler.simul;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.mediafleet.player.playback.Player;
import io.mediafleet.player.sync.PlaybackSync;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Position spread across player agents running real mpv with drift correction, for a whole file: every 250 ms each
 * agent's mpv is asked for its position against one clock (this JVM's {@code nanoTime}), giving each agent's
 * apparent start (query midpoint minus position); the spread of one round is the largest minus the smallest. Rounds
 * from 5 s after the start to the end of the run count. Not part of the build (the name does not end in Tests); run
 * it with {@code bench/simul/drift.sh}.
 */
class SimulDriftBenchmark {

	private static final int AGENTS = Integer.getInteger("simul.bench.agents", 10);

	private static final int SECONDS = Integer.getInteger("simul.bench.seconds", 60);

	/** false measures the same run without drift correction, for comparison. */
	private static final boolean CORRECT = Boolean.parseBoolean(System.getProperty("simul.bench.correct", "true"));

	private static final Duration PATIENCE = Duration.ofSeconds(120);

	@TempDir
	Path temp;

	@Test
	void positionSpreadWhileTheWholeFilePlays() throws Exception {
		List<Double> spreads = new ArrayList<>();
		List<Double> offsets = new ArrayList<>();
		try (SimulRig rig = new SimulRig(this.temp, Duration.ofSeconds(15), Duration.ofSeconds(2))) {
			// WAV: mpv seeks it exactly, and it is cheap to decode for ten players on two cores.
			Path tone = rig.tone("tone.wav", 440, SECONDS + 10);
			for (int i = 0; i < AGENTS; i++) {
				String name = "agent" + i;
				rig.agent(name, rig.mediaDirectory(name, tone), List.of(),
						new PlaybackSync.Settings(CORRECT, Duration.ofMillis(250), Duration.ofSeconds(1),
								PlaybackSync.Settings.DEFAULTS.controller()));
			}
			await().atMost(PATIENCE).until(() -> rig.master.liveSlaveCount() == AGENTS);
			rig.master.simulFile("tone.wav", null, "bench");
			await().atMost(PATIENCE).until(() -> rig.master.status().state() == SimulState.READY);
			await().atMost(PATIENCE)
				.until(() -> rig.players.values().stream().allMatch((player) -> player.playing() != null));
			Instant at = rig.master.start("bench");
			await().atMost(PATIENCE).until(() -> rig.master.status().state() == SimulState.PLAYING);
			Instant from = at.plusSeconds(5);
			Instant until = at.plusSeconds(SECONDS);
			long left = from.toEpochMilli() - System.currentTimeMillis();
			if (left > 0) {
				Thread.sleep(left);
			}
			while (Instant.now().isBefore(until)) {
				double[] starts = new double[AGENTS];
				int i = 0;
				for (Map.Entry<String, Player> entry : rig.players.entrySet()) {
					long before = System.nanoTime();
					Double position = entry.getValue().position();
					long after = System.nanoTime();
					assertThat(position).as("position of %s", entry.getKey()).isNotNull();
					starts[i++] = (before + after) / 2.0 / 1e6 - Objects.requireNonNull(position) * 1e3;
				}
				double[] sorted = starts.clone();
				Arrays.sort(sorted);
				double median = sorted[sorted.length / 2];
				for (double start : starts) {
					offsets.add(Math.abs(start - median));
				}
				spreads.add(sorted[sorted.length - 1] - sorted[0]);
				Thread.sleep(250);
			}
			SyncStatus sync = rig.master.sync();
			String text = ("agents=%d run=%d s correction=%s cores=%d rounds=%d%n"
					+ "position spread per round (max-min, from 5 s after the start): p50=%.2f ms p99=%.2f ms max=%.2f ms%n"
					+ "|offset from round median|: p50=%.2f ms p99=%.2f ms max=%.2f ms%n"
					+ "master's view from simul-position at the end: spread=%s ms")
				.formatted(AGENTS, SECONDS, CORRECT ? "on" : "off", Runtime.getRuntime().availableProcessors(), spreads.size(),
						percentile(spreads, 0.50), percentile(spreads, 0.99), percentile(spreads, 1.0),
						percentile(offsets, 0.50), percentile(offsets, 0.99), percentile(offsets, 1.0), sync.spreadMs());
			System.out.println(text);
			Files.writeString(Path.of("target", "simul-drift.txt"), text + System.lineSeparator());
		}
	}

	private static double percentile(List<Double> values, double quantile) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
