#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test through ctest.
# Usage: scripts/test.sh [cmake options]   e.g. BUILD_DIR=build-asan scripts/test.sh -DENTENTE_SANITIZE=ON
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh "$@"
BUILD_DIR=${BUILD_DIR:-build}
cd "$BUILD_DIR"
ctest --output-on-failure -j "${JOBS:-2}" --timeout 600
