package io.mediafleet.scheduler.simul;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.mediafleet.player.playback.Player;
import io.mediafleet.player.sync.PlaybackSync;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.awaitility.Awaitility.await;

/**
 * Position spread across player agents running real mpv with drift correction, for a whole file. Not part of the
 * build (the name does not end in Tests); run it with {@code bench/simul/drift.sh}.
 *
 * <p><b>Method</b> (since 2026-12-07; the earlier one is still printed as "first reading"). Every 250 ms a
 * round reads every agent's mpv ({@code audio-pts}, never the coarse {@code playback-time}) over its IPC socket
 * against one clock, this JVM's {@code nanoTime}, which every agent of the run shares. A reading is taken to be
 * the position at the midpoint of its round trip, so it is off by at most half the trip; a reply held up (the
 * bench thread, ten mpv and ten agents on two cores, or the agent's own sample holding the player) is therefore
 * <em>re-read</em>, up to {@link #TRIES} times, until one comes back within {@link #MAX_ROUND_TRIP_MS}; an agent
 * with none within the bound is <em>discarded</em> from that round (counted; the round's spread is taken over the
 * others, or not at all with fewer than two). Each accepted position is extrapolated to the round's instant
 * (the first reading's midpoint) at speed 1: the agents' speed nudges (at most ±2 %) make that off by at most 2 %
 * of the distance, which is printed (round span). Each agent is read twice that way per round; the two readings'
 * difference is the <em>measurement noise</em> (nothing real moves a player by a millisecond within a millisecond),
 * and their mean is the sample. The spread of a round is the largest minus the smallest agent's offset from the
 * group's timeline (agreed start instant {@code at}, position 0); rounds from 5 s after the start count.
 */
class SimulDriftBenchmark {

	private static final int AGENTS = Integer.getInteger("simul.bench.agents", 10);

	private static final int SECONDS = Integer.getInteger("simul.bench.seconds", 60);

	/** false measures the same run without drift correction, for comparison. */
	private static final boolean CORRECT = Boolean.parseBoolean(System.getProperty("simul.bench.correct", "true"));

	/** A reading whose IPC round trip is longer than this is re-read (its midpoint is off by up to half of it). */
	private static final double MAX_ROUND_TRIP_MS = Double
		.parseDouble(System.getProperty("simul.bench.max-round-trip-ms", "1.0"));

	/** Readings tried per accepted reading before the agent is discarded from the round. */
	private static final int TRIES = Integer.getInteger("simul.bench.tries", 8);

	// The agents' drift controller: the defaults, or what the properties below change (to try settings without a
	// build).
	private static final io.mediafleet.player.sync.DriftController.Settings CONTROLLER = controller();

	private static final Duration PATIENCE = Duration.ofSeconds(120);

	@TempDir
	Path temp;

