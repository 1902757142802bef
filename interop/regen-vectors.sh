#!/usr/bin/env bash
# Regenerates every cross-implementation vector file from the Go oracle into the
# Java modules' src/test/resources/vectors/ folders.
#
#   interop/regen-vectors.sh           write the files
#   interop/regen-vectors.sh --check   regenerate into a scratch tree and fail if any
#                                      committed vector file differs (CI uses this)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
cd "$here"
export GOSUMDB=off GOFLAGS="${GOFLAGS:-} -mod=readonly"
mkdir -p bin
go build -o bin/oracle ./oracle

if [[ "${1:-}" == "--check" ]]; then
  scratch=$(mktemp -d)
  trap 'rm -rf "$scratch"' EXIT
  bin/oracle gen -root "$scratch" >/dev/null
  bad=0; n=0
  while IFS= read -r f; do
    rel=${f#"$scratch"/}
    n=$((n + 1))
    if ! cmp -s "$f" "$root/$rel"; then
      echo "regen-vectors: $rel differs from a fresh regeneration (or is not committed)" >&2
      bad=1
    fi
  done < <(find "$scratch" -type f | sort)
  if [[ $bad != 0 ]]; then exit 1; fi
  echo "regen-vectors: all $n vector files are identical to a fresh regeneration"
else
  bin/oracle gen -root "$root"
fi
