#!/bin/sh
# Runs the Java (JMH, bench module) and Go (interop/bin/oracle bench) benchmarks of the same client
# operations back to back, ROUNDS times, alternating which language goes first, and writes
# BENCHMARKS.md at the repository root with the Java/Go ratio per operation (median over the rounds,
# min-max as the spread). Ratios are taken within a round, so machine load hits both sides alike.
#
#   bench/compare.sh [--quick] [--no-build] [--no-daemon] [--out FILE]
#
# Whole-daemon figures come from bench/daemon-compare.sh (ours and the reference kpclientd on the
# same reference testnet), appended as their own section. The testnet: if TESTNET_DIR names a
# running interop/testnet (its testnet.env exists), that one is used and left running; otherwise
# this script starts its own at the beginning, in the background, while the micro-benchmarks run
# (TESTNET_DIR=interop/.testnet-bench, TESTNET_PORT=${BENCH_TESTNET_PORT:-38000}), waits for its
# consensus before the daemon section, and brings it down at the end (also on failure or Ctrl-C).
# --no-daemon skips the section (and the testnet). TESTNET_CMD (default interop/testnet) is the
# script used for up/wait/down of the own testnet.
#
# Each round measures twice per language: wall time (JMH average time / Go testing.B) and the
# benchmark thread's own CPU time (org.katzen4j.bench.CpuTime / `oracle run bench-cpu`), which the
# other processes of a shared machine disturb much less.
#
# Environment: ROUNDS (default 3), JMH_ARGS (default: 1 fork, 1x1 s warm-up, 2x1 s measurement),
# GO_BENCHTIME (default 1s), CPU_MILLIS (default "1000 1000": warm-up ms of thread CPU time, at most 2x in wall time / measurement wall ms, per operation),
# DAEMON_ROUNDS (default 3, rounds of bench/daemon-compare.sh). About 9 minutes for the micro-benchmarks
# (535 s on the shared 2-core machine at load average 9-18) plus 2-4 minutes for the daemon section.
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/find-jdk.sh
k4j_find_jdk

ROUNDS=${ROUNDS:-3}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 1 -w 1s -i 2 -r 1s"}
GO_BENCHTIME=${GO_BENCHTIME:-1s}
CPU_MILLIS=${CPU_MILLIS:-"1000 1000"}   # Java CpuTime: warm-up (thread CPU ms, at most 2x wall) and measurement (wall ms) per op
OUT="$ROOT/BENCHMARKS.md"
BUILD=1
DAEMON=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ROUNDS=1; JMH_ARGS="-f 1 -wi 1 -w 300ms -i 1 -r 500ms"; GO_BENCHTIME=300ms; CPU_MILLIS="300 300" ;;
    --no-build) BUILD=0 ;;
    --no-daemon) DAEMON=0 ;;
    --out) shift; OUT=$1 ;;
    *) echo "usage: $0 [--quick] [--no-build] [--no-daemon] [--out FILE]" >&2; exit 2 ;;
  esac
  shift
done

WORK="$ROOT/bench/target/compare"
rm -rf "$WORK"; mkdir -p "$WORK"
START=$(date +%s)
uptime > "$WORK/load-start.txt"

# ---- the reference testnet for the whole-daemon section
TESTNET_CMD=${TESTNET_CMD:-interop/testnet}
OWN_NET=""
NET_DESC=""
NET_PID=""
if [ "$DAEMON" = 1 ]; then
  if [ -n "${TESTNET_DIR:-}" ] && [ -f "$TESTNET_DIR/testnet.env" ]; then
    NET_DIR=$TESTNET_DIR
    NET_DESC="the running testnet \`$NET_DIR\` (not started by this script)"
    echo "== using the running testnet $NET_DIR for the daemon section"
  else
    NET_DIR="$ROOT/interop/.testnet-bench"
    NET_PORT=${BENCH_TESTNET_PORT:-38000}
    OWN_NET=1
    NET_DESC="its own testnet (\`interop/testnet up\`, base port $NET_PORT, started in the background at the beginning, brought down at the end)"
    echo "== starting an own testnet in $NET_DIR (port $NET_PORT) in the background; log $WORK/testnet-up.log"
    (TESTNET_DIR=$NET_DIR TESTNET_PORT=$NET_PORT "$TESTNET_CMD" up > "$WORK/testnet-up.log" 2>&1) &
    NET_PID=$!
  fi
fi
net_down() {
  if [ -n "$OWN_NET" ]; then
    [ -n "$NET_PID" ] && wait "$NET_PID" 2>/dev/null || true
    echo "== bringing the own testnet down"
    TESTNET_DIR=$NET_DIR "$TESTNET_CMD" down > "$WORK/testnet-down.log" 2>&1 || echo "   (testnet down failed, see $WORK/testnet-down.log)" >&2
    OWN_NET=""
  fi
}
SNAP=""
trap '[ -n "$SNAP" ] && rm -f "$SNAP"; net_down' EXIT
trap 'exit 130' INT TERM

