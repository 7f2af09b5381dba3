#!/usr/bin/env bash
# Formats every C++ source of the project with clang-format (.clang-format: Google style,
# 100 columns). `scripts/format.sh --check` changes nothing and fails if a file is not
# formatted (CI runs it).
set -euo pipefail
cd "$(dirname "$0")/.."
CLANG_FORMAT=${CLANG_FORMAT:-$(command -v clang-format-14 || command -v clang-format)}
mapfile -t files < <(git ls-files '*.cc' '*.h' '*.cpp')
if [ "${1:-}" = "--check" ]; then
  "$CLANG_FORMAT" --dry-run --Werror "${files[@]}"
  echo "entente: ${#files[@]} files formatted"
else
  "$CLANG_FORMAT" -i "${files[@]}"
fi
