#!/usr/bin/env bash
# Side-by-side listener benchmark: Icecast 2.4 (Debian icecast2) and the Mediafleet streamer serve
# the same 128 kbit/s MP3; one load generator ramps N listeners at RATE per second against each and
# holds them HOLD seconds. Reports, per server and N: failed connections, early disconnects, stalled
# listeners (< 90 % of the bitrate over a 2 s window), CPU ms per listener-second, resident
# memory per listener and, for the streamer, live heap per listener (used heap after a full GC at N
# listeners minus the same with none, divided by N). Stalls are judged until the last 4 s of the
# hold; CPU, RSS and heap are read when that quiet part begins (the full GC happens inside it).
#
# The streamer is measured on its dedicated listener port (mediafleet.streamer.stream.listener-port);
# WEB=1 also measures its Spring MVC web port (/radios on server.port) for comparison.
#
# Also reported, the same way for both servers: audio delivered (bytes beyond the bursts against real
# time), CPU per audio-second delivered, the server's user/system split and the load generator's own CPU.
# $WORK/loadgen.log says when stalled windows ended and how short they were; threads0/1.* hold per-thread CPU.
#
#   bench/streamer/run.sh                      # defaults below (the issue's target)
#   COUNTS="1000 4000" RATE=250 HOLD=20 bench/streamer/run.sh
#   SERVERS=streamer STREAMER_ARGS=--mediafleet.streamer.stream.listener-write-interval=100ms \
#     STREAMER_JAVA_OPTS=-XX:+UseParallelGC COUNTS=12000 bench/streamer/run.sh
#   SERVERS=streamer COUNTS=18000 RATE=1000 HOLD=30 bench/streamer/run.sh   # the 18,000-listener target
#     (needs 18,000+ open files in both the streamer and the load generator: ulimit -n is raised to the hard
#     limit below; 20,000 here)
#
#   STREAMER_JAR=/tmp/before.jar SERVERS=streamer COUNTS=18000 bench/streamer/run.sh   # a given jar (before/after)
#   WARMUP=50 LOADGEN_JAVA_OPTS=-Dloadgen.paceMillis=0 ...   # warm-up and load generator of runs before 2026-12-07 04:00
#   SERVERS=streamer STREAMER_ARGS=--mediafleet.streamer.stream.listener-write-threads=1 ...   # one writer thread
#
# Needs: ffmpeg, python3, JDK 21+ (found by ./mvnw), ~2 free cores; icecast2 only when SERVERS has icecast.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
COUNTS=${COUNTS:-"4000 8000 12000"}
RATE=${RATE:-1000}
HOLD=${HOLD:-30}
WEB=${WEB:-0}
# Which servers to measure (both by default); STREAMER_JAVA_OPTS / STREAMER_ARGS add JVM options / properties.
SERVERS=${SERVERS:-"icecast streamer"}
STREAMER_JAVA_OPTS=${STREAMER_JAVA_OPTS:-}
STREAMER_ARGS=${STREAMER_ARGS:-}
# Warm-up before the measured runs: WARMUP listeners at WARMUP/2 per second, held 10 s, so the streamer's JIT has
# compiled the listener path (C2 took 8-13 % of the measured CPU after the old 50-listener warm-up; on a loaded machine
# it still compiles during the measured run).
WARMUP=${WARMUP:-1000}
# The load generator's JVM (LoadGen.java paces its loop to 10 ms; -Dloadgen.paceMillis=0 for the unpaced loop): C1 only (no C2 compiling during the measurement: a quarter of its samples in a profile)
# and the serial collector (one thread, no GC threads competing for the 2 cores).
LOADGEN_JAVA_OPTS=${LOADGEN_JAVA_OPTS:-"-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xmx512m"}
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
WORK=$(mktemp -d /tmp/streamer-bench.XXXXXX)
chmod 755 "$WORK"
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
cpu_split() { awk '{print $14, $15}' "/proc/$1/stat"; }
# Per-thread CPU ticks (name user system), for the log: which threads of a server burn the time.
thread_ticks() { for t in /proc/"$1"/task/*; do echo "$(tr ' ' _ <"$t/comm") $(awk '{print $14, $15}' "$t/stat")"; done 2>/dev/null; }
rss_kb() { awk '/VmRSS/{print $2}' "/proc/$1/status"; }
wait_http() { for _ in $(seq 1 120); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }

echo "work directory: $WORK"
mkdir -p "$WORK/library"
ffmpeg -hide_banner -loglevel error -f lavfi -i "sine=frequency=440:duration=120" \
	-metadata title="Bench Tone" -metadata artist="Mediafleet" -b:a 128k "$WORK/library/bench.mp3"

# Redis: embedded-redis's own binary, as devstack and the tests use.
JAR=$(find ~/.m2/repository/com/github/codemonstur/embedded-redis -name 'embedded-redis-*.jar' | head -1)
unzip -q -o -j "$JAR" redis-server-6.2.6-v5-linux-amd64 -d "$WORK" && chmod +x "$WORK/redis-server-6.2.6-v5-linux-amd64"
REDIS_PORT=$(free_port)
"$WORK/redis-server-6.2.6-v5-linux-amd64" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
sleep 0.5
python3 "$ROOT/bench/streamer/scheduler_double.py" "$REDIS_PORT" bench.mp3 120 >"$WORK/scheduler.log" 2>&1 &
PIDS+=($!)

# The streamer.
# STREAMER_JAR: measure that jar (e.g. a copy built from older code) instead of building this tree's.
STREAMER_JAR=${STREAMER_JAR:-}
if [ -z "$STREAMER_JAR" ]; then
	# shellcheck disable=SC2086
	(cd "$ROOT" && ./mvnw -q ${MAVEN_ARGS:-} -pl streamer-service -am package -DskipTests)
	STREAMER_JAR="$ROOT/streamer-service/target/streamer-service.jar"
fi
# shellcheck source=../../.mvn/find-jdk.sh
. "$ROOT/.mvn/find-jdk.sh"
JAVA=$JAVA_HOME/bin/java
STREAMER_PORT=$(free_port)
LISTENER_PORT=$(free_port)
# shellcheck disable=SC2086
"$JAVA" -Xmx768m $STREAMER_JAVA_OPTS -jar "$STREAMER_JAR" \
	--server.port="$STREAMER_PORT" --spring.data.redis.url="redis://127.0.0.1:$REDIS_PORT" \
	--mediafleet.streamer.streamer-id=bench --mediafleet.streamer.library-directory="$WORK/library" \
	--mediafleet.streamer.listener-limit=20000 --mediafleet.streamer.stream.socket-send-buffer=64KB \
	--mediafleet.streamer.stream.listener-port="$LISTENER_PORT" --mediafleet.streamer.peer.enabled=false \
	--mediafleet.streamer.http.max-connections-per-address=0 --mediafleet.streamer.http.max-handshakes-per-address=4096 --mediafleet.streamer.http.max-listeners-per-address=0 \
	$STREAMER_ARGS \
	>"$WORK/streamer.log" 2>&1 &
STREAMER_PID=$!
PIDS+=($STREAMER_PID)
wait_http "http://127.0.0.1:$STREAMER_PORT/actuator/health"

# Icecast with an ffmpeg source looping the same file (only when measured: SERVERS=streamer needs no icecast2).
ICECAST_PID=
ICECAST_PORT=
case " $SERVERS " in *" icecast "*)
ICECAST_PORT=$(free_port)
mkdir -p "$WORK/icecast/log"
# Icecast refuses to run as root; it drops to its Debian user (or nobody) after binding.
ICE_USER=$(getent passwd icecast2 >/dev/null && echo icecast2 || echo nobody)
ICE_GROUP=$(getent group icecast >/dev/null && echo icecast || echo nogroup)
chmod 777 "$WORK/icecast/log"
cat >"$WORK/icecast.xml" <<XML
<icecast>
  <limits><clients>20000</clients><sources>2</sources><queue-size>524288</queue-size>
    <burst-on-connect>1</burst-on-connect><burst-size>65536</burst-size></limits>
  <authentication><source-password>benchsource</source-password><admin-user>admin</admin-user>
    <admin-password>benchadmin</admin-password></authentication>
  <hostname>127.0.0.1</hostname>
  <listen-socket><port>$ICECAST_PORT</port><bind-address>127.0.0.1</bind-address></listen-socket>
  <paths><basedir>/usr/share/icecast2</basedir><logdir>$WORK/icecast/log</logdir>
    <webroot>/usr/share/icecast2/web</webroot><adminroot>/usr/share/icecast2/admin</adminroot></paths>
  <logging><errorlevel>2</errorlevel></logging>
  <security><chroot>0</chroot><changeowner><user>$ICE_USER</user><group>$ICE_GROUP</group></changeowner></security>
</icecast>
XML
icecast2 -c "$WORK/icecast.xml" >"$WORK/icecast.out" 2>&1 &
ICECAST_PID=$!
PIDS+=($ICECAST_PID)
sleep 1
ffmpeg -hide_banner -loglevel error -re -stream_loop -1 -i "$WORK/library/bench.mp3" -c copy \
	-content_type audio/mpeg "icecast://source:benchsource@127.0.0.1:$ICECAST_PORT/bench.mp3" &
PIDS+=($!)
wait_http "http://127.0.0.1:$ICECAST_PORT/status-json.xsl"
sleep 2
;;
esac

TICK=$(getconf CLK_TCK)
# Compiled once, so each run's clock starts with the load generator, not with javac.
"$JAVA_HOME/bin/javac" -d "$WORK/loadgen" "$ROOT/bench/streamer/LoadGen.java"
# Live heap of the streamer in KiB: used heap right after a full GC.
live_heap_kb() {
	"$JAVA_HOME/bin/jcmd" "$1" GC.run >/dev/null
	"$JAVA_HOME/bin/jcmd" "$1" GC.heap_info | sed -n 's/.* used \([0-9]*\)K.*/\1/p' | head -1
}
echo "load average before: $(cat /proc/loadavg)"
printf "| server | N | rate/s | failed | early disconnects | stalled | CPU ms per listener-second | CPU ms per audio-second delivered | RSS KiB per listener | live heap KiB per listener | audio delivered | server CPU user/system | load generator CPU |\n"
printf "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n"
QUIET=4
run() { # name pid port path N
	local name=$1 pid=$2 port=$3 path=$4 n=$5
	local rss0 cpu0 split0 out cpu1 rss1 heap0=0 heap1=0 marker="$WORK/quiet.$1.$5"
	if [ "$name" != icecast ]; then heap0=$(live_heap_kb "$pid"); fi
	rss0=$(rss_kb "$pid"); cpu0=$(cpu_ticks "$pid"); split0=$(cpu_split "$pid"); thread_ticks "$pid" >"$WORK/threads0.$name.$n"
	# The load generator judges stalls until the last QUIET seconds, then creates $marker: CPU and RSS are
	# read there, and the full GC for the live heap happens in the quiet part, where its pause cannot count.
	# shellcheck disable=SC2086
	out=$("$JAVA" $LOADGEN_JAVA_OPTS -cp "$WORK/loadgen" LoadGen 127.0.0.1 "$port" "$path" "$n" "$RATE" "$HOLD" 128 "$QUIET" "$marker" &
		local lg=$!
		while [ ! -e "$marker" ] && kill -0 $lg 2>/dev/null; do sleep 0.1; done
		cpu_ticks "$pid" >"$WORK/cpu.$name.$n"; rss_kb "$pid" >"$WORK/rss.$name.$n"; cpu_split "$pid" >"$WORK/split.$name.$n"; thread_ticks "$pid" >"$WORK/threads1.$name.$n"
		if [ "$name" != icecast ]; then live_heap_kb "$pid" >"$WORK/heap.$name.$n"; fi
		wait $lg)
	cpu1=$(cat "$WORK/cpu.$name.$n"); rss1=$(cat "$WORK/rss.$name.$n")
	if [ "$name" != icecast ]; then heap1=$(cat "$WORK/heap.$name.$n"); fi
	echo "$name $n: $out" >>"$WORK/loadgen.log"
	if [ "$name" != icecast ]; then
		# Why the streamer closed listeners (early disconnects): its drop counters, cumulative over the runs.
		curl -s "http://127.0.0.1:$STREAMER_PORT/actuator/prometheus" | grep '^mediafleet_streamer_listeners_dropped' \
			| sed "s/^/$name $n: /" >>"$WORK/loadgen.log" || true
	fi
	python3 - "$name" "$n" "$RATE" "$out" "$cpu0" "$cpu1" "$TICK" "$rss0" "$rss1" "$heap0" "$heap1" "$split0" "$(cat "$WORK/split.$name.$n")" <<'PY'
import re, sys
name, n, rate, out, cpu0, cpu1, tick, rss0, rss1, heap0, heap1, split0, split1 = sys.argv[1:]
f = dict(re.findall(r"(\w+)=([0-9.]+)", out))
cpu_ms = (int(cpu1) - int(cpu0)) * 1000 / int(tick)
ls = float(f["measured_listener_seconds"]) or 1
heap = "-" if name == "icecast" else f"{(int(heap1) - int(heap0)) / int(n):.1f}"
# Audio delivered: bytes beyond each listener's burst, against real time (16,000 B/s at 128 kbit/s). A server that
# leaves listeners without audio spends less CPU per listener-second; per audio-second delivered it does not.
audio = (float(f["bytes"]) - int(n) * 65536) / (float(f["listener_seconds"]) or 1) / 16000
user, system = (int(b) - int(a) for a, b in zip(split0.split(), split1.split()))
print(f"| {name} | {n} | {rate} | {f['failed']} | {f['early_disconnects']} | {f['stalled']} | "
      f"{cpu_ms / ls:.3f} | {cpu_ms / (ls * audio or 1):.3f} | {(int(rss1) - int(rss0)) / int(n):.1f} | {heap} | {audio:.0%} | "
      f"{user * 100 // max(1, user + system)} % / {system * 100 // max(1, user + system)} % | "
      f"{float(f['cpu_percent']):.0f} % of a core |")
# A load generator that could not read for a second or more judged the machine, not the server (a shared, busy
# machine): say so under the row rather than let a stall count pass for the server's.
gaps = [int(g) for g in re.findall(r"[0-9.]+\+([0-9]+)ms", out)]
if gaps and max(gaps) >= 1000:
    print(f"(load generator starved: one of its loops took {max(gaps)} ms; the stall count above measures the "
          f"machine, not the server; rerun on a quiet machine)")
PY
	sleep 5
}
# Warm-up (JIT, first radio start), not reported.
# shellcheck disable=SC2086
"$JAVA" $LOADGEN_JAVA_OPTS -cp "$WORK/loadgen" LoadGen 127.0.0.1 "$LISTENER_PORT" /radios/bench "$WARMUP" $((WARMUP / 2 + 1)) 10 128 >/dev/null
# shellcheck disable=SC2086
if [ -n "$ICECAST_PORT" ]; then "$JAVA" $LOADGEN_JAVA_OPTS -cp "$WORK/loadgen" LoadGen 127.0.0.1 "$ICECAST_PORT" /bench.mp3 "$WARMUP" $((WARMUP / 2 + 1)) 10 128 >/dev/null; fi
sleep 3
for n in $COUNTS; do
	case " $SERVERS " in *" icecast "*) run icecast "$ICECAST_PID" "$ICECAST_PORT" /bench.mp3 "$n" ;; esac
	case " $SERVERS " in *" streamer "*) run streamer "$STREAMER_PID" "$LISTENER_PORT" /radios/bench "$n" ;; esac
	if [ "$WEB" = 1 ]; then
		run streamer-web-port "$STREAMER_PID" "$STREAMER_PORT" /radios/bench "$n"
	fi
done
echo "load average after: $(cat /proc/loadavg)"
echo "(loop and load generator output: $WORK)"
