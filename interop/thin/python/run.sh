#!/usr/bin/env bash
# Runs the published Python thin client (PyPI katzenpost-thinclient, default 0.0.11) against a
# thin-client daemon listener described by a thinclient.toml.
#   interop/thin/python/run.sh VENV_DIR THINCLIENT_TOML
# Creates VENV_DIR (if missing) and installs the client into it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
venv=$1
toml=$2
version=${KATZEN4J_PY_THINCLIENT_VERSION:-0.0.11}
if [[ ! -x $venv/bin/python ]]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import katzenpost_thinclient" 2>/dev/null; then
  "$venv/bin/pip" install -q "katzenpost-thinclient==$version"
fi
exec "$venv/bin/python" "$here/drive.py" "$toml"
