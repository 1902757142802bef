#!/bin/sh
# Builds libk4jaez.so: katzen4j's AEZ v5 core with AES-NI (k4j_aez.c, our own code) behind a JNI
# entry point for org.katzen4j.sphinx.internal.AezNative.
#
# Usage: build-aez.sh OUTPUT_DIR [JAVA_HOME [CLASSES_DIR]]
# Writes OUTPUT_DIR/libk4jaez.so and, when CLASSES_DIR is given, a copy under
# CLASSES_DIR/org/katzen4j/sphinx/internal/native/linux-x86_64/ so the sphinx jar carries it.
# Never fails the build: without gcc/cc, JNI headers or an x86-64 Linux host it says why and
# exits 0; the Java side then uses the pure-Java AEZ and logs why.
# The library is built for plain x86-64 plus the AES instructions (-maes), not -march=native,
# so a jar built here runs on any x86-64 CPU; the library itself checks CPUID before use.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output directory}
jhome=${2:-${JAVA_HOME:-}}
classes=${3:-}
lib="$out/libk4jaez.so"
res="org/katzen4j/sphinx/internal/native/linux-x86_64"

say() { echo "katzen4j aez: $*" >&2; }

copy_to_classes() {
  if [ -n "$classes" ] && [ -f "$lib" ]; then
    mkdir -p "$classes/$res" && cp "$lib" "$classes/$res/libk4jaez.so"
  fi
}

if [ "${KATZEN4J_AEZ_SKIP:-}" = 1 ]; then say "skipped (KATZEN4J_AEZ_SKIP=1); the pure-Java AEZ will be used"; exit 0; fi
case "$(uname -s)-$(uname -m)" in
  Linux-x86_64|Linux-amd64) ;;
  *) say "no native AEZ for $(uname -s) $(uname -m) (x86-64 Linux only); the pure-Java AEZ will be used"; exit 0 ;;
esac
if [ -f "$lib" ] && [ "$lib" -nt "$here/k4j_aez.c" ] && [ "$lib" -nt "$0" ]; then copy_to_classes; exit 0; fi
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || { say "no C compiler ($cc); the pure-Java AEZ will be used"; exit 0; }
if [ -z "$jhome" ] || [ ! -f "$jhome/include/jni.h" ]; then
  say "no JNI headers under JAVA_HOME='$jhome'; the pure-Java AEZ will be used"; exit 0
fi
mkdir -p "$out"
# shellcheck disable=SC2086
$cc -O3 -fPIC -shared -std=c11 -Wall -Wextra -maes -msse2 -fno-strict-aliasing \
    -I"$jhome/include" -I"$jhome/include/linux" ${KATZEN4J_AEZ_CFLAGS:-} \
    -o "$lib.tmp" "$here/k4j_aez.c" -Wl,-z,noexecstack \
  || { rm -f "$lib.tmp"; say "compiling k4j_aez.c failed; the pure-Java AEZ will be used"; exit 0; }
mv "$lib.tmp" "$lib"
copy_to_classes
say "built $lib"
