#!/usr/bin/env bash
# Builds the Go reference binaries (katzenpost v0.0.70 == v0.0.71 on the client side)
# and our oracle from the Go module in this directory.
#
#   interop/build-reference.sh            unwarped binaries into interop/bin/
#   interop/build-reference.sh --warped   warped-epoch (2 min) binaries into interop/bin-warped/
#
# Idempotent and fast when already built: the reference binaries are relinked only when
# go.mod/go.sum, the Go version or the ldflags change (stamp file); the oracle always goes
# through `go build`, which reuses its cache.
# Needs Go and, for the storage replica (cgo, grocksdb), RocksDB headers: on Debian it
# installs librocksdb-dev when run as root and the headers are missing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"

out=bin; ldflags=""
if [[ "${1:-}" == "--warped" ]]; then
  out=bin-warped
  ldflags="-X github.com/katzenpost/katzenpost/core/epochtime.WarpedEpoch=true -X github.com/katzenpost/katzenpost/client2.WarpedEpoch=true"
elif [[ -n "${1:-}" ]]; then
  echo "usage: $0 [--warped]" >&2; exit 2
fi

command -v go >/dev/null || { echo "build-reference: Go is not installed (need Go 1.24+)" >&2; exit 1; }
if [[ ! -e /usr/include/rocksdb/c.h ]]; then
  if [[ $(id -u) == 0 ]] && command -v apt-get >/dev/null; then
    echo "build-reference: installing librocksdb-dev (RocksDB headers for the replica)" >&2
    apt-get update -qq >&2 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq librocksdb-dev >&2
  else
    echo "build-reference: RocksDB headers missing: install librocksdb-dev (Debian) or RocksDB 7.x" >&2; exit 1
  fi
fi

# The sums in go.sum are committed; the checksum database is not reachable here.
export GOSUMDB=off GOFLAGS="${GOFLAGS:-} -mod=readonly"
ref=github.com/katzenpost/katzenpost/cmd
pkgs=()
for c in dirauth server replica courier echo-plugin kpclientd genconfig ping map http-proxy-server fetch; do
  pkgs+=("$ref/$c")
done

start=$(date +%s)
mkdir -p "$out"
# The reference binaries depend only on go.mod/go.sum, the Go version and the ldflags: skip
# relinking all eleven (tens of seconds on a loaded machine) when none of those changed.
stamp="$(cat go.mod go.sum | sha256sum | cut -c1-16) $(go env GOVERSION) $ldflags"
have_all=1
for c in dirauth server replica courier echo-plugin kpclientd genconfig ping map http-proxy-server fetch; do
  [[ -x $out/$c ]] || have_all=0
done
if [[ $have_all == 1 && -f $out/.reference-stamp && "$(cat "$out/.reference-stamp")" == "$stamp" ]]; then
  echo "build-reference: reference binaries in interop/$out/ are up to date"
else
  rm -f "$out/.reference-stamp"
  go build -ldflags "$ldflags" -o "$out/" "${pkgs[@]}"
  echo "$stamp" > "$out/.reference-stamp"
fi
# the consensus reader of interop/testnet: the oracle frame plus its own file only, so it
# builds even while another area's oracle file is unfinished
go build -o "$out/testnet-doc" ./oracle/main.go ./oracle/registry.go ./oracle/gen.go \
  ./oracle/benchtime.go ./oracle/testnet_doc.go
go build -ldflags "$ldflags" -o "$out/" ./oracle
end=$(date +%s)
echo "build-reference: ${#pkgs[@]} reference binaries, testnet-doc and the oracle ready in interop/$out/ in $((end - start)) s"
