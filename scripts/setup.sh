#!/usr/bin/env bash
# Install pcf's dependencies from Debian packages and build it into ./build.
# Usage: scripts/setup.sh [--sanitize]   (the sanitizer build goes to ./build-asan)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(build-essential cmake ninja-build pkg-config libxml2-dev zlib1g-dev libminizip-dev
          libsuitesparse-dev libjansson-dev libinih-dev libcriterion-dev
          libsqlite3-dev libgnutls28-dev libmicrohttpd-dev libcurl4-gnutls-dev curl openssl
          chromium poppler-utils python3 python3-yaml)
# chromium: pcf footprint --format pdf, and the headless tests of the HTML pages; poppler-utils
# (pdftoppm): the test that renders the PDF report's pages to images; python3: pcf studio's API
# and browser tests (tests/studio/; python3-yaml reads its openapi.yaml)
# node and npm run PACT's conformance tool against pcf serve (scripts/pact-conformance.sh); a
# machine whose nodejs package already brings npm keeps it.
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi

dir=build; flags=()
if [ "${1:-}" = "--sanitize" ]; then dir=build-asan; flags=(-DPCF_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug); fi
# Ninja builds the many small test programs in half the time make takes; a build folder that
# exists keeps the generator it was made with.
[ -f "$dir/CMakeCache.txt" ] || flags+=(-G Ninja)
cmake -S . -B "$dir" "${flags[@]}" >/dev/null
cmake --build "$dir" -j "$(nproc)"
