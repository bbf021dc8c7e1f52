#!/usr/bin/env sh
# Operator console benchmark (figures only, nothing asserted): starts a real scheduler (its executable jar, on the
# embedded Redis and mongo-java-server the tests use, in a JVM of their own), then console_bench.py seeds 1,000 radios
# over the REST admin API, connects 100 burners speaking the burn line protocol over raw TCP and signs in 10 consoles,
# each holding /console/events open, and prints:
#   (a) page load of /console (and /console/radios, /console/burn when this build has them): p50/p95/p99;
#   (b) propagation: a burner's STATUS progress line -> every console's `burn` event -> the burners part fetched
#       again showing the new percent: p50/p99/max.
#   bench/console/run.sh [radios=1000] [burners=100] [consoles=10] [page loads=200] [jobs=3] [steps per job=30]
# Environment: MAVEN_ARGS (e.g. -o once the dependencies, the dependency plugin among them, are in ~/.m2);
# CONSOLE_BENCH_SKIP_BUILD=1 reuses the built jar; CONSOLE_JAVA_OPTS, the scheduler JVM's options; any other
# variable reaches the scheduler as it is, e.g. MEDIAFLEET_SCHEDULER_CONSOLE_REFRESHINTERVAL=200ms (how often radios,
# streamers, the simul and link sessions are compared for changes; burn changes are pushed by the farm itself and
# leave every 200 ms).
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/find-jdk.sh
radios=${1:-1000}
burners=${2:-100}
consoles=${3:-10}
loads=${4:-200}
jobs=${5:-3}
steps=${6:-30}
command -v python3 >/dev/null || { echo "python3 is required" >&2; exit 1; }
# Built in the reactor, never installed; Maven's errors on the terminal (bench/lib/maven.sh). The class path is the
# scheduler's test class path (test-support's embedded Redis and MongoDB), as bench/radio uses.
. ./bench/lib/maven.sh
if [ "${CONSOLE_BENCH_SKIP_BUILD:-0}" != 1 ]; then
	bench_classpath scheduler-service
	CP=$BENCH_CLASSPATH
else
	CP="scheduler-service/target/test-classes:scheduler-service/target/classes:$(cat scheduler-service/target/bench.classpath)"
fi

work=$(mktemp -d)
SERVERS_PID=""
SCHEDULER_PID=""
cleanup() {
	if [ -n "$SCHEDULER_PID" ]; then kill "$SCHEDULER_PID" 2>/dev/null || true; wait "$SCHEDULER_PID" 2>/dev/null || true; fi
	if [ -n "$SERVERS_PID" ]; then kill "$SERVERS_PID" 2>/dev/null || true; wait "$SERVERS_PID" 2>/dev/null || true; fi
	rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" bench/console/BenchServers.java >"$work/servers.log" 2>&1 &
SERVERS_PID=$!
tries=0
until grep -q '^MONGODB ' "$work/servers.log"; do
	tries=$((tries + 1))
	if [ "$tries" -gt 600 ] || ! kill -0 "$SERVERS_PID" 2>/dev/null; then
		echo "embedded Redis/MongoDB did not start:" >&2
		cat "$work/servers.log" >&2
		exit 1
	fi
	sleep 0.1
done
redis_url=$(sed -n 's/^REDIS //p' "$work/servers.log")
mongodb_url=$(sed -n 's/^MONGODB //p' "$work/servers.log")

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
http_port=$(free_port)
burn_port=$(free_port)
token="console-bench-$(python3 -c 'import secrets; print(secrets.token_hex(16))')"

# The simulated burners speak the seed's line protocol without AUTH: loopback may skip it (burn.auth.anonymous-networks).
# shellcheck disable=SC2086
env SERVER_PORT="$http_port" SPRING_MAIN_BANNERMODE=off \
	SPRING_DATA_REDIS_URL="$redis_url" SPRING_MONGODB_URI="${mongodb_url}/console-bench" \
	MEDIAFLEET_SCHEDULER_ADMIN_TOKEN="$token" \
	MEDIAFLEET_SCHEDULER_LINK_JWTSECRET="console-bench-jwt-secret-0123456789abcdef" \
	MEDIAFLEET_SCHEDULER_BURN_PORT="$burn_port" MEDIAFLEET_SCHEDULER_BURN_AUTH_ANONYMOUSNETWORKS=127.0.0.1/32 \
	MEDIAFLEET_SCHEDULER_SIMUL_ADVISEPORT="$(free_port)" MEDIAFLEET_SCHEDULER_SIMUL_COMMANDPORT="$(free_port)" \
	"$JAVA_HOME/bin/java" ${CONSOLE_JAVA_OPTS:--XX:+UseG1GC -Xms512m -Xmx1g} \
	-jar scheduler-service/target/scheduler-service.jar >"$work/scheduler.log" 2>&1 &
SCHEDULER_PID=$!
tries=0
until curl -sf "http://127.0.0.1:$http_port/actuator/health" >/dev/null 2>&1; do
	tries=$((tries + 1))
	if [ "$tries" -gt 240 ] || ! kill -0 "$SCHEDULER_PID" 2>/dev/null; then
		echo "the scheduler did not become healthy; its log:" >&2
		tail -50 "$work/scheduler.log" >&2
		exit 1
	fi
	sleep 0.5
done
echo "scheduler up on port $http_port (burn farm $burn_port); $(nproc) cores, load average $(cut -d" " -f1-3 /proc/loadavg), $(uname -sr), $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
python3 bench/console/console_bench.py --port "$http_port" --burn-port "$burn_port" --token "$token" \
	--radios "$radios" --burners "$burners" --consoles "$consoles" --page-loads "$loads" --jobs "$jobs" --steps "$steps"
