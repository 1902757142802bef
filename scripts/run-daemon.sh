#!/usr/bin/env bash
# Runs katzen4j's kpclientd. With no arguments it runs against the local reference testnet:
#
#   scripts/run-daemon.sh                 build what is missing, bring the local reference
#                                         network up (interop/testnet, ~3-6 min to a consensus),
#                                         start our daemon on it, ping the echo service through
#                                         it, then keep the daemon in the foreground (Ctrl-C stops
#                                         the daemon; the network keeps running until
#                                         `interop/testnet down`)
#   scripts/run-daemon.sh -c client.toml  just run the daemon with your own config
#
# Both build the jars first (incremental; KATZEN4J_NO_BUILD=1 skips that).
#
# Apps reach the daemon with the thinclient.toml this script prints, e.g.
#   bin/katzen -c <thinclient.toml> ping
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

build_jars() {
  if [[ "${KATZEN4J_NO_BUILD:-}" == 1 ]]; then return; fi
  echo "run-daemon: building the daemon and katzen jars (./mvnw -pl daemon,cli -am package -DskipTests)"
  ./mvnw -q -B -pl daemon,cli -am package -DskipTests
}

if [[ $# -gt 0 ]]; then
  build_jars
  exec bin/kpclientd "$@"
fi

interop/build-reference.sh
build_jars

# Reuse a running local network; otherwise start one without the reference daemon, so ours
# takes the client listener port that genconfig's configs already name.
if interop/testnet env >/dev/null 2>&1 && [[ -f interop/.testnet/testnet.env ]]; then
  echo "run-daemon: reusing the running local testnet"
else
  TESTNET_KPCLIENTD=0 interop/testnet up
fi
interop/testnet wait 600
eval "$(interop/testnet env)"
# every process of a network must agree on the epoch period (the testnet's is 2 minutes)
export KATZENPOST_EPOCH_DURATION=${EPOCH:-2m}

net_dir=${NET:-interop/.testnet/net}
src_cfg=$net_dir/client2/client.toml
[[ -f $src_cfg ]] || { echo "run-daemon: no client.toml at $src_cfg" >&2; exit 1; }
work=interop/.testnet/katzen4j
mkdir -p "$work"
port=${CLIENT_PORT:-32000}
if [[ ${KPCLIENTD:-0} == 1 ]]; then
  port=$((port + 10)) # the reference kpclientd of this network holds CLIENT_PORT
fi
cfg=$work/client.toml
thin=$work/thinclient.toml
sed -E "s|^([[:space:]]*ListenAddress[[:space:]]*=[[:space:]]*).*$|\1\"127.0.0.1:$port\"|" "$src_cfg" > "$cfg"
sed -E "s|^([[:space:]]*Address[[:space:]]*=[[:space:]]*).*$|\1\"127.0.0.1:$port\"|" "$net_dir/client2/thinclient.toml" > "$thin"

bin/kpclientd -c "$cfg" &
daemon=$!
trap 'kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true' EXIT INT TERM
for _ in $(seq 1 60); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  kill -0 "$daemon" 2>/dev/null || { echo "run-daemon: kpclientd exited" >&2; exit 1; }
  sleep 1
done

echo "run-daemon: kpclientd (katzen4j) listens on 127.0.0.1:$port; thin-client config: $thin"
echo "run-daemon: pinging the echo service through it"
ok=0
for attempt in 1 2 3; do
  if bin/katzen -c "$thin" -t 30s ping -n 3; then ok=1; break; fi
  echo "run-daemon: ping attempt $attempt failed (the first packets after a new consensus can be lost); retrying"
  sleep 10
done
[[ $ok == 1 ]] || echo "run-daemon: WARNING: no echo reply yet; the daemon keeps running" >&2
echo "run-daemon: daemon running (pid $daemon); Ctrl-C stops it. Stop the network with: interop/testnet down"
wait "$daemon"
