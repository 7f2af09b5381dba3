// bench/index_peers.js — Kùzu's and DuckDB's primary-key lookups and 1 % range query on the
// rows index-bench wrote (persons.csv: id,name,age; picks.txt: "id name" per lookup;
// ranges.txt: "lo hi rows" per range), for bench/index_compare.sh. Kùzu: a node table with
// PRIMARY KEY(id); DuckDB: a table with PRIMARY KEY (id) and an ART index on age. Both
// prepared, one query at a time, answers checked. Prints one JSON object per system.
//   node bench/index_peers.js DIR     (the Node packages come from $PEERS_HOME, see
//                                      ../shared/peers/install.sh)
const path = require('path');
const fs = require('fs');
const home = process.env.PEERS_HOME || '/tmp/entente-peers';
const kuzu = require(path.join(home, 'node/node_modules/kuzu'));
const { DuckDBInstance } = require(path.join(home, 'node/node_modules/@duckdb/node-api'));

const dir = path.resolve(process.argv[2] || '.');
const now = () => Number(process.hrtime.bigint()) / 1e9;
const lines = (f) => fs.readFileSync(path.join(dir, f), 'utf8').trim().split('\n').map((l) => l.split(' '));
const picks = lines('picks.txt').map(([id, name]) => [Number(id), name]);
const ranges = lines('ranges.txt').map((r) => r.map(Number));
const csv = path.join(dir, 'persons.csv');
const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const fail = (msg) => { console.error(msg); process.exit(1); };

function runKuzu() {
  const dbdir = path.join(dir, 'kuzu.db');
  fs.rmSync(dbdir, { recursive: true, force: true });
  const db = new kuzu.Database(dbdir);
  const conn = new kuzu.Connection(db);
  let t = now();
  conn.querySync('CREATE NODE TABLE Person(id INT64, name STRING, age INT64, PRIMARY KEY(id))');
  conn.querySync(`COPY Person FROM '${csv}' (header=true)`);
  conn.querySync('CHECKPOINT');
  const load_s = now() - t;
  const p = conn.prepareSync('MATCH (p:Person {id: $id}) RETURN p.name AS name');
  t = now();
  for (const [id, name] of picks) {
    const rows = conn.executeSync(p, { id }).getAllSync();
    if (rows.length !== 1 || rows[0].name !== name) fail(`kuzu: wrong answer for ${id}`);
  }
  const lookup_us = (now() - t) * 1e6 / picks.length;
  const r = conn.prepareSync('MATCH (p:Person) WHERE p.age >= $lo AND p.age < $hi RETURN p.name AS name');
  const ms = [];
  for (let rep = 0; rep < 3; ++rep) for (const [lo, hi, n] of ranges) {
    t = now();
    const rows = conn.executeSync(r, { lo, hi }).getAllSync();
    ms.push((now() - t) * 1e3);
    if (rows.length !== n) fail(`kuzu: range ${lo}: ${rows.length} rows, want ${n}`);
  }
  return { system: 'kuzu', version: kuzu.VERSION, load_s, lookup_us, range_ms: median(ms) };
}

async function runDuckdb() {
  const file = path.join(dir, 'duck.db');
  for (const f of [file, file + '.wal']) fs.rmSync(f, { force: true });
  const inst = await DuckDBInstance.create(file);
  const c = await inst.connect();
  let t = now();
  await c.run('CREATE TABLE person(id BIGINT PRIMARY KEY, name VARCHAR, age BIGINT)');
  await c.run(`INSERT INTO person SELECT * FROM read_csv('${csv}', header=true, columns={'id':'BIGINT','name':'VARCHAR','age':'BIGINT'})`);
  await c.run('CREATE INDEX person_age ON person(age)');
  await c.run('CHECKPOINT');
  const load_s = now() - t;
  const p = await c.prepare('SELECT name FROM person WHERE id = $1');
  t = now();
  for (const [id, name] of picks) {
    p.bind([id]);
    const rows = (await p.runAndReadAll()).getRows();
    if (rows.length !== 1 || rows[0][0] !== name) fail(`duckdb: wrong answer for ${id}`);
  }
  const lookup_us = (now() - t) * 1e6 / picks.length;
  const r = await c.prepare('SELECT name FROM person WHERE age >= $1 AND age < $2');
  const ms = [];
  for (let rep = 0; rep < 3; ++rep) for (const [lo, hi, n] of ranges) {
    r.bind([lo, hi]);
    t = now();
    const rows = (await r.runAndReadAll()).getRows();
    ms.push((now() - t) * 1e3);
    if (rows.length !== n) fail(`duckdb: range ${lo}: ${rows.length} rows, want ${n}`);
  }
  return { system: 'duckdb', load_s, lookup_us, range_ms: median(ms) };
}

(async () => {
  console.log(JSON.stringify(runKuzu()));
  console.log(JSON.stringify(await runDuckdb()));
})().catch((e) => fail(String(e && e.stack || e)));
