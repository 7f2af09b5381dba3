// bench/peers/duckdb.js — DuckDB (Node binding @duckdb/node-api under $PEERS_HOME) for bench/compare.
// Usage: node duckdb.js DATA OUT DBFILE BATCHES    BATCHES: comma list of load,hop1,hop3,sp,agg,writes
// Without `load` the database file is reopened. Standard questions: the query texts of
// ../shared/peers/bench_duckdb.js (`noindex` mode, as run_all.sh runs it: tables only,
// recursive CTEs for 3-hop and shortest path). With DATA/kg.json: the typed FB15k graph as a
// triple table t(src, dst, r) and the agg/writes questions.
const path = require('path');
const fs = require('fs');
const { DuckDBInstance, version } = require(path.join(process.env.PEERS_HOME || '/tmp/entente-peers', 'node/node_modules/@duckdb/node-api'));
const U = require('./util');

const A = U.args();
const abs = (f) => path.resolve(A.data, f);
if (A.batches.includes('load')) for (const f of [A.db, A.db + '.wal']) fs.rmSync(f, { force: true });

(async () => {
  const inst = await DuckDBInstance.create(A.db);
  const c = await inst.connect();
  U.emit({ system: 'duckdb', version: version() });
  const rows = async (p, params) => { p.bind(params); return (await p.runAndReadAll()).getRows(); };

  const batches = {
    async load() {
      await c.run(`CREATE TABLE n AS SELECT * FROM read_csv('${abs('nodes.csv')}', header=false, columns={'id':'INTEGER'})`);
      if (A.kg) await c.run(`CREATE TABLE t AS SELECT * FROM read_csv('${abs('kg_edges.csv')}', header=false, columns={'src':'INTEGER','dst':'INTEGER','r':'INTEGER'})`);
      else await c.run(`CREATE TABLE e AS SELECT * FROM read_csv('${abs('edges.csv')}', header=false, columns={'src':'INTEGER','dst':'INTEGER'})`);
      await c.run('CHECKPOINT');
    },
    async hop1() {
      const p = await c.prepare('SELECT dst FROM e WHERE src = $1');
      const out = [];
      for (const s of U.ints(A.data, 'q_hop1.txt')) {
        const r = await rows(p, [s]);
        let sum = 0; for (const x of r) sum += Number(x[0]);
        out.push(`${s} ${r.length} ${sum}`);
      }
      U.writeLines(A.out, 'hop1.txt', out);
    },
    async hop3() {
      const p = await c.prepare(`WITH RECURSIVE r(n, d) AS (
          SELECT $1::INTEGER, 0
          UNION
          SELECT e.dst, r.d + 1 FROM r JOIN e ON e.src = r.n WHERE r.d < 3)
        SELECT count(DISTINCT n) FROM r WHERE d >= 1 AND n <> $1`);
      const out = [];
      for (const s of U.ints(A.data, 'q_hop3.txt')) out.push(`${s} ${Number((await rows(p, [s]))[0][0])}`);
      U.writeLines(A.out, 'hop3.txt', out);
    },
    async sp() {
      const p = await c.prepare(`WITH RECURSIVE sp(n, d) USING KEY (n) AS (
          SELECT $1::INTEGER, 0
          UNION
          SELECT e.dst, min(sp.d) + 1 FROM sp JOIN e ON e.src = sp.n
          WHERE sp.d < 10
            AND NOT EXISTS (SELECT 1 FROM recurring.sp v WHERE v.n = e.dst)
            AND NOT EXISTS (SELECT 1 FROM recurring.sp v WHERE v.n = $2)
          GROUP BY e.dst)
        SELECT d FROM sp WHERE n = $2 AND d >= 1`);
      const out = [];
      for (const [s, t] of U.pairs(A.data, 'q_sp.txt')) {
        const r = await rows(p, [s, t]);
        out.push(`${s} ${t} ${r.length ? Number(r[0][0]) : -1}`);
      }
      U.writeLines(A.out, 'sp.txt', out);
    },
    async agg() {
      const k = U.kgInfo(A.data);
      const p = await c.prepare(`SELECT y.dst AS j, count(DISTINCT x.src) AS n
          FROM t x JOIN t y ON y.src = x.src
          WHERE x.dst = $1 AND x.r = ${k.t1} AND y.r = ${k.t2}
          GROUP BY y.dst ORDER BY n DESC, j ASC LIMIT 5`);
      const out = [];
      for (const cc of U.ints(A.data, 'q_agg.txt'))
        out.push([cc, ...(await rows(p, [cc])).map((r) => `${Number(r[0])}:${Number(r[1])}`)].join(' '));
      U.writeLines(A.out, 'agg.txt', out);
    },
    async writes() {
      const k = U.kgInfo(A.data);
      const p = await c.prepare(`INSERT INTO t VALUES ($1, $2, ${k.inserted})`);
      const w = U.pairs(A.data, 'q_writes.txt');
      const tick = U.progress('writes', 1000, w.length);
      for (let i = 0; i < w.length; ++i) { p.bind(w[i]); await p.run(); tick(i + 1); }  // autocommit: one transaction each
      return async () => {  // untimed check: inserted sum(src) sum(dst) all_relations
        const r = (await c.runAndReadAll(`SELECT count(*), sum(src), sum(dst), (SELECT count(*) FROM t) FROM t WHERE r = ${k.inserted}`)).getRows()[0];
        U.writeLines(A.out, 'writes.txt', [r.map(Number).join(' ')]);
      };
    },
  };
  for (const b of A.batches) await U.batch(b, batches[b]);
})().catch((e) => { console.error(e); process.exit(1); });
