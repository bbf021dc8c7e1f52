#!/usr/bin/env bash
# Fault matrix (issue 21): starts its own devstack on free loopback ports (MongoDB in a process of its own,
# ngircd on, a hold directory so the script decides when a killed process comes back), puts load on it
# (ffmpeg listeners on several radios, a burn to the stdio: drive, a simul on the player agent, the
# streamer's peer on the tracker) and fails each process in turn: SIGKILL and restart after 5 s (and
# 60 s with --long), SIGSTOP for 30 s then SIGCONT, and for Redis and MongoDB the port closed for 30 s.
# Prints a Markdown table, writes it to $RESULTS (default bench/faults/results.md, plus .json).
# Devstack runs two streamers (--streamers=N to change; 1 is the layout of runs 1-7); the listeners connect
# through the scheduler's one listen URL and ask it again when their stream ends or stalls, and a streamer
# fault hits the streamer that serves most of them.
#
#   bench/faults/run.sh                                    # the whole matrix (18 cells, ~17 min at load 20 on 2 cores)
#   bench/faults/run.sh --processes=redis,scheduler --faults=kill
#   bench/faults/run.sh --baseline --processes=mongodb --faults=stop,refuse --stop-seconds=10
#   bench/faults/run.sh --long                             # adds the 60 s kills
#   bench/faults/run.sh --processes=streamer --streamers=1 --direct   # one streamer, listeners on it directly
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

STREAMERS=2
for argument in "$@"; do
	case "$argument" in --streamers=*) STREAMERS=${argument#--streamers=} ;; esac
done
[[ "$STREAMERS" =~ ^[1-9]$ ]] || { echo "--streamers must be 1 to 9" >&2; exit 2; }

WORK=$(mktemp -d /tmp/faults-bench.XXXXXX)
# shellcheck source=../lib/devstack.sh
. bench/lib/devstack.sh
DRIVER_PID=
cleanup() {
	[ -z "$DRIVER_PID" ] || { kill -TERM "$DRIVER_PID" 2>/dev/null; wait "$DRIVER_PID" 2>/dev/null || true; }
	[ -n "$DEVSTACK_PID" ] || return 0
	# whatever is held back would otherwise start again as devstack stops
	rm -f "$WORK"/hold/* 2>/dev/null || true
	devstack_stop
	echo "the recordings: $WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

devstack_build

# The simul plays a 10-minute tone, so it is still playing when a fault hits (devstack copies its own demo
# media beside it); the radios play a 20 s tone again and again: a continuous signal, so every silent
# second is the fault's, and a song boundary (the scheduler's next play) falls within every fault.
mkdir -p "$WORK/data/player-agent/media" "$WORK/data/streamer-service/library" "$WORK/hold"
ffmpeg -nostdin -loglevel error -f lavfi -i "sine=frequency=330:duration=600" -b:a 64k \
	"$WORK/data/player-agent/media/faults-long.mp3"
ffmpeg -nostdin -loglevel error -f lavfi -i "sine=frequency=440:duration=20" -b:a 128k \
	"$WORK/data/streamer-service/library/faults-tone.mp3"
for number in $(seq 2 "$STREAMERS"); do
	# devstack's further streamers work in streamer-service-N/, each with a library of its own
	mkdir -p "$WORK/data/streamer-service-$number/library"
	cp "$WORK/data/streamer-service/library/faults-tone.mp3" "$WORK/data/streamer-service-$number/library/"
done

start_devstack() {
	read -r REDIS MONGODB SCHEDULER STREAMER TRACKER BURNER PLAYER BURN ADVISE COMMAND TSP PEER IRC \
		< <(devstack_free_ports 13)
	echo "starting devstack (MongoDB in its own process, IRC on) on scheduler $SCHEDULER, streamer $STREAMER;" \
		"log in $WORK/devstack.log"
	devstack_launch --data-dir="$WORK/data" --mongodb-process --irc \
		--hold-dir="$WORK/hold" --timeout=300 --streamers="$STREAMERS" \
		--player-command="mpv --no-terminal --no-config --ao=null --vo=null" \
		--redis-port="$REDIS" --mongodb-port="$MONGODB" --scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" \
		--tracker-port="$TRACKER" --burner-agent-port="$BURNER" --player-agent-port="$PLAYER" --burn-port="$BURN" \
		--simul-advise-port="$ADVISE" --simul-command-port="$COMMAND" --tsp-port="$TSP" --tsp-peer-port="$PEER" \
		--irc-port="$IRC"
}
devstack_start_retrying start_devstack

ADMIN_TOKEN=$(cat "$WORK/data/admin-token")
# the further streamers' web ports, from devstack's summary ("  streamer-service-2   41234  http://...")
EXTRA_STREAMER_PORTS=$(grep -oE "^devstack +\| +streamer-service-[0-9]+ +[0-9]+ " "$WORK/devstack.log" \
	| awk '{print $4}' | paste -sd, -)
echo "streamers: streamer-service on $STREAMER${EXTRA_STREAMER_PORTS:+, further ones on $EXTRA_STREAMER_PORTS}"
set +e
FAULTS_COMMAND="bench/faults/run.sh $*" python3 "$ROOT/bench/faults/faults.py" --results="$RESULTS" --token="$ADMIN_TOKEN" \
	--devstack-pid="$DEVSTACK_PID" --data-dir="$WORK/data" --hold-dir="$WORK/hold" --work="$WORK" --log="$WORK/devstack.log" \
	--scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" --tracker-port="$TRACKER" \
	--burner-agent-port="$BURNER" --player-agent-port="$PLAYER" --redis-port="$REDIS" --mongodb-port="$MONGODB" \
	--ngircd-port="$IRC" --extra-streamer-ports="$EXTRA_STREAMER_PORTS" --streamers="$STREAMERS" "$@" &
# In the background and waited for, so Ctrl-C reaches the trap at once (which stops the driver, then devstack).
DRIVER_PID=$!
wait "$DRIVER_PID"
status=$?
DRIVER_PID=
set -e
echo "devstack restarts during the run:"
grep -E "exited unexpectedly|Restarting|OutOfMemoryError" "$WORK/devstack.log" | head -60 || echo "  none"
exit "$status"
