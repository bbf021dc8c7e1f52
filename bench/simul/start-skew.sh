#!/usr/bin/env bash
# Start skew of synchronised playback: player agents with headless mpv, started with and without the `at`
# extension, skew read from mpv's own playback position against one clock.
# Usage: bench/simul/start-skew.sh [agents] [runs]
# Needs mpv and ffmpeg; prints and keeps the results in scheduler-service/target/simul-skew.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
agents="${1:-10}"
runs="${2:-10}"
./mvnw ${MAVEN_ARGS:-} -q -pl scheduler-service -am verify -Dtest=SimulSkewBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -Dsimul.bench.agents="$agents" -Dsimul.bench.runs="$runs"
cat scheduler-service/target/simul-skew.txt
