#!/bin/sh
# Runs the Java (JMH, bench module) and Go (interop/bin/oracle bench) benchmarks of the same client
# operations back to back, ROUNDS times, alternating which language goes first, and writes
# BENCHMARKS.md at the repository root with the Java/Go ratio per operation (median over the rounds,
# min-max as the spread). Ratios are taken within a round, so machine load hits both sides alike.
#
#   bench/compare.sh [--quick] [--no-build] [--out FILE]
#
# Each round measures twice per language: wall time (JMH average time / Go testing.B) and the
# benchmark thread's own CPU time (org.katzen4j.bench.CpuTime / `oracle run bench-cpu`), which the
# other processes of a shared machine disturb much less.
#
# Environment: ROUNDS (default 3), JMH_ARGS (default: 1 fork, 1x1 s warm-up, 2x1 s measurement),
# GO_BENCHTIME (default 1s), CPU_MILLIS (default "1000 1000", wall ms of warm-up / measurement per operation). About 9 minutes in all
# (535 s on the shared 2-core machine at load average 9-18).
set -eu
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. scripts/find-jdk.sh
k4j_find_jdk

ROUNDS=${ROUNDS:-3}
JMH_ARGS=${JMH_ARGS:-"-f 1 -wi 1 -w 1s -i 2 -r 1s"}
GO_BENCHTIME=${GO_BENCHTIME:-1s}
CPU_MILLIS=${CPU_MILLIS:-"1000 1000"}   # Java CpuTime: warm-up and measurement wall milliseconds per op
OUT="$ROOT/BENCHMARKS.md"
BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) ROUNDS=1; JMH_ARGS="-f 1 -wi 1 -w 300ms -i 1 -r 500ms"; GO_BENCHTIME=300ms; CPU_MILLIS="300 300" ;;
    --no-build) BUILD=0 ;;
    --out) shift; OUT=$1 ;;
    *) echo "usage: $0 [--quick] [--no-build] [--out FILE]" >&2; exit 2 ;;
  esac
  shift
done

WORK="$ROOT/bench/target/compare"
rm -rf "$WORK"; mkdir -p "$WORK"
START=$(date +%s)
uptime > "$WORK/load-start.txt"

if [ "$BUILD" = 1 ]; then
  echo "== building the bench module and its dependencies"
  ./mvnw -q -pl bench -am install -DskipTests
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
uptime > "$WORK/load-end.txt"
END=$(date +%s)

python3 bench/report.py --work "$WORK" --rounds "$ROUNDS" --seconds $((END - START)) \
    --java "$("$JAVA_HOME/bin/java" -version 2>&1 | head -n 2 | tail -n 1)" --go "$(go version)" \
    --jmh-args "$JMH_ARGS" --go-benchtime "$GO_BENCHTIME" --cpu-millis "$CPU_MILLIS" --notes bench/notes.md --out "$OUT"
echo "== wrote $OUT in $((END - START)) s"
