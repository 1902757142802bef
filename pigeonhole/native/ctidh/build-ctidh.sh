#!/bin/sh
# Builds libk4jctidh1024.so: the CTIDH-1024 code of the public-domain highctidh
# library plus katzen4j's JNI bridge (k4j_ctidh1024.c). highctidh is fetched at
# build time as the Go module codeberg.org/vula/highctidh through the Go module
# proxy (version and checksum pinned by interop/go.mod and interop/go.sum); its
# sources are compiled from the module cache and never copied into this tree.
#
# Usage: build-ctidh.sh OUTPUT_DIR [JAVA_HOME]
# Never fails the build: without go, gcc or JNI headers it says why and exits 0;
# the Java side then reports the missing library when CTIDH is first used.
set -u
here=$(cd "$(dirname "$0")" && pwd)
out=${1:?output directory}
jhome=${2:-${JAVA_HOME:-}}
repo=$(cd "$here/../../.." && pwd)
lib="$out/libk4jctidh1024.so"
version=v1.0.2024092800

say() { echo "katzen4j ctidh: $*" >&2; }

if [ "${KATZEN4J_CTIDH_SKIP:-}" = 1 ]; then say "skipped (KATZEN4J_CTIDH_SKIP=1)"; exit 0; fi
if [ -f "$lib" ] && [ "$lib" -nt "$here/k4j_ctidh1024.c" ] && [ "$lib" -nt "$0" ]; then exit 0; fi
command -v go >/dev/null 2>&1 || { say "no 'go' to fetch highctidh; CTIDH unavailable"; exit 0; }
cc=${CC:-cc}
command -v "$cc" >/dev/null 2>&1 || { say "no C compiler ($cc); CTIDH unavailable"; exit 0; }
if [ -z "$jhome" ] || [ ! -f "$jhome/include/jni.h" ]; then say "no JNI headers under JAVA_HOME='$jhome'; CTIDH unavailable"; exit 0; fi

src=$(cd "$repo/interop" && GOSUMDB=off go mod download -json "codeberg.org/vula/highctidh@$version" 2>/dev/null \
      | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')
if [ -z "$src" ] || [ ! -f "$src/src/ctidh1024/csidh.c" ]; then say "could not fetch codeberg.org/vula/highctidh@$version"; exit 0; fi
d="$src/src/ctidh1024"

case "$(uname -m)" in
  x86_64|amd64) arch="-DPLATFORM=x86_64 -DPLATFORM_SIZE=64 -D__x86_64__" ;;
  aarch64|arm64) arch="-DPLATFORM=aarch64 -DPLATFORM_SIZE=64" ;;
  *) say "unsupported machine $(uname -m)"; exit 0 ;;
esac
march=${KATZEN4J_CTIDH_MARCH--march=native -mtune=native}

mkdir -p "$out/ctidh-obj"
objs=""
# Same definitions as highctidh's cgo build for this platform (portable field arithmetic).
flags="-O2 -fPIC -DBITS=1024 -DCGONUTS -DGETRANDOM -DHIGHCTIDH_PORTABLE=1 $arch $march -I$d -I$jhome/include -I$jhome/include/linux"
say "compiling highctidh ctidh1024 from $d"
for f in "$d"/*.c "$d"/*.S "$here/k4j_ctidh1024.c"; do
  o="$out/ctidh-obj/$(basename "$f").o"
  # shellcheck disable=SC2086
  $cc $flags -c "$f" -o "$o" || { say "compiling $f failed; CTIDH unavailable"; exit 0; }
  objs="$objs $o"
done
# shellcheck disable=SC2086
$cc -shared -o "$lib.tmp" $objs -Wl,-z,noexecstack || { say "linking failed; CTIDH unavailable"; exit 0; }
mv "$lib.tmp" "$lib"
say "built $lib"
