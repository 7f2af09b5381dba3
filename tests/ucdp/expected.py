#!/usr/bin/env python3
"""What an analyst expects from the UCDP data, computed straight from the CSVs (stdlib only).

    python3 tests/ucdp/expected.py --esd ucdp-esd-ay-181.csv --actors ucdp-actor-221.csv

Prints one JSON object that ucdp_test.cc compares Entente's answers with. Nothing here uses
scripts/import_ucdp.py or Entente: the CSV rows are read afresh and the documented rules of
docs/reasoning.md (backing paths, stance, blocs) are applied by brute force on the signed
graph of one year, so a bug in the importer or in the C++ reasoning shows up as a mismatch.

A "year" Y means the relations in force in Y: BACKS where UCDP codes the support in Y,
FIGHTS where the dyad has a row in Y, and the undated coalition memberships (PART_OF).
"""
import argparse
import csv
import itertools
import json
from collections import defaultdict

# Kinds of support: ESD column letter -> the name Entente stores.
KINDS = {"x": "troops", "p": "joint_operations", "y": "access_to_infrastructure", "w": "weapons",
         "m": "materiel_logistics", "t": "training_expertise", "f": "funding", "i": "intelligence",
         "l": "access_to_territory", "o": "other", "u": "unknown"}


def split_ids(field):
    return [x.strip() for x in (field or "").split(",") if x.strip()]


class Ucdp:
    def __init__(self, esd_path, actors_path):
        with open(esd_path, encoding="utf-8-sig", newline="") as f:
            self.esd = list(csv.DictReader(f))
        with open(actors_path, encoding="utf-8-sig", newline="") as f:
            self.actors = {a["ActorId"].strip(): a for a in csv.DictReader(f)}
        self.names = {uid: a["NameData"].strip() for uid, a in self.actors.items()}
        for r in self.esd:  # supporters missing from the actor list: their ESD names
            ids, names = split_ids(r["ext_id"]), [n.strip() for n in r["ext_name"].split(",")]
            if len(ids) == len(names):
                for uid, name in zip(ids, names):
                    self.names.setdefault(uid, name)

    def rows(self, year):
        return [r for r in self.esd if int(r["year"]) == year]

    def is_state(self, uid):
        a = self.actors.get(uid)
        return a["Org"].strip() == "4" if a else self.names.get(uid, "").startswith("Government of")

    # ---- relations in force in one year -----------------------------------------------
    def relations(self, year, only=None):
        """[(u, v, sign, type)]: BACKS u -> v, FIGHTS u - v (one per dyad), PART_OF u -> v.
        only="Syria": the relations of the conflicts whose name starts so (no PART_OF)."""
        backs, fights = set(), {}
        for r in self.rows(year):
            if only and not r["location"].startswith(only):
                continue
            actor = r["actor_id"].strip()
            if r["oppo_id"].strip():
                fights[r["dyad_id"]] = (actor, r["oppo_id"].strip())
            if r["ext_sup"] == "1":
                for s in split_ids(r["ext_id"]):
                    backs.add((s, actor))
        rels = [(s, t, 1, "BACKS") for s, t in sorted(backs)]
        rels += [(a, b, -1, "FIGHTS") for a, b in fights.values()]
        for uid, a in ([] if only else self.actors.items()):
            if a["Alliance"] == "1":
                rels += [(uid, g, 1, "PART_OF") for g in split_ids(a["ActorIdAlliance"]) if g in self.actors]
        return [r for r in rels if r[0] != r[1]]

    # ---- the Syrian civil war ---------------------------------------------------------
    def syria(self, year):
        """{party: sorted supporter names} for the parties of the year's Syrian dyads."""
        out = {}
        for r in self.rows(year):
            if not r["location"].startswith("Syria"):
                continue
            for party in (r["actor_id"].strip(), r["oppo_id"].strip()):
                out.setdefault(self.names[party], set())
            if r["ext_sup"] == "1":
                out[self.names[r["actor_id"].strip()]] |= {self.names[s] for s in split_ids(r["ext_id"])}
        return {p: sorted(s) for p, s in out.items()}

    def kinds(self, supporter, recipient, year):
        """Kinds of support coded for the supporter's class in the recipient's rows of the year."""
        suffix = "_s" if self.is_state(supporter) else "_ns"
        kinds = set()
        for r in self.rows(year):
            if r["actor_id"].strip() == recipient and supporter in split_ids(r["ext_id"]):
                kinds |= {name for letter, name in KINDS.items() if r["ext_" + letter + suffix] == "1"}
        return sorted(kinds)


