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
# shellcheck source=../lib/devstack.sh
. "$ROOT/bench/lib/devstack.sh"
DRIVER_PID=
cleanup() {
	[ -z "$DRIVER_PID" ] || { kill -TERM "$DRIVER_PID" 2>/dev/null; wait "$DRIVER_PID" 2>/dev/null || true; }
	# A scheduler held back by the hold directory would otherwise wait for it while devstack stops.
	rm -f "$WORK"/hold/* 2>/dev/null || true
	devstack_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM

devstack_build
mkdir -p "$WORK/data/streamer-service/library" "$WORK/hold"

launch() {
	read -r REDIS MONGODB SCHEDULER STREAMER TRACKER BURNER PLAYER BURN ADVISE COMMAND TSP PEER \
		< <(devstack_free_ports 12)
	echo "starting devstack on scheduler $SCHEDULER, streamer $STREAMER, redis $REDIS; log in $WORK/devstack.log"
	devstack_launch --data-dir="$WORK/data" --mongodb-process \
		--hold-dir="$WORK/hold" --timeout=300 \
		--player-command="mpv --no-terminal --no-config --ao=null --vo=null" \
		--redis-port="$REDIS" --mongodb-port="$MONGODB" --scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" \
		--tracker-port="$TRACKER" --burner-agent-port="$BURNER" --player-agent-port="$PLAYER" --burn-port="$BURN" \
		--simul-advise-port="$ADVISE" --simul-command-port="$COMMAND" --tsp-port="$TSP" --tsp-peer-port="$PEER"
}
devstack_start_retrying launch
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
