#!/usr/bin/env python3
"""bench/compare/convert_snap.py — a SNAP edge list (`src dst`, `#` comments) into the
gen_graph layout (see layout.py). Usage: convert_snap.py EDGE_LIST OUT_DIR"""
import sys

from layout import write_layout

src, out = sys.argv[1:3]
edges = []
with open(src) as f:
    for line in f:
        if line.startswith("#") or not line.strip():
            continue
        a, b = line.split()[:2]
        edges.append((int(a), int(b)))
ids = {x for e in edges for x in e}
n, m = write_layout(out, ids, edges)
print(f"{src}: nodes={n} edges={m}")
