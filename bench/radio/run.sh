#!/usr/bin/env sh
# Radio scheduler load benchmark: starts the scheduler in-process on the test servers (embedded Redis and
# mongo-java-server unless REDIS_URL / MONGODB_URI point elsewhere), simulates streamers over real Redis and prints
# sustained throughput, handling latency and scheduling lag, then the redis-benchmark PUBLISH ceiling measured on
# the same Redis.
#   bench/radio/run.sh [streamers=1000] [radios=1000] [listener msgs/s=40000] [seconds=30] [song seconds=10]
# Environment: RADIO_RANDOM=1 gives the radios a random playlist (default: ordered), so every PREPARE applies the
# random-play rules; RADIO_WARMUP_SECONDS (default 10), the listener load at the full rate before the measured window
# (its own figures are printed in the "cold start" rows; 0 measures from the first message);
# MEDIAFLEET_TEST_MONGODB_BACKEND=h2 puts mongo-java-server's data in an H2 MVStore file instead of the heap;
# RADIO_AOT=1 runs the scheduler with a JDK 25 AOT cache made by a training run (see below);
# RADIO_JAVA_OPTS, the scheduler JVM's options (default: G1, fixed 3 GB heap in transparent huge pages, 128 MB young
# generation, see below);
# RADIO_MONGO_JVM=own runs mongo-java-server in a JVM of its own (options RADIO_MONGO_JAVA_OPTS), as a real MongoDB
# is out of process; the default keeps it in the scheduler's JVM, which costs less CPU on a 2-core machine.
set -eu
cd "$(dirname "$0")/../.."
. ./.mvn/find-jdk.sh
# Online by default, so a fresh clone fetches what it lacks (the dependency plugin among it); MAVEN_ARGS=-o once
# ~/.m2 has it all. Maven's errors stay on the terminal; nothing is installed (bench/lib/maven.sh).
. ./bench/lib/maven.sh
bench_classpath scheduler-service
CP=$BENCH_CLASSPATH

# On request, mongo-java-server in a JVM of its own, as a real MongoDB is a process of its own: its in-memory data
# (1.2 million listener sessions at the defaults) is then not traced by the scheduler's garbage collector.
if [ -z "${MONGODB_URI:-}" ] && [ "${RADIO_MONGO_JVM:-shared}" = own ]; then
	MONGO_LOG=$(mktemp)
	# shellcheck disable=SC2086
	"$JAVA_HOME/bin/java" ${RADIO_MONGO_JAVA_OPTS:--XX:+UseG1GC -Xms3g -Xmx3g} -cp "$CP" \
		io.mediafleet.testsupport.EmbeddedMongoDbProcess >"$MONGO_LOG" 2>&1 &
	MONGO_PID=$!
	trap 'kill "$MONGO_PID" 2>/dev/null || true; rm -f "$MONGO_LOG"' EXIT
	trap 'exit 130' INT TERM
	tries=0
	until grep -q '^mongodb://' "$MONGO_LOG"; do
		tries=$((tries + 1))
		if [ "$tries" -gt 600 ] || ! kill -0 "$MONGO_PID" 2>/dev/null; then
			echo "mongo-java-server did not start:" >&2
			cat "$MONGO_LOG" >&2
			exit 1
		fi
		sleep 0.1
	done
	MONGODB_URI=$(grep -m1 '^mongodb://' "$MONGO_LOG")
	export MONGODB_URI
	echo "mongo-java-server in its own JVM (pid $MONGO_PID): $MONGODB_URI"
fi
# G1 with a fixed heap (no resizing while the load starts), touched at start (-XX:+AlwaysPreTouch: otherwise the
# first use of each page of the old generation is a page fault inside a GC pause), a small young generation (a pause
# every ~0.3 s copies ~10 MB instead of one every ~3 s copying ~100 MB) and no survivor ageing (mongo-java-server's
# 1.2 million session documents live for the whole run: copied once, to the old generation, not up to 15 times).
# Generational ZGC was tried (RADIO_JAVA_OPTS="-XX:+UseZGC -Xms3g -Xmx3g"): with those documents in the same heap it
# could not keep up on two cores (allocation stalls of 455 ms), see docs/performance.md.
# The heap in transparent huge pages (2 MB pages, asked for with madvise; the JVM warns and goes on with 4 KB pages
# where the kernel has them switched off): on this project's machines it took the handling p99 from 7-12.6 ms to
# 1.8-3.8 ms (docs/performance.md, fourteenth session).
JAVA_OPTS=${RADIO_JAVA_OPTS:--XX:+UseG1GC -Xms3g -Xmx3g -XX:+AlwaysPreTouch -XX:+UseTransparentHugePages -Xmn128m -XX:MaxTenuringThreshold=0}
# On request (RADIO_AOT=1), a JDK 25 AOT cache (classes loaded and linked, method profiles) made by a 10 s training run
# of this bench, so the JIT starts from the profiles of a warm run. An AOT cache needs a class path of jars only: the
# module's classes are packed into two jars first. The cache is made again whenever it is older than a class.
if [ "${RADIO_AOT:-0}" = 1 ]; then
	if [ "$(mediafleet_java_major "$JAVA_HOME/bin/java")" -lt 25 ]; then
		echo "RADIO_AOT=1 needs a JDK 25 or newer (JAVA_HOME=$JAVA_HOME)" >&2
		exit 1
	fi
	AOT_DIR=scheduler-service/target/radio-bench-aot
	mkdir -p "$AOT_DIR"
	CP="$AOT_DIR/test-classes.jar:$AOT_DIR/classes.jar:${CP#scheduler-service/target/test-classes:scheduler-service/target/classes:}"
	# The cache is only valid with the very jars it was made with (the JVM checks their time stamps): jars and cache
	# are made again together, when a class is newer than the cache, and reused as they are otherwise.
	if [ ! -f "$AOT_DIR/radio.aot" ] || [ -n "$(find scheduler-service/target/classes scheduler-service/target/test-classes \
			-newer "$AOT_DIR/radio.aot" -name '*.class' | head -n 1)" ]; then
		rm -f "$AOT_DIR/radio.aot"
		"$JAVA_HOME/bin/jar" cf "$AOT_DIR/test-classes.jar" -C scheduler-service/target/test-classes .
		"$JAVA_HOME/bin/jar" cf "$AOT_DIR/classes.jar" -C scheduler-service/target/classes .
		echo "AOT training run (10 s at 40,000 msgs/s), then the measured run with the cache"
		# shellcheck disable=SC2086
		RADIO_WARMUP_SECONDS=0 "$JAVA_HOME/bin/java" $JAVA_OPTS -XX:AOTCacheOutput="$AOT_DIR/radio.aot" -cp "$CP" \
			io.mediafleet.scheduler.radio.RadioLoadBenchmark 1000 1000 40000 10 10 >"$AOT_DIR/training.log" 2>&1
	fi
	# AOTMode=on: a cache that cannot be used is an error, never a silent run without it.
	JAVA_OPTS="$JAVA_OPTS -XX:AOTCache=$AOT_DIR/radio.aot -XX:AOTMode=on"
fi
# shellcheck disable=SC2086
"$JAVA_HOME/bin/java" $JAVA_OPTS -cp "$CP" io.mediafleet.scheduler.radio.RadioLoadBenchmark "$@"