def links(rels):
    """{v: {(t, sign): readings}}: parallel relations of one sign form one link, readable as
    "out" (v backs t), "in" (t backs v) or "other" (any other relation)."""
    out = defaultdict(lambda: defaultdict(set))
    for u, v, sign, kind in rels:
        out[u][(v, sign)].add("out" if kind == "BACKS" else "other")
        out[v][(u, sign)].add("in" if kind == "BACKS" else "other")
    return out


def stance(rels, a, b, max_hops=4, mixed_share=1 / 3):
    """docs/reasoning.md "Stance", by exhaustive path enumeration: a path must be readable
    without turning on a common recipient of two BACKS (A -BACKS-> X <-BACKS- B), and each
    length's paths are averaged."""
    adj = links(rels)
    paths = []  # (length, sign)

    def walk(v, seen, length, sign, free):
        for (t, s), readings in adj[v].items():
            if t in seen:
                continue
            # Arriving at t "free" (t is not the recipient of the last BACKS) or "backed".
            next_free = "other" in readings or ("in" in readings and free)
            if not next_free and "out" not in readings:
                continue
            if t == b:
                paths.append((length + 1, sign * s))
            elif length + 1 < max_hops:
                walk(t, seen | {t}, length + 1, sign * s, next_free)

    walk(a, {a}, 0, 1, True)
    per_length = defaultdict(int)
    for n, s in paths:
        per_length[n] += 1
    pos = sum(0.5 ** (n - 1) / per_length[n] for n, s in paths if s > 0)
    neg = sum(0.5 ** (n - 1) / per_length[n] for n, s in paths if s < 0)
    direct = {s for n, s in paths if n == 1}
    if direct:
        verdict = "mixed" if len(direct) == 2 else ("friendly" if 1 in direct else "hostile")
    elif pos + neg == 0:
        verdict = "unknown"
    elif min(pos, neg) / (pos + neg) >= mixed_share - 1e-9:
        verdict = "mixed"
    else:
        verdict = "friendly" if pos > neg else "hostile"
    counts = defaultdict(int)
    for n, s in paths:
        counts["%d%s" % (n, "+" if s > 0 else "-")] += 1
    return {"stance": verdict, "positive": pos, "negative": neg, "paths": dict(sorted(counts.items()))}


def backing_paths(rels, a, b, max_hops=4):
    """docs/reasoning.md "Backing paths": the shortest ones, as node lists (BACKS forward only,
    PART_OF both ways)."""
    moves = defaultdict(set)
    for u, v, sign, kind in rels:
        if kind == "BACKS":
            moves[u].add(v)
        elif kind == "PART_OF":
            moves[u].add(v)
            moves[v].add(u)
    frontier, found = [[a]], []
    for _ in range(max_hops):
        frontier = [p + [t] for p in frontier for t in moves[p[-1]] if t not in p]
        found = [p for p in frontier if p[-1] == b]
        if found:
            break
        frontier = [p for p in frontier if p[-1] != b]
    return sorted(found)


