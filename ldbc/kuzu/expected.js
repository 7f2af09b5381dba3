// ldbc/kuzu/expected.js — the differential oracle: loads the tiny SNB graph into Kùzu,
// runs the reference queries (ldbc/kuzu/queries/, adapted only where Kùzu's dialect
// requires, see ldbc/README.md) with every parameter set of ldbc/params.json and writes
// ldbc/expected/<query>.json, which tests/ldbc compares Entente's answers to.
//   node ldbc/kuzu/expected.js [SHARED_DIR]
const fs = require('fs');
const path = require('path');
const { loadKuzu, kuzu } = require('./load');

const shared = process.argv[2] || path.resolve(__dirname, '../../../shared');
const vanilla = path.join(shared, 'data/ldbc_snb_tiny/cypher/test-data/vanilla');
const { conn } = loadKuzu(vanilla, '/tmp/ldbc-kuzu-expected-db', '/tmp/ldbc-kuzu-expected-csv');
const params = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../params.json'), 'utf8'));
const outDir = path.resolve(__dirname, '../expected');
fs.mkdirSync(outDir, { recursive: true });

// Kùzu lists must be homogeneous, so IC1's [name, year, place] triples are structs
// {n, y, c} there; they are written back as the lists the reference query returns.
const plain = (v) => {
  if (typeof v === 'bigint') return Number(v);  // sums are INT128 in Kùzu
  if (Array.isArray(v)) return v.map(plain);
  if (v && typeof v === 'object' && 'n' in v && 'y' in v && 'c' in v) return [v.n, v.y, v.c];
  return v;
};

for (const [q, sets] of Object.entries(params)) {
  const text = fs.readFileSync(path.join(__dirname, 'queries', `${q}.cypher`), 'utf8');
  const stmt = conn.prepareSync(text);
  if (!stmt.isSuccess()) throw new Error(`${q}: ${stmt.getErrorMessage()}`);
  const results = [];
  let columns = null;
  for (const p of sets) {
    const r = conn.executeSync(stmt, p);
    columns = r.getColumnNamesSync();
    const rows = r.getAllSync().map((row) => columns.map((c) => plain(row[c])));
    results.push({ params: p, rows });
  }
  const body = `{"query": "${q}", "kuzu": "${kuzu.VERSION}", "columns": ${JSON.stringify(columns)},\n "results": [\n` +
    results.map((r) => `  {"params": ${JSON.stringify(r.params)}, "rows": [\n` +
      r.rows.map((row) => '    ' + JSON.stringify(row)).join(',\n') + '\n  ]}').join(',\n') + '\n]}\n';
  fs.writeFileSync(path.join(outDir, `${q}.json`), body);
  console.log(`${q}: ${results.map((r) => r.rows.length).join(' ')} rows`);
}
