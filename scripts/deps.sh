#!/usr/bin/env bash
# deps.sh - install the Debian packages pingxuan needs to build, test and run,
# when any is missing. Idempotent, non-interactive, silent when all are there.
#   scripts/deps.sh          build + test dependencies
#   scripts/deps.sh --bench  also the benchmark tools (nginx, wrk)
set -eu

pkgs=(gcc make cmake pkg-config
	libmicrohttpd-dev libjansson-dev libsqlite3-dev libsodium-dev libpq-dev
	libcurl4-openssl-dev libxlsxwriter-dev libpango1.0-dev libcairo2-dev fonts-noto-cjk
	libzip-dev libqrencode-dev libxml2-dev libcmocka-dev sqlite3 postgresql gcovr valgrind poppler-utils unzip python3-docx)
[ "${1:-}" = "--bench" ] && pkgs+=(nginx-light wrk python3)
command -v node >/dev/null 2>&1 || pkgs+=(nodejs)
command -v npm >/dev/null 2>&1 || pkgs+=(npm)
# the browser tests (tests/web) drive Debian's Chromium through playwright-core
command -v chromium >/dev/null 2>&1 || pkgs+=(chromium)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -ne 0 ] && sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "deps: done"
