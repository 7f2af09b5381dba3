#!/usr/bin/env bash
# bench/index_compare.sh — the property index bars in one run, as one table: Entente's
# index-bench (1 M :Person nodes: prepared lookups by an indexed key and by id(), a 1 %
# range query and the same rows read by id) and, on the same rows, Kùzu's and DuckDB's
# primary-key lookups and range query (bench/index_peers.js). Peers come from
# ../shared/peers/install.sh (installed under $PEERS_HOME if missing).
#   bench/index_compare.sh [build-dir] [nodes]
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD=${1:-build}
NODES=${2:-1000000}
export PEERS_HOME=${PEERS_HOME:-/tmp/entente-peers}
[ -d "$PEERS_HOME/node/node_modules/kuzu" ] || ../shared/peers/install.sh
WORK=$(mktemp -d /tmp/entente-index-compare.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
"$BUILD/bench/index-bench" "$NODES" "$WORK/db" "$WORK" | tee "$WORK/entente.out" >&2
tail -n1 "$WORK/entente.out" > "$WORK/results.jsonl"
node bench/index_peers.js "$WORK" >> "$WORK/results.jsonl"
python3 - "$WORK/results.jsonl" <<'PY'
import json, sys
rs = {r["system"]: r for r in map(json.loads, open(sys.argv[1]))}
e = rs["entente"]
print(f"\n{e['nodes']:,} Person rows; 10,000 random prepared lookups; 1 % range (median of 60)\n")
print("| system | lookup µs | vs Entente | 1 % range ms | vs Entente |")
print("|---|---|---|---|---|")
print(f"| Entente `MATCH (p:Person {{id: $id}})` | {e['lookup_us']:.2f} | 1 | {e['range_ms']:.2f} | 1 |")
print(f"| Entente by `id()` / the range's rows by id | {e['lookup_by_id_us']:.2f} | "
      f"{e['lookup_by_id_us'] / e['lookup_us']:.2f} | {e['range_by_id_ms']:.2f} | "
      f"{e['range_by_id_ms'] / e['range_ms']:.2f} |")
for s, label in (("kuzu", "Kùzu (primary key)"), ("duckdb", "DuckDB (primary key, ART on age)")):
    r = rs[s]
    print(f"| {label} | {r['lookup_us']:.2f} | {r['lookup_us'] / e['lookup_us']:.1f} | "
          f"{r['range_ms']:.2f} | {r['range_ms'] / e['range_ms']:.1f} |")
print(f"\nbars: lookup <= 10 µs: {'met' if e['lookup_us'] <= 10 else 'NOT met'}; "
      f"range within 2x its rows by id: {e['range_ms'] / e['range_by_id_ms']:.2f}x, "
      f"{'met' if e['range_ms'] <= 2 * e['range_by_id_ms'] else 'NOT met'}")
PY
