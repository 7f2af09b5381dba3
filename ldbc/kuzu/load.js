// ldbc/kuzu/load.js — loads the LDBC SNB vanilla CSV files into Kùzu in the graph model of
// ldbc/loader.h (Kùzu has one table per label, so Message is Post or Comment, Place is City,
// Country or Continent, Organisation is Company or University; relationship tables list
// every FROM/TO pair the data uses). The files are rewritten as Kùzu CSVs (lists split,
// one file per FROM/TO pair) under a scratch directory, then COPY'd.
const fs = require('fs');
const path = require('path');
const kuzu = require(path.join(process.env.PEERS_HOME || '/tmp/entente-peers', 'node/node_modules/kuzu'));

function readPipes(file) {
  const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.length > 0);
  return { header: lines[0].split('|'), rows: lines.slice(1).map((l) => l.split('|')) };
}

const S = 'STRING', I = 'INT64';
const NODE_COLUMNS = {
  Person: [['id', I], ['firstName', S], ['lastName', S], ['gender', S], ['birthday', I],
    ['creationDate', I], ['locationIP', S], ['browserUsed', S], ['speaks', 'STRING[]'],
    ['email', 'STRING[]']],
  Forum: [['id', I], ['title', S], ['creationDate', I]],
  Post: [['id', I], ['imageFile', S], ['creationDate', I], ['locationIP', S], ['browserUsed', S],
    ['language', S], ['content', S], ['length', I]],
  Comment: [['id', I], ['creationDate', I], ['locationIP', S], ['browserUsed', S], ['content', S],
    ['length', I]],
  Tag: [['id', I], ['name', S], ['url', S]],
  TagClass: [['id', I], ['name', S], ['url', S]],
};
for (const t of ['City', 'Country', 'Continent', 'Company', 'University'])
  NODE_COLUMNS[t] = [['id', I], ['name', S], ['url', S]];

// file stem, from table (or a lookup), type, to table (or a lookup), property columns
const EDGES = [
  ['static/organisation_isLocatedIn_place_0_0', 'org', 'IS_LOCATED_IN', 'place'],
  ['static/place_isPartOf_place_0_0', 'place', 'IS_PART_OF', 'place'],
  ['static/tag_hasType_tagclass_0_0', 'Tag', 'HAS_TYPE', 'TagClass'],
  ['static/tagclass_isSubclassOf_tagclass_0_0', 'TagClass', 'IS_SUBCLASS_OF', 'TagClass'],
  ['dynamic/comment_hasCreator_person_0_0', 'Comment', 'HAS_CREATOR', 'Person'],
  ['dynamic/comment_hasTag_tag_0_0', 'Comment', 'HAS_TAG', 'Tag'],
  ['dynamic/comment_isLocatedIn_place_0_0', 'Comment', 'IS_LOCATED_IN', 'place'],
  ['dynamic/comment_replyOf_comment_0_0', 'Comment', 'REPLY_OF', 'Comment'],
  ['dynamic/comment_replyOf_post_0_0', 'Comment', 'REPLY_OF', 'Post'],
  ['dynamic/forum_containerOf_post_0_0', 'Forum', 'CONTAINER_OF', 'Post'],
  ['dynamic/forum_hasMember_person_0_0', 'Forum', 'HAS_MEMBER', 'Person', [['joinDate', I]]],
  ['dynamic/forum_hasModerator_person_0_0', 'Forum', 'HAS_MODERATOR', 'Person'],
  ['dynamic/forum_hasTag_tag_0_0', 'Forum', 'HAS_TAG', 'Tag'],
  ['dynamic/person_hasInterest_tag_0_0', 'Person', 'HAS_INTEREST', 'Tag'],
  ['dynamic/person_isLocatedIn_place_0_0', 'Person', 'IS_LOCATED_IN', 'place'],
  ['dynamic/person_knows_person_0_0', 'Person', 'KNOWS', 'Person', [['creationDate', I]]],
  ['dynamic/person_likes_comment_0_0', 'Person', 'LIKES', 'Comment', [['creationDate', I]]],
  ['dynamic/person_likes_post_0_0', 'Person', 'LIKES', 'Post', [['creationDate', I]]],
  ['dynamic/person_studyAt_organisation_0_0', 'Person', 'STUDY_AT', 'org', [['classYear', I]]],
  ['dynamic/person_workAt_organisation_0_0', 'Person', 'WORK_AT', 'org', [['workFrom', I]]],
  ['dynamic/post_hasCreator_person_0_0', 'Post', 'HAS_CREATOR', 'Person'],
  ['dynamic/post_hasTag_tag_0_0', 'Post', 'HAS_TAG', 'Tag'],
  ['dynamic/post_isLocatedIn_place_0_0', 'Post', 'IS_LOCATED_IN', 'place'],
];

