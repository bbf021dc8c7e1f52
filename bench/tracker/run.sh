#!/usr/bin/env sh
# Tracker benchmark: starts the tracker jar (and opentracker for comparison) on this machine, runs
# TrackerLoad.java against each and prints the figures recorded in docs/performance.md, ending with a summary table.
#   [SKIP_OPENTRACKER=1] [TRACKER_ARGS=...] [JFR=file.jfr] bench/tracker/run.sh [peers songsPerPeer songPool shapes seconds listEvery]
# Defaults: 1000 peers x 100 songs from a pool of 1000; INFO-only runs of 10 s for the shapes 8x2,16x4,32x4,64x8
# (connections x requests in flight), then 64x8 with one LIST per 100 requests (0: none); then broadcasts to the
# 1.6 MB catalogue and, after every peer re-announces one song of 100, to the small one.
# TRACKER_ARGS are extra tracker options, e.g. "--mediafleet.tracker.tsp.worker-threads=2"; JFR records the tracker.
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/find-jdk.sh
# Built every time (a jar left from older code would be measured otherwise), never installed; Maven's errors on the
# terminal; MAVEN_ARGS=-o builds offline once ~/.m2 has everything (bench/lib/maven.sh).
. ./bench/lib/maven.sh
bench_maven -pl tracker-service -am -DskipTests -Djacoco.skip=true package
port=${TSP_PORT:-17070}
args="${1:-1000} ${2:-100} ${3:-1000} ${4:-8x2,16x4,32x4,64x8} ${5:-10} ${6:-100}"
heap() { jcmd "$1" GC.run >/dev/null; jcmd "$1" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -n 1; }
jfr=""
[ -z "${JFR-}" ] || jfr="-XX:StartFlightRecording=filename=$JFR,settings=profile"

echo "== mediafleet tracker (Netty), TSP on $port; loadavg $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
# shellcheck disable=SC2086
# The tracker requires a peer token in INIT; the load's peers send it (a TOKEN line, docs/protocols/tsp.md).
tsp_token="bench-$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
java -Xmx2g --enable-native-access=ALL-UNNAMED $jfr -jar tracker-service/target/tracker-service.jar --server.port=0 \
  --mediafleet.tracker.tsp.port="$port" --mediafleet.tracker.peers.token="$tsp_token" ${TRACKER_ARGS-} \
  >/tmp/bench-tracker.log 2>&1 &
tracker=$!
trap 'kill $tracker 2>/dev/null || true' EXIT
i=0; until grep -q "Started TrackerApplication" /tmp/bench-tracker.log; do
  i=$((i+1)); kill -0 $tracker 2>/dev/null && [ $i -lt 120 ] || { cat /tmp/bench-tracker.log; exit 1; }; sleep 1
done
grep -o "TSP tracker listening.*" /tmp/bench-tracker.log
before=$(heap $tracker)
# shellcheck disable=SC2086
MEDIAFLEET_TSP_TOKEN=$tsp_token TRACKER_PID=$tracker java bench/tracker/TrackerLoad.java tsp 127.0.0.1 "$port" $args | while IFS= read -r line; do
  if [ "$line" = PAUSE-FOR-MEMORY ]; then
    after=$(heap $tracker); echo "tracker heap after GC: ${before} KiB empty, ${after} KiB with the catalogue"
  else echo "$line"; fi
done
kill $tracker; wait $tracker 2>/dev/null || true

if [ -z "${SKIP_OPENTRACKER-}" ] && command -v opentracker >/dev/null 2>&1; then
  oport=$((port + 1))
  echo "== opentracker (HTTP announce/scrape) on $oport; loadavg $(cut -d' ' -f1-3 /proc/loadavg)"
  opentracker -i 127.0.0.1 -p "$oport" -P "$oport" >/tmp/bench-opentracker.log 2>&1 &
  ot=$!
  trap 'kill $ot 2>/dev/null || true' EXIT
  sleep 1
  # shellcheck disable=SC2086
  java bench/tracker/TrackerLoad.java opentracker 127.0.0.1 "$oport" $args | grep -v PAUSE-FOR-MEMORY
  echo "opentracker resident memory: $(ps -o rss= -p $ot) KiB"
  kill $ot
elif [ -z "${SKIP_OPENTRACKER-}" ]; then
  echo "opentracker not installed (Debian package opentracker): no comparison"
fi
echo "loadavg at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
