#!/usr/bin/env bash
# Installs what the b24-emulator fidelity tests need: the official Python SDKs
# (b24pysdk, fast-bitrix24) into a venv and the JS SDK (@bitrix24/b24jssdk)
# into a node_modules folder, both under target/fidelity/. Idempotent: a marker
# file per tool skips the work when these pinned versions (the ones the tests
# were written against) are already there.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="target/fidelity"
mkdir -p "$root"

py_pkgs="b24pysdk==1.3.2 fast-bitrix24==1.8.14"
if [ ! -f "$root/venv/.installed" ] || [ "$(cat "$root/venv/.installed")" != "$py_pkgs" ]; then
  echo "fidelity: installing $py_pkgs into $root/venv"
  python3 -m venv "$root/venv"
  "$root/venv/bin/pip" install --quiet --disable-pip-version-check $py_pkgs
  echo "$py_pkgs" > "$root/venv/.installed"
else
  echo "fidelity: python packages already installed"
fi

js_pkgs="@bitrix24/b24jssdk@2.2.0"
if [ ! -f "$root/node/.installed" ] || [ "$(cat "$root/node/.installed")" != "$js_pkgs" ]; then
  echo "fidelity: installing $js_pkgs into $root/node"
  mkdir -p "$root/node"
  [ -f "$root/node/package.json" ] || echo '{"name":"b24-fidelity","private":true}' > "$root/node/package.json"
  (cd "$root/node" && npm install --silent --no-audit --no-fund $js_pkgs)
  echo "$js_pkgs" > "$root/node/.installed"
else
  echo "fidelity: node packages already installed"
fi