	@Test
	void positionSpreadWhileTheWholeFilePlays() throws Exception {
		List<Double> spreads = new ArrayList<>();
		List<Double> firstSpreads = new ArrayList<>();
		List<Double> noise = new ArrayList<>();
		List<Double> roundTrips = new ArrayList<>();
		List<Double> spans = new ArrayList<>();
		Map<String, List<Double>> offsets = new LinkedHashMap<>();
		// Per round: seconds since the agreed instant, then each agent's offset (blank: discarded).
		List<String> trace = new ArrayList<>();
		int accepted = 0;
		int reread = 0;
		int discarded = 0;
		int roundsShort = 0;
		try (SimulRig rig = new SimulRig(this.temp, Duration.ofSeconds(15), Duration.ofSeconds(2))) {
			// WAV: mpv seeks it exactly, and it is cheap to decode for ten players on two cores.
			Path tone = rig.tone("tone.wav", 440, SECONDS + 10);
			for (int i = 0; i < AGENTS; i++) {
				String name = "agent" + i;
				rig.agent(name, rig.mediaDirectory(name, tone), List.of(),
						new PlaybackSync.Settings(CORRECT, Duration.ofMillis(250), Duration.ofSeconds(1), CONTROLLER));
				offsets.put(name, new ArrayList<>());
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
				double atNanoMs = agreedInstantOnNanoTime(at);
				double roundMs = Double.NaN;
				double roundEndMs = Double.NaN;
				List<Double> roundOffsets = new ArrayList<>();
				List<Double> roundFirst = new ArrayList<>();
				StringBuilder traceLine = new StringBuilder();
				for (String name : offsets.keySet()) {
					Player player = rig.players.get(name);
					Reading first = read(player);
					if (first == null) {
						continue;
					}
					if (Double.isNaN(roundMs)) {
						roundMs = first.midpointMs();
					}
					roundFirst.add(first.offsetMs(roundMs, atNanoMs));
					Reading[] pair = new Reading[2];
					for (int k = 0; k < 2; k++) {
						Reading candidate = (k == 0) ? first : read(player);
						for (int tries = 1; (candidate == null || candidate.roundTripMs() > MAX_ROUND_TRIP_MS)
								&& tries < TRIES; tries++) {
							candidate = read(player);
							reread++;
						}
						pair[k] = (candidate != null && candidate.roundTripMs() <= MAX_ROUND_TRIP_MS) ? candidate : null;
					}
					if (pair[0] == null || pair[1] == null) {
						traceLine.append(' ').append('-');
						discarded++;
						continue;
					}
					accepted += 2;
					roundTrips.add(pair[0].roundTripMs());
					roundTrips.add(pair[1].roundTripMs());
					double a = pair[0].offsetMs(roundMs, atNanoMs);
					double b = pair[1].offsetMs(roundMs, atNanoMs);
					noise.add(Math.abs(a - b));
					double offset = (a + b) / 2;
					roundOffsets.add(offset);
					offsets.get(name).add(offset);
					traceLine.append(String.format(Locale.ROOT, " %.2f", offset));
					roundEndMs = pair[1].midpointMs();
				}
				if (!Double.isNaN(roundEndMs)) {
					trace.add(String.format(Locale.ROOT, "%.2f", (roundMs - atNanoMs) / 1000) + traceLine);
					spans.add(roundEndMs - roundMs);
				}
				if (roundOffsets.size() >= 2) {
					spreads.add(spread(roundOffsets));
					if (roundOffsets.size() < AGENTS) {
						roundsShort++;
					}
				}
				if (roundFirst.size() >= 2) {
					firstSpreads.add(spread(roundFirst));
				}
				Thread.sleep(250);
			}
			SyncStatus sync = rig.master.sync();
			List<Double> absolute = new ArrayList<>();
			StringBuilder perAgent = new StringBuilder();
			for (Map.Entry<String, List<Double>> entry : offsets.entrySet()) {
				List<Double> values = entry.getValue();
				values.forEach((value) -> absolute.add(Math.abs(value)));
				io.micrometer.core.instrument.simple.SimpleMeterRegistry meters = rig.agentMeters.get(entry.getKey());
				perAgent.append(String.format(Locale.ROOT,
						"  %s: offset p1=%.2f p50=%.2f p99=%.2f ms; speed changes %d, seeks %d, start restarts %d%n",
						entry.getKey(), percentile(values, 0.01), percentile(values, 0.50), percentile(values, 0.99),
						(long) meters.counter("mediafleet.player.drift.corrections", "action", "speed").count(),
						(long) meters.counter("mediafleet.player.drift.corrections", "action", "seek").count(),
						(long) meters.counter("mediafleet.player.start.restarts").count()));
			}
			int rounds = spans.size();
			String text = String.join(System.lineSeparator(),
					String.format(Locale.ROOT, "agents=%d run=%d s correction=%s cores=%d rounds=%d controller=%s",
							AGENTS, SECONDS, CORRECT ? "on" : "off", Runtime.getRuntime().availableProcessors(), rounds,
							describe(CONTROLLER)),
					String.format(Locale.ROOT,
							"method: audio-pts over IPC against one clock, a reading re-read while its round trip > %.2f ms"
									+ " (at most %d tries), two accepted readings per agent and round, extrapolated at speed 1"
									+ " to the round's instant",
							MAX_ROUND_TRIP_MS, TRIES),
					String.format(Locale.ROOT,
							"readings: %d accepted, %d re-reads, %d agent-rounds discarded (no round trip within the bound),"
									+ " %d rounds short of agents; accepted round trip p50=%.3f p99=%.3f max=%.3f ms",
							accepted, reread, discarded, roundsShort, percentile(roundTrips, 0.50),
							percentile(roundTrips, 0.99), percentile(roundTrips, 1.0)),
					String.format(Locale.ROOT,
							"measurement noise |reading1 - reading2| p50=%.3f p99=%.3f max=%.3f ms; round span p99=%.1f ms"
									+ " (extrapolation error <= 2 %% of it)",
							percentile(noise, 0.50), percentile(noise, 0.99), percentile(noise, 1.0),
							percentile(spans, 0.99)),
					String.format(Locale.ROOT,
							"position spread per round (max-min, from 5 s after the start): p50=%.2f ms p99=%.2f ms max=%.2f ms",
							percentile(spreads, 0.50), percentile(spreads, 0.99), percentile(spreads, 1.0)),
					String.format(Locale.ROOT, "|offset from the timeline (at)|: p50=%.2f ms p99=%.2f ms max=%.2f ms",
							percentile(absolute, 0.50), percentile(absolute, 0.99), percentile(absolute, 1.0)),
					String.format(Locale.ROOT,
							"first reading only, no bound (the method before 2026-12-07): spread p50=%.2f ms p99=%.2f ms"
									+ " max=%.2f ms",
							percentile(firstSpreads, 0.50), percentile(firstSpreads, 0.99), percentile(firstSpreads, 1.0)),
					"master's view from simul-position at the end: spread=" + sync.spreadMs() + " ms",
					"per agent (offset from the timeline, ahead > 0):", perAgent.toString());
			System.out.println(text);
			Files.writeString(Path.of("target", "simul-drift.txt"), text + System.lineSeparator());
			trace.addFirst("seconds after at, then each agent's offset from the timeline in ms (ahead > 0): "
					+ String.join(" ", offsets.keySet()));
			Files.write(Path.of("target", "simul-drift-trace.txt"), trace);
		}
	}

