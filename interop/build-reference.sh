#!/usr/bin/env bash
# Builds the Go reference binaries (katzenpost v0.0.70 == v0.0.71 on the client side)
# and our oracle from the Go module in this directory.
#
#   interop/build-reference.sh            unwarped binaries into interop/bin/
#   interop/build-reference.sh --warped   warped-epoch (2 min) binaries into interop/bin-warped/
#
# Idempotent: `go build` reuses its cache, so a second run takes seconds.
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
go build -ldflags "$ldflags" -o "$out/" "${pkgs[@]}"
# the consensus reader of interop/testnet: the oracle frame plus its own file only, so it
# builds even while another area's oracle file is unfinished
go build -o "$out/testnet-doc" ./oracle/main.go ./oracle/registry.go ./oracle/gen.go \
  ./oracle/benchtime.go ./oracle/testnet_doc.go
go build -ldflags "$ldflags" -o "$out/" ./oracle
end=$(date +%s)
echo "build-reference: built ${#pkgs[@]} reference binaries and the oracle into interop/$out/ in $((end - start)) s"
