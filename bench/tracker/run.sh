#!/usr/bin/env sh
# Tracker benchmark: starts the tracker jar (and opentracker for comparison) on this machine, runs
# TrackerLoad.java against each and prints the figures recorded in docs/performance.md.
#   [SKIP_OPENTRACKER=1] bench/tracker/run.sh [peers songsPerPeer songPool connections seconds pipeline listEvery]
# Defaults: 1000 peers x 100 songs from a pool of 1000, 64 connections, 10 s, pipeline 8, one LIST per 100
# requests (0: INFO only).
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/find-jdk.sh
[ -f tracker-service/target/tracker-service.jar ] || ./mvnw -q -pl tracker-service -am -DskipTests package
port=${TSP_PORT:-17070}
args="${1:-1000} ${2:-100} ${3:-1000} ${4:-64} ${5:-10} ${6:-8} ${7:-100}"
heap() { jcmd "$1" GC.run >/dev/null; jcmd "$1" GC.heap_info | sed -n 's/.*used \([0-9]*\)K.*/\1/p' | head -n 1; }

echo "== mediafleet tracker (Netty), TSP on $port"
java -Xmx2g -jar tracker-service/target/tracker-service.jar --server.port=0 \
  --mediafleet.tracker.tsp.port="$port" >/tmp/bench-tracker.log 2>&1 &
tracker=$!
trap 'kill $tracker 2>/dev/null || true' EXIT
i=0; until grep -q "Started TrackerApplication" /tmp/bench-tracker.log; do
  i=$((i+1)); kill -0 $tracker 2>/dev/null && [ $i -lt 120 ] || { cat /tmp/bench-tracker.log; exit 1; }; sleep 1
done
before=$(heap $tracker)
java bench/tracker/TrackerLoad.java tsp 127.0.0.1 "$port" $args | while IFS= read -r line; do
  if [ "$line" = PAUSE-FOR-MEMORY ]; then
    after=$(heap $tracker); echo "tracker heap after GC: ${before} KiB empty, ${after} KiB with the catalogue"
  else echo "$line"; fi
done
kill $tracker; wait $tracker 2>/dev/null || true

if [ -z "${SKIP_OPENTRACKER-}" ] && command -v opentracker >/dev/null 2>&1; then
  oport=$((port + 1))
  echo "== opentracker (HTTP announce/scrape) on $oport"
  opentracker -i 127.0.0.1 -p "$oport" -P "$oport" >/tmp/bench-opentracker.log 2>&1 &
  ot=$!
  trap 'kill $ot 2>/dev/null || true' EXIT
  sleep 1
  java bench/tracker/TrackerLoad.java opentracker 127.0.0.1 "$oport" $args | grep -v PAUSE-FOR-MEMORY
  echo "opentracker resident memory: $(ps -o rss= -p $ot) KiB"
  kill $ot
elif [ -z "${SKIP_OPENTRACKER-}" ]; then
  echo "opentracker not installed (Debian package opentracker): no comparison"
fi
