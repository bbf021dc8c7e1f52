#!/usr/bin/env bash
# Scheduler kill loop (issue 16): starts its own devstack on free loopback ports (MongoDB in a process of its own,
# a hold directory so the script decides when the killed scheduler comes back), programs radios of short tones
# with plain HTTP listeners on the streamer, then SIGKILLs the scheduler at random moments (20 times by default),
# lets it restart and checks after each restart: no duplicate play, no skipped track, no lost or double-closed
# listener session (Redis watched directly, sessions through the admin API). See bench/radio/kill_loop.py.
#
#   bench/radio/kill-loop.sh                              # 20 kills, bounded by --max-minutes=40
#   bench/radio/kill-loop.sh --kills=5 --max-down=20 --seed=42
#
# Environment: DEVSTACK_SKIP_BUILD=true reuses the last build; MAVEN_ARGS=-o builds offline; RESULTS names a JSON
# file for the rows. Needs python3, ffmpeg and a JDK 21+ (found by ./mvnw's find-jdk.sh). Loopback only.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
for program in python3 ffmpeg; do
	command -v "$program" >/dev/null || { echo "bench/radio/kill-loop.sh needs $program on the PATH" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/radio-kill-loop.XXXXXX)
DEVSTACK_PID=
DRIVER_PID=
descendants() { local child; for child in $(pgrep -P "$1" 2>/dev/null); do echo "$child"; descendants "$child"; done; }
cleanup() {
	[ -z "$DRIVER_PID" ] || { kill -TERM "$DRIVER_PID" 2>/dev/null; wait "$DRIVER_PID" 2>/dev/null || true; }
	[ -n "$DEVSTACK_PID" ] || return 0
	local tree pid
	rm -f "$WORK"/hold/* 2>/dev/null || true
	tree=$(descendants "$DEVSTACK_PID")
	kill -TERM "$DEVSTACK_PID" 2>/dev/null || true
	for _ in $(seq 1 120); do kill -0 "$DEVSTACK_PID" 2>/dev/null || break; sleep 0.5; done
	tree="$tree $(descendants "$DEVSTACK_PID")"
	for pid in $DEVSTACK_PID $tree; do kill -KILL "$pid" 2>/dev/null || true; done
	wait "$DEVSTACK_PID" 2>/dev/null || true
	echo "devstack stopped; its log: $WORK/devstack.log"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${DEVSTACK_SKIP_BUILD:-false}" != true ]; then
	echo "building the suite (./mvnw -q -DskipTests package) ..."
	# shellcheck disable=SC2086
	./mvnw -q ${MAVEN_ARGS:-} -DskipTests package
fi
# shellcheck source=../../.mvn/find-jdk.sh
. "$ROOT/.mvn/find-jdk.sh"
mkdir -p "$WORK/data/streamer-service/library" "$WORK/hold"

start_devstack() {
	rm -f "$WORK/devstack.log"
	read -r REDIS MONGODB SCHEDULER STREAMER TRACKER BURNER PLAYER BURN ADVISE COMMAND TSP PEER < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(12)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
	echo "starting devstack on scheduler $SCHEDULER, streamer $STREAMER, redis $REDIS; log in $WORK/devstack.log"
	"$JAVA_HOME/bin/java" -jar devstack/target/devstack.jar --data-dir="$WORK/data" --mongodb-process \
		--hold-dir="$WORK/hold" --timeout=300 \
		--player-command="mpv --no-terminal --no-config --ao=null --vo=null" \
		--redis-port="$REDIS" --mongodb-port="$MONGODB" --scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" \
		--tracker-port="$TRACKER" --burner-agent-port="$BURNER" --player-agent-port="$PLAYER" --burn-port="$BURN" \
		--simul-advise-port="$ADVISE" --simul-command-port="$COMMAND" --tsp-port="$TSP" --tsp-peer-port="$PEER" \
		>"$WORK/devstack.log" 2>&1 &
	DEVSTACK_PID=$!
	for _ in $(seq 1 600); do
		grep -q "Try each part" "$WORK/devstack.log" && return 0
		if ! kill -0 "$DEVSTACK_PID" 2>/dev/null; then
			wait "$DEVSTACK_PID" 2>/dev/null || true
			DEVSTACK_PID=
			grep -q "already in use" "$WORK/devstack.log" && return 2
			tail -30 "$WORK/devstack.log"; echo "devstack did not start" >&2; exit 1
		fi
		sleep 0.5
	done
	tail -30 "$WORK/devstack.log"; echo "devstack not ready after 300 s" >&2; exit 1
}
for try in 1 2 3; do
	start_devstack && break
	[ "$try" -lt 3 ] || { cat "$WORK/devstack.log"; exit 1; }
	echo "a port was taken meanwhile; choosing others"
done
echo "devstack is up (load: $(cut -d' ' -f1-3 /proc/loadavg))"

set +e
python3 "$ROOT/bench/radio/kill_loop.py" --token="$(cat "$WORK/data/admin-token")" --devstack-pid="$DEVSTACK_PID" \
	--data-dir="$WORK/data" --hold-dir="$WORK/hold" --scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" \
	--redis-port="$REDIS" ${RESULTS:+--results="$RESULTS"} "$@" &
DRIVER_PID=$!
wait "$DRIVER_PID"
status=$?
DRIVER_PID=
set -e
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "scheduler restarts in devstack's log:"
grep -cE "scheduler-service.*(exited|Restarting)" "$WORK/devstack.log" || true
exit "$status"
