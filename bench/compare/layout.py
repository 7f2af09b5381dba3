"""bench/compare/layout.py — writes a graph in the layout of ../shared/peers/gen_graph.py.

nodes.csv (one id a line), edges.csv (headerless src,dst, sorted, no self loops, no duplicates)
and the three query sets q_hop1.txt (1,000 ids), q_hop3.txt (100 ids), q_sp.txt (100 `src dst`
pairs, src != dst), drawn with a fixed seed from the node ids, so every run asks the same."""
import os
import random

SEED = 43  # gen_graph.py draws its query sets with seed 42 + 1 too


def write_layout(out, node_ids, edges, n_hop1=1000, n_hop3=100, n_sp=100):
    """node_ids: iterable of ints; edges: iterable of (src, dst). Returns (nodes, edges) counts."""
    os.makedirs(out, exist_ok=True)
    nodes = sorted(set(node_ids))
    pairs = sorted({(s, d) for s, d in edges if s != d})
    with open(os.path.join(out, "nodes.csv"), "w") as f:
        f.write("".join(f"{i}\n" for i in nodes))
    with open(os.path.join(out, "edges.csv"), "w") as f:
        f.write("".join(f"{s},{d}\n" for s, d in pairs))
    q = random.Random(SEED)
    with open(os.path.join(out, "q_hop1.txt"), "w") as f:
        f.write("".join(f"{q.choice(nodes)}\n" for _ in range(n_hop1)))
    with open(os.path.join(out, "q_hop3.txt"), "w") as f:
        f.write("".join(f"{q.choice(nodes)}\n" for _ in range(n_hop3)))
    sp = []
    while len(sp) < n_sp:
        s, t = q.choice(nodes), q.choice(nodes)
        if s != t:
            sp.append((s, t))
    with open(os.path.join(out, "q_sp.txt"), "w") as f:
        f.write("".join(f"{s} {t}\n" for s, t in sp))
    return len(nodes), len(pairs)