if [ "$BUILD" = 1 ]; then
  if [ "$DAEMON" = 1 ]; then
    echo "== building the bench module, the daemon (for bench/daemon-compare.sh) and their dependencies"
    ./mvnw -q -pl bench,daemon -am install -DskipTests
  else
    echo "== building the bench module and its dependencies"
    ./mvnw -q -pl bench -am install -DskipTests
  fi
  echo "== building the Go oracle"
  (cd interop && GOSUMDB=off go build -o bin/oracle ./oracle)
fi
./mvnw -q -f bench/pom.xml dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
CP="bench/target/classes:$(cat bench/target/cp.txt)"

GO_NAMES="sphinx/new-packet-x25519 sphinx/new-surb-x25519 sphinx/decrypt-surb-payload-x25519 sphinx/unwrap-one-hop-x25519
 bench/wire-encrypt-decrypt bench/pki-verify bench/bacap-encrypt-sign bench/bacap-verify-decrypt
 bench/mkem-x25519-encapsulate bench/mkem-x25519-decapsulate bench/thin-response-decode-encode
 bench/new-packet-h2-p2000 bench/new-packet-h5-p2000 bench/new-packet-h8-p2000 bench/new-packet-h5-p8000 bench/new-packet-h5-p32000"

run_go() { # $1 round
  echo "== round $1: Go (testing.B wall time, then thread CPU time)"
  K4J_ROOT="$ROOT" interop/bin/oracle bench -time "$GO_BENCHTIME" $GO_NAMES > "$WORK/go-$1.jsonl"
  K4J_ROOT="$ROOT" interop/bin/oracle run bench-cpu -time "$GO_BENCHTIME" $GO_NAMES > "$WORK/go-cpu-$1.jsonl"
}
run_java() { # $1 round
  echo "== round $1: Java"
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" -cp "$CP" org.openjdk.jmh.Main 'org\.katzen4j\.bench\..*' $JMH_ARGS -tu us -bm avgt \
      -jvmArgsAppend "-Dk4j.root=$ROOT" -foe true -rf json -rff "$WORK/java-$1.json" > "$WORK/java-$1.log" 2>&1 \
    || { tail -30 "$WORK/java-$1.log" >&2; exit 1; }
  echo "== round $1: Java (thread CPU time)"
  "$JAVA_HOME/bin/java" "-Dk4j.root=$ROOT" -cp "$CP" org.katzen4j.bench.CpuTime $CPU_MILLIS > "$WORK/java-cpu-$1.jsonl"
}

r=1
while [ "$r" -le "$ROUNDS" ]; do
  if [ $((r % 2)) = 1 ]; then run_go "$r"; run_java "$r"; else run_java "$r"; run_go "$r"; fi
  r=$((r + 1))
done

DAEMON_ARGS=""
if [ "$DAEMON" = 1 ]; then
  if [ -n "$OWN_NET" ]; then
    echo "== waiting for the own testnet's consensus"
    wait "$NET_PID" || echo "   (interop/testnet up failed, see $WORK/testnet-up.log)" >&2
    NET_PID=""
    TESTNET_DIR=$NET_DIR "$TESTNET_CMD" wait 600 > "$WORK/testnet-wait.log" 2>&1 \
      || echo "   (no consensus yet, see $WORK/testnet-wait.log; the daemon section will say so)" >&2
  fi
  echo "== whole-daemon figures (bench/daemon-compare.sh)"
  D0=$(date +%s)
  # run a snapshot: bash reads a script as it goes, so an edit to bench/daemon-compare.sh during the
  # run would break it (same directory, so the script still finds the repository root)
  SNAP="$ROOT/bench/.daemon-compare-snapshot-$$.sh"
  cp bench/daemon-compare.sh "$SNAP"
  TESTNET_DIR=$NET_DIR ROUNDS=${DAEMON_ROUNDS:-3} bash "$SNAP" > "$WORK/daemon.md" 2> "$WORK/daemon.log" \
    || echo "   (bench/daemon-compare.sh failed, see $WORK/daemon.log)" >&2
  rm -f "$SNAP"
  echo "   took $(( $(date +%s) - D0 )) s"
  if [ ! -s "$WORK/daemon.md" ]; then
    { echo "## Whole-daemon figures (kpclientd, Java vs Go)"; echo
      echo "not measured: bench/daemon-compare.sh printed no section; the end of its log:"; echo
      echo '```'; tail -n 5 "$WORK/daemon.log"; echo '```'; } > "$WORK/daemon.md"
  fi
  DAEMON_ARGS="--daemon $WORK/daemon.md"
fi
uptime > "$WORK/load-end.txt"
END=$(date +%s)
net_down

python3 bench/report.py --work "$WORK" --rounds "$ROUNDS" --seconds $((END - START)) \
    --java "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 2 | tail -n 1)" --go "$(go version)" \
    --jmh-args "$JMH_ARGS" --go-benchtime "$GO_BENCHTIME" --cpu-millis "$CPU_MILLIS" --notes bench/notes.md --out "$OUT" \
    $DAEMON_ARGS --testnet "$NET_DESC"
echo "== wrote $OUT in $((END - START)) s"
