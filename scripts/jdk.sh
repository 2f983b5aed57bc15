# Sourced by ./portolan, ./test and ./bench: sets JAVA_HOME to a JDK 25 or later, or exits with one clear line.
# Reads each candidate's `release` file instead of starting a JVM, so it costs nothing at launch.
portolan_pick_jdk() {
  local c v line
  for c in "${PORTOLAN_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25-jdk-amd64 /usr/lib/jvm/java-25-openjdk-amd64; do
    [[ -n "$c" && -x "$c/bin/java" && -f "$c/release" ]] || continue
    # the major version from JAVA_VERSION="25.0.1", read by bash itself (no sed started at every launch)
    v=""
    while IFS= read -r line || [[ -n "$line" ]]; do
      if [[ "$line" =~ ^JAVA_VERSION=\"([0-9]+) ]]; then
        v="${BASH_REMATCH[1]}"
        break
      fi
    done < "$c/release"
    if [[ -n "$v" && "$v" -ge 25 ]]; then
      export JAVA_HOME="$c"
      return 0
    fi
  done
  echo "portolan: needs JDK 25 or later; install Temurin 25 at /usr/lib/jvm/temurin-25-jdk-amd64 or set PORTOLAN_JAVA_HOME" >&2
  exit 2
}
portolan_pick_jdk
