#!/usr/bin/env python3
"""Convert UCDP data into an Entente JSON Lines dataset and, optionally, import it (stdlib only).

    python3 scripts/import_ucdp.py [--esd FILE] [--actors FILE] [-o OUT.jsonl] [--quiet]
    python3 scripts/import_ucdp.py --db DIR [--replace] [--entente BIN]   # one command, re-runnable

Inputs (defaults: ../shared/data/ucdp/ next to the source tree):
  ucdp-esd-ay-181.csv  UCDP External Support Dataset 18.1, actor-year: who supported which
                       warring party, with one column per kind of support.
  ucdp-actor-221.csv   UCDP actor list 22.1: names, renames, splinters, alliances.

Output, one JSON object per line (what `.import FILE.jsonl` / Database::importJsonLines reads):
  {"relation_type": {...}}  BACKS, PART_OF, FORMERLY, FIGHTS (as in data/vocabulary.json) and
                            SPLINTER_OF (neutral: a group that split from another)
  {"entity": {"key", "labels", "name", "aliases", "properties"}}   one per UCDP actor id
                            ("ucdp-<id>"), plus "ucdp-<id>-former" for a renamed actor's
                            former name
  {"relation": {"from", "type", "to", "properties"}}

With --db DIR the file is written next to DIR (DIR.jsonl unless -o says otherwise) and
imported into a new database DIR by the shell (`entente DIR -c ".import FILE"`), whose
contents are then counted and compared with the file. An existing DIR is refused unless
--replace is given (then it is deleted first, if it is an Entente database), so the same
command rebuilds the database from the CSVs at any time.

Modelling:
  * BACKS supporter -> recipient, one relation per run of contiguous years in which the
    support looked the same: same kinds and same conflicts (a change of either starts a new
    relation). since = first year's 1 January, until = 1 January after the last year,
    date_precision "year"; `years` lists the years, `kinds` the kinds of support and
    `conflicts` the UCDP conflicts ("Syria: Government") of the recipient's rows in which the
    support was coded. UCDP codes kinds per recipient, conflict and year and per class of
    supporter (state / non-state), not per supporter: with several supporters of one class a
    kind means "at least one of them gave it".
  * FIGHTS actor <-> opponent per dyad, merged year runs the same way (the ESD rows are the
    warring parties' years in conflict), with `conflict`, `conflict_id` and `dyad_id`, so the
    signed reasoning has hostility to work with and a war can be selected by its conflict.
  * Renames (NameChange = 1): the actor keeps its id and current name; its original name is
    a separate entity and `current -[:FORMERLY]-> former`, so alliance.* follow the lineage.
    Intermediate names (NewName "TQJBR, ISI, ISIS, IS") become aliases of the current one.
  * Splinters (Splinter = 1): `splinter -[:SPLINTER_OF]-> parent` per parent id.
  * Alliances (Alliance = 1): `member -[:PART_OF]-> alliance` per alliance id.
  * Labels: Org = 4 (governments) -> State, otherwise ArmedGroup; the UCDP code is kept. A
    supporter missing from the actor list is a State when its name starts "Government of".
  * Names must stay unique for name lookup: a name already taken gets " [UCDP <id>]".

Printed check figures (published: 4,781 rows; 80.7 % of intrastate and 72.0 % of interstate
conflicts had external support; 1,725 actors; 70 renames, 219 splinters, 111 coalition
memberships) are computed from the CSVs, so a reader can see the import reproduces them.
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_DIR = os.path.normpath(os.path.join(HERE, "..", "..", "shared", "data", "ucdp"))

# ESD kinds of support, column letter -> name (UCDP ESD codebook; see docs/reasoning.md).
KINDS = [
    ("x", "troops"),                    # troops as a secondary warring party
    ("p", "joint_operations"),          # access to military/intelligence infrastructure, joint operations
    ("y", "access_to_infrastructure"),  # access to infrastructure
    ("w", "weapons"),
    ("m", "materiel_logistics"),
    ("t", "training_expertise"),
    ("f", "funding"),
    ("i", "intelligence"),
    ("l", "access_to_territory"),
    ("o", "other"),
    ("u", "unknown"),
]

REL_TYPES = [
    {"name": "BACKS", "sign": "positive", "symmetric": False, "transitive": False, "inverse": "BACKED_BY",
     "description": "military, political or financial support (optional `purpose`, e.g. the fight against ISIS)"},
    {"name": "PART_OF", "sign": "positive", "symmetric": False, "transitive": False, "inverse": "HAS_PART",
     "description": "member of a coalition, component of a force or body"},
    {"name": "FIGHTS", "sign": "negative", "symmetric": True, "transitive": False,
     "description": "armed hostility (`planned: true` for an announced, not yet fought, offensive)"},
    {"name": "FORMERLY", "sign": "neutral", "symmetric": False, "transitive": False, "inverse": "SUCCEEDED_BY",
     "description": "identity lineage: the subject was formerly known as / succeeds the object"},
    {"name": "SPLINTER_OF", "sign": "neutral", "symmetric": False, "transitive": False, "inverse": "HAS_SPLINTER",
     "description": "the subject split from the object (UCDP splinter)"},
]


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def ids(field):
    return [x.strip() for x in (field or "").split(",") if x.strip()]


def year_runs(by_year):
    """{year: key} -> list of runs [(first, last, [years], key)]: contiguous years, same key."""
    runs = []
    for y in sorted(by_year):
        if runs and y == runs[-1][1] + 1 and by_year[y] == runs[-1][3]:
            runs[-1] = (runs[-1][0], y, runs[-1][2] + [y], runs[-1][3])
        else:
            runs.append((y, y, [y], by_year[y]))
    return runs


def former_names(a):
    """Aliases of a renamed actor: the parts of NewName / NewNameFullEng when both list the
    same number of names, else the two fields whole."""
    short, full = a["NewName"].split(","), a["NewNameFullEng"].split(",")
    if len(short) == len(full):
        return short + full
    return [a["NewName"], a["NewNameFullEng"]]


def check_figures(esd, actors):
    figures = {"esd_rows": len(esd)}
    for civil, label in (("1", "intrastate"), ("0", "interstate")):
        conflicts = {r["conflict_id"] for r in esd if r["civil"] == civil}
        supported = {r["conflict_id"] for r in esd if r["civil"] == civil and r["ext_sup"] == "1"}
        figures[label] = (len(supported), len(conflicts), 100.0 * len(supported) / max(1, len(conflicts)))
    figures["actors"] = len(actors)
    figures["renames"] = sum(1 for a in actors if a["NameChange"] == "1")
    figures["splinters"] = sum(1 for a in actors if a["Splinter"] == "1")
    figures["coalitions"] = sum(1 for a in actors if a["Alliance"] == "1")
    return figures


def convert(esd, actors):
    out = [{"relation_type": t} for t in REL_TYPES]
    taken = set()  # lower-cased names and aliases
    entities = {}  # ucdp id -> entity record

    def unique(name, uid):
        n = name.strip() or ("UCDP actor " + uid)
        if n.lower() in taken:
            n = "%s [UCDP %s]" % (n, uid)
        taken.add(n.lower())
        return n

    def add_entity(key, uid, name, labels, aliases, props):
        aliases = [a for a in dict.fromkeys(a.strip() for a in aliases) if a and a.lower() not in taken]
        for a in aliases:
            taken.add(a.lower())
        rec = {"key": key, "labels": labels, "name": name, "aliases": aliases, "properties": props}
        out.append({"entity": rec})
        return rec

    by_id = {a["ActorId"].strip(): a for a in actors}
    renamed = []
    for a in actors:
        uid = a["ActorId"].strip()
        name = unique(a["NameData"], uid)
        labels = ["State"] if a["Org"].strip() == "4" else ["ArmedGroup"]
        aliases = former_names(a) if a["NameChange"] == "1" else [a["NewNameFullEng"], a["NameOrigFullEng"]]
        props = {"ucdp_id": int(uid), "ucdp_org": int(a["Org"] or 0), "location": a["Location"]}
        entities[uid] = add_entity("ucdp-" + uid, uid, name, labels, aliases, props)
        if a["NameChange"] == "1":
            renamed.append(a)
    relations = []
    for a in renamed:
        uid = a["ActorId"].strip()
        former = a["NameOrig"].strip()
        if not former or former.lower() == entities[uid]["name"].lower():
            former = a["NameOrigFullEng"].strip() or "former " + entities[uid]["name"]
        name = unique(former, uid + " former")
        add_entity("ucdp-%s-former" % uid, uid, name, entities[uid]["labels"], [a["NameOrigFullEng"]],
                   {"ucdp_id": int(uid), "former_name": True})
        relations.append(("ucdp-" + uid, "FORMERLY", "ucdp-%s-former" % uid, {"source_dataset": "UCDP actor list 22.1"}))
    for a in actors:
        uid = a["ActorId"].strip()
        if a["Splinter"] == "1":
            for parent in ids(a["ActorIdPrev"]):
                if parent in by_id:
                    relations.append(("ucdp-" + uid, "SPLINTER_OF", "ucdp-" + parent, {"source_dataset": "UCDP actor list 22.1"}))
        if a["Alliance"] == "1":
            for group in ids(a["ActorIdAlliance"]):
                if group in by_id:
                    relations.append(("ucdp-" + uid, "PART_OF", "ucdp-" + group, {"source_dataset": "UCDP actor list 22.1"}))

    # Actors that appear only in the ESD.
    def ensure(uid, name, nonstate):
        if uid not in entities:
            entities[uid] = add_entity("ucdp-" + uid, uid, unique(name, uid), ["ArmedGroup"] if nonstate else ["State"],
                                       [], {"ucdp_id": int(uid)})

    backs = defaultdict(lambda: defaultdict(lambda: (set(), set())))  # (supporter, recipient) -> year -> (kinds, conflicts)
    fights = {}                                                        # dyad id -> (actor, opponent, conflict, conflict id, years)
    for r in esd:
        year = int(r["year"])
        ensure(r["actor_id"].strip(), r["actor_name"], r["actor_nonstate"] == "1")
        if r["oppo_id"].strip():
            ensure(r["oppo_id"].strip(), r["oppo_name"], True)
            pair = sorted((r["actor_id"].strip(), r["oppo_id"].strip()))
            dyad = fights.setdefault(r["dyad_id"].strip(), (pair[0], pair[1], r["location"].strip(), r["conflict_id"].strip(), set()))
            dyad[4].add(year)
        if r["ext_sup"] != "1":
            continue
        ext_ids = ids(r["ext_id"])
        names = [n.strip() for n in r["ext_name"].split(",")]
        for i, sid in enumerate(ext_ids):
            known = by_id.get(sid)
            name = known["NameData"] if known else (names[i] if len(names) == len(ext_ids) else "UCDP actor " + sid)
            nonstate = (known["Org"].strip() != "4") if known else not name.startswith("Government of")
            ensure(sid, name, nonstate)
            suffix = "_ns" if nonstate else "_s"
            kinds, conflicts = backs[(sid, r["actor_id"].strip())][year]
            conflicts.add(r["location"].strip())
            for letter, kind in KINDS:
                if r.get("ext_" + letter + suffix) == "1":
                    kinds.add(kind)
    for (sid, rid), by_year in sorted(backs.items()):
        keyed = {y: (tuple(sorted(k)), tuple(sorted(c))) for y, (k, c) in by_year.items()}
        for first, last, years, (kinds, conflicts) in year_runs(keyed):
            relations.append(("ucdp-" + sid, "BACKS", "ucdp-" + rid, {
                "since": "%04d-01-01" % first, "until": "%04d-01-01" % (last + 1), "date_precision": "year",
                "years": years, "kinds": list(kinds), "conflicts": list(conflicts), "source_dataset": "UCDP ESD 18.1"}))
    for dyad_id, (a, b, conflict, conflict_id, years) in sorted(fights.items(), key=lambda kv: (kv[1][0], kv[1][1], kv[0])):
        for first, last, run, _ in year_runs({y: None for y in years}):
            relations.append(("ucdp-" + a, "FIGHTS", "ucdp-" + b, {
                "since": "%04d-01-01" % first, "until": "%04d-01-01" % (last + 1), "date_precision": "year",
                "conflict": conflict, "conflict_id": int(conflict_id), "dyad_id": int(dyad_id),
                "source_dataset": "UCDP ESD 18.1"}))
    for f, t, to, props in relations:
        out.append({"relation": {"from": f, "type": t, "to": to, "properties": props}})
    return out


def find_entente(explicit):
    """The shell binary: --entente, $ENTENTE, build/shell/entente in the tree, or on PATH."""
    for candidate in (explicit, os.environ.get("ENTENTE"), os.path.join(HERE, "..", "build", "shell", "entente")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("entente")
    if not found:
        sys.exit("import_ucdp.py: no entente shell found: build it, or pass --entente BIN (or set ENTENTE)")
    return found


def import_into(db, jsonl, entente, replace, expected):
    """Imports `jsonl` into a new database `db` with the shell, then checks what it holds."""
    if os.path.exists(db):
        if not replace:
            sys.exit("import_ucdp.py: %s exists; pass --replace to rebuild it" % db)
        if not os.path.isfile(os.path.join(db, "CURRENT")):  # a RocksDB directory has one
            sys.exit("import_ucdp.py: %s does not look like an Entente database; not deleting it" % db)
        shutil.rmtree(db)
    run = subprocess.run([entente, db, "-c", ".import " + jsonl], capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit("import_ucdp.py: the import failed:\n" + run.stdout + run.stderr)
    count = subprocess.run([entente, db, "--mode", "json", "-c", "MATCH (n) RETURN count(n) AS n",
                            "-c", "MATCH ()-[r]->() RETURN type(r) AS type, count(DISTINCT r) AS n ORDER BY type"],
                           capture_output=True, text=True, check=True)
    lines = [json.loads(line) for line in count.stdout.splitlines() if line.startswith("{")]
    held = (lines[0]["rows"][0][0], {t: n for t, n in lines[1]["rows"]})
    if held != expected:
        sys.exit("import_ucdp.py: %s holds %r, the file has %r" % (db, held, expected))
    return held


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--esd", default=os.path.join(DEFAULT_DIR, "ucdp-esd-ay-181.csv"))
    ap.add_argument("--actors", default=os.path.join(DEFAULT_DIR, "ucdp-actor-221.csv"))
    ap.add_argument("-o", "--output", help="JSON Lines file to write (default ucdp.jsonl, or DIR.jsonl with --db)")
    ap.add_argument("--db", help="also import into this new database directory with the entente shell")
    ap.add_argument("--replace", action="store_true", help="with --db: delete an existing database first")
    ap.add_argument("--entente", help="the entente shell binary (default: $ENTENTE, build/shell/entente, PATH)")
    ap.add_argument("--quiet", action="store_true")
    args = ap.parse_args()
    output = args.output or (args.db.rstrip("/") + ".jsonl" if args.db else "ucdp.jsonl")
    esd, actors = read_csv(args.esd), read_csv(args.actors)
    fig = check_figures(esd, actors)
    records = convert(esd, actors)
    with open(output, "w", encoding="utf-8") as f:
        for rec in records:
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    counts = defaultdict(int)
    for rec in records:
        if "relation" in rec:
            counts[rec["relation"]["type"]] += 1
    entities = sum(1 for r in records if "entity" in r)
    if not args.quiet:
        print("UCDP External Support Dataset 18.1 (%s)" % args.esd)
        print("  rows: %d (published: 4,781)" % fig["esd_rows"])
        for label, published in (("intrastate", "80.7"), ("interstate", "72.0")):
            s, n, pct = fig[label]
            print("  %s conflicts with external support: %d of %d = %.1f %% (published: %s %%)" % (label, s, n, pct, published))
        print("UCDP actor list 22.1 (%s)" % args.actors)
        print("  actors: %d (published: 1,725)" % fig["actors"])
        print("  renames: %d (published: 70), splinters: %d (published: 219), coalition memberships: %d (published: 111)"
              % (fig["renames"], fig["splinters"], fig["coalitions"]))
        print("Wrote %s: %d entities, %d relations (%s)" % (
            output, entities, sum(counts.values()), ", ".join("%s %d" % kv for kv in sorted(counts.items()))))
    if args.db:
        import_into(args.db, output, find_entente(args.entente), args.replace, (entities, dict(counts)))
        if not args.quiet:
            print("Imported into %s: the database holds the same %d entities and %d relations" % (
                args.db, entities, sum(counts.values())))
    return 0


if __name__ == "__main__":
    sys.exit(main())
