#!/usr/bin/env bash
# Runs every Jazzer fuzz target (the @FuzzTest methods in <module>/src/test/java/org/katzen4j/*/fuzz/) for a
# bounded time, one JVM at a time, and collects crashing inputs.
#
#   scripts/fuzz.sh [--short|--long] [module...]
#
#   --short   FUZZ_SECONDS per target, default 8 (the CI pass: all targets in roughly 5-6 minutes on 2 cores)
#   --long    FUZZ_SECONDS per target, default 600
#   module    codec, wire, pki, ... (default: every module that has fuzz targets)
#
# Environment: FUZZ_SECONDS (overrides the per-target time), FUZZ_OUT (default target/fuzz),
#              FUZZ_TARGETS (a grep -E pattern on "Class.method" to run only some targets),
#              FUZZ_KEEP=1 copies each finding into the target's committed input directory as crash-<sha1>
#              (it is then replayed by `./mvnw verify`; only do that once the bug is fixed).
#
# The modules (and the modules they depend on) must be installed in ~/.m2, as after `./mvnw install`.
# Each target runs in Jazzer's standalone driver (no Maven per target). New interesting inputs go to
# $FUZZ_OUT/corpus/<target>/ (kept between runs, not committed); the committed seeds are read only.
# Findings: $FUZZ_OUT/findings/<target>/crash-* plus the log. Summary: $FUZZ_OUT/summary.tsv.
# Exit status: 0 when no target found anything, 1 when at least one did, 2 on a setup error.
set -u
cd "$(dirname "$0")/.."
ROOT=$(pwd)

mode=short
case "${1:-}" in
  --short) mode=short; shift ;;
  --long) mode=long; shift ;;
  -h|--help) sed -n '2,21p' "$0"; exit 0 ;;
esac
if [ "$mode" = short ]; then secs=${FUZZ_SECONDS:-8}; else secs=${FUZZ_SECONDS:-600}; fi
out=${FUZZ_OUT:-$ROOT/target/fuzz}
mkdir -p "$out"
out=$(cd "$out" && pwd)

. "$ROOT/scripts/find-jdk.sh"
k4j_find_jdk || exit 2
JAVA="$JAVA_HOME/bin/java"

if [ $# -gt 0 ]; then
  modules="$*"
else
  modules=$(ls -d */src/test/java/org/katzen4j/*/fuzz 2>/dev/null | cut -d/ -f1 | sort -u | tr '\n' ' ')
fi

summary="$out/summary.tsv"
printf 'module\ttarget\tseconds\texecutions\tresult\n' > "$summary"
failed=0
start_all=$(date +%s)

# One Maven run compiles the tests of every selected module and writes each one's test classpath.
fuzzmods=""
for m in $modules; do
  if ls -d "$m"/src/test/java/org/katzen4j/*/fuzz > /dev/null 2>&1; then
    fuzzmods="$fuzzmods${fuzzmods:+,}$m"
  else
    echo "fuzz: module $m has no fuzz targets" >&2
  fi
done
[ -n "$fuzzmods" ] || { echo "fuzz: nothing to fuzz" >&2; exit 2; }
echo "== compiling tests of $fuzzmods"
if ! ./mvnw -q -o -pl "$fuzzmods" test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/fuzz.classpath > "$out/compile.log" 2>&1; then
  echo "fuzz: compiling the tests failed, see $out/compile.log" >&2
  exit 2
fi

for m in $(echo "$fuzzmods" | tr , ' '); do
  cp="$ROOT/$m/target/test-classes:$ROOT/$m/target/classes:$(cat "$m/target/fuzz.classpath")"

  for src in $(ls "$m"/src/test/java/org/katzen4j/*/fuzz/*.java); do
    pkg=$(sed -n 's/^package \(.*\);/\1/p' "$src")
    cls=$(basename "$src" .java)
    # method names: the first "void name(" after each @FuzzTest
    methods=$(awk '/@FuzzTest/{f=1} f && /void [A-Za-z0-9_]+\(/{match($0,/void [A-Za-z0-9_]+\(/); print substr($0,RSTART+5,RLENGTH-6); f=0}' "$src")
    for meth in $methods; do
      target="$cls.$meth"
      if [ -n "${FUZZ_TARGETS:-}" ] && ! echo "$target" | grep -Eq "$FUZZ_TARGETS"; then
        continue
      fi
      seeds="$ROOT/$m/src/test/resources/$(echo "$pkg" | tr . /)/${cls}Inputs/$meth"
      corpus="$out/corpus/$target"
      findings="$out/findings/$target"
      rm -rf "$findings"
      mkdir -p "$corpus" "$findings"
      [ -d "$seeds" ] || seeds=""
      log="$out/$target.log"
      echo "== $m $target: ${secs}s"
      t0=$(date +%s)
      # Coverage and Jazzer's hooks only in our classes (hooking the JDK and libraries slows start-up and
      # every execution several-fold). -timeout: one input running longer than 30 s is a hang;
      # -rss_limit_mb with -Xmx1g: memory blow-ups.
      (cd "$findings" && "$JAVA" -Xmx1g -cp "$cp" com.code_intelligence.jazzer.Jazzer \
          --target_class="$pkg.$cls" --target_method="$meth" \
          --instrumentation_includes='org.katzen4j.**' --custom_hook_includes='org.katzen4j.**' \
          --reproducer_path="$findings" \
          -max_total_time="$secs" -timeout=30 -rss_limit_mb=2048 -artifact_prefix="$findings/" \
          "$corpus" $seeds) > "$log" 2>&1
      rc=$?
      t1=$(date +%s)
      runs=$(sed -n 's/^Done \([0-9]*\) runs in.*/\1/p' "$log" | tail -n 1)
      if [ -z "$runs" ]; then
        # on a finding libFuzzer prints no "Done" line; take the last status line's count
        runs=$(grep -oE '^#[0-9]+' "$log" | tail -n 1 | tr -d '#')
      fi
      crashes=$(ls "$findings" 2>/dev/null | grep -E '^(crash|timeout|oom|leak)-' || true)
      if [ $rc -eq 0 ] && [ -z "$crashes" ]; then
        result=ok
      else
        failed=1
        result="FINDING (exit $rc): $(echo $crashes | tr '\n' ' ')"
        echo "fuzz: $target found something; log: $log, inputs: $findings" >&2
        grep -m 1 -A 12 -E '== Java Exception|FuzzerSecurityIssue|ERROR: libFuzzer' "$log" >&2 || tail -n 20 "$log" >&2
        if [ "${FUZZ_KEEP:-0}" = 1 ] && [ -n "$seeds" ]; then
          for c in $crashes; do cp "$findings/$c" "$seeds/crash-$(sha1sum < "$findings/$c" | cut -c1-40)"; done
        fi
      fi
      printf '%s\t%s\t%s\t%s\t%s\n' "$m" "$target" "$((t1 - t0))" "${runs:-?}" "$result" >> "$summary"
    done
  done
done

echo "== summary ($(( $(date +%s) - start_all ))s total, $mode pass, ${secs}s per target)"
column -t -s "$(printf '\t')" "$summary" 2>/dev/null || cat "$summary"
exit $failed
