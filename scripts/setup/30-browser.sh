#!/usr/bin/env bash
# Installs what the browser end-to-end test (tests/browser.rs) needs: Debian's
# chromium and chromium-driver, and @bitrix24/b24jssdk from npm under
# target/browser/node (the test's second run loads the real SDK in the iframe).
# Idempotent: nothing is fetched when both are already there.
set -euo pipefail
cd "$(dirname "$0")/../.."

if ! command -v chromium >/dev/null 2>&1 || ! command -v chromedriver >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ] && ! command -v sudo >/dev/null 2>&1; then
    echo "browser: chromium/chromedriver missing and not root; the browser test will skip" >&2
  else
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    echo "browser: installing chromium chromium-driver"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
else
  echo "browser: chromium and chromedriver already installed"
fi

root="target/browser/node"
pkg="@bitrix24/b24jssdk"
if [ ! -f "$root/node_modules/$pkg/package.json" ]; then
  echo "browser: installing $pkg into $root"
  mkdir -p "$root"
  [ -f "$root/package.json" ] || echo '{"name":"b24-browser-test","private":true}' > "$root/package.json"
  (cd "$root" && npm install --silent --no-audit --no-fund "$pkg")
else
  echo "browser: $pkg already installed"
fi
