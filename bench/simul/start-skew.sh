#!/usr/bin/env bash
# Start skew of synchronised playback: player agents with headless mpv, started with and without the `at`
# extension, skew read from mpv's own playback position against one clock.
# Usage: bench/simul/start-skew.sh [agents] [runs]
# Each agent is read READINGS times (default 8) SETTLE_MS (default 1500) after the start, and not before every
# agent's start check and restarts are over (at most 10 s more); the reading with the
# shortest IPC round trip counts, and the first reading alone is reported beside it. START_CHECK=false runs the
# agents without their start check and learned lead, for comparison; CHECK_THRESHOLD_MS, CHECK_READINGS and
# CHECK_MAX_RESTARTS try other start-check settings (mediafleet.player.start-check.*) without a build.
# Per run and agent (start against the agreed instant, restarts, lead): scheduler-service/target/simul-skew-detail.txt.
# Needs mpv and ffmpeg; prints and keeps the results in scheduler-service/target/simul-skew.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
agents="${1:-10}"
runs="${2:-10}"
./mvnw ${MAVEN_ARGS:-} -q -pl scheduler-service -am verify -Dtest=SimulSkewBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dsimul.bench.agents="$agents" -Dsimul.bench.runs="$runs" \
  -Dsimul.bench.readings="${READINGS:-8}" -Dsimul.bench.settle-ms="${SETTLE_MS:-1500}" \
  -Dsimul.bench.start-check="${START_CHECK:-true}" \
  ${CHECK_THRESHOLD_MS:+-Dsimul.bench.check.threshold-ms="$CHECK_THRESHOLD_MS"} \
  ${CHECK_READINGS:+-Dsimul.bench.check.readings="$CHECK_READINGS"} \
  ${CHECK_MAX_RESTARTS:+-Dsimul.bench.check.max-restarts="$CHECK_MAX_RESTARTS"}
cat scheduler-service/target/simul-skew.txt
