#!/usr/bin/env bash
# bench/ldbc/run.sh — LDBC SNB Interactive read latency, Entente vs Kùzu in the same run on
# the tiny graph (../shared/data/ldbc_snb_tiny). Both systems load the same data and run
# the same 21 reads with the same parameter sets (ldbc/params.json), one prepared
# statement per read, an untimed pass first, then RUNS timed executions each.
#   RUNS=20 bench/ldbc/run.sh [BUILD_DIR]        (default build; Kùzu from ../shared/PEERS.md)
# Prints a Markdown table (mean and median ms per read, ratio Kùzu/Entente of the means);
# the raw JSON lines are kept in $OUT (default /tmp/ldbc-bench).
set -euo pipefail
cd "$(dirname "$0")/../.."
BUILD=${1:-build}
RUNS=${RUNS:-20}
OUT=${OUT:-/tmp/ldbc-bench}
SHARED=${SHARED:-$(cd .. && pwd)/shared}
mkdir -p "$OUT"
[ -d "${PEERS_HOME:-/tmp/entente-peers}/node/node_modules/kuzu" ] || "$SHARED/peers/install.sh"
"$BUILD/bench/ldbc-bench" --runs "$RUNS" --data "$SHARED/data/ldbc_snb_tiny/cypher/test-data/vanilla" > "$OUT/entente.jsonl"
node ldbc/kuzu/bench.js "$RUNS" "$SHARED" > "$OUT/kuzu.jsonl"
python3 - "$OUT" <<'PY'
import json, sys
out = sys.argv[1]
def read(f):
    rows = [json.loads(l) for l in open(f"{out}/{f}") if l.strip()]
    return {r["query"]: r for r in rows if "query" in r}, [r for r in rows if "query" not in r][0]
e, es = read("entente.jsonl")
k, ks = read("kuzu.jsonl")
print(f"| read | Entente mean ms | Entente median ms | Kùzu {ks.get('version','')} mean ms | Kùzu median ms | Kùzu / Entente (means) |")
print("|---|---|---|---|---|---|")
for q in e:
    a, b = e[q], k[q]
    print(f"| {q.upper()} | {a['mean_ms']:.3f} | {a['median_ms']:.3f} | {b['mean_ms']:.3f} | {b['median_ms']:.3f} | {b['mean_ms']/a['mean_ms']:.1f}× |")
print(f"| all 21 (sum of means) | {es['reads_mean_ms_total']:.1f} | | {ks['reads_mean_ms_total']:.1f} | | {ks['reads_mean_ms_total']/es['reads_mean_ms_total']:.2f}× |")
print(f"\nload: Entente {es['load_s']:.2f} s (queries through the API), Kùzu {ks['load_s']:.2f} s (CSV rewrite + COPY)")
PY
