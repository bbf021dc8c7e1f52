# Shared by the benchmark scripts (POSIX sh; source it from the repository root): builds with the Maven wrapper the
# way a fresh clone needs it. Online unless MAVEN_ARGS says otherwise (MAVEN_ARGS=-o once ~/.m2 holds every plugin
# and dependency), Maven's own messages left on the terminal, nothing ever installed into ~/.m2 (a benchmark must
# not replace the SNAPSHOT jars other builds on the machine use): modules are built in one reactor and used from
# their target/ directories.
#
#   . bench/lib/maven.sh
#   bench_maven -pl tracker-service -am -DskipTests package      # any build; stops the script if it fails
#   bench_classpath scheduler-service                            # sets BENCH_CLASSPATH (test classes included)

# Runs ./mvnw -q $MAVEN_ARGS "$@"; on failure says so and exits, so no benchmark runs on a half-built tree.
bench_maven() {
	# shellcheck disable=SC2086
	if ! ./mvnw -q ${MAVEN_ARGS:-} "$@"; then
		echo "bench: the build failed, Maven's messages are above: ./mvnw -q ${MAVEN_ARGS:-} $*" >&2
		case " ${MAVEN_ARGS:-} " in
		*" -o "* | *" --offline "*)
			echo "bench: MAVEN_ARGS has -o (offline): run once without it so Maven can fetch missing plugins" >&2 ;;
		esac
		exit 1
	fi
}

# Builds module $1 and the modules it needs (tests compiled, not run) and sets BENCH_CLASSPATH to what runs its test
# classes: its target/test-classes and target/classes, then every test-scope dependency, the suite's own modules as
# the jars just built in target/. Extra arguments go to Maven.
bench_classpath() {
	bench_module=$1
	shift
	# Relative to each module of the reactor: every module writes its own file; only $bench_module's is read.
	bench_maven -pl "$bench_module" -am -DskipTests -Djacoco.skip=true "$@" package dependency:build-classpath \
		-Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
	if [ ! -s "$bench_module/target/bench.classpath" ]; then
		echo "bench: Maven wrote no class path to $bench_module/target/bench.classpath" >&2
		exit 1
	fi
	BENCH_CLASSPATH="$bench_module/target/test-classes:$bench_module/target/classes:$(cat "$bench_module/target/bench.classpath")"
}
