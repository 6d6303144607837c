#!/usr/bin/env bash
# Installs what the offline end-to-end tests need: Debian's Chromium and ripgrep, the build tools that
# code-server's native modules need, and code-server itself (from npm) into a cache folder outside the
# repository. Idempotent: a complete install of the right version is left alone. Unattended: no prompts.
#
# Usage: test/e2e/setup-code-server.sh            prints the code-server binary path on its last line
# Env:   TRACELENS_E2E_CACHE   cache root (default $HOME/.cache/tracelens-e2e)
#        CODE_SERVER_VERSION   default 4.100.3 (newer releases require Node 24)
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_ROOT="${TRACELENS_E2E_CACHE:-$HOME/.cache/tracelens-e2e}"
INSTALL_DIR="$CACHE_ROOT/code-server"
BIN="$INSTALL_DIR/node_modules/.bin/code-server"
STAMP="$INSTALL_DIR/.installed-$CODE_SERVER_VERSION"

# @vscode/ripgrep (a code-server dependency) downloads this archive at install time unless it is cached.
RIPGREP_PKG_VERSION="1.15.11"
RIPGREP_RELEASE="v13.0.0-10"

APT_PACKAGES=(chromium ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config build-essential python3)

log() { printf '[setup-code-server] %s\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"
  elif command -v sudo >/dev/null 2>&1; then sudo -n "$@"
  else log "need root (or passwordless sudo) to run: $*"; return 1
  fi
}

install_apt_packages() {
  local missing=() pkg
  for pkg in "${APT_PACKAGES[@]}"; do
    if [ "$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null)" != "install ok installed" ]; then
      missing+=("$pkg")
    fi
  done
  if [ "${#missing[@]}" -eq 0 ]; then
    log "Debian packages present"
    return
  fi
  log "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -q >&2
  as_root apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >&2
}

# Prints e.g. "4.100.3 <commit> with Code 1.100.3". Its own HOME, since a first run writes a config file
# (and logs a line about it) under $HOME/.config/code-server.
binary_version() {
  [ -x "$BIN" ] || return 0
  HOME="$INSTALL_DIR/.home" XDG_CONFIG_HOME="$INSTALL_DIR/.home/.config" XDG_DATA_HOME="$INSTALL_DIR/.home/.local/share" \
    "$BIN" --version 2>/dev/null | grep -m 1 -oE '^[0-9]+\.[0-9]+\.[0-9]+' || true
}

installed_version() {
  [ -f "$STAMP" ] || return 0
  binary_version
}

ripgrep_target() {
  case "$(uname -m)" in
    x86_64) echo "x86_64-unknown-linux-musl" ;;
    aarch64|arm64) echo "aarch64-unknown-linux-musl" ;;
    armv7l) echo "arm-unknown-linux-gnueabihf" ;;
    *) log "unsupported architecture $(uname -m)"; return 1 ;;
  esac
}

install_code_server() {
  log "installing code-server@$CODE_SERVER_VERSION into $INSTALL_DIR (about 2-5 minutes)"
  rm -rf "$INSTALL_DIR"
  mkdir -p "$INSTALL_DIR"

  local tmp
  tmp="$(mktemp -d "${TMPDIR:-/tmp}/tracelens-e2e-install.XXXXXX")"
  # shellcheck disable=SC2064
  trap "rm -rf '$tmp'" EXIT

  # Seed @vscode/ripgrep's download cache (os.tmpdir()/vscode-ripgrep-cache-<version>) from Debian's rg.
  local rg_cache="$tmp/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION"
  mkdir -p "$rg_cache"
  tar czf "$rg_cache/ripgrep-$RIPGREP_RELEASE-$(ripgrep_target).tar.gz" -C "$(dirname "$(command -v rg)")" rg

  printf '{ "name": "tracelens-e2e-code-server", "private": true }\n' >"$INSTALL_DIR/package.json"
  (
    cd "$INSTALL_DIR"
    export TMPDIR="$tmp"
    export npm_config_nodedir="${npm_config_nodedir:-/usr}"
    # node-pty's install step runs `npx node-gyp`, which would otherwise wait for a yes.
    export NPM_CONFIG_YES=true
    # code-server's postinstall refuses to run as root unless this is set (npm 11 no longer knows the flag).
    export npm_config_unsafe_perm=true
    export CI=true
    npm install --no-save --no-audit --no-fund --ignore-scripts=false \
      --foreground-scripts "code-server@$CODE_SERVER_VERSION" </dev/null >&2
  )
  rm -rf "$tmp"
  trap - EXIT

  local got
  got="$(binary_version)"
  if [ "$got" != "$CODE_SERVER_VERSION" ]; then
    log "install finished but '$BIN --version' printed '$got', expected $CODE_SERVER_VERSION"
    exit 1
  fi
  touch "$STAMP"
}

main() {
  install_apt_packages
  mkdir -p "$CACHE_ROOT"
  # Serialise concurrent runs (two test jobs on one machine share the cache).
  exec 9>"$CACHE_ROOT/.setup.lock"
  if command -v flock >/dev/null 2>&1; then flock 9; fi

  local have
  have="$(installed_version)"
  if [ "$have" = "$CODE_SERVER_VERSION" ]; then
    log "code-server $have already installed"
  else
    install_code_server
  fi
  echo "$BIN"
}

main "$@"
