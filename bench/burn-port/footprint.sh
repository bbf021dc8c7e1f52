#!/bin/sh
# Heap one idle, unidentified connection to the burn port costs: a harness JVM serves the port with budgets big
# enough for N connections; a Python client in another process opens N sockets that never send ID; the harness
# prints heap after GC before and after, per connection.
# Usage: bench/burn-port/footprint.sh [N, default 2000]. Builds scheduler-service's test classes first
# (MAVEN_ARGS=-o to build offline).
set -eu
n=${1:-2000}
root=$(cd "$(dirname "$0")/../.." && pwd)
cd "$root"
# Built in the reactor, never installed (bench/lib/maven.sh).
. ./bench/lib/maven.sh
bench_classpath scheduler-service
out=$(mktemp)
trap 'rm -f "$out"; [ -n "${harness:-}" ] && kill "$harness" 2>/dev/null; true' EXIT
. "$root/.mvn/find-jdk.sh"
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
"$java" -Xmx512m -cp "$BENCH_CLASSPATH" \
	io.mediafleet.scheduler.burn.PreIdentificationFootprint "$n" >"$out" 2>/dev/null &
harness=$!
i=0
until grep -q '^READY' "$out" 2>/dev/null; do
	i=$((i + 1)); [ "$i" -lt 600 ] || { echo "harness did not start" >&2; exit 1; }
	sleep 0.1
done
port=$(sed -n 's/^PORT //p' "$out")
python3 - "$port" "$n" <<'PY' &
import socket, sys, time
port, n = int(sys.argv[1]), int(sys.argv[2])
held = [socket.create_connection(("127.0.0.1", port)) for _ in range(n)]
time.sleep(60)
PY
client=$!
wait "$harness" || true
harness=
kill "$client" 2>/dev/null || true
grep -v '^PORT\|^READY' "$out"
