#!/usr/bin/env bash
# Position spread of synchronised playback for a whole file: player agents with headless mpv and drift correction,
# every agent's position read against one clock every 250 ms from 5 s after the start to the end of the run.
# Usage: bench/simul/drift.sh [agents] [seconds] [correct]   (defaults: 10 agents, 60 s, true; 600 s for a
# 10-minute file; correct=false runs the same without drift correction, for comparison)
# Needs mpv and ffmpeg; prints and keeps the results in scheduler-service/target/simul-drift.txt.
set -euo pipefail
cd "$(dirname "$0")/../.."
agents="${1:-10}"
seconds="${2:-60}"
correct="${3:-true}"
./mvnw ${MAVEN_ARGS:-} -q -pl scheduler-service -am verify -Dtest=SimulDriftBenchmark \
  -Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -DskipITs -Dsimul.bench.agents="$agents" \
  -Dsimul.bench.seconds="$seconds" -Dsimul.bench.correct="$correct"
cat scheduler-service/target/simul-drift.txt
