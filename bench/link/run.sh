#!/usr/bin/env sh
# Link hub benchmark: starts the scheduler in its own JVM (embedded Redis and mongo-java-server unless REDIS_URL /
# MONGODB_URI point elsewhere), opens N slave connections from one load-generator JVM that register, heartbeat with
# last_seq and answer burn_requests, plus C controls sending queue_list_requests in a closed loop; then the master
# sends burn_requests to the slaves. Prints requests/s, latency percentiles, heartbeats/s, sessions kept, hub CPU/heap.
#   bench/link/run.sh [agents=1000] [controls=4] [in flight per control=8] [seconds=30] [heartbeat ms=5000]
#                     [master in flight=32]
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/find-jdk.sh
# Online by default, so a fresh clone fetches what it lacks; MAVEN_ARGS=-o once ~/.m2 has it all. Nothing is
# installed (bench/lib/maven.sh).
. ./bench/lib/maven.sh
bench_classpath scheduler-service
CP=$BENCH_CLASSPATH
"$JAVA_HOME/bin/java" -Xmx1g -cp "$CP" io.mediafleet.scheduler.link.LinkHubBenchmark "$@"
