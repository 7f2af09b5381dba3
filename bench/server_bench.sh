#!/usr/bin/env bash
# Server throughput: imports the standard graph workload (../shared/peers/gen_graph.py;
# smaller with NODES/EDGES) into a temporary database with the shell's bulk CSV import,
# starts entente-server on it and runs server-bench with 1, 4, 16 and 64 connections on a
# 1-hop query. Usage: bench/server_bench.sh [BUILD_DIR]   (env: NODES EDGES BENCH_SECONDS THREADS)
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
NODES="${NODES:-100000}"; EDGES="${EDGES:-1000000}"; SECONDS_PER_RUN="${BENCH_SECONDS:-5}"
WORK="$(mktemp -d /tmp/entente-server-bench-XXXXXX)"
SERVER_PID=""
cleanup() { [[ -n "$SERVER_PID" ]] && kill "$SERVER_PID" 2>/dev/null; wait 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

echo "generating $NODES nodes / $EDGES edges" >&2
python3 "$ROOT/../shared/peers/gen_graph.py" "$NODES" "$EDGES" "$WORK/data" >/dev/null
"$BUILD/shell/entente" "$WORK/db" <<< ".import $WORK/data/nodes.csv $WORK/data/edges.csv" >&2

"$BUILD/server/entente-server" --db "$WORK/db" --port 0 ${THREADS:+--threads "$THREADS"} \
    > "$WORK/server.out" 2> "$WORK/server.log" &
SERVER_PID=$!
for _ in $(seq 100); do grep -q listening "$WORK/server.out" 2>/dev/null && break; sleep 0.1; done
PORT="$(sed -n 's/^listening on .*:\([0-9]*\)$/\1/p' "$WORK/server.out")"

QUERY='MATCH (a)-[:RELATED_TO]->(b) WHERE id(a) = $id RETURN count(b) AS c'
for c in 1 4 16 64; do
  "$BUILD/bench/server-bench" --port "$PORT" --connections "$c" --seconds "$SECONDS_PER_RUN" \
      --query "$QUERY" --int-param id --range "$NODES"
done
