#!/usr/bin/env bash
# Installs the Debian packages a test layer needs when their command is missing (apt-get, as root or with sudo).
# usage: bash scripts/apt-need.sh <package>[:<command>] ...   (the command defaults to the package name)
set -euo pipefail
need=()
for spec in "$@"; do
  pkg="${spec%%:*}"; cmd="${spec#*:}"
  command -v "$cmd" >/dev/null || need+=("$pkg")
done
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" != 0 ] && ! command -v sudo >/dev/null; then
  echo "missing Debian packages: ${need[*]} — install them with: sudo apt-get install ${need[*]}" >&2; exit 1
fi
SUDO=""; [ "$(id -u)" != 0 ] && SUDO=sudo
echo "[apt] apt-get install ${need[*]}"
$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
