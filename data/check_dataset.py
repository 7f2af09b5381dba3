#!/usr/bin/env python3
"""Validate an Entente JSON dataset (format "entente-dataset/1") and print its counts.

Usage: check_dataset.py [DATASET.json] [--vocabulary VOCAB.json] [--quiet]

Defaults to aleppo.json and vocabulary.json next to this script. Checks what the
importer relies on and what data/README.md promises: every relation type declared,
every from/to/source key present, ISO dates, confidence in 0..1, unique keys, names and
aliases unique case-insensitively across all entities, only documented property keys,
and the dataset's vocabulary identical to vocabulary.json. Exit status 1 on any error.
Standard library only.
"""
import argparse
import collections
import datetime
import json
import os
import sys

FORMAT = "entente-dataset/1"
SIGNS = {"positive", "negative", "neutral"}
LABELS = {"State", "Place", "GovernmentBody", "Coalition", "ArmedGroup", "Person",
          "Organization", "Source"}
DATE_PRECISIONS = {"day", "month", "year"}
BOUNDS = {"exact", "not_later_than"}

# Relation property keys documented in data/README.md, with their expected Python types.
STR, NUM, BOOL, STRLIST = (str,), (int, float), (bool,), "strlist"
REL_PROPS = {
    "source": "keylist", "said_by": STR, "confidence": NUM,
    "since": "date", "until": "date", "since_bound": "bound", "until_bound": "bound",
    "date_precision": "precision", "approximate": BOOL,
    "claimed": BOOL, "former": BOOL, "uncertain": BOOL, "planned": BOOL,
    "alternatives": "namelist", "event": STR, "note": STR, "basis": STR,
    "purpose": STR, "extent": STR, "from": "name", "place": STR, "places": STRLIST,
    "title": STR, "mode": STR, "quote": STR, "targets": STR,
    "killed": STR, "killed_min": (int,), "casualties": STR, "effect": STR,
    "injuries": STR, "proximity": STR,
}
BASIS_VALUES = {"background"}


class Checker:
    def __init__(self):
        self.errors = []

    def err(self, where, msg):
        self.errors.append(f"{where}: {msg}")


def is_iso_date(s):
    if not isinstance(s, str) or len(s) != 10:
        return False
    try:
        datetime.date.fromisoformat(s)
        return True
    except ValueError:
        return False


def check_types(c, types, where):
    by_name = {}
    if not isinstance(types, list):
        c.err(where, "relation_types must be a list")
        return by_name
    for i, t in enumerate(types):
        w = f"{where}[{i}]"
        if not isinstance(t, dict):
            c.err(w, "not an object")
            continue
        name = t.get("name")
        if not isinstance(name, str) or not name.isupper() or " " in name:
            c.err(w, f"bad type name {name!r} (UPPER_SNAKE_CASE expected)")
            continue
        if name in by_name:
            c.err(w, f"type {name} declared twice")
        if t.get("sign") not in SIGNS:
            c.err(w, f"{name}: sign must be one of {sorted(SIGNS)}")
        for flag in ("symmetric", "transitive"):
            if not isinstance(t.get(flag), bool):
                c.err(w, f"{name}: '{flag}' must be true or false")
        inv = t.get("inverse")
        if inv is not None and (not isinstance(inv, str) or not inv.isupper()):
            c.err(w, f"{name}: bad inverse {inv!r}")
        if t.get("symmetric") and inv is not None:
            c.err(w, f"{name}: a symmetric type needs no inverse")
        if not isinstance(t.get("description"), str) or not t["description"]:
            c.err(w, f"{name}: description missing")
        unknown = set(t) - {"name", "sign", "symmetric", "transitive", "inverse", "description"}
        if unknown:
            c.err(w, f"{name}: unknown keys {sorted(unknown)}")
        by_name[name] = t
    inverses = [t["inverse"] for t in by_name.values() if t.get("inverse")]
    for inv in inverses:
        if inv in by_name:
            c.err(where, f"inverse name {inv} clashes with a declared type")
    if len(set(inverses)) != len(inverses):
        c.err(where, "two types share an inverse name")
    return by_name


