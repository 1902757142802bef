#!/bin/sh
# Sourced by ./mvnw and the other scripts: makes JAVA_HOME point at a JDK 21 or newer.
# Order: $JAVA_HOME if it is 21+, the `java` on PATH if it is 21+, then the newest JDK under /usr/lib/jvm.

k4j_java_major() { # $1 = path to a java binary; prints its feature version or nothing
  # The JDK's release file names the version without starting a JVM (which costs ~0.3 s at every
  # launch); only a JDK without that file is asked directly.
  rel="$(dirname "$(dirname "$1")")/release"
  if [ -f "$rel" ]; then
    rv=$(sed -n 's/^JAVA_VERSION="\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$rel" | head -n 1)
    case "$rv" in
      1.*) rv=${rv#1.}; rv=${rv%%[!0-9]*} ;;
      *) rv=${rv%%[!0-9]*} ;;
    esac
    if [ -n "$rv" ]; then echo "$rv"; return 0; fi
  fi
  "$1" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1 | cut -d. -f1
}

k4j_find_jdk() {
  if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ]; then
    v=$(k4j_java_major "$JAVA_HOME/bin/java")
    [ -n "$v" ] && [ "$v" -ge 21 ] && return 0
  fi
  if command -v javac >/dev/null 2>&1; then
    home=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
    v=$(k4j_java_major "$home/bin/java")
    if [ -n "$v" ] && [ "$v" -ge 21 ]; then JAVA_HOME=$home; export JAVA_HOME; return 0; fi
  fi
  best=""; bestv=0
  for d in /usr/lib/jvm/* /opt/java/* /opt/jdk*; do
    [ -x "$d/bin/javac" ] || continue
    v=$(k4j_java_major "$d/bin/java")
    [ -n "$v" ] || continue
    if [ "$v" -ge 21 ] && [ "$v" -gt "$bestv" ]; then best=$d; bestv=$v; fi
  done
  if [ -n "$best" ]; then JAVA_HOME=$best; export JAVA_HOME; return 0; fi
  echo "katzen4j: no JDK 21 or newer found (checked JAVA_HOME, PATH and /usr/lib/jvm)." >&2
  echo "katzen4j: install one, e.g. 'apt-get install openjdk-21-jdk-headless' or a Temurin 21+, or set JAVA_HOME." >&2
  return 1
}
