#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/) with clang 14 + ASan/UBSan into build-fuzz and runs
# each for SECONDS (default 60), starting from the seed corpora in fuzz/corpus/. The random
# seed is fixed (FUZZ_SEED, default 1) so a CI run explores the same inputs each time.
# Fails (non-zero) if a fuzzer finds a crash, a leak or a timeout; the input that did it is
# left in build-fuzz/artifacts/ (replay: build-fuzz/fuzz/<fuzzer> <file>).
#   scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_FUZZER=${1:-60}
BUILD=build-fuzz
FUZZERS=(query_fuzzer json_import_fuzzer request_fuzzer)

if ! command -v clang++-14 >/dev/null ||
   ! dpkg-query -W -f='${Status}' libclang-rt-14-dev 2>/dev/null | grep -q "install ok installed"; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang-14 libclang-rt-14-dev >/dev/null
fi

CC=clang-14 CXX=clang++-14 cmake -S . -B "$BUILD" -G Ninja -DENTENTE_FUZZ=ON \
  -DENTENTE_BUILD_TESTS=OFF -DENTENTE_BUILD_BENCH=OFF >/dev/null
cmake --build "$BUILD" -j"${JOBS:-2}" --target "${FUZZERS[@]}"

# The fuzzers' temporary databases go here, not to /tmp (a crash skips their cleanup).
export TMPDIR="$PWD/$BUILD/tmp"
rm -rf "$TMPDIR" && mkdir -p "$TMPDIR" "$BUILD/artifacts"
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

failed=()
for f in "${FUZZERS[@]}"; do
  seeds=fuzz/corpus/${f%_fuzzer}
  [ "$f" = json_import_fuzzer ] && seeds=fuzz/corpus/json
  work="$BUILD/corpus/$f"  # new inputs go here; the seeds in the tree stay small
  mkdir -p "$work"
  dict=(); [ "$f" = query_fuzzer ] && dict=(-dict=fuzz/query.dict)
  echo "== $f: ${SECONDS_PER_FUZZER}s"
  if ! "$BUILD/fuzz/$f" "$work" "$seeds" "${dict[@]}" -max_total_time="$SECONDS_PER_FUZZER" -seed="${FUZZ_SEED:-1}" \
       -max_len=4096 -timeout=5 -rss_limit_mb=2048 -print_final_stats=1 \
       -artifact_prefix="$BUILD/artifacts/$f-" 2>"$BUILD/$f.log"; then
    failed+=("$f")
    tail -60 "$BUILD/$f.log"
  fi
  grep -E '^stat::number_of_executed_units|^stat::peak_rss_mb|^#[0-9]+ *DONE' "$BUILD/$f.log" || true
done
rm -rf "$TMPDIR"

if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: FAILED: ${failed[*]} (inputs in $BUILD/artifacts/)"
  exit 1
fi
echo "fuzz: no crash, leak or timeout"
