#!/usr/bin/env bash
# Dependency audit (CI stage 5; what it does and does not cover: docs/reliability.md).
#
#   scripts/audit.sh            all parts below; exit 1 if a check that ran found something
#
# 1. Known-vulnerable versions (always runs, offline apart from Maven Central): the enforcer
#    rule in the root pom's `audit` profile fails when any module, directly or transitively,
#    resolves a version listed there (hand-kept floors for advisories against BouncyCastle,
#    Netty, commons-compress, log4j-core, junit 4).
# 2. Inventory (always runs): CycloneDX SBOM of every module's compile/runtime dependencies in
#    target/bom.json, and the list of shipped third-party artifacts printed here. Feed the SBOM
#    to any scanner that has a vulnerability feed.
# 3. Pinned versions against Maven Central (always runs, informational): the version properties
#    of the root pom that have a newer release (pre-releases ignored). Does not fail: a new
#    upstream release is not a defect of this tree, but a lagging pin is worth a look.
# 4. OWASP dependency-check against the NVD (CVSS >= 7 fails; scripts/audit-suppressions.xml):
#    runs only when the NVD API answers and either NVD_API_KEY is set or a local NVD copy
#    exists (the keyless first download takes hours); otherwise prints
#    "audit skipped: feed unreachable (REASON)" and does not fail.
# Needs the modules in ~/.m2 or built in this tree (CI runs it after `./mvnw install -DskipTests`).
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
log=$(mktemp)
nvd_url=${NVD_API_URL:-https://services.nvd.nist.gov/rest/json/cves/2.0?resultsPerPage=1}

echo "== audit 1/4: known-vulnerable dependency versions (enforcer, -Paudit validate)"
if ./mvnw -B -Paudit validate > "$log.enforce" 2>&1; then
  echo "audit: no module resolves a version on the known-advisory list"
else
  grep -E 'banned|BannedDependencies|ERROR\]' "$log.enforce" | grep -v -E '^\[ERROR\] *$|Help 1|re-run|full debug|following articles' | head -30
  echo "audit: FAILED: a dependency version with a known advisory (or the build could not be resolved)"
  status=1
fi

echo "== audit 2/4: inventory (CycloneDX SBOM of compile/runtime dependencies)"
if ./mvnw -B -Paudit org.cyclonedx:cyclonedx-maven-plugin:makeAggregateBom > "$log.bom" 2>&1 && [[ -f target/bom.json ]]; then
  python3 - target/bom.json <<'EOF' || echo "audit: (python3 missing: see target/bom.json)"
import json, sys
bom = json.load(open(sys.argv[1]))
third = sorted({(c.get("group", ""), c["name"], c.get("version", ""))
                for c in bom.get("components", []) if c.get("group") != "org.katzen4j"})
print(f"audit: {len(third)} third-party artifacts reach our modules at compile/runtime (target/bom.json):")
for g, n, v in third:
    print(f"  {g}:{n}:{v}")
EOF
else
  tail -n 20 "$log.bom"
  echo "audit: could not write the SBOM (not a finding; see the log above)"
fi

echo "== audit 3/4: pinned versions with a newer release on Maven Central (informational)"
if ./mvnw -B -N org.codehaus.mojo:versions-maven-plugin:2.19.1:display-property-updates \
     '-Dmaven.version.ignore=(?i).*[-.](alpha|beta|rc|cr|m|ea|pr)[-.]?[0-9]*.*' > "$log.versions" 2>&1; then
  sed -n '/display-property-updates/,/BUILD/p' "$log.versions" | grep -E '\$\{|following' | sed 's/^\[INFO\] */  /'
else
  tail -n 10 "$log.versions"; echo "audit: version report not available (not a finding)"
fi

echo "== audit 4/4: OWASP dependency-check (NVD, CVSS >= 7 fails)"
reason=""
if ! command -v curl >/dev/null; then
  reason="curl not installed, cannot probe the NVD API"
elif ! probe=$(curl -sS -o /dev/null -w '%{http_code}' --max-time 15 "$nvd_url" 2>"$log.curl"); then
  reason="NVD API: $(head -n 1 "$log.curl" | sed 's/^curl: //')"
elif [[ $probe != 200 ]]; then
  reason="NVD API answered HTTP $probe"
elif [[ -z "${NVD_API_KEY:-}" ]] && ! ls "$HOME"/.m2/repository/org/owasp/dependency-check-data/*/odc.mv.db >/dev/null 2>&1; then
  reason="NVD reachable, but no NVD_API_KEY and no local NVD copy (a keyless first download takes hours)"
fi
if [[ -n $reason ]]; then
  echo "audit skipped: feed unreachable ($reason)"
else
  if ./mvnw -B -Paudit org.owasp:dependency-check-maven:aggregate > "$log.odc" 2>&1; then
    grep -E 'One or more dependencies|vulnerabilit|BUILD' "$log.odc" | head -20
    echo "audit: dependency-check found nothing at CVSS >= 7 (report: target/dependency-check-report.html)"
  else
    grep -E 'CVE-|GHSA-|CVSS|One or more dependencies|ERROR\]' "$log.odc" | head -40
    echo "audit: FAILED: dependency-check (report: target/dependency-check-report.html)"
    status=1
  fi
fi
exit $status
