// ldbc/kuzu/pick_params.js — writes ldbc/params.json: the published substitution
// parameters of the tiny data set (2 or 3 per complex read) plus deterministic extra sets
// picked from the data so every read has at least 5 sets that mostly give non-empty
// answers. Run once; its output is checked in (the expected answers depend on it).
//   node ldbc/kuzu/pick_params.js [SHARED_DIR]
const fs = require('fs');
const path = require('path');
const { loadKuzu } = require('./load');

const shared = process.argv[2] || path.resolve(__dirname, '../../../shared');
const base = path.join(shared, 'data/ldbc_snb_tiny/cypher/test-data');
const { conn } = loadKuzu(path.join(base, 'vanilla'), '/tmp/ldbc-kuzu-pick-db', '/tmp/ldbc-kuzu-pick-csv');
const rows = (s) => conn.querySync(s).getAllSync();
const DAY = 86400000;

// Published sets, typed (ids and dates as integers); IC3 and IC4 get endDate.
const published = {};
for (let i = 1; i <= 14; ++i) {
  const lines = fs.readFileSync(path.join(base, `substitution_parameters/interactive_${i}_param.txt`), 'utf8')
    .split('\n').filter((l) => l);
  const header = lines[0].split('|');
  published[`ic${i}`] = lines.slice(1).map((l) => {
    const p = {};
    l.split('|').forEach((v, k) => { p[header[k]] = /Name$|^firstName$/.test(header[k]) ? v : (/^-?\d+$/.test(v) ? Number(v) : v); });
    if ('durationDays' in p) { p.endDate = p.startDate + p.durationDays * DAY; delete p.durationDays; }
    return p;
  });
}

// The most connected persons (by KNOWS degree, then id) not already in a published set.
const used = new Set(Object.values(published).flat().flatMap((p) => [p.personId, p.person1Id, p.person2Id]));
const active = rows('MATCH (p:Person)-[:KNOWS]-(f:Person) RETURN p.id AS id, count(f) AS d ORDER BY d DESC, id ASC')
  .map((r) => r.id).filter((id) => !used.has(id)).slice(0, 3);
const one = (s) => { const r = rows(s); return r.length ? Object.values(r[0])[0] : null; };

