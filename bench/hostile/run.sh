#!/usr/bin/env bash
# Hostile-load suite (issue 19): for each listening port of each devstack service, one port at a time,
# hold up to N hostile connections (idle, half-sent requests, silent WebSocket handshakes, slow
# readers) from 127.0.0.2 while a legitimate client on 127.0.0.1 must be served within 1 s; the
# owning service's heap must stay under its limit and the service must not restart; every service
# must answer health within 1 s once the flood ends. Loopback only; each flood lasts at most
# ramp + hold (default 30 + 20 s). Prints a per-port table, writes it to $RESULTS (default
# bench/hostile/results.md, plus .json) and exits non-zero if any check failed.
#
#   bench/hostile/run.sh                          # builds, starts its own devstack on free ports, 18,000 per flood
#   bench/hostile/run.sh --connections=2000       # smaller floods
#   bench/hostile/run.sh --only=8080,burn --kinds=idle,half-http
#   DEVSTACK=running bench/hostile/run.sh --scheduler-port=8080 ...   # target a devstack already running
#                                                 # (default ports unless given; bench/hostile/hostile.py --help)
#
# Environment: DEVSTACK_SKIP_BUILD=true reuses the last build's jars; MAVEN_ARGS=-o builds offline;
# DEVSTACK_JAVA_OPTS changes the services' JVM options (default: devstack's own, 256 MB heaps);
# RESULTS sets the results file. Needs python3 and a JDK 21+ (found by ./mvnw's find-jdk.sh).
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
cd "$ROOT"
RESULTS=${RESULTS:-bench/hostile/results.md}

if [ "${DEVSTACK:-}" = running ]; then
	exec python3 "$ROOT/bench/hostile/hostile.py" --results="$RESULTS" "$@"
fi

WORK=$(mktemp -d /tmp/hostile-bench.XXXXXX)
# shellcheck source=../lib/devstack.sh
. bench/lib/devstack.sh
trap devstack_stop EXIT
trap 'exit 130' INT TERM

devstack_build

# Free ports, so the suite never collides with a developer's own devstack on the defaults; chosen
# again (three tries) if another program takes one before devstack binds it.
start_devstack() {
	read -r REDIS MONGODB SCHEDULER STREAMER TRACKER BURNER PLAYER BURN ADVISE COMMAND TSP PEER < <(devstack_free_ports 12)
	echo "starting devstack (in memory) on scheduler $SCHEDULER, streamer $STREAMER, tracker $TRACKER, burn $BURN," \
		"simul $ADVISE/$COMMAND, TSP $TSP, TSP peer $PEER; log in $WORK/devstack.log"
	devstack_launch --in-memory --timeout=240 \
		--player-command="mpv --no-terminal --no-config --ao=null --vo=null" \
		--redis-port="$REDIS" --mongodb-port="$MONGODB" --scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" \
		--tracker-port="$TRACKER" --burner-agent-port="$BURNER" --player-agent-port="$PLAYER" --burn-port="$BURN" \
		--simul-advise-port="$ADVISE" --simul-command-port="$COMMAND" --tsp-port="$TSP" --tsp-peer-port="$PEER"
}
devstack_start_retrying start_devstack

ADMIN_TOKEN=$(sed -n 's/.*Admin token: \([^ ]*\).*/\1/p' "$WORK/devstack.log" | head -1)
set +e
MEDIAFLEET_TOKEN="$ADMIN_TOKEN" python3 "$ROOT/bench/hostile/hostile.py" --results="$RESULTS" \
	--scheduler-port="$SCHEDULER" --streamer-port="$STREAMER" --tracker-port="$TRACKER" \
	--burner-agent-port="$BURNER" --player-agent-port="$PLAYER" --burn-port="$BURN" \
	--simul-advise-port="$ADVISE" --simul-command-port="$COMMAND" --tsp-port="$TSP" --tsp-peer-port="$PEER" "$@"
status=$?
set -e
echo "devstack restarts during the run:"
grep -E "exited unexpectedly|Restarting|OutOfMemoryError" "$WORK/devstack.log" | head -40 || echo "  none"
exit "$status"
