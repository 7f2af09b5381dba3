#!/usr/bin/env bash
# bench/compare/run.sh — ONE command for the side-by-side report: Entente vs Kùzu, DuckDB,
# SQLite and the Boost.Graph reference on synthetic and real graphs (see README.md here).
# Installs the peers if missing, prepares the data (cached), runs every system on every
# workload under per-batch time caps (supervise.py), checks the answers and writes
# bench/results/compare.md and compare.png (report.py, chart.gp). Exit 1 on any answer mismatch
# or failed batch (a timed-out batch is reported, not a failure).
#
# Knobs (environment):
#   RUNS=1                runs per system and workload (the report shows medians)
#   WORKLOADS="synth-1m synth-10m fb15k wikivote fb15k-kg"
#   SYSTEMS="bgl entente kuzu duckdb sqlite"
#   CAP_S=60              per query batch; a batch still running is killed: "timed out"
#   LOAD_CAP_S=300        per bulk load
#   ENTENTE_BUILD=build   build dir with bench/entente-peer-driver and bench/entente-fb15k-driver
#                         (built there if missing)
#   PEERS_HOME=/tmp/entente-peers   where ../shared/peers/install.sh put Kùzu and DuckDB
#   COMPARE_HOME=/tmp/entente-compare   data (kept between runs), stores, raw results
#   RESULTS=bench/results where compare.md, compare.dat and compare.png go
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
export SHARED=${SHARED:-$(cd "$root/.." && pwd)/shared}
export RUNS=${RUNS:-1}
export WORKLOADS=${WORKLOADS:-"synth-1m synth-10m fb15k wikivote fb15k-kg"}
SYSTEMS=${SYSTEMS:-"bgl entente kuzu duckdb sqlite"}
export CAP_S=${CAP_S:-60} LOAD_CAP_S=${LOAD_CAP_S:-300}
ENTENTE_BUILD=$(realpath -m "${ENTENTE_BUILD:-$root/build}")
export PEERS_HOME=${PEERS_HOME:-/tmp/entente-peers}
COMPARE_HOME=$(realpath -m "${COMPARE_HOME:-/tmp/entente-compare}")
RESULTS=$(realpath -m "${RESULTS:-$root/bench/results}")
export STARTED=$(date +%s) LOADAVG=$(cut -d' ' -f1-3 /proc/loadavg)
export COMMAND="${COMMAND:-ENTENTE_BUILD=${ENTENTE_BUILD#$root/} RUNS=$RUNS CAP_S=$CAP_S WORKLOADS=\"$WORKLOADS\" bench/compare/run.sh}"
say() { echo "[$(date +%T)] $*" >&2; }

# ---- tools: peers, the Boost.Graph reference, gnuplot, Entente's drivers
[ -d "$PEERS_HOME/node/node_modules/kuzu" ] && [ -d "$PEERS_HOME/node/node_modules/@duckdb/node-api" ] ||
  { say "installing the peers into $PEERS_HOME"; "$SHARED/peers/install.sh"; }
BGL=$PEERS_HOME/bgl_bench
[ -x "$BGL" ] || { say "building $BGL"; g++ -O2 -std=c++17 -o "$BGL" "$SHARED/peers/bgl_bench.cpp"; }
command -v gnuplot >/dev/null && [ -x /usr/bin/time ] || "$root/scripts/install-deps.sh"
PEER_DRIVER=$ENTENTE_BUILD/bench/entente-peer-driver
KG_DRIVER=$ENTENTE_BUILD/bench/entente-fb15k-driver
if [[ " $SYSTEMS " == *" entente "* ]] && ! [ -x "$PEER_DRIVER" -a -x "$KG_DRIVER" ]; then
  say "building Entente's drivers in $ENTENTE_BUILD"
  [ -f "$ENTENTE_BUILD/build.ninja" ] || nice -n 10 cmake -S "$root" -B "$ENTENTE_BUILD" -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
  nice -n 10 cmake --build "$ENTENTE_BUILD" -j2 --target entente-peer-driver entente-fb15k-driver
fi

# ---- one system on one workload, one run
run_one() {  # WORKLOAD SYSTEM RUN
  local w=$1 sys=$2 k=$3 data=$COMPARE_HOME/data/$1 work=$COMPARE_HOME/work
  local out=$COMPARE_HOME/results/$w/$sys/run$k batches=load,hop1,hop3,sp kg=
  [ "$w" = fb15k-kg ] && { batches=load,agg,writes; kg=1; }
  rm -rf "$out"; mkdir -p "$out" "$work"
  local sup=(python3 "$here/supervise.py" --out "$out" --batches "$batches" --cap "$CAP_S" --load-cap "$LOAD_CAP_S")
  case $sys in
    bgl)     [ -n "$kg" ] && return 0; "${sup[@]}" --legacy -- "$BGL" "$data" "$out" ;;
    entente) if [ -n "$kg" ]; then "${sup[@]}" -- "$KG_DRIVER" "$data" "$out" "$work/entente-kg"
             else "${sup[@]}" --legacy -- "$PEER_DRIVER" "$data" "$out" "$work/entente-db"; fi ;;
    kuzu)    "${sup[@]}" -- node "$root/bench/peers/kuzu.js" "$data" "$out" "$work/kuzu-db" ;;
    duckdb)  "${sup[@]}" -- node "$root/bench/peers/duckdb.js" "$data" "$out" "$work/duck.db" ;;
    sqlite)  "${sup[@]}" -- /usr/bin/python3 "$root/bench/peers/sqlite.py" "$data" "$out" "$work/sq.sqlite" ;;
    *) say "unknown system $sys"; return 1 ;;
  esac
}

for w in $WORKLOADS; do
  say "data: $w"
  "$here/data.sh" "$w" "$COMPARE_HOME/data"
  rm -rf "$COMPARE_HOME/results/$w"
  for k in $(seq 1 "$RUNS"); do
    for sys in $SYSTEMS; do
      say "$w: $sys run $k"
      run_one "$w" "$sys" "$k"
    done
  done
  rm -rf "$COMPARE_HOME/work"  # the stores of a 10M-relation graph take GBs
done

# ---- report and chart
mkdir -p "$RESULTS"
export ELAPSED_S=$(( $(date +%s) - STARTED ))
status=0
python3 "$here/report.py" "$COMPARE_HOME" "$RESULTS/compare.md" "$RESULTS/compare.dat" || status=$?
present=$(for w in $WORKLOADS; do [ -d "$COMPARE_HOME/results/$w" ] && echo -n "$w "; done)
nsys=$(sed -n 2p "$RESULTS/compare.dat" | wc -w)
rm -f "$RESULTS/compare.png"
gnuplot -e "datafile='$RESULTS/compare.dat'; outfile='$RESULTS/compare.png'; titles='$present'; nsys=$((nsys - 1)); subtitle='$(nproc) cores, $(date +%F), RUNS=$RUNS'" "$here/chart.gp" 2>&1 |
  grep -v "Skipping data file with no valid points" >&2 || true  # = a system without answers in a panel
[ -s "$RESULTS/compare.png" ] || say "gnuplot failed (the table is still in $RESULTS/compare.md)"
say "wrote $RESULTS/compare.md and compare.png in $(( $(date +%s) - STARTED )) s"
[ $status = 0 ] || say "answers differ or a batch failed: see the MISMATCH/FAILED lines above and the end of compare.md"
exit $status
