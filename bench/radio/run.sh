#!/usr/bin/env sh
# Radio scheduler load benchmark: starts the scheduler in-process on the test servers (embedded Redis and
# mongo-java-server unless REDIS_URL / MONGODB_URI point elsewhere), simulates streamers over real Redis and
# prints sustained throughput, handling latency and scheduling lag, then the redis-benchmark PUBLISH ceiling
# measured on the same Redis.
#   bench/radio/run.sh [streamers=1000] [radios=1000] [listener msgs/s=40000] [seconds=30] [song seconds=10]
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/find-jdk.sh
./mvnw -q -o -pl scheduler-service -am -DskipTests install
./mvnw -q -o -pl scheduler-service dependency:build-classpath -Dmdep.includeScope=test \
	-Dmdep.outputFile=target/radio-bench.classpath >/dev/null
CP="scheduler-service/target/test-classes:scheduler-service/target/classes:$(cat target/radio-bench.classpath 2>/dev/null || cat scheduler-service/target/radio-bench.classpath)"
"$JAVA_HOME/bin/java" -Xmx3g -cp "$CP" io.mediafleet.scheduler.radio.RadioLoadBenchmark "$@"
