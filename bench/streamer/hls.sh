#!/usr/bin/env bash
# HLS soak: one streamer (web port) behind the benchmark's scheduler double plays a 128 kbit/s tone radio; ffmpeg
# reads SECONDS of its live.m3u8 (default 30, the issue's check) while CLIENTS other HLS sessions (default 0) keep
# fetching their media playlists and every new segment, as players do. Reports: decode errors, audio decoded against
# the time asked, the largest distance of a decoded frame's timestamp from where the frames before put it (a lost or
# repeated 6 s segment would be 6 s; ffmpeg's packed-audio demuxer may move it by one 26 ms frame at a boundary),
# the streamer's CPU over the run, and the listeners the status page counts. (The segments' own ID3 timestamps are
# checked to the 90 kHz tick by HlsIntegrationTests.)
#
#   bench/streamer/hls.sh                          # 30 s, 6 s segments
#   SECONDS_TO_READ=60 CLIENTS=200 SEGMENT=2s bench/streamer/hls.sh
#
# Needs: ffmpeg, python3, curl, JDK 21+ (found by ./mvnw).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
READ=${SECONDS_TO_READ:-30}
CLIENTS=${CLIENTS:-0}
SEGMENT=${SEGMENT:-6s}
WORK=$(mktemp -d /tmp/hls-bench.XXXXXX)
PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_http() { for _ in $(seq 1 240); do curl -s -o /dev/null "$1" && return 0; sleep 0.5; done; echo "no answer from $1" >&2; exit 1; }
cpu_ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }

echo "work directory: $WORK"
mkdir -p "$WORK/library"
ffmpeg -hide_banner -loglevel error -f lavfi -i "sine=frequency=440:duration=600" \
	-metadata title="Bench Tone" -metadata artist="Mediafleet" -b:a 128k "$WORK/library/bench.mp3"
JAR=$(find ~/.m2/repository/com/github/codemonstur/embedded-redis -name 'embedded-redis-*.jar' | head -1)
unzip -q -o -j "$JAR" redis-server-6.2.6-v5-linux-amd64 -d "$WORK" && chmod +x "$WORK/redis-server-6.2.6-v5-linux-amd64"
REDIS_PORT=$(free_port)
"$WORK/redis-server-6.2.6-v5-linux-amd64" --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$WORK/redis.log" 2>&1 &
PIDS+=($!)
sleep 0.5
python3 "$ROOT/bench/streamer/scheduler_double.py" "$REDIS_PORT" bench.mp3 600 >"$WORK/scheduler.log" 2>&1 &
PIDS+=($!)

# shellcheck disable=SC2086
(cd "$ROOT" && ./mvnw -q ${MAVEN_ARGS:-} -pl streamer-service -am package -DskipTests)
# shellcheck source=../../.mvn/find-jdk.sh
. "$ROOT/.mvn/find-jdk.sh"
PORT=$(free_port)
"$JAVA_HOME/bin/java" -Xmx768m -jar "$ROOT/streamer-service/target/streamer-service.jar" \
	--server.port="$PORT" --spring.data.redis.url="redis://127.0.0.1:$REDIS_PORT" \
	--mediafleet.streamer.streamer-id=hls-bench --mediafleet.streamer.library-directory="$WORK/library" \
	--mediafleet.streamer.listener-limit=20000 --mediafleet.streamer.peer.enabled=false \
	--mediafleet.streamer.http.max-connections-per-address=0 --mediafleet.streamer.http.max-listeners-per-address=0 \
	--mediafleet.streamer.hls.segment-duration="$SEGMENT" >"$WORK/streamer.log" 2>&1 &
STREAMER_PID=$!
PIDS+=($STREAMER_PID)
wait_http "http://127.0.0.1:$PORT/actuator/health"
URL="http://127.0.0.1:$PORT/radios/bench/live.m3u8"

# Other sessions: fetch live.m3u8 once, then the media playlist and each new segment every second.
if [ "$CLIENTS" -gt 0 ]; then
	python3 - "$URL" "$CLIENTS" "$((READ + 30))" >"$WORK/clients.log" 2>&1 <<'PY' &
import sys, threading, time, urllib.request
url, clients, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
base = url.rsplit("/", 1)[0] + "/"
failures = [0]
def client():
    try:
        variant = [l for l in urllib.request.urlopen(url, timeout=60).read().decode().splitlines() if l and not l.startswith("#")][0]
        media, seen, end = base + variant, set(), time.time() + seconds
        while time.time() < end:
            for line in urllib.request.urlopen(media, timeout=60).read().decode().splitlines():
                if line and not line.startswith("#") and line not in seen:
                    seen.add(line)
                    urllib.request.urlopen(base + "live/" + line, timeout=60).read()
            time.sleep(1)
    except Exception as e:
        failures[0] += 1
        print("client failed:", e)
threads = [threading.Thread(target=client) for _ in range(clients)]
for t in threads:
    t.start(); time.sleep(0.01)
for t in threads:
    t.join()
print("client failures:", failures[0])
PY
	PIDS+=($!)
	sleep 5
fi

T0=$(cpu_ticks "$STREAMER_PID")
START=$(date +%s.%N)
ffmpeg -hide_banner -nostats -i "$URL" -t "$READ" -af ashowinfo -f null - >"$WORK/ffmpeg.log" 2>&1 || true
END=$(date +%s.%N)
T1=$(cpu_ticks "$STREAMER_PID")
LISTENERS=$(curl -s "http://127.0.0.1:$PORT/status-json.xsl" | grep -o '"listeners":[0-9]*' | head -1)
echo "ffmpeg read ${READ}s of $URL in $(python3 -c "print(round($END-$START,1))") s wall"
echo "decode errors: $(grep -c -i 'error while decoding\|header missing\|invalid data' "$WORK/ffmpeg.log" || true)"
python3 - "$WORK/ffmpeg.log" "$READ" <<'PY'
import re, sys
frames = [(int(p), int(n)) for p, n in re.findall(r"Parsed_ashowinfo.*? pts:(-?\d+) .*?rate:\d+ nb_samples:(\d+)", open(sys.argv[1]).read())]
rate = 44100
decoded = sum(n for _, n in frames) / rate
worst, running = 0, frames[0][0] if frames else 0
for pts, n in frames:
    worst = max(worst, abs(pts - running)); running += n
print(f"decoded {decoded:.2f} s of audio in {len(frames)} frames (asked {sys.argv[2]} s); largest timestamp distance from the running position: {worst} samples = {worst / rate * 1000:.1f} ms")
PY
echo "streamer CPU during the read: $(( (T1 - T0) * 10 )) ms; status page: $LISTENERS"
if [ "$CLIENTS" -gt 0 ]; then wait "${PIDS[-1]}" || true; tail -1 "$WORK/clients.log"; fi
