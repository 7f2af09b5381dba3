// bench/peers/util.js — helpers shared by the Node peer drivers of bench/compare: the batch
// protocol on stdout (one JSON object a line: {"start":B} then {"done":B,"s":seconds} once the
// answer file is written) and reading/writing the workload files.
const fs = require('fs');
const path = require('path');

const now = () => Number(process.hrtime.bigint()) / 1e9;
// stdout writes to a pipe are synchronous in Node on Linux, so a marker is seen by the
// supervisor even while a synchronous query then blocks the event loop.
const emit = (obj) => process.stdout.write(JSON.stringify(obj) + '\n');

function args() {
  const [data, out, db, batches] = process.argv.slice(2);
  if (!batches) { console.error('usage: DRIVER DATA OUT DB BATCHES (comma list)'); process.exit(2); }
  fs.mkdirSync(out, { recursive: true });
  fs.mkdirSync(path.dirname(path.resolve(db)), { recursive: true });
  return { data, out, db, batches: batches.split(','), kg: fs.existsSync(path.join(data, 'kg.json')) };
}

const ints = (data, f) => fs.readFileSync(path.join(data, f), 'utf8').trim().split(/\s+/).map(Number);
function pairs(data, f) {
  const v = ints(data, f); const p = [];
  for (let i = 0; i + 1 < v.length; i += 2) p.push([v[i], v[i + 1]]);
  return p;
}
const kgInfo = (data) => JSON.parse(fs.readFileSync(path.join(data, 'kg.json'), 'utf8'));
const writeLines = (out, f, lines) => fs.writeFileSync(path.join(out, f), lines.map((l) => l + '\n').join(''));

// Runs `fn` (sync or async) as batch `name` between the two markers. If `fn` returns a
// function, that one runs after the clock stopped (an untimed check, e.g. of the write load).
async function batch(name, fn) {
  if (!fn) throw new Error(`unknown batch ${name}`);
  emit({ start: name });
  const t = now();
  const after = await fn();
  const s = now() - t;
  if (typeof after === 'function') await after();
  emit({ done: name, s });
}

// For long batches: {"progress":B,"n":done,"of":total,"s":seconds} every `every` items, so a
// batch killed at its cap still tells how far it got.
function progress(name, every, total) {
  const t = now();
  return (n) => { if (n % every === 0) emit({ progress: name, n, of: total, s: now() - t }); };
}

module.exports = { now, emit, progress, args, ints, pairs, kgInfo, writeLines, batch };
