#!/bin/sh
# Builds dist/target/katzen4j-runtime/: a trimmed Java runtime (jlink) plus the shaded katzen4j
# jars and launchers, so the target machine needs no JDK.
#
#   dist/build-runtime.sh            # uses the shaded jars already built
#   dist/build-runtime.sh --build    # first runs ./mvnw -pl cli,daemon -am package -DskipTests
#
# The JDK modules come from `jdeps --print-module-deps` over the shaded jars, plus EXTRA_MODULES
# (modules only reached through reflection or service loading, which jdeps cannot see).
# The daemon jar is optional: without daemon/target/katzen4j-daemon-*-all.jar only katzen is packed.
# Result layout:
#   bin/katzen, bin/kpclientd     launchers (POSIX sh) running runtime/bin/java
#   lib/*.jar                     the shaded jars
#   lib/native/                   libk4jctidh1024.so when the pigeonhole module built it
#   runtime/                      the jlink'ed JRE
#   systemd/                      kpclientd.service, kpclientd.sysusers
#   MODULES                       the module list used
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/find-jdk.sh"
k4j_find_jdk || exit 1
for tool in jdeps jlink; do
  if [ ! -x "$JAVA_HOME/bin/$tool" ]; then
    echo "build-runtime: $JAVA_HOME has no $tool (a full JDK is needed, not a JRE)" >&2
    exit 1
  fi
done

if [ "${1:-}" = "--build" ]; then
  modules=cli
  [ -d "$root/daemon" ] && modules=cli,daemon
  (cd "$root" && ./mvnw -q -pl "$modules" -am package -DskipTests)
fi

newest() { # newest file matching the glob in $1, or nothing
  found=""
  for f in $1; do
    if [ -f "$f" ] && { [ -z "$found" ] || [ "$f" -nt "$found" ]; }; then found=$f; fi
  done
  printf '%s' "$found"
}
cli_jar=$(newest "$root/cli/target/katzen4j-cli-*-all.jar")
daemon_jar=$(newest "$root/daemon/target/katzen4j-daemon-*-all.jar")
if [ -z "$cli_jar" ]; then
  echo "build-runtime: no cli/target/katzen4j-cli-*-all.jar; run with --build or ./mvnw -pl cli -am package -DskipTests" >&2
  exit 1
fi
if [ -z "$daemon_jar" ]; then
  echo "build-runtime: no daemon/target/katzen4j-daemon-*-all.jar: packing katzen only (no kpclientd)" >&2
fi
jars="$cli_jar${daemon_jar:+ $daemon_jar}"

release=$("$JAVA_HOME/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = //p' | head -n 1)
# shellcheck disable=SC2086 # $jars is a list of paths without spaces (Maven target dirs)
deps=$("$JAVA_HOME/bin/jdeps" --ignore-missing-deps --print-module-deps --multi-release "$release" $jars)
# EXCLUDE_MODULES: modules jdeps lists that nothing we run touches. java.desktop (~10 MB) is only
# referenced by Jackson's optional java.beans annotation support (tools.jackson.databind.ext.beans),
# which Jackson probes and skips when the module is absent. EXTRA_MODULES: java.naming for JNDI/DNS
# lookups that jdeps cannot see. (BouncyCastle does the cryptography: no jdk.crypto.* needed.)
exclude=${EXCLUDE_MODULES-java.desktop}
extra=${EXTRA_MODULES-java.naming}
mods=$(printf '%s\n' "$deps" "$extra" | tr ',' '\n' | grep -v '^$' | grep -vxF -e "$(printf '%s' "$exclude" | tr ',' '\n')" -e '-' | sort -u | paste -sd, -)

out="$root/dist/target/katzen4j-runtime"
rm -rf "$out"
mkdir -p "$out/bin" "$out/lib" "$out/systemd"
"$JAVA_HOME/bin/jlink" --add-modules "$mods" --strip-debug --no-man-pages --no-header-files \
  --compress=zip-6 --output "$out/runtime"
echo "$mods" | tr ',' '\n' > "$out/MODULES"

cp "$cli_jar" "$out/lib/katzen4j-cli.jar"
[ -n "$daemon_jar" ] && cp "$daemon_jar" "$out/lib/katzen4j-daemon.jar"
# CTIDH-1024 JNI library (Pigeonhole channels in the daemon), built by the pigeonhole module when
# go and a C compiler are present; found through java.library.path by the launchers.
ctidh="$root/pigeonhole/target/native/libk4jctidh1024.so"
mkdir -p "$out/lib/native"
if [ -n "$daemon_jar" ] && [ -f "$ctidh" ]; then
  cp "$ctidh" "$out/lib/native/"
elif [ -n "$daemon_jar" ]; then
  echo "build-runtime: no $ctidh: kpclientd will answer channel requests with 'service unavailable'" >&2
fi
cp "$root/dist/systemd/kpclientd.service" "$root/dist/systemd/kpclientd.sysusers" "$out/systemd/"

launcher() { # $1 = name, $2 = jar file name, $3 = description
  cat > "$out/bin/$1" <<EOS
#!/bin/sh
# $3, on the bundled Java runtime (no JDK needed). JAVA_OPTS is passed to the JVM.
set -e
here=\$(cd "\$(dirname "\$0")/.." && pwd)
exec "\$here/runtime/bin/java" \${JAVA_OPTS:-} -Djava.library.path="\$here/lib/native" -jar "\$here/lib/$2" "\$@"
EOS
  chmod 755 "$out/bin/$1"
}
launcher katzen katzen4j-cli.jar "katzen, the katzen4j command-line tool"
[ -n "$daemon_jar" ] && launcher kpclientd katzen4j-daemon.jar "kpclientd, the katzen4j client daemon"

size=$(du -sh "$out" | cut -f1)
rt=$(du -sh "$out/runtime" | cut -f1)
echo "build-runtime: $out ($size; runtime $rt) with modules: $mods"
