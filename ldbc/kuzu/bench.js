// ldbc/kuzu/bench.js — Kùzu's side of bench/ldbc/run.sh: loads the tiny SNB graph, then
// runs each read of ldbc/kuzu/queries/ through one prepared statement exactly as
// bench/ldbc_bench.cc runs Entente's (an untimed pass over every parameter set, then RUNS
// timed executions cycling over them) and prints the same JSON lines.
//   node ldbc/kuzu/bench.js [RUNS] [SHARED_DIR]
const fs = require('fs');
const path = require('path');
const { loadKuzu, kuzu } = require('./load');

const runs = Number(process.argv[2] || 20);
const shared = process.argv[3] || path.resolve(__dirname, '../../../shared');
const vanilla = path.join(shared, 'data/ldbc_snb_tiny/cypher/test-data/vanilla');
const now = () => Number(process.hrtime.bigint()) / 1e6;
let t = now();
const { conn } = loadKuzu(vanilla, `/tmp/ldbc-kuzu-bench-db-${process.pid}`, `/tmp/ldbc-kuzu-bench-csv-${process.pid}`);
const loadS = (now() - t) / 1000;
const params = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../params.json'), 'utf8'));
let total = 0;
for (const [q, sets] of Object.entries(params)) {
  const stmt = conn.prepareSync(fs.readFileSync(path.join(__dirname, 'queries', `${q}.cypher`), 'utf8'));
  if (!stmt.isSuccess()) throw new Error(`${q}: ${stmt.getErrorMessage()}`);
  let rows = 0;
  for (const p of sets) rows += conn.executeSync(stmt, p).getAllSync().length;
  const ms = [];
  for (let i = 0; i < runs; ++i) {
    t = now();
    conn.executeSync(stmt, sets[i % sets.length]).getAllSync();
    ms.push(now() - t);
  }
  ms.sort((a, b) => a - b);
  const mean = ms.reduce((a, b) => a + b, 0) / ms.length;
  const median = ms.length % 2 ? ms[(ms.length - 1) / 2] : (ms[ms.length / 2 - 1] + ms[ms.length / 2]) / 2;
  total += mean;
  console.log(JSON.stringify({ system: 'kuzu', query: q, runs, mean_ms: mean, median_ms: median, rows }));
}
console.log(JSON.stringify({ system: 'kuzu', version: kuzu.VERSION, load_s: loadS, reads_mean_ms_total: total }));
fs.rmSync(`/tmp/ldbc-kuzu-bench-db-${process.pid}`, { recursive: true, force: true });
fs.rmSync(`/tmp/ldbc-kuzu-bench-csv-${process.pid}`, { recursive: true, force: true });
