#!/usr/bin/env bash
# Fault matrix (issue 21): starts its own devstack on free loopback ports (MongoDB in a process of its own,
# ngircd on, a hold directory so the script decides when a killed process comes back), puts load on it
# (ffmpeg listeners on several radios, a burn to the stdio: drive, a simul on the player agent, the
# streamer's peer on the tracker) and fails each process in turn: SIGKILL and restart after 5 s (and
# 60 s with --long), SIGSTOP for 30 s then SIGCONT, and for Redis and MongoDB the port closed for 30 s.
# Prints a Markdown table, writes it to $RESULTS (default bench/faults/results.md, plus .json).
#
#   bench/faults/run.sh                                    # the whole matrix (18 cells, ~17 min at load 20 on 2 cores)
#   bench/faults/run.sh --processes=redis,scheduler --faults=kill
#   bench/faults/run.sh --baseline --processes=mongodb --faults=stop,refuse --stop-seconds=10
#   bench/faults/run.sh --long                             # adds the 60 s kills
#
# Every option of bench/faults/faults.py --help works. Environment: DEVSTACK_SKIP_BUILD=true reuses the last
# build; MAVEN_ARGS=-o builds offline; RESULTS sets the results file. Needs python3, ffmpeg, mpv, ngircd,
# xorriso and a JDK 21+ (found by ./mvnw's find-jdk.sh). Loopback only.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
RESULTS=${RESULTS:-bench/faults/results.md}
for program in python3 ffmpeg mpv ngircd xorriso; do
	command -v "$program" >/dev/null || { echo "bench/faults needs $program on the PATH" >&2; exit 1; }
done

WORK=$(mktemp -d /tmp/faults-bench.XXXXXX)
DEVSTACK_PID=
DRIVER_PID=
cleanup() {
	[ -z "$DRIVER_PID" ] || { kill -TERM "$DRIVER_PID" 2>/dev/null; wait "$DRIVER_PID" 2>/dev/null || true; }
	[ -n "$DEVSTACK_PID" ] || return 0
	local tree pid
	rm -f "$WORK"/hold/* 2>/dev/null || true
	tree=$(descendants "$DEVSTACK_PID")
	# a process left frozen by an interrupted SIGSTOP fault would never stop
	for pid in $tree; do kill -CONT "$pid" 2>/dev/null || true; done
	kill -TERM "$DEVSTACK_PID" 2>/dev/null || true
	for _ in $(seq 1 120); do kill -0 "$DEVSTACK_PID" 2>/dev/null || break; sleep 0.5; done
	tree="$tree $(descendants "$DEVSTACK_PID")"
	for pid in $DEVSTACK_PID $tree; do kill -KILL "$pid" 2>/dev/null || true; done
	wait "$DEVSTACK_PID" 2>/dev/null || true
	echo "devstack stopped; its log and the recordings: $WORK"
}
descendants() { local child; for child in $(pgrep -P "$1" 2>/dev/null); do echo "$child"; descendants "$child"; done; }
trap cleanup EXIT
trap 'exit 130' INT TERM

if [ "${DEVSTACK_SKIP_BUILD:-false}" != true ]; then
	echo "building the suite (./mvnw -q -DskipTests package) ..."
	# shellcheck disable=SC2086
	./mvnw -q ${MAVEN_ARGS:-} -DskipTests package
fi
# shellcheck source=../../.mvn/find-jdk.sh
. "$ROOT/.mvn/find-jdk.sh"

# The simul plays a 10-minute tone, so it is still playing when a fault hits (devstack copies its own demo
# media beside it); the radios play a 20 s tone again and again: a continuous signal, so every silent
# second is the fault's, and a song boundary (the scheduler's next play) falls within every fault.
mkdir -p "$WORK/data/player-agent/media" "$WORK/data/streamer-service/library" "$WORK/hold"
ffmpeg -nostdin -loglevel error -f lavfi -i "sine=frequency=330:duration=600" -b:a 64k \
	"$WORK/data/player-agent/media/faults-long.mp3"
ffmpeg -nostdin -loglevel error -f lavfi -i "sine=frequency=440:duration=20" -b:a 128k \
	"$WORK/data/streamer-service/library/faults-tone.mp3"

start_devstack() {
	rm -f "$WORK/devstack.log"
	read -r REDIS MONGODB SCHEDULER STREAMER TRACKER BURNER PLAYER BURN ADVISE COMMAND TSP PEER IRC < <(python3 -c '
import socket
socks = [socket.socket() for _ in range(13)]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))')
	echo "starting devstack (MongoDB in its own process, IRC on) on scheduler $SCHEDULER, streamer $STREAMER;" \
		"log in $WORK/devstack.log"
	"$JAVA_HOME/bin/java" -jar devstack/target/devstack.jar --data-dir="$WORK/data" --mongodb-process --irc \
		--hold-dir="$WORK/hold" --timeout=300 \
		--player-command="mpv --no-terminal --no-config --ao=null --vo=null" \
		--redis-port="$REDIS" --mongodb-port="$MONGODB" --scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" \
		--tracker-port="$TRACKER" --burner-agent-port="$BURNER" --player-agent-port="$PLAYER" --burn-port="$BURN" \
		--simul-advise-port="$ADVISE" --simul-command-port="$COMMAND" --tsp-port="$TSP" --tsp-peer-port="$PEER" \
		--irc-port="$IRC" >"$WORK/devstack.log" 2>&1 &
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
echo "devstack is up"

ADMIN_TOKEN=$(cat "$WORK/data/admin-token")
set +e
FAULTS_COMMAND="bench/faults/run.sh $*" python3 "$ROOT/bench/faults/faults.py" --results="$RESULTS" --token="$ADMIN_TOKEN" \
	--devstack-pid="$DEVSTACK_PID" --data-dir="$WORK/data" --hold-dir="$WORK/hold" --work="$WORK" --log="$WORK/devstack.log" \
	--scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" --tracker-port="$TRACKER" \
	--burner-agent-port="$BURNER" --player-agent-port="$PLAYER" --redis-port="$REDIS" --mongodb-port="$MONGODB" \
	--ngircd-port="$IRC" "$@" &
# In the background and waited for, so Ctrl-C reaches the trap at once (which stops the driver, then devstack).
DRIVER_PID=$!
wait "$DRIVER_PID"
status=$?
DRIVER_PID=
set -e
echo "devstack restarts during the run:"
grep -E "exited unexpectedly|Restarting|OutOfMemoryError" "$WORK/devstack.log" | head -60 || echo "  none"
exit "$status"
