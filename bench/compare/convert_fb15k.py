#!/usr/bin/env python3
"""bench/compare/convert_fb15k.py — FB15k-237 (train2id.txt: `head tail relation`, first line a
count) into two workload directories.

Usage: convert_fb15k.py FB15K237_DIR OUT_STANDARD OUT_KG [N_WRITES]

OUT_STANDARD: the gen_graph layout (layout.py) of the untyped graph: one edge per distinct
  (head, tail) pair, self loops dropped, so the standard questions mean what PEERS.md says.
OUT_KG: the knowledge graph with its relation types, for the two extra questions:
  nodes.csv           every entity id of entity2id.txt
  kg_edges.csv        every training triple as `src,dst,relation_id` (for the SQL/Kùzu peers)
  kg_edges_named.csv  the same as `src,dst,TYPE` (Entente's bulk CSV import, typed edges);
                      TYPE is the Freebase relation name made an identifier:
                      /people/person/nationality -> people_person_nationality
  kg.json             the relation ids and names the questions use
  q_agg.txt           the query entities of the aggregation: every nationality target (countries)
  q_writes.txt        N_WRITES (default 100,000) distinct `src dst` pairs to insert, seeded
  ref_agg.txt, ref_writes.txt   the reference answers, computed here in plain Python
The aggregation ("which professions are most common among the people of nationality c?"):
  for each c in q_agg.txt, the 5 professions j with the most distinct people p such that
  p -[nationality]-> c and p -[profession]-> j, by count desc then id asc:
  one line `c j:n j:n …`.
The write load: each pair inserted as one relation of type INSERTED (relation id 237), one
statement and one transaction each; checked afterwards by `count sum(src) sum(dst) total`."""
import json
import os
import random
import re
import sys
from collections import defaultdict

from layout import write_layout

src_dir, out_std, out_kg = sys.argv[1:4]
n_writes = int(sys.argv[4]) if len(sys.argv) > 4 else 100_000
T1, T2 = "/people/person/nationality", "/people/person/profession"
INSERTED = "INSERTED"


def body(name):  # the files start with a count line
    with open(os.path.join(src_dir, name)) as f:
        return [l.split() for l in f.read().splitlines()[1:] if l.strip()]


triples = sorted({(int(h), int(t), int(r)) for h, t, r in body("train2id.txt")})
entities = sorted(int(i) for _, i in (l[-2:] for l in body("entity2id.txt")))
rel_names = {int(i): n for n, i in (l[-2:] for l in body("relation2id.txt"))}
ident = {i: re.sub(r"[^A-Za-z0-9]+", "_", n).strip("_") for i, n in rel_names.items()}
assert len(set(ident.values())) == len(ident), "relation names collide once made identifiers"
by_name = {n: i for i, n in rel_names.items()}
t1, t2 = by_name[T1], by_name[T2]
inserted = max(rel_names) + 1

n, m = write_layout(out_std, entities, ((h, t) for h, t, _ in triples))
print(f"fb15k standard: nodes={n} edges={m} (distinct pairs, no self loops)")

os.makedirs(out_kg, exist_ok=True)
with open(os.path.join(out_kg, "nodes.csv"), "w") as f:
    f.write("".join(f"{i}\n" for i in entities))
with open(os.path.join(out_kg, "kg_edges.csv"), "w") as f:
    f.write("".join(f"{h},{t},{r}\n" for h, t, r in triples))
with open(os.path.join(out_kg, "kg_edges_named.csv"), "w") as f:
    f.write("".join(f"{h},{t},{ident[r]}\n" for h, t, r in triples))
with open(os.path.join(out_kg, "kg.json"), "w") as f:
    json.dump({"t1": t1, "t1_name": ident[t1], "t2": t2, "t2_name": ident[t2],
               "inserted": inserted, "inserted_name": INSERTED}, f, indent=1)

# Aggregation: reference answers.
people_of = defaultdict(set)   # country -> people
jobs_of = defaultdict(set)     # person -> professions
for h, t, r in triples:
    if r == t1:
        people_of[t].add(h)
    elif r == t2:
        jobs_of[h].add(t)
countries = sorted(people_of)
with open(os.path.join(out_kg, "q_agg.txt"), "w") as f:
    f.write("".join(f"{c}\n" for c in countries))
with open(os.path.join(out_kg, "ref_agg.txt"), "w") as f:
    for c in countries:
        cnt = defaultdict(int)
        for p in people_of[c]:
            for j in jobs_of[p]:
                cnt[j] += 1
        top = sorted(cnt.items(), key=lambda x: (-x[1], x[0]))[:5]
        f.write(" ".join([str(c)] + [f"{j}:{k}" for j, k in top]) + "\n")

# Write load: distinct pairs (the SQL peers key edges by (src, relation, dst)), no self loops.
rng = random.Random(44)
pairs, seen = [], set()
while len(pairs) < n_writes:
    s, d = rng.choice(entities), rng.choice(entities)
    if s != d and (s, d) not in seen:
        seen.add((s, d))
        pairs.append((s, d))
with open(os.path.join(out_kg, "q_writes.txt"), "w") as f:
    f.write("".join(f"{s} {d}\n" for s, d in pairs))
with open(os.path.join(out_kg, "ref_writes.txt"), "w") as f:
    f.write(f"{len(pairs)} {sum(s for s, _ in pairs)} {sum(d for _, d in pairs)} {len(triples) + len(pairs)}\n")
print(f"fb15k kg: nodes={len(entities)} triples={len(triples)} relation types={len(rel_names)} "
      f"agg queries={len(countries)} writes={len(pairs)}")
