#!/usr/bin/env bash
# Installs the outside tools the exchange tests check zhulao against, into target/test-tools
# (or DIR), once: the xAPI validator from npm and a Ralph LRS from PyPI, at the versions pinned
# in tests/xapi/package-lock.json and tests/lrs/requirements.lock.txt. Each is installed in a
# fresh folder and marked ready (with the hash of its lock file) only when complete, so an
# interrupted install is redone and a changed lock file is picked up.
#
# Usage: tests/tools.sh [npm|ralph|all] [DIR]     (.ci/run runs it before `cargo test`;
#        the tests run it too when a tool is missing)
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
WHAT=${1:-all}
DIR=${2:-${CARGO_TARGET_DIR:-$HERE/../target}/test-tools}
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)

need() {
  command -v "$1" >/dev/null 2>&1 || {
    echo "tests/tools.sh: '$1' is not installed; the exchange tests need it. $2" >&2
    exit 3
  }
}

stamp() { sha256sum "$1" | cut -d' ' -f1; }

install_npm() {
  need node "Install Node.js and npm (Debian/Ubuntu: apt-get install nodejs npm)."
  need npm "Install npm (Debian/Ubuntu: apt-get install npm)."
  local to="$DIR/xapi-validation" lock="$HERE/xapi/package-lock.json"
  if [ "$(cat "$to/.ready" 2>/dev/null || true)" = "$(stamp "$lock")" ]; then return; fi
  rm -rf "$to"
  mkdir -p "$to"
  cp "$HERE/xapi/package.json" "$lock" "$to/"
  npm ci --prefix "$to" --no-audit --no-fund --loglevel=error >&2
  stamp "$lock" >"$to/.ready"
  echo "tests/tools.sh: xAPI validator ready in $to" >&2
}

install_ralph() {
  need python3 "Install Python 3 with venv (Debian/Ubuntu: apt-get install python3 python3-venv)."
  local to="$DIR/ralph-venv" lock="$HERE/lrs/requirements.lock.txt"
  if [ "$(cat "$to/.ready" 2>/dev/null || true)" = "$(stamp "$lock")" ]; then return; fi
  rm -rf "$to"
  python3 -m venv "$to" || {
    echo "tests/tools.sh: python3 cannot make a virtual environment; install python3-venv" >&2
    exit 3
  }
  "$to/bin/pip" install --disable-pip-version-check --no-input -q -r "$lock" >&2
  stamp "$lock" >"$to/.ready"
  echo "tests/tools.sh: Ralph LRS ready in $to" >&2
}

case "$WHAT" in
  npm) install_npm ;;
  ralph) install_ralph ;;
  all) install_npm; install_ralph ;;
  *) echo "usage: $0 [npm|ralph|all] [DIR]" >&2; exit 2 ;;
esac