const extra = {
  ic1: active.map((id) => ({ personId: id, firstName: one(`MATCH (p:Person {id: ${id}})-[:KNOWS*2..2]-(f:Person) WHERE f <> p RETURN f.firstName ORDER BY f.id LIMIT 1`) })),
  ic2: active.map((id) => ({ personId: id, maxDate: 1288569600000 })),
  // persons with a friend (or friend of a friend) who wrote messages in two countries, neither
  // of them home, during 2010: the case IC3 looks for (rare in the tiny graph)
  ic3: (() => {
    const seen = new Set();
    return rows(`MATCH (p:Person)-[:KNOWS*1..2]-(f:Person)<-[:HAS_CREATOR]-(m:Post:Comment)-[:IS_LOCATED_IN]->(c:Country),
                       (f)<-[:HAS_CREATOR]-(m2:Post:Comment)-[:IS_LOCATED_IN]->(c2:Country),
                       (f)-[:IS_LOCATED_IN]->(:City)-[:IS_PART_OF]->(home:Country)
                 WHERE f <> p AND home <> c AND home <> c2 AND c.name < c2.name
                 RETURN p.id AS id, c.name AS x, c2.name AS y, count(*) AS k ORDER BY k DESC, id ASC, x ASC, y ASC LIMIT 40`)
      .filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, 3)
      .map((r) => ({ personId: r.id, startDate: 1262304000000, endDate: 1262304000000 + 365 * DAY, countryXName: r.x, countryYName: r.y }));
  })(),
  ic4: active.map((id) => ({ personId: id, startDate: 1288569600000, endDate: 1288569600000 + 30 * DAY })),
  ic5: active.map((id) => ({ personId: id, minDate: 1285891200000 })),
  ic6: active.map((id) => ({ personId: id, tagName: one(`MATCH (p:Person {id: ${id}})-[:KNOWS*1..2]-(f:Person)<-[:HAS_CREATOR]-(:Post)-[:HAS_TAG]->(t:Tag)
                    WHERE f <> p RETURN t.name AS n, count(*) AS k ORDER BY k DESC, n ASC LIMIT 1`) })),
  ic7: rows('MATCH (p:Person)<-[:HAS_CREATOR]-(:Post:Comment)<-[:LIKES]-(:Person) RETURN p.id AS id, count(*) AS k ORDER BY k DESC, id ASC LIMIT 6')
    .map((r) => ({ personId: r.id })).filter((p) => !used.has(p.personId)).slice(0, 3),
  ic8: rows('MATCH (p:Person)<-[:HAS_CREATOR]-(:Post:Comment)<-[:REPLY_OF]-(:Comment) RETURN p.id AS id, count(*) AS k ORDER BY k DESC, id ASC LIMIT 6')
    .map((r) => ({ personId: r.id })).filter((p) => !used.has(p.personId)).slice(0, 3),
  ic9: active.map((id) => ({ personId: id, maxDate: 1288569600000 })),
  ic10: active.map((id, k) => ({ personId: id, month: [1, 7, 11][k] })),
  ic11: active.map((id) => ({ personId: id, workFromYear: 2012, countryName: one(`MATCH (p:Person {id: ${id}})-[:KNOWS*1..2]-(f:Person)-[:WORK_AT]->(:Company)-[:IS_LOCATED_IN]->(c:Country)
                    WHERE f <> p RETURN c.name AS n, count(*) AS k ORDER BY k DESC, n ASC LIMIT 1`) })),
  ic12: active.map((id, k) => ({ personId: id, tagClassName: ['Person', 'Thing', 'MusicalArtist'][k] })),
  ic13: [[active[0], active[1]], [active[1], active[2]]].map(([a, b]) => ({ person1Id: a, person2Id: b })),
  ic14: rows(`MATCH (a:Person)-[:KNOWS]-(:Person)-[:KNOWS]-(b:Person) WHERE a.id < b.id AND NOT EXISTS { MATCH (a)-[:KNOWS]-(b) }
              RETURN a.id AS a, b.id AS b, count(*) AS k ORDER BY k DESC, a ASC, b ASC LIMIT 3`).map((r) => ({ person1Id: r.a, person2Id: r.b })),
};
const persons = rows('MATCH (p:Person)-[:KNOWS]-(f:Person) RETURN p.id AS id, count(f) AS d ORDER BY d DESC, id ASC LIMIT 5').map((r) => ({ personId: r.id }));
// Messages with the most replies (IS7), then the messages of the first few, posts and comments.
const messages = rows(`MATCH (m:Post:Comment)<-[:REPLY_OF]-(:Comment) RETURN m.id AS id, count(*) AS k ORDER BY k DESC, id ASC LIMIT 3`)
  .concat(rows('MATCH (m:Comment)-[:REPLY_OF]->(:Comment) RETURN m.id AS id ORDER BY id LIMIT 2'))
  .map((r) => ({ messageId: r.id }));

const out = {};
for (let i = 1; i <= 14; ++i) out[`ic${i}`] = published[`ic${i}`].concat(extra[`ic${i}`]);
for (const q of ['is1', 'is2', 'is3']) out[q] = persons;
for (const q of ['is4', 'is5', 'is6', 'is7']) out[q] = messages;
const file = path.resolve(__dirname, '../params.json');
fs.writeFileSync(file, '{\n' + Object.entries(out).map(([q, sets]) =>
  `  "${q}": [\n` + sets.map((s) => '    ' + JSON.stringify(s)).join(',\n') + '\n  ]').join(',\n') + '\n}\n');
console.log(`wrote ${file}`);