const cap = (s) => s[0].toUpperCase() + s.slice(1);
const csvCell = (v, type) => {
  if (v === '') return '';
  if (type === 'STRING[]') return '"[' + v.split(';').join(',') + ']"';
  if (type === S) return '"' + v.replace(/"/g, '""') + '"';
  return v;
};

// Returns { db, conn, counts } with counts of rows per vanilla file.
function loadKuzu(vanilla, dbDir, scratch) {
  fs.rmSync(dbDir, { recursive: true, force: true });
  fs.rmSync(scratch, { recursive: true, force: true });
  fs.mkdirSync(scratch, { recursive: true });
  const counts = {};
  const nodeRows = {};
  for (const t of Object.keys(NODE_COLUMNS)) nodeRows[t] = [];
  const typeOf = { place: new Map(), org: new Map() };
  const addNodes = (stem, table, typeColumn) => {
    const f = readPipes(path.join(vanilla, stem + '.csv'));
    counts[path.basename(stem)] = f.rows.length;
    for (const r of f.rows) {
      const rec = Object.fromEntries(f.header.map((h, i) => [h, r[i]]));
      let t = table;
      if (typeColumn) { t = cap(rec[typeColumn]); typeOf[table === 'Place' ? 'place' : 'org'].set(rec.id, t); }
      if (table === 'Person') { rec.speaks = rec.language; }
      nodeRows[t].push(NODE_COLUMNS[t].map(([c, ty]) => csvCell(rec[c] ?? '', ty)).join(','));
    }
  };
  addNodes('static/place_0_0', 'Place', 'type');
  addNodes('static/organisation_0_0', 'Organisation', 'type');
  addNodes('static/tag_0_0', 'Tag');
  addNodes('static/tagclass_0_0', 'TagClass');
  addNodes('dynamic/person_0_0', 'Person');
  addNodes('dynamic/forum_0_0', 'Forum');
  addNodes('dynamic/post_0_0', 'Post');
  addNodes('dynamic/comment_0_0', 'Comment');

  const db = new kuzu.Database(dbDir);
  const conn = new kuzu.Connection(db);
  const q = (s) => conn.querySync(s);
  const copyOpts = "(header=false, delim=',', quote='\"', escape='\"')";
  for (const [t, cols] of Object.entries(NODE_COLUMNS)) {
    q(`CREATE NODE TABLE ${t}(${cols.map(([c, ty]) => `${c} ${ty}`).join(', ')}, PRIMARY KEY(id))`);
    const file = path.join(scratch, `${t}.csv`);
    fs.writeFileSync(file, nodeRows[t].join('\n') + '\n');
    q(`COPY ${t} FROM '${file}' ${copyOpts}`);
  }
  // Group each edge file's rows by (from table, to table).
  const relPairs = {}, relProps = {}, relFiles = [];
  for (const [stem, from, type, to, props = []] of EDGES) {
    const f = readPipes(path.join(vanilla, stem + '.csv'));
    counts[path.basename(stem)] = f.rows.length;
    relProps[type] = props;
    const groups = new Map();
    for (const r of f.rows) {
      const ft = typeOf[from] ? typeOf[from].get(r[0]) : from;
      const tt = typeOf[to] ? typeOf[to].get(r[1]) : to;
      if (!ft || !tt) throw new Error(`${stem}: unknown endpoint in ${r.join('|')}`);
      const key = `${ft}|${tt}`;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(r.map((v, i) => (i < 2 ? v : csvCell(v, props[i - 2][1]))).join(','));
    }
    for (const [key, rows] of groups) {
      const [ft, tt] = key.split('|');
      (relPairs[type] ||= new Set()).add(key);
      const file = path.join(scratch, `${path.basename(stem)}_${ft}_${tt}.csv`);
      fs.writeFileSync(file, rows.join('\n') + '\n');
      relFiles.push([type, ft, tt, file]);
    }
  }
  for (const [type, pairs] of Object.entries(relPairs)) {
    const fromTo = [...pairs].map((k) => { const [a, b] = k.split('|'); return `FROM ${a} TO ${b}`; });
    const props = relProps[type].map(([c, ty]) => `, ${c} ${ty}`).join('');
    q(`CREATE REL TABLE ${type}(${fromTo.join(', ')}${props})`);
  }
  for (const [type, ft, tt, file] of relFiles) {
    const multi = relPairs[type].size > 1 ? `, from='${ft}', to='${tt}'` : '';
    q(`COPY ${type} FROM '${file}' (header=false, delim=',', quote='"', escape='"'${multi})`);
  }
  q('CHECKPOINT');
  return { db, conn, counts };
}

module.exports = { loadKuzu, kuzu };
