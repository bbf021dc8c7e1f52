# Shared by the benchmark scripts that run a whole devstack (bash; source it from the repository root after
# setting WORK, a scratch directory): builds the suite, picks free loopback ports, starts devstack in the background
# and waits until it is up, and stops it with its whole process tree. Sets DEVSTACK_PID while devstack runs.
#
#   . bench/lib/devstack.sh
#   trap devstack_stop EXIT
#   devstack_build                                   # unless DEVSTACK_SKIP_BUILD=true
#   launch() { read -r A B < <(devstack_free_ports 2); devstack_launch --in-memory --redis-port="$A" ...; }
#   devstack_start_retrying launch                   # three tries when a chosen port is taken meanwhile

# shellcheck source=maven.sh
. "$(dirname "${BASH_SOURCE[0]}")/maven.sh"

DEVSTACK_PID=

# Every process below $1, depth first.
devstack_descendants() {
	local child
	for child in $(pgrep -P "$1" 2>/dev/null); do
		echo "$child"
		devstack_descendants "$child"
	done
}

# Builds every module (tests compiled, not run) unless DEVSTACK_SKIP_BUILD=true, then finds a JDK 21+.
devstack_build() {
	if [ "${DEVSTACK_SKIP_BUILD:-false}" != true ]; then
		echo "building the suite (./mvnw -q ${MAVEN_ARGS:-} -DskipTests package) ..."
		bench_maven -DskipTests package
	fi
	# shellcheck source=../../.mvn/find-jdk.sh
	. ./.mvn/find-jdk.sh
}

# Prints $1 free loopback TCP ports on one line (bound at once, so all differ).
devstack_free_ports() {
	python3 -c '
import socket, sys
socks = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in socks: s.bind(("127.0.0.1", 0))
print(" ".join(str(s.getsockname()[1]) for s in socks))' "$1"
}

# Starts devstack/target/devstack.jar with "$@", its output in $WORK/devstack.log, and waits up to 300 s for its
# "Try each part" banner. Returns 2 when a port was already in use (pick others and call again); exits the script,
# with the end of the log, when devstack stops or is not up in time.
devstack_launch() {
	rm -f "$WORK/devstack.log"
	"$JAVA_HOME/bin/java" -jar devstack/target/devstack.jar "$@" >"$WORK/devstack.log" 2>&1 &
	DEVSTACK_PID=$!
	local _
	for _ in $(seq 1 600); do
		grep -q "Try each part" "$WORK/devstack.log" && return 0
		if ! kill -0 "$DEVSTACK_PID" 2>/dev/null; then
			wait "$DEVSTACK_PID" 2>/dev/null || true
			DEVSTACK_PID=
			grep -q "already in use" "$WORK/devstack.log" && return 2
			tail -30 "$WORK/devstack.log"
			echo "devstack did not start; its log: $WORK/devstack.log" >&2
			exit 1
		fi
		sleep 0.5
	done
	tail -30 "$WORK/devstack.log"
	echo "devstack not ready after 300 s; its log: $WORK/devstack.log" >&2
	exit 1
}

# Calls the function $1 (which picks ports and calls devstack_launch) up to three times while it returns 2.
devstack_start_retrying() {
	local try status
	for try in 1 2 3; do
		status=0
		"$1" || status=$?
		[ "$status" -eq 0 ] && { echo "devstack is up"; return 0; }
		[ "$status" -eq 2 ] || exit "$status"
		[ "$try" -lt 3 ] || { cat "$WORK/devstack.log"; exit 1; }
		echo "a port was taken meanwhile; choosing others"
	done
}

# Stops devstack: SIGCONT to its whole tree (a process left frozen by an interrupted SIGSTOP would never stop), then
# SIGTERM (its shutdown hook stops every service in order), then SIGKILL to whatever is left after 60 s.
devstack_stop() {
	[ -n "$DEVSTACK_PID" ] || return 0
	local tree pid _
	tree=$(devstack_descendants "$DEVSTACK_PID")
	for pid in $tree; do kill -CONT "$pid" 2>/dev/null || true; done
	kill -TERM "$DEVSTACK_PID" 2>/dev/null || true
	for _ in $(seq 1 120); do kill -0 "$DEVSTACK_PID" 2>/dev/null || break; sleep 0.5; done
	tree="$tree $(devstack_descendants "$DEVSTACK_PID")"
	for pid in $DEVSTACK_PID $tree; do kill -KILL "$pid" 2>/dev/null || true; done
	wait "$DEVSTACK_PID" 2>/dev/null || true
	DEVSTACK_PID=
	echo "devstack stopped; its log: $WORK/devstack.log"
}