def min_frustration(nodes, rels):
    """Structural balance by brute force: (frustrated relations, of which positive), minimal
    lexicographically over all two-camp splits."""
    index = {n: i for i, n in enumerate(nodes)}
    edges = [(index[u], index[v], s) for u, v, s, _ in rels if u in index and v in index]
    best = None
    for bits in itertools.product((0, 1), repeat=len(nodes) - 1):
        side = (0,) + bits
        pos = sum(1 for u, v, s in edges if s > 0 and side[u] != side[v])
        neg = sum(1 for u, v, s in edges if s < 0 and side[u] == side[v])
        cost = (pos + neg, pos)
        best = cost if best is None or cost < best else best
    return best, edges


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--esd", required=True)
    ap.add_argument("--actors", required=True)
    args = ap.parse_args()
    u = Ucdp(args.esd, args.actors)
    by_name = {}
    for uid, name in u.names.items():
        by_name.setdefault(name, uid)
    out = {}

    # Published figures.
    conflicts = defaultdict(set)
    for r in u.esd:
        conflicts[(r["civil"], r["ext_sup"] == "1")].add(r["conflict_id"])
    pct = lambda civil: round(100.0 * len(conflicts[(civil, True)]) / len(conflicts[(civil, True)] | conflicts[(civil, False)]), 1)
    actors = list(u.actors.values())
    out["figures"] = {"rows": len(u.esd), "intrastate_pct": pct("1"), "interstate_pct": pct("0"),
                      "actors": len(actors), "renames": sum(a["NameChange"] == "1" for a in actors),
                      "splinters": sum(a["Splinter"] == "1" for a in actors),
                      "coalitions": sum(a["Alliance"] == "1" for a in actors)}

    out["syria"] = {str(y): u.syria(y) for y in range(2011, 2018)}
    out["kinds"] = [{"supporter": u.names[s], "recipient": u.names[r], "year": y, "kinds": u.kinds(s, r, y)}
                    for s, r, y in (("57", "118", 2015), ("114", "118", 2012), ("3", "4456", 2016), ("323", "4163", 2013))]

    out["stance"] = []
    for a, b, y in (("Government of Iran", "Government of Saudi Arabia", 2015),
                    ("Government of Russia (Soviet Union)", "Syrian insurgents", 2015),
                    ("Government of Russia (Soviet Union)", "Government of United States of America", 2015),
                    ("Government of Qatar", "Government of Iran", 2015),
                    ("Government of United States of America", "IS", 2015),
                    ("Government of Turkey", "PYD", 2013)):
        s = stance(u.relations(y), by_name[a], by_name[b])
        out["stance"].append(dict(a=a, b=b, year=y, **s))

    out["backing"] = []
    for a, b, y in (("PKK", "SDF", 2014), ("Government of Iran", "Government of Syria", 2015),
                    ("Government of United States of America", "Government of Syria", 2016)):
        paths = backing_paths(u.relations(y), by_name[a], by_name[b])
        out["backing"].append({"a": a, "b": b, "year": y, "paths": [[u.names[n] for n in p] for p in paths]})

    out["blocs"] = []
    for y in (2011, 2013, 2015, 2017):
        war = u.relations(y, only="Syria")
        actors = sorted({r[0] for r in war} | {r[1] for r in war})
        for selection, rels in (("war", war), ("actors", [r for r in u.relations(y) if r[0] in actors and r[1] in actors])):
            linked = sorted({r[0] for r in rels} | {r[1] for r in rels})
            (frustration, positive), _ = min_frustration(linked, rels)
            out["blocs"].append({"year": y, "selection": selection, "actors": [u.names[n] for n in linked],
                                 "frustration": frustration, "frustrated_positive": positive,
                                 "relations": [[u.names[a], u.names[b], s] for a, b, s, _ in rels]})

    islamic_state = u.actors["234"]
    out["lineage"] = {"name": u.names["234"], "former": islamic_state["NameOrig"].strip(),
                      "aliases": [n.strip() for n in islamic_state["NewName"].split(",")]}
    print(json.dumps(out, ensure_ascii=False, indent=1))


if __name__ == "__main__":
    main()
