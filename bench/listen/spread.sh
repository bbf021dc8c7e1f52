#!/usr/bin/env bash
# Real streamers behind the scheduler's one listen URL (docs/listening.md). Starts Redis (embedded-redis's
# binary), MongoDB (mongo-java-server in its own JVM), the scheduler and STREAMERS streamer jars (dedicated listener
# ports, listener limit LIMIT each), programs one radio, makes streamer 1 its master with one direct listener, then
# sends N listeners through http://<scheduler>/listen/<radio> at RATE per second and holds them HOLD seconds.
# Prints the share of each streamer (equal limits: each should get N / STREAMERS within ±10 %), listeners below
# 90 % of the bitrate over the hold, the radio's listeners summed over streamers as the scheduler's admin API
# shows them, then SIGKILLs one streamer (KILL=relay: streamer 2, a relay; KILL=master: streamer 1) and reports how
# long its listeners took to get audio again through the URL.
#
#   bench/listen/spread.sh                          # N=300 STREAMERS=3 RATE=100 HOLD=20 KILL=relay
#   N=1500 RATE=250 LIMIT=1000 bench/listen/spread.sh
#
# LOADGEN=1: the scale run instead. bench/streamer/LoadGen.java (one NIO process) sends the N listeners through the
# URL (each follows its 307 once) and judges them as the streamer benchmark does: clean = none failed, none dropped,
# none below 90 % of the bitrate in any 2 s window. Prints each streamer's share (within ±10 % of N / STREAMERS?),
# the streamers' CPU per listener-second and the summed count; no kill. The issue's run, 3 x 5,000 at 1,000/s:
#   LOADGEN=1 N=15000 LIMIT=6000 RATE=1000 HOLD=30 bench/listen/spread.sh
# (needs ~2 idle cores and 2 x N open files for the load generator: ulimit -n is raised to the hard limit.)
#
# Every listener comes from 127.0.0.1: the per-address guards of the scheduler and the streamers are off (as in
# bench/streamer/run.sh), and the streamers use the 64 KB socket send buffer of the streamer benchmark.
# Needs: ffmpeg, python3, JDK 21+ (found by ./mvnw); builds the two services' jars (package, never install).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
N=${N:-300}
STREAMERS=${STREAMERS:-3}
RATE=${RATE:-100}
HOLD=${HOLD:-20}
LIMIT=${LIMIT:-1000}
KILL=${KILL:-relay}
LOADGEN=${LOADGEN:-0}
STREAMER_HEAP=${STREAMER_HEAP:-512m}
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
AFTER_KILL=${AFTER_KILL:-15}
TOKEN=bench-admin-token
WORK=$(mktemp -d /tmp/listen-spread.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
. ./.mvn/find-jdk.sh
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 360); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }
admin() { curl -sS --fail-with-body -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' "$@"; }

# Built in the reactor, never installed; Maven's errors on the terminal (bench/lib/maven.sh).
. ./bench/lib/maven.sh
if [ "${SKIP_BUILD:-false}" != true ]; then
	bench_maven -pl scheduler-service,streamer-service -am -DskipTests -Djacoco.skip=true package
fi
bench_maven -pl test-support dependency:build-classpath -Dmdep.outputFile="$WORK/test-support.classpath"
echo "work directory: $WORK"
mkdir -p "$WORK/library"
ffmpeg -hide_banner -loglevel error -f lavfi -i "sine=frequency=440:duration=120" \
	-metadata title="Spread Tone" -metadata artist="Mediafleet" -b:a 128k "$WORK/library/spread.mp3"

JAR=$(find ~/.m2/repository/com/github/codemonstur/embedded-redis -name 'embedded-redis-*.jar' | head -1)
unzip -q -o -j "$JAR" redis-server-6.2.6-v5-linux-amd64 -d "$WORK" && chmod +x "$WORK/redis-server-6.2.6-v5-linux-amd64"
REDIS_PORT=$(free_port)
"$WORK/redis-server-6.2.6-v5-linux-amd64" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
"$JAVA_HOME/bin/java" -Xmx512m -cp "test-support/target/classes:$(cat "$WORK/test-support.classpath")" \
	io.mediafleet.testsupport.EmbeddedMongoDbProcess >"$WORK/mongo.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do grep -q '^mongodb://' "$WORK/mongo.log" && break; sleep 0.1; done
MONGODB_URI=$(grep -m1 '^mongodb://' "$WORK/mongo.log")

SCHEDULER_PORT=$(free_port)
env SERVER_PORT="$SCHEDULER_PORT" SPRING_MAIN_BANNERMODE=off SPRING_DATA_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
	SPRING_MONGODB_URI="$MONGODB_URI/listen-spread" MEDIAFLEET_SCHEDULER_ADMIN_TOKEN=$TOKEN \
	MEDIAFLEET_SCHEDULER_BURN_PORT=0 MEDIAFLEET_SCHEDULER_SIMUL_ADVISEPORT=0 MEDIAFLEET_SCHEDULER_SIMUL_COMMANDPORT=0 \
	MEDIAFLEET_SCHEDULER_HTTP_MAXCONNECTIONSPERADDRESS=0 \
	"$JAVA_HOME/bin/java" -Xmx512m -jar scheduler-service/target/scheduler-service.jar >"$WORK/scheduler.log" 2>&1 &
PIDS+=($!)
wait_http "http://127.0.0.1:$SCHEDULER_PORT/actuator/health"
admin -X PUT "http://127.0.0.1:$SCHEDULER_PORT/api/admin/songs/spread-song" \
	-d '{"filename":"spread.mp3","durationSeconds":120,"title":"Spread Tone"}' >/dev/null
admin -X PUT "http://127.0.0.1:$SCHEDULER_PORT/api/admin/playlists/spread" \
	-d '{"name":"Spread","songIds":["spread-song"],"random":false}' >/dev/null
admin -X PUT "http://127.0.0.1:$SCHEDULER_PORT/api/admin/radios/spread" \
	-d '{"name":"Spread radio","defaultPlaylistId":"spread"}' >/dev/null

STREAMER_PIDS=()
LISTEN_PORTS=()
WEB_PORTS=()
for i in $(seq 1 "$STREAMERS"); do
	web=$(free_port)
	listen=$(free_port)
	env SERVER_PORT="$web" SPRING_MAIN_BANNERMODE=off SPRING_DATA_REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
		MEDIAFLEET_STREAMER_STREAMERID="spread-$i" MEDIAFLEET_STREAMER_LIBRARYDIRECTORY="$WORK/library" \
		MEDIAFLEET_STREAMER_LISTENERLIMIT="$LIMIT" MEDIAFLEET_STREAMER_STREAM_LISTENERPORT="$listen" \
		MEDIAFLEET_STREAMER_LISTEN_HOST=127.0.0.1 MEDIAFLEET_STREAMER_PEER_ENABLED=false \
		MEDIAFLEET_STREAMER_HTTP_MAXLISTENERSPERADDRESS=0 MEDIAFLEET_STREAMER_HTTP_MAXCONNECTIONSPERADDRESS=0 \
		MEDIAFLEET_STREAMER_HTTP_MAXHANDSHAKESPERADDRESS=4096 MEDIAFLEET_STREAMER_STREAM_SOCKETSENDBUFFER=64KB \
		"$JAVA_HOME/bin/java" -Xmx"$STREAMER_HEAP" -jar streamer-service/target/streamer-service.jar >"$WORK/streamer-$i.log" 2>&1 &
	PIDS+=($!)
	STREAMER_PIDS+=($!)
	LISTEN_PORTS+=("$listen")
	WEB_PORTS+=("$web")
done
for port in "${WEB_PORTS[@]}"; do
	wait_http "http://127.0.0.1:$port/actuator/health"
done
# Every streamer reporting: the URL redirects (the scheduler knows of them once their first report arrived).
for _ in $(seq 1 120); do
	[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$SCHEDULER_PORT/listen/spread")" = 307 ] && break
	sleep 0.5
done
sleep 2
# Streamer 1 masters the radio: one direct listener for the whole run.
curl -s -o /dev/null --max-time $((HOLD + AFTER_KILL + 60)) "http://127.0.0.1:${LISTEN_PORTS[0]}/radios/spread" &
PIDS+=($!)
for _ in $(seq 1 60); do
	admin "http://127.0.0.1:$SCHEDULER_PORT/api/admin/radios/spread" 2>/dev/null | grep -q '"masterStreamer":"spread-1"' && break
	sleep 0.5
done
if [ "$LOADGEN" = 1 ]; then
	"$JAVA_HOME/bin/javac" -d "$WORK/loadgen" "$ROOT/bench/streamer/LoadGen.java"
	TICK=$(getconf CLK_TCK)
	ticks() { local sum=0; for pid in "${STREAMER_PIDS[@]}"; do sum=$((sum + $(awk '{print $14+$15}' "/proc/$pid/stat"))); done; echo "$sum"; }
	echo "load average before: $(cat /proc/loadavg)"
	cpu0=$(ticks)
	"$JAVA_HOME/bin/java" -Dloadgen.follow=true -cp "$WORK/loadgen" LoadGen 127.0.0.1 "$SCHEDULER_PORT" \
		/listen/spread "$N" "$RATE" "$HOLD" 128 >"$WORK/loadgen.log" &
	lg=$!
	# The summed count while every listener is connected: half-way through the hold.
	sleep "$(python3 -c "print($N / $RATE + $HOLD / 2)")"
	echo "mid-hold, scheduler admin API (listeners summed over streamers: N + 1 direct + 1 per relay): $(admin "http://127.0.0.1:$SCHEDULER_PORT/api/admin/radios/spread")"
	wait "$lg"
	out=$(cat "$WORK/loadgen.log")
	cpu1=$(ticks)
	echo "load average after: $(cat /proc/loadavg)"
	echo "$out"
	python3 - "$N" "$STREAMERS" "$cpu0" "$cpu1" "$TICK" "$out" <<'PY'
import re, sys
n, streamers, cpu0, cpu1, tick, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
f = dict(re.findall(r"(\w+)=([0-9.]+)", out.splitlines()[0]))
shares = {k: int(v) for k, v in re.findall(r"^share (\S+)=(\d+)$", out, re.M)}
even = n / streamers
spread_ok = len(shares) == streamers and all(abs(v - even) <= 0.1 * even for v in shares.values())
clean = f["failed"] == "0" and f["early_disconnects"] == "0" and f["stalled"] == "0"
cpu_ms = (cpu1 - cpu0) * 1000 / tick
print(f"shares {sorted(shares.values())} of {n} (even {even:.0f}, ±10 %: {'yes' if spread_ok else 'NO'}); "
      f"failed {f['failed']}, dropped {f['early_disconnects']}, stalled {f['stalled']}: {'clean' if clean else 'NOT clean'}; "
      f"streamers' CPU {cpu_ms / (float(f['listener_seconds']) or 1):.3f} ms per listener-second "
      f"(load generator {f['cpu_percent']} % of a core)")
PY
	exit 0
fi
case "$KILL" in master) VICTIM=${STREAMER_PIDS[0]} ;; *) VICTIM=${STREAMER_PIDS[1]} ;; esac
echo "scheduler :$SCHEDULER_PORT, streamers' listener ports: ${LISTEN_PORTS[*]}; killing $KILL (pid $VICTIM) after the hold"
python3 "$ROOT/bench/listen/listen_client.py" "http://127.0.0.1:$SCHEDULER_PORT/listen/spread" "$N" "$RATE" "$HOLD" \
	"$AFTER_KILL" "$VICTIM" | tee "$WORK/client.log" | while read -r line; do
	echo "$line"
	case "$line" in
		SUMMARY*)
			echo "scheduler admin API, radio status: $(admin "http://127.0.0.1:$SCHEDULER_PORT/api/admin/radios/spread")"
			for port in "${WEB_PORTS[@]}"; do
				echo "streamer :$port icecast listeners: $(curl -s "http://127.0.0.1:$port/status-json.xsl" | python3 -c 'import json,sys; s=json.load(sys.stdin)["icestats"].get("source",[]); s=s if isinstance(s,list) else [s]; print(sum(x["listeners"] for x in s))' 2>/dev/null || echo "(no answer)")"
			done ;;
	esac
done
echo "after the kill, scheduler admin API: $(admin "http://127.0.0.1:$SCHEDULER_PORT/api/admin/radios/spread")"
