#!/usr/bin/env sh
# Rough flood of the scheduler's HTTP port (8080 role) or the streamer's web port (8081 role), one JVM with devstack's
# options, loopback only; see flood.py for what is measured. Not the hostile-load suite (bench/hostile): a quick check
# of the limits in docs/security.md while changing them.
#   bench/http-flood/run.sh scheduler|streamer [flood.py options, e.g. --kinds half --count 18000 --hold 15]
#   JAVA_OPTS='-Xmx256m ...' SPRING_ARGS='--server.tomcat.connection-timeout=60s' to vary the target
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/find-jdk.sh
service=${1:?scheduler or streamer}; shift
case "$service" in
  scheduler) module=scheduler-service; main=io.mediafleet.scheduler.http.SchedulerFloodTarget ;;
  streamer) module=streamer-service; main=io.mediafleet.streamer.http.StreamerFloodTarget ;;
  *) echo "scheduler or streamer" >&2; exit 2 ;;
esac
# Built in the reactor, never installed: other modules come from their target/ (bench/lib/maven.sh).
. ./bench/lib/maven.sh
bench_classpath "$module"
CP=$BENCH_CLASSPATH
ulimit -n 20000
# shellcheck disable=SC2086
exec python3 bench/http-flood/flood.py "$@" -- "$JAVA_HOME/bin/java" \
	${JAVA_OPTS:--Xmx256m -Xss512k -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -cp "$CP" "$main" --server.port=0 \
	${SPRING_ARGS:-}
