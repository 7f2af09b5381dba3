#!/usr/bin/env bash
# Installs dependencies, builds, and opens the Entente shell. With no arguments the shell
# starts on a scratch database preloaded with the bundled Aleppo dataset; arguments are
# passed to the shell (e.g. a database path, -c QUERY, --mode json).
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/build.sh >&2
exec "${BUILD_DIR:-build}/shell/entente" "$@"
