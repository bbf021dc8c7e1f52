package io.mediafleet.scheduler.simul;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import io.mediafleet.player.playback.Player;
import io.mediafleet.player.sync.PlaybackSync;
import io.mediafleet.player.sync.StartCheck;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Start skew across player agents running real mpv, measured from mpv's own playback position against one
 * clock (this JVM's {@code nanoTime}): for each agent, start = (query midpoint) - (position mpv reports). Not part
 * of the build (the name does not end in Tests); run it with {@code bench/simul/start-skew.sh}.
 *
 * <p>A reading is timestamped at the midpoint of its IPC round trip, so a reply delayed by the scheduler (ten mpv,
 * ten agents and this thread on two cores) puts it off by up to half that trip: milliseconds, as much as the skew.
 * Each agent is therefore read {@link #READINGS} times and the reading with the shortest round trip counts (as NTP
 * does); the first reading alone, the method before 2026-12-07, is reported beside it. Readings start
 * {@link #SETTLE} after the simul is playing and once every agent's start check (and its restarts) is over: an agent
 * read in the middle of a restart stands paused and reads up to the restart's margin (150 ms) behind.
 */
class SimulSkewBenchmark {

	private static final int AGENTS = Integer.getInteger("simul.bench.agents", 10);

	private static final int RUNS = Integer.getInteger("simul.bench.runs", 10);

	private static final Duration PATIENCE = Duration.ofSeconds(60);

	private static final int READINGS = Integer.getInteger("simul.bench.readings", 8);

	private static final long SETTLE = Long.getLong("simul.bench.settle-ms", 1500);

	// Longest wait, after SETTLE, for the agents' start checks and restarts to be over.
	private static final Duration CHECKS_PATIENCE = Duration.ofSeconds(10);

	// false: the agents neither check their starts nor learn a lead (the behaviour before 2026-12-07).
	private static final boolean START_CHECK = Boolean.parseBoolean(System.getProperty("simul.bench.start-check", "true"));

	// The agents' start check: the defaults, or what the properties below change (to try settings without a build).
	private static final StartCheck.Settings CHECK = START_CHECK ? new StartCheck.Settings(true,
			Duration.ofNanos(Math.round(1e6 * Double.parseDouble(System.getProperty("simul.bench.check.threshold-ms",
					String.valueOf(StartCheck.Settings.DEFAULTS.threshold().toNanos() / 1e6))))),
			Integer.getInteger("simul.bench.check.max-restarts", StartCheck.Settings.DEFAULTS.maxRestarts()),
			Integer.getInteger("simul.bench.check.readings", StartCheck.Settings.DEFAULTS.readings()),
			StartCheck.Settings.DEFAULTS.margin(), StartCheck.Settings.DEFAULTS.maxLead()) : StartCheck.Settings.OFF;

	// Per run and agent: where it started against the agreed instant, its restarts and lead.
	private final List<String> detail = new ArrayList<>();

	@TempDir
	Path temp;

	@Test
	void startSkewWithAndWithoutAt() throws Exception {
		List<String> report = new ArrayList<>();
		report.add("agents=" + AGENTS + " runs=" + RUNS + " cores=" + Runtime.getRuntime().availableProcessors()
				+ " start-check=" + START_CHECK + (START_CHECK ? " threshold=" + CHECK.threshold().toNanos() / 1e6
						+ "ms max-restarts=" + CHECK.maxRestarts() + " readings=" + CHECK.readings() : ""));
		report.add(measure("with at (lead 2 s)", Duration.ofSeconds(2), Files.createDirectories(this.temp.resolve("at"))));
		report.add(measure("without at (start on receipt)", Duration.ZERO,
				Files.createDirectories(this.temp.resolve("no-at"))));
		String text = String.join(System.lineSeparator(), report);
		System.out.println(text);
		Path out = Path.of("target", "simul-skew.txt");
		Files.writeString(out, text + System.lineSeparator());
		Files.write(out.resolveSibling("simul-skew-detail.txt"), this.detail);
	}

	private String measure(String label, Duration lead, Path root) throws Exception {
		List<Double> offsetsMs = new ArrayList<>();
		List<Double> spreadsMs = new ArrayList<>();
		List<Double> firstOffsetsMs = new ArrayList<>();
		List<Double> firstSpreadsMs = new ArrayList<>();
		try (SimulRig rig = new SimulRig(root, Duration.ofSeconds(15), lead)) {
			Path tone = rig.tone("tone.mp3", 440, 60);
			for (int i = 0; i < AGENTS; i++) {
				String name = "agent" + i;
				PlaybackSync.Settings defaults = PlaybackSync.Settings.DEFAULTS;
				rig.agent(name, rig.mediaDirectory(name, tone), List.of(),
						new PlaybackSync.Settings(defaults.correct(), defaults.sampleInterval(), defaults.reportInterval(),
								defaults.controller(), CHECK));
			}
			await().atMost(PATIENCE).until(() -> rig.master.liveSlaveCount() == AGENTS);
			rig.master.simulFile("tone.mp3", null, "bench");
			await().atMost(PATIENCE).until(() -> rig.master.status().state() == SimulState.READY);
			// Like every later run (after a stop each agent loads the file paused again), the first starts from mpv
			// loaded paused: on a loaded machine ten mpv launches take longer than the start lead.
			await().atMost(PATIENCE).until(() -> rig.players.values().stream()
				.allMatch((player) -> !player.isPlaying() && player.playing() != null));
			this.detail.add(label + ": per agent, start against the agreed instant (ms, ahead > 0) / restarts / lead ms;"
					+ " offset from the run median in brackets");
			Map<String, Double> restartsBefore = new java.util.HashMap<>();
			Map<String, Long> checksBefore = new java.util.HashMap<>();
			for (int run = 0; run < RUNS; run++) {
				for (String name : rig.players.keySet()) {
					restartsBefore.put(name, restarts(rig, name));
					checksBefore.put(name, checks(rig, name));
				}
				rig.master.start("bench");
				await().atMost(PATIENCE).until(() -> rig.master.status().state() == SimulState.PLAYING);
				assertThat(rig.master.status().slaves()).allMatch(
						(slave) -> slave.start() == SimulStatus.StartState.STARTED);
				Thread.sleep(SETTLE);
				// Not while an agent is restarting (paused for the restart's margin, 150 ms): each agent's check
				// sequence is over when one check more than its restarts was recorded (a check that found no reading
				// records none: then at most CHECKS_PATIENCE is waited).
				long deadline = System.nanoTime() + CHECKS_PATIENCE.toNanos();
				while (START_CHECK && System.nanoTime() < deadline && !rig.players.keySet().stream().allMatch(
						(name) -> checks(rig, name) - checksBefore.get(name)
								>= restarts(rig, name) - restartsBefore.get(name) + 1)) {
					Thread.sleep(20);
				}
				double[] starts = new double[AGENTS];
				double[] firstStarts = new double[AGENTS];
				// nanoTime in ms minus epoch ms: the agents' instants are on the epoch clock, the readings on nanoTime.
				java.time.Instant wall = java.time.Instant.now();
				double nanoMinusEpochMs = System.nanoTime() / 1e6
						- (wall.getEpochSecond() * 1000.0 + wall.getNano() / 1e6);
				java.time.Instant startAt = rig.master.status().startAt();
				List<String> names = new ArrayList<>();
				int i = 0;
				for (Map.Entry<String, Player> entry : rig.players.entrySet()) {
					names.add(entry.getKey());
					double shortest = Double.MAX_VALUE;
					for (int reading = 0; reading < READINGS; reading++) {
						long before = System.nanoTime();
						Double position = entry.getValue().position();
						long after = System.nanoTime();
						assertThat(position).as("position of %s", entry.getKey()).isNotNull();
						double start = (before + after) / 2.0 / 1e6 - position * 1e3;
						if (reading == 0) {
							firstStarts[i] = start;
						}
						if (after - before < shortest) {
							shortest = after - before;
							starts[i] = start;
						}
					}
					i++;
				}
				collect(starts, offsetsMs, spreadsMs);
				double[] sorted = starts.clone();
				Arrays.sort(sorted);
				StringBuilder line = new StringBuilder("  run " + run + ":");
				for (int k = 0; k < names.size(); k++) {
					String name = names.get(k);
					double ahead = (startAt != null) ? startAt.toEpochMilli() - (starts[k] - nanoMinusEpochMs) : Double.NaN;
					line.append(String.format(java.util.Locale.ROOT, " %s %.2f[%.2f]/%d/%.2f", name, ahead,
							sorted[sorted.length / 2] - starts[k], Math.round(restarts(rig, name) - restartsBefore.get(name)),
							lead(rig, name)));
				}
				this.detail.add(line.toString());
				collect(firstStarts, firstOffsetsMs, firstSpreadsMs);
				rig.master.stop("bench");
				// Each agent loads the file paused again after a stop; the next run starts from there.
				await().atMost(PATIENCE).until(() -> rig.players.values().stream()
					.allMatch((player) -> !player.isPlaying() && player.playing() != null));
			}
		}
		return "%s: |offset from run median| p50=%.2f ms p99=%.2f ms max=%.2f ms; per-run spread (max-min) p50=%.2f ms max=%.2f ms (best of %d readings)%n  first reading only: p50=%.2f ms p99=%.2f ms max=%.2f ms; spread p50=%.2f ms max=%.2f ms"
			.formatted(label, percentile(offsetsMs, 0.50), percentile(offsetsMs, 0.99), percentile(offsetsMs, 1.0),
					percentile(spreadsMs, 0.50), percentile(spreadsMs, 1.0), READINGS,
					percentile(firstOffsetsMs, 0.50), percentile(firstOffsetsMs, 0.99),
					percentile(firstOffsetsMs, 1.0), percentile(firstSpreadsMs, 0.50), percentile(firstSpreadsMs, 1.0));
	}

	private static long checks(SimulRig rig, String name) {
		return rig.agentMeters.get(name).summary("mediafleet.player.start.error").count();
	}

	private static double restarts(SimulRig rig, String name) {
		return rig.agentMeters.get(name).counter("mediafleet.player.start.restarts").count();
	}

	private static double lead(SimulRig rig, String name) {
		io.micrometer.core.instrument.Gauge gauge = rig.agentMeters.get(name).find("mediafleet.player.start.lead").gauge();
		return (gauge != null) ? gauge.value() : Double.NaN;
	}

	private static void collect(double[] starts, List<Double> offsetsMs, List<Double> spreadsMs) {
		double[] sorted = starts.clone();
		Arrays.sort(sorted);
		double median = sorted[sorted.length / 2];
		for (double start : starts) {
			offsetsMs.add(Math.abs(start - median));
		}
		spreadsMs.add(sorted[sorted.length - 1] - sorted[0]);
	}

	private static double percentile(List<Double> values, double quantile) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
