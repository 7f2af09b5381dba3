#!/usr/bin/python3
"""bench/peers/sqlite.py — SQLite (Python stdlib sqlite3 on Debian's libsqlite3) for bench/compare.

Usage: sqlite.py DATA OUT DBFILE BATCHES    BATCHES: comma list of load,hop1,hop3,sp,agg,writes
Without `load` the database file is reopened. Standard questions: the schema and query texts
of ../shared/peers/bench_sqlite.py (edges clustered by (src,dst) in a WITHOUT ROWID table,
recursive CTEs). With DATA/kg.json: the typed FB15k graph as t(src, r, dst) clustered by
(src, r, dst) plus an index on (dst, r), and the agg/writes questions. The load runs with
journal_mode=off/synchronous=off (as bench_sqlite.py); the write load with WAL and
synchronous=NORMAL (a commit is not fsynced, like Entente's default)."""
import json
import os
import sys
import time
import sqlite3

data, out, dbfile, batches = sys.argv[1:5]
batches = batches.split(",")
kg = os.path.exists(os.path.join(data, "kg.json"))
os.makedirs(out, exist_ok=True)
os.makedirs(os.path.dirname(os.path.abspath(dbfile)), exist_ok=True)
if "load" in batches:
    for f in (dbfile, dbfile + "-wal", dbfile + "-shm", dbfile + "-journal"):
        if os.path.exists(f):
            os.remove(f)
db = sqlite3.connect(dbfile)
c = db.cursor()


def emit(obj):
    print(json.dumps(obj), flush=True)


def ints(f):
    return [int(x) for x in open(os.path.join(data, f)).read().split()]


def pairs(f):
    v = ints(f)
    return list(zip(v[0::2], v[1::2]))


def write(f, lines):
    with open(os.path.join(out, f), "w") as fh:
        fh.writelines(l + "\n" for l in lines)


def kginfo():
    return json.load(open(os.path.join(data, "kg.json")))


def load():
    c.executescript("pragma journal_mode=off; pragma synchronous=off; create table n(id integer primary key);")
    with open(os.path.join(data, "nodes.csv")) as f:
        c.executemany("insert into n values(?)", ((int(x),) for x in f))
    if kg:
        c.executescript("create table t(src integer not null, dst integer not null, r integer not null, "
                        "primary key(src, r, dst)) without rowid;")
        with open(os.path.join(data, "kg_edges.csv")) as f:
            c.executemany("insert into t values(?,?,?)", (tuple(map(int, l.split(","))) for l in f))
        c.execute("create index t_in on t(dst, r)")
    else:
        c.execute("create table e(src integer not null, dst integer not null, primary key(src, dst)) without rowid")
        with open(os.path.join(data, "edges.csv")) as f:
            c.executemany("insert into e values(?,?)", (tuple(map(int, l.split(","))) for l in f))
    db.commit()


def hop1():
    res = []
    for s in ints("q_hop1.txt"):
        rows = c.execute("select dst from e where src=?", (s,)).fetchall()
        res.append(f"{s} {len(rows)} {sum(r[0] for r in rows)}")
    write("hop1.txt", res)


def hop3():
    q = """with recursive r(n, d) as (select ?, 0
             union select e.dst, r.d + 1 from r join e on e.src = r.n where r.d < 3)
           select count(distinct n) from r where d >= 1 and n <> ?"""
    write("hop3.txt", [f"{s} {c.execute(q, (s, s)).fetchone()[0]}" for s in ints("q_hop3.txt")])


def sp():
    q = """with recursive b(n, d) as (select ?, 0
             union select e.dst, b.d + 1 from b join e on e.src = b.n where b.d < 10 order by 2)
           select d from b where n = ? and d >= 1 limit 1"""
    res = []
    for s, t in pairs("q_sp.txt"):
        r = c.execute(q, (s, t)).fetchone()
        res.append(f"{s} {t} {r[0] if r else -1}")
    write("sp.txt", res)


def agg():
    k = kginfo()
    q = f"""select y.dst as j, count(distinct x.src) as n from t x join t y on y.src = x.src
            where x.dst = ? and x.r = {k['t1']} and y.r = {k['t2']}
            group by y.dst order by n desc, j asc limit 5"""
    write("agg.txt", [" ".join([str(cc)] + [f"{j}:{n}" for j, n in c.execute(q, (cc,))]) for cc in ints("q_agg.txt")])


def writes():
    k = kginfo()
    db.execute("pragma journal_mode=wal")
    db.execute("pragma synchronous=normal")
    q = f"insert into t values(?, ?, {k['inserted']})"
    w, t = pairs("q_writes.txt"), time.perf_counter()
    for i, (a, b) in enumerate(w, 1):
        db.execute(q, (a, b))  # the module opens a transaction before the insert
        db.commit()            # one transaction per relation
        if i % 1000 == 0:      # so that a batch killed at its cap still tells how far it got
            emit({"progress": "writes", "n": i, "of": len(w), "s": time.perf_counter() - t})

    def check():  # untimed: inserted sum(src) sum(dst) all_relations
        r = c.execute(f"select count(*), sum(src), sum(dst), (select count(*) from t) from t where r = {k['inserted']}").fetchone()
        write("writes.txt", [" ".join(map(str, r))])
    return check


emit({"system": "sqlite", "version": sqlite3.sqlite_version})
for b in batches:
    fn = globals().get(b)
    if b not in ("load", "hop1", "hop3", "sp", "agg", "writes"):
        sys.exit(f"unknown batch {b}")
    emit({"start": b})
    t = time.perf_counter()
    after = fn()
    s = time.perf_counter() - t
    if after:
        after()
    emit({"done": b, "s": s})
