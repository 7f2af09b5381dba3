#!/usr/bin/env bash
# bench/compare/data.sh — makes the data directory of one workload in the gen_graph layout
# (nodes.csv, edges.csv, q_hop1.txt, q_hop3.txt, q_sp.txt; fb15k-kg: see convert_fb15k.py),
# once: a finished directory holds a .complete stamp and is reused by later runs.
# Usage: data.sh WORKLOAD DATA_ROOT     WORKLOAD: synth-1m synth-10m fb15k fb15k-kg wikivote synth-small
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
SHARED=${SHARED:-$(cd "$here/../../.." && pwd)/shared}
w=$1 root=$2
dir=$root/$w
[ -f "$dir/.complete" ] && exit 0
rm -rf "$dir"
case $w in
  synth-1m)  nice -n 5 python3 "$SHARED/peers/gen_graph.py" 100000 1000000 "$dir" ;;
  synth-10m) nice -n 5 python3 "$SHARED/peers/gen_graph.py" 1000000 10000000 "$dir" ;;
  synth-small) python3 "$SHARED/peers/gen_graph.py" 10000 100000 "$dir" ;;  # a smoke test
  fb15k|fb15k-kg)
    python3 "$here/convert_fb15k.py" "$SHARED/data/kg/FB15K237" "$root/fb15k" "$root/fb15k-kg"
    touch "$root/fb15k/.complete" "$root/fb15k-kg/.complete" ;;
  wikivote)  python3 "$here/convert_snap.py" "$SHARED/data/snap/Wiki-Vote.txt" "$dir" ;;
  *) echo "data.sh: unknown workload $w" >&2; exit 2 ;;
esac
touch "$dir/.complete"
