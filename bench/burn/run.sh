#!/bin/sh
# Burn + verify throughput: plain xorriso + md5sum versus the burner agent's engine, same image, same machine.
# Usage: [RUNS=n] bench/burn/run.sh [size MB, default 700] [work dir, default /tmp/mediafleet-burn-bench]
# Each run measures the plain pipeline, then the agent's, each starting with no dirty pages of an earlier write
# (earlier outputs deleted, then sync): otherwise one pipeline pays for the disk writeback of the other's output.
# Needs: xorriso, md5sum; builds burner-agent first (MAVEN_ARGS=-o to build offline).
set -eu
size_mb=${1:-700}
work=${2:-/tmp/mediafleet-burn-bench}
root=$(cd "$(dirname "$0")/../.." && pwd)
command -v xorriso >/dev/null || { echo "xorriso is required (apt-get install xorriso)" >&2; exit 1; }
mkdir -p "$work/content" "$work/isos"
[ -f "$work/content/data.bin" ] || head -c "$((size_mb * 1000000))" /dev/urandom > "$work/content/data.bin"
[ -f "$work/isos/image.iso" ] || xorriso -as mkisofs -quiet -o "$work/isos/image.iso" "$work/content" 2>/dev/null
bytes=$(stat -c %s "$work/isos/image.iso")
mb=$(echo "$bytes / 1000000" | bc -l)
rate() { echo "scale=1; $mb / $1" | bc -l; }
secs() { s=$(date +%s.%N); "$@" >/dev/null 2>&1; e=$(date +%s.%N); echo "$e - $s" | bc -l; }

# The agent's classes and what they need, built in the reactor (never installed), Maven's errors on the terminal.
cd "$root"
. ./bench/lib/maven.sh
bench_classpath burner-agent
. "$root/.mvn/find-jdk.sh"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
runs=${RUNS:-1}
# Starts a measurement clean: earlier outputs gone and nothing left to write back.
settle() { rm -f "$work/t.iso" "$work/agent.iso"; sync; }
i=1
while [ "$i" -le "$runs" ]; do
  echo "== run $i of $runs"
  settle; t=$(secs xorriso -as cdrecord -v dev=stdio:"$work/t.iso" "$work/isos/image.iso")
  echo "plain xorriso -as cdrecord (4 MB fifo):  $(rate "$t") MB/s"
  settle; tb=$(secs xorriso -as cdrecord -v dev=stdio:"$work/t.iso" fs=64m "$work/isos/image.iso")
  echo "plain xorriso -as cdrecord fs=64m:      $(rate "$tb") MB/s"
  tv=$(secs sh -c "head -c $bytes '$work/t.iso' | md5sum")
  echo "plain exact-length read-back md5:       $(rate "$tv") MB/s"
  echo "plain best burn+verify:                 $(rate "$(echo "$tb + $tv" | bc -l)") MB/s"
  settle
  "$java" -cp "$BENCH_CLASSPATH" "$root/bench/burn/BurnBench.java" "$work/isos/image.iso" "$work/agent.iso" 64
  i=$((i + 1))
done
settle
