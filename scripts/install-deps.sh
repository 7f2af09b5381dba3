#!/usr/bin/env bash
# Installs every build and test dependency of Entente from Debian 12 packages (nothing vendored, nothing downloaded at build time).
# Idempotent: packages already present are skipped by apt.
set -euo pipefail
SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
PACKAGES=(
  build-essential cmake ninja-build pkg-config
  librocksdb-dev
  antlr4 libantlr4-runtime-dev default-jre-headless
  nlohmann-json3-dev
  libboost-dev libboost-graph-dev libboost-system-dev libboost-regex1.74-dev
  libgtest-dev libgmock-dev
  libedit-dev libcli11-dev libfmt-dev libbenchmark-dev
  libhowardhinnant-date-dev tzdata  # time zones (core/temporal): the tz library over /usr/share/zoneinfo
  clang-14 libclang-rt-14-dev clang-format-14  # fuzzing (scripts/fuzz.sh); formatting (scripts/format.sh)
  python3 time
  gnuplot-nox  # bench/compare: the chart of bench/results/compare.png
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
echo "entente: dependencies installed"
