# Sourced by ./mvnw and the scripts under bin/: makes JAVA_HOME point at a JDK 21 or newer.
# Order: an existing JAVA_HOME that is 21+, the `java` on PATH if 21+, then the newest
# JDK 21+ under /usr/lib/jvm (Debian's JVM directory) or /opt/java. POSIX sh; no globbing
# assumptions about the caller (mvnw runs with `set -f`).
mediafleet_java_major() {
  # Prints the feature version of the java binary $1 (17, 21, 25, ...), or 0.
  "$1" -XshowSettings:properties -version 2>&1 \
    | sed -n 's/^ *java\.specification\.version = \([0-9][0-9]*\).*/\1/p' | head -n 1 | grep . || echo 0
}
mediafleet_find_jdk() {
  if [ -n "${JAVA_HOME-}" ] && [ -x "$JAVA_HOME/bin/javac" ] \
      && [ "$(mediafleet_java_major "$JAVA_HOME/bin/java")" -ge 21 ]; then
    return 0
  fi
  if command -v javac >/dev/null 2>&1 && [ "$(mediafleet_java_major java)" -ge 21 ]; then
    JAVA_HOME=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    export JAVA_HOME
    return 0
  fi
  mediafleet_best=""
  mediafleet_best_major=0
  mediafleet_restore_f=false
  case $- in *f*) mediafleet_restore_f=true; set +f ;; esac
  for mediafleet_candidate in /usr/lib/jvm/* /opt/java/* /opt/*jdk*; do
    [ -x "$mediafleet_candidate/bin/javac" ] || continue
    mediafleet_major=$(mediafleet_java_major "$mediafleet_candidate/bin/java")
    if [ "$mediafleet_major" -ge 21 ] && [ "$mediafleet_major" -gt "$mediafleet_best_major" ]; then
      mediafleet_best=$mediafleet_candidate
      mediafleet_best_major=$mediafleet_major
    fi
  done
  if $mediafleet_restore_f; then set -f; fi
  if [ -z "$mediafleet_best" ]; then
    echo "mediafleet: no JDK 21 or newer found (JAVA_HOME, PATH, /usr/lib/jvm, /opt/java). Install one or set JAVA_HOME." >&2
    return 1
  fi
  JAVA_HOME=$mediafleet_best
  export JAVA_HOME
}
mediafleet_find_jdk || exit 1
PATH="$JAVA_HOME/bin:$PATH"
export PATH
