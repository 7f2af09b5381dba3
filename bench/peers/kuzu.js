// bench/peers/kuzu.js — Kùzu (Node binding under $PEERS_HOME) for bench/compare.
// Usage: node kuzu.js DATA OUT DBDIR BATCHES    BATCHES: comma list of load,hop1,hop3,sp,agg,writes
// Without `load` the store in DBDIR is reopened (the supervisor restarts a driver after a batch
// it killed). Standard questions: the query texts of ../shared/peers/bench_kuzu.js (3-hop in
// its `shortest` mode, as run_all.sh runs it). With DATA/kg.json: the typed FB15k graph,
// one rel table E(r INT64) keyed by relation id, and the agg/writes questions.
const path = require('path');
const fs = require('fs');
const kuzu = require(path.join(process.env.PEERS_HOME || '/tmp/entente-peers', 'node/node_modules/kuzu'));
const U = require('./util');

const A = U.args();
const abs = (f) => path.resolve(A.data, f);
if (A.batches.includes('load')) for (const f of [A.db, A.db + '.wal', A.db + '.shadow']) fs.rmSync(f, { recursive: true, force: true });
const db = new kuzu.Database(A.db);
const conn = new kuzu.Connection(db);
const q = (s) => conn.querySync(s);
const run = (p, params) => conn.executeSync(p, params).getAllSync();
U.emit({ system: 'kuzu', version: kuzu.VERSION });

const batches = {
  load() {
    q('CREATE NODE TABLE N(id INT64, PRIMARY KEY(id))');
    q(A.kg ? 'CREATE REL TABLE E(FROM N TO N, r INT64)' : 'CREATE REL TABLE E(FROM N TO N)');
    q(`COPY N FROM '${abs('nodes.csv')}' (header=false)`);
    q(`COPY E FROM '${abs(A.kg ? 'kg_edges.csv' : 'edges.csv')}' (header=false)`);
    q('CHECKPOINT');
  },
  hop1() {
    const p = conn.prepareSync('MATCH (a:N {id:$id})-[:E]->(b:N) RETURN b.id AS d');
    U.writeLines(A.out, 'hop1.txt', U.ints(A.data, 'q_hop1.txt').map((s) => {
      const rows = run(p, { id: s });
      let sum = 0; for (const r of rows) sum += Number(r.d);
      return `${s} ${rows.length} ${sum}`;
    }));
  },
  hop3() {
    const p = conn.prepareSync('MATCH (a:N {id:$id})-[:E* SHORTEST 1..3]->(b:N) WHERE b.id <> $id RETURN count(DISTINCT b.id) AS c');
    U.writeLines(A.out, 'hop3.txt', U.ints(A.data, 'q_hop3.txt').map((s) => `${s} ${Number(run(p, { id: s })[0].c)}`));
  },
  sp() {
    const p = conn.prepareSync('MATCH (a:N {id:$s})-[e:E* SHORTEST 1..10]->(b:N {id:$t}) RETURN length(e) AS d');
    U.writeLines(A.out, 'sp.txt', U.pairs(A.data, 'q_sp.txt').map(([s, t]) => {
      const rows = run(p, { s, t });
      return `${s} ${t} ${rows.length ? Number(rows[0].d) : -1}`;
    }));
  },
  agg() {
    const k = U.kgInfo(A.data);
    const p = conn.prepareSync(`MATCH (p:N)-[x:E]->(c:N {id:$id}), (p)-[y:E]->(j:N) WHERE x.r = ${k.t1} AND y.r = ${k.t2}
      RETURN j.id AS j, count(DISTINCT p.id) AS n ORDER BY n DESC, j ASC LIMIT 5`);
    U.writeLines(A.out, 'agg.txt', U.ints(A.data, 'q_agg.txt').map((c) =>
      [c, ...run(p, { id: c }).map((r) => `${Number(r.j)}:${Number(r.n)}`)].join(' ')));
  },
  writes() {
    const k = U.kgInfo(A.data);
    const p = conn.prepareSync(`MATCH (a:N {id:$a}), (b:N {id:$b}) CREATE (a)-[:E {r: ${k.inserted}}]->(b)`);
    const w = U.pairs(A.data, 'q_writes.txt');
    const tick = U.progress('writes', 1000, w.length);
    w.forEach(([a, b], i) => { run(p, { a, b }); tick(i + 1); });  // each its own transaction
    return () => writesCheck(k);
  },
};
// The untimed check of the write batch: `inserted sum(src) sum(dst) all_relations`.
function writesCheck(k) {
  const r = q(`MATCH (a:N)-[e:E]->(b:N) WHERE e.r = ${k.inserted} RETURN count(*) AS c, sum(a.id) AS s, sum(b.id) AS d`).getAllSync()[0];
  const all = q('MATCH ()-[e:E]->() RETURN count(*) AS c').getAllSync()[0];
  U.writeLines(A.out, 'writes.txt', [`${Number(r.c)} ${Number(r.s)} ${Number(r.d)} ${Number(all.c)}`]);
}

(async () => { for (const b of A.batches) await U.batch(b, batches[b]); })()
  .catch((e) => { console.error(e); process.exit(1); });
