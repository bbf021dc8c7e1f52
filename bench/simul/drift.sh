#!/usr/bin/env bash
# Position spread of synchronised playback for a whole file: player agents with headless mpv and drift correction,
# every agent's position read against one clock every 250 ms from 5 s after the start to the end of the run.
# Usage: bench/simul/drift.sh [agents] [seconds] [correct]   (defaults: 10 agents, 60 s, true; 600 s for a
# 10-minute file; correct=false runs the same without drift correction, for comparison)
# Method (docs/simul.md, "Drift (benchmark)"): each reading is mpv's audio-pts at the midpoint of its IPC round trip;
# one whose round trip exceeds MAX_ROUND_TRIP_MS (default 1.0) is re-read, up to TRIES (default 8) times, else the
# agent is left out of that round (counted). Two accepted readings per agent and round: their difference is printed
# as the measurement noise. DEAD_BAND_MS, MAX_SPEED_ADJUST, HORIZON_MS and WINDOW try other drift-controller settings
# (mediafleet.player drift.*) without a build.
# Needs mpv and ffmpeg; prints and keeps the results in scheduler-service/target/simul-drift.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
agents="${1:-10}"
seconds="${2:-60}"
correct="${3:-true}"
./mvnw ${MAVEN_ARGS:-} -q -pl scheduler-service -am verify -Dtest=SimulDriftBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -DskipITs -Dsimul.bench.agents="$agents" \
  -Dsimul.bench.seconds="$seconds" -Dsimul.bench.correct="$correct" \
  ${MAX_ROUND_TRIP_MS:+-Dsimul.bench.max-round-trip-ms="$MAX_ROUND_TRIP_MS"} \
  ${TRIES:+-Dsimul.bench.tries="$TRIES"} \
  ${DEAD_BAND_MS:+-Dsimul.bench.dead-band-ms="$DEAD_BAND_MS"} \
  ${MAX_SPEED_ADJUST:+-Dsimul.bench.max-speed-adjust="$MAX_SPEED_ADJUST"} \
  ${HORIZON_MS:+-Dsimul.bench.horizon-ms="$HORIZON_MS"} \
  ${WINDOW:+-Dsimul.bench.window="$WINDOW"}
cat scheduler-service/target/simul-drift.txt