def check_entities(c, entities):
    by_key, names = {}, {}
    if not isinstance(entities, list):
        c.err("entities", "must be a list")
        return by_key, names
    for i, e in enumerate(entities):
        w = f"entities[{i}]"
        if not isinstance(e, dict):
            c.err(w, "not an object")
            continue
        key = e.get("key")
        w = f"entity {key!r}"
        if not isinstance(key, str) or not key or key != key.strip():
            c.err(w, "key must be a non-empty string")
            continue
        if key in by_key:
            c.err(w, "duplicate key")
            continue
        by_key[key] = e
        unknown = set(e) - {"key", "labels", "name", "aliases", "properties"}
        if unknown:
            c.err(w, f"unknown keys {sorted(unknown)}")
        labels = e.get("labels")
        if not isinstance(labels, list) or not labels:
            c.err(w, "labels must be a non-empty list")
        else:
            for lab in labels:
                if lab not in LABELS:
                    c.err(w, f"label {lab!r} not among {sorted(LABELS)}")
            if len(set(labels)) != len(labels):
                c.err(w, "repeated label")
        name = e.get("name")
        aliases = e.get("aliases", [])
        if not isinstance(name, str) or not name.strip():
            c.err(w, "name must be a non-empty string")
            continue
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip()
                                                    for a in aliases):
            c.err(w, "aliases must be a list of non-empty strings")
            aliases = []
        for n in [name] + aliases:
            folded = n.casefold()
            if folded in names:
                other = names[folded]
                if other == key:
                    c.err(w, f"name/alias {n!r} repeated within the entity")
                else:
                    c.err(w, f"name/alias {n!r} already used by entity {other!r}")
            else:
                names[folded] = key
        props = e.get("properties", {})
        if not isinstance(props, dict):
            c.err(w, "properties must be an object")
        elif "source" in props:
            c.err(w, "'source' is a relation property; say it in the entity's note instead")
    return by_key, names