	// The agreed instant on nanoTime's scale (ms), which the agents' epoch clock may slew from: epoch and nanoTime
	// read back to back, the closest of three pairs.
	private static double agreedInstantOnNanoTime(Instant at) {
		double best = Double.NaN;
		long shortest = Long.MAX_VALUE;
		for (int i = 0; i < 3; i++) {
			long before = System.nanoTime();
			Instant wall = Instant.now();
			long after = System.nanoTime();
			if (after - before < shortest) {
				shortest = after - before;
				best = (before + after) / 2e6 - (wall.getEpochSecond() * 1000.0 + wall.getNano() / 1e6) + at.toEpochMilli();
			}
		}
		return best;
	}

	// One reading of mpv's audio-pts; null when it has none (for a moment after a seek).
	private static @Nullable Reading read(Player player) throws Exception {
		long before = System.nanoTime();
		Double position = player.audioPosition();
		long after = System.nanoTime();
		return (position != null) ? new Reading((before + after) / 2e6, (after - before) / 1e6, position * 1e3) : null;
	}

	/** One reading: the midpoint of its round trip (nanoTime, ms), the round trip, the position (ms). */
	private record Reading(double midpointMs, double roundTripMs, double positionMs) {

		// Offset from the timeline (position 0 at atMs) at the round's instant: the position moved at speed 1 from
		// the reading's midpoint to roundMs, minus the timeline's position there (the round's instant cancels out).
		double offsetMs(double roundMs, double atMs) {
			return (this.positionMs + (roundMs - this.midpointMs)) - (roundMs - atMs);
		}

	}

	private static double spread(List<Double> values) {
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		return sorted[sorted.length - 1] - sorted[0];
	}

	private static io.mediafleet.player.sync.DriftController.Settings controller() {
		io.mediafleet.player.sync.DriftController.Settings d = io.mediafleet.player.sync.DriftController.Settings.DEFAULTS;
		return new io.mediafleet.player.sync.DriftController.Settings(
				Duration.ofNanos(Math.round(1e6 * Double.parseDouble(
						System.getProperty("simul.bench.dead-band-ms", String.valueOf(d.deadBand().toNanos() / 1e6))))),
				Double.parseDouble(System.getProperty("simul.bench.max-speed-adjust", String.valueOf(d.maxSpeedAdjust()))),
				Duration.ofMillis(Long.getLong("simul.bench.horizon-ms", d.correctionHorizon().toMillis())),
				Integer.getInteger("simul.bench.window", d.window()), d.seekThreshold(), d.settleTime(), d.minSpeedStep());
	}

	private static String describe(io.mediafleet.player.sync.DriftController.Settings settings) {
		return String.format(Locale.ROOT, "dead-band=%.2fms max-adjust=%.3f horizon=%dms window=%d",
				settings.deadBand().toNanos() / 1e6, settings.maxSpeedAdjust(), settings.correctionHorizon().toMillis(),
				settings.window());
	}

	private static double percentile(List<Double> values, double quantile) {
		if (values.isEmpty()) {
			return Double.NaN;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int index = (int) Math.ceil(quantile * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

}