def check_relations(c, relations, types, by_key, names):
    if not isinstance(relations, list):
        c.err("relations", "must be a list")
        return
    seen = set()
    located = collections.defaultdict(set)
    for i, r in enumerate(relations):
        w = f"relations[{i}]"
        if not isinstance(r, dict):
            c.err(w, "not an object")
            continue
        frm, typ, to = r.get("from"), r.get("type"), r.get("to")
        w = f"relations[{i}] ({frm})-[{typ}]->({to})"
        unknown = set(r) - {"from", "type", "to", "properties"}
        if unknown:
            c.err(w, f"unknown keys {sorted(unknown)}")
        if typ not in types:
            c.err(w, f"relation type {typ!r} is not declared")
        for end in (frm, to):
            if end not in by_key:
                c.err(w, f"unknown entity key {end!r}")
        if frm == to:
            c.err(w, "self-relation")
        p = r.get("properties", {})
        if not isinstance(p, dict):
            c.err(w, "properties must be an object")
            continue
        for k, v in p.items():
            kind = REL_PROPS.get(k)
            if kind is None:
                c.err(w, f"undocumented property {k!r} (add it to README and this script)")
            elif kind == "date":
                if not is_iso_date(v):
                    c.err(w, f"{k} {v!r} is not an ISO date YYYY-MM-DD")
            elif kind == "bound":
                if v not in BOUNDS:
                    c.err(w, f"{k} must be one of {sorted(BOUNDS)}")
            elif kind == "precision":
                if v not in DATE_PRECISIONS:
                    c.err(w, f"{k} must be one of {sorted(DATE_PRECISIONS)}")
            elif kind == "keylist":
                if not isinstance(v, list):
                    c.err(w, "source must be a list of Source entity keys")
                    continue
                for s in v:
                    if s not in by_key:
                        c.err(w, f"source {s!r} is not an entity key")
                    elif "Source" not in by_key[s].get("labels", []):
                        c.err(w, f"source {s!r} is not labelled Source")
                if len(set(v)) != len(v):
                    c.err(w, "source lists a key twice")
            elif kind in ("name", "namelist"):
                vals = v if kind == "namelist" else [v]
                if not isinstance(vals, list):
                    c.err(w, f"{k} must be a list of entity names")
                    continue
                for n in vals:
                    if not isinstance(n, str) or n.casefold() not in names:
                        c.err(w, f"{k}: {n!r} is not the name or alias of an entity")
            elif kind == "strlist":
                if not isinstance(v, list) or not all(isinstance(x, str) for x in v):
                    c.err(w, f"{k} must be a list of strings")
            elif isinstance(kind, tuple):
                if not isinstance(v, kind) or (kind is not BOOL and isinstance(v, bool)):
                    c.err(w, f"{k} has the wrong type ({type(v).__name__})")
        if "source" not in p:
            c.err(w, "no source")
        elif not p["source"] and p.get("basis") not in BASIS_VALUES:
            c.err(w, "empty source needs basis 'background'")
        if "basis" in p and p["basis"] not in BASIS_VALUES:
            c.err(w, f"basis must be one of {sorted(BASIS_VALUES)}")
        conf = p.get("confidence")
        if conf is None:
            c.err(w, "no confidence")
        elif isinstance(conf, (int, float)) and not isinstance(conf, bool) \
                and not 0.0 <= conf <= 1.0:
            c.err(w, f"confidence {conf} outside 0..1")
        since, until = p.get("since"), p.get("until")
        if is_iso_date(since) and is_iso_date(until) and since >= until:
            c.err(w, f"since {since} is not before until {until}")
        if "since_bound" in p and "since" not in p:
            c.err(w, "since_bound without since")
        if "until_bound" in p and "until" not in p:
            c.err(w, "until_bound without until")
        if p.get("date_precision") and not (since or until):
            c.err(w, "date_precision without a date")
        if p.get("uncertain") and not p.get("alternatives"):
            c.err(w, "uncertain relation without alternatives")
        # Parallel relations are fine (e.g. backing in two periods); exact duplicates are
        # not, and for a symmetric type the reversed relation is the same relation.
        body = json.dumps(p, sort_keys=True)
        sym = typ in types and types[typ].get("symmetric")
        if (frm, typ, to, body) in seen or (sym and (to, typ, frm, body) in seen):
            c.err(w, "duplicate of an earlier relation")
        seen.add((frm, typ, to, body))
        if typ == "LOCATED_IN" and frm in by_key and to in by_key:
            for end in (frm, to):
                if "Place" not in by_key[end].get("labels", []):
                    c.err(w, f"LOCATED_IN end {end!r} is not a Place")
            located[frm].add(to)
    # LOCATED_IN must be a hierarchy (no cycles).
    state = {}

    def visit(n, stack):
        state[n] = 1
        for m in located.get(n, ()):
            if state.get(m) == 1:
                c.err("LOCATED_IN", f"cycle through {' -> '.join(stack + [m])}")
            elif m not in state:
                visit(m, stack + [m])
        state[n] = 2
    for n in list(located):
        if n not in state:
            visit(n, [n])


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", nargs="?", default=os.path.join(here, "aleppo.json"))
    ap.add_argument("--vocabulary", default=os.path.join(here, "vocabulary.json"))
    ap.add_argument("--quiet", action="store_true", help="print errors only")
    args = ap.parse_args()

    c = Checker()
    try:
        with open(args.dataset, encoding="utf-8") as f:
            doc = json.load(f)
    except (OSError, ValueError) as ex:
        print(f"{args.dataset}: cannot read: {ex}", file=sys.stderr)
        return 1
    if not isinstance(doc, dict):
        print(f"{args.dataset}: top level must be an object", file=sys.stderr)
        return 1
    if doc.get("format") != FORMAT:
        c.err("format", f"expected {FORMAT!r}, got {doc.get('format')!r}")
    unknown = set(doc) - {"format", "description", "source_document", "relation_types",
                          "entities", "relations"}
    if unknown:
        c.err("top level", f"unknown keys {sorted(unknown)}")

    vocab_types = {}
    if args.vocabulary and os.path.exists(args.vocabulary):
        with open(args.vocabulary, encoding="utf-8") as f:
            vdoc = json.load(f)
        if vdoc.get("format") != FORMAT:
            c.err("vocabulary", f"expected format {FORMAT!r}")
        if set(vdoc) - {"format", "description", "relation_types"}:
            c.err("vocabulary", "must hold only format, description and relation_types")
        vocab_types = check_types(c, vdoc.get("relation_types", []), "vocabulary.relation_types")
    types = check_types(c, doc.get("relation_types", []), "relation_types")
    if types and vocab_types and types != vocab_types:
        c.err("relation_types", "differ from vocabulary.json (they must be identical)")
    types = types or vocab_types

    by_key, names = check_entities(c, doc.get("entities", []))
    check_relations(c, doc.get("relations", []), types, by_key, names)

    for e in c.errors:
        print("ERROR", e, file=sys.stderr)
    if not args.quiet:
        ents = doc.get("entities", [])
        rels = doc.get("relations", [])
        by_label = collections.Counter(l for e in ents if isinstance(e, dict)
                                       for l in e.get("labels", []))
        by_type = collections.Counter(r.get("type") for r in rels if isinstance(r, dict))
        print(f"{os.path.basename(args.dataset)}: {len(types)} relation types, "
              f"{len(ents)} entities, {len(rels)} relations")
        print("entities by label (an entity may carry several labels):")
        for lab, n in sorted(by_label.items(), key=lambda x: (-x[1], x[0])):
            print(f"  {lab:<16}{n:>4}")
        print("relations by type:")
        for typ in types:
            print(f"  {typ:<20}{by_type.get(typ, 0):>4}")
        for typ in sorted(set(by_type) - set(types), key=str):
            print(f"  {typ!s:<20}{by_type[typ]:>4}  (undeclared)")
        print("OK" if not c.errors else f"{len(c.errors)} error(s)")
    return 1 if c.errors else 0


if __name__ == "__main__":
    sys.exit(main())
