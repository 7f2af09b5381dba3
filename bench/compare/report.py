#!/usr/bin/env python3
"""bench/compare/report.py — checks every system's answers and writes the report of a
bench/compare run: a markdown table per workload (medians over runs, ratio to Entente, peak
RSS, whether the answers agree) and the data file of the chart.

Usage: report.py COMPARE_HOME OUT_MD OUT_DAT    (knobs come from the environment: WORKLOADS,
RUNS, CAP_S, LOAD_CAP_S, STARTED (epoch s), LOADAVG (at start), COMMAND)
Reads COMPARE_HOME/results/WORKLOAD/SYSTEM/runK/result.json (written by supervise.py) and the
answer files next to it. Reference answers: the Boost.Graph reference (bgl) for the standard
questions, the files ref_*.txt that convert_fb15k.py computed for the knowledge-graph ones;
when the reference has no answer for a batch, the first system that has one. Exit status 1
(and a line `MISMATCH: …` per difference, `FAILED: …` per batch that failed, on stderr) if any
answer differs or any batch failed; a timed-out batch is reported, not a failure."""
import glob
import json
import os
import platform
import statistics
import sys
import time

home, out_md, out_dat = sys.argv[1:4]
env = os.environ.get
WORKLOADS = env("WORKLOADS", "synth-1m synth-10m fb15k wikivote fb15k-kg").split()
ORDER = ["entente", "bgl", "kuzu", "duckdb", "sqlite"]
NAMES = {"entente": "Entente", "bgl": "Boost.Graph (in memory, reference)", "kuzu": "Kùzu",
         "duckdb": "DuckDB", "sqlite": "SQLite"}
CHART_NAMES = {"entente": "Entente", "bgl": "Boost.Graph", "kuzu": "Kùzu", "duckdb": "DuckDB", "sqlite": "SQLite"}
ANSWER = {"hop1": "hop1.txt", "hop3": "hop3.txt", "sp": "sp.txt", "agg": "agg.txt", "writes": "writes.txt"}
DESCRIBE = {
    "synth-1m": "gen_graph.py 100000 1000000 (the standard workload of PEERS.md)",
    "synth-10m": "gen_graph.py 1000000 10000000",
    "fb15k": "FB15k-237 training triples as an untyped graph (distinct head→tail pairs, no self loops)",
    "wikivote": "SNAP wiki-Vote (who voted for whom)",
    "fb15k-kg": "FB15k-237 with its 237 relation types: the aggregation and the write load",
    "synth-small": "gen_graph.py 10000 100000 (a smoke test)",
}
QUESTION = {"load": "load", "hop1": "1-hop", "hop3": "3-hop distinct", "sp": "shortest path",
            "agg": "typed 2-hop aggregation", "writes": "single-relation inserts"}
SHORT = {"load": "load", "hop1": "1-hop", "hop3": "3-hop", "sp": "shortest path", "agg": "aggregation", "writes": "writes"}
QFILE = {"hop1": "q_hop1.txt", "hop3": "q_hop3.txt", "sp": "q_sp.txt", "agg": "q_agg.txt", "writes": "q_writes.txt"}


def batches_of(w):
    return ["load", "agg", "writes"] if w == "fb15k-kg" else ["load", "hop1", "hop3", "sp"]


def count_lines(path):
    try:
        with open(path) as f:
            return sum(1 for _ in f)
    except OSError:
        return 0


def fmt_s(s):
    if s < 1:
        return f"{s * 1000:.3g} ms" if s * 1000 >= 1 else f"{s * 1000:.2f} ms"
    return f"{s:.3g} s" if s < 100 else f"{s:.0f} s"


def machine():
    model = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    mem_kib = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal"))
    osname = next((l.split("=", 1)[1].strip().strip('"') for l in open("/etc/os-release") if l.startswith("PRETTY_NAME")), "?")
    return model, os.cpu_count(), mem_kib / 1024 / 1024, osname, platform.release()


def load_runs(w):
    """{system: [result dicts with the run dir under '_dir']}"""
    runs = {}
    for path in sorted(glob.glob(f"{home}/results/{w}/*/run*/result.json")):
        d = json.load(open(path))
        d["_dir"] = os.path.dirname(path)
        runs.setdefault(path.split("/")[-3], []).append(d)
    return runs


def reference(w, runs, batch):
    """(path of the reference answer file, its label) or (None, None)."""
    ref = f"{home}/data/{w}/ref_{ANSWER[batch]}"
    if os.path.exists(ref):
        return ref, "reference computed by convert_fb15k.py"
    for s in ["bgl", "entente"] + sorted(runs):
        for r in runs.get(s, []):
            if r["batches"].get(batch, {}).get("status") == "ok":
                return os.path.join(r["_dir"], ANSWER[batch]), s
    return None, None


def first_difference(a, b):
    la, lb = open(a).read().splitlines(), open(b).read().splitlines()
    for i in range(max(len(la), len(lb))):
        x = la[i] if i < len(la) else "<missing line>"
        y = lb[i] if i < len(lb) else "<missing line>"
        if x != y:
            return f"line {i + 1}: got '{x}', expected '{y}'"
    return "same lines, different bytes"


def check(w, runs, mismatches):
    """Marks each ok batch of each run with r['agree'][batch] = True/False; a differing answer
    and a failed batch (the driver crashed or reported an error) each add a line to mismatches."""
    for s, rs in runs.items():
        for r in rs:
            for b, x in r["batches"].items():
                if x["status"] == "failed":
                    mismatches.append(f"FAILED: system={s} workload={w} batch={b} run={os.path.basename(r['_dir'])}: "
                                      f"{x.get('detail', '')} (see {r['_dir']}/stderr.txt)")
    for b in batches_of(w)[1:]:
        ref, label = reference(w, runs, b)
        for s, rs in runs.items():
            for r in rs:
                r.setdefault("agree", {})
                if r["batches"].get(b, {}).get("status") != "ok" or ref is None:
                    continue
                got = os.path.join(r["_dir"], ANSWER[b])
                ok = os.path.exists(got) and open(got, "rb").read() == open(ref, "rb").read()
                r["agree"][b] = ok
                if not ok:
                    why = first_difference(got, ref) if os.path.exists(got) else "no answer file"
                    mismatches.append(f"MISMATCH: system={s} workload={w} batch={b} run={os.path.basename(r['_dir'])}: "
                                      f"{got} differs from {ref} ({label}); {why}")


def cell(rs, b, ent_median):
    """The table cell of one system and batch, and its median (None unless every run is ok)."""
    st = [r["batches"].get(b, {"status": "not run"}) for r in rs]
    if all(x["status"] == "ok" for x in st):
        m = statistics.median(x["s"] for x in st)
        ratio = ""
        if ent_median:
            ratio = f" (×{m / ent_median:.2g})" if m / ent_median < 100 else f" (×{m / ent_median:.0f})"
        return fmt_s(m) + ratio, m
    bad = next(x for x in st if x["status"] != "ok")
    word = {"timeout": "timed out", "skipped": "not run (load)", "failed": "FAILED"}.get(bad["status"], bad["status"])
    if bad["status"] == "timeout":
        cap = float(env("LOAD_CAP_S" if b == "load" else "CAP_S", "0") or 0)
        word += f" (> {cap:g} s)" if cap else ""
        p = bad.get("progress")
        if p:  # how far the batch got: done/total and the time per item so far
            word += f", {p['n']:,}/{p['of']:,} done, {fmt_s(p['s'] / p['n'])} each"
    n_bad = sum(1 for x in st if x["status"] != "ok")
    return word + (f" in {n_bad}/{len(st)} runs" if len(st) > 1 else ""), None


def main():
    mismatches, md, dat = [], [], []
    every = {s for w in WORKLOADS for s in load_runs(w)}
    chart_systems = [s for s in ORDER if s in every] + sorted(every - set(ORDER))  # same columns in every block
    model, cores, ram, osname, kernel = machine()
    started = float(env("STARTED", "0") or 0)
    md.append("# Entente vs Kùzu, DuckDB, SQLite and Boost.Graph\n")
    md.append(f"Generated by `{env('COMMAND', 'bench/compare/run.sh')}` on "
              f"{time.strftime('%Y-%m-%d %H:%M %Z', time.localtime(started or time.time()))}.\n")
    md.append(f"- machine: {model}, {cores} cores, {ram:.1f} GiB RAM, {osname}, Linux {kernel}; "
              f"load average at start {env('LOADAVG', '?')} (others may have been using the machine)")
    if env("ELAPSED_S"):
        md.append(f"- wall time of the whole run (data preparation included): {float(env('ELAPSED_S')) / 60:.1f} min")
    md.append(f"- runs per system: {env('RUNS', '1')} (medians); per-batch cap {env('CAP_S', '60')} s, "
              f"load cap {env('LOAD_CAP_S', '300')} s; a batch past its cap is killed and reported as timed out")
    md.append("- times are totals for the whole batch of queries, asked one at a time (prepared statements); "
              "(×r) = the system's time / Entente's (above 1: Entente is faster); "
              "peak RSS = largest `/usr/bin/time -v` maximum resident set of the system's processes (median over runs)")
    md.append("- answers: compared byte for byte with the reference (Boost.Graph; for fb15k-kg the answers "
              "computed by convert_fb15k.py); a timed-out batch is not compared\n")
    for w in WORKLOADS:
        runs = load_runs(w)
        if not runs:
            continue
        check(w, runs, mismatches)
        bs = batches_of(w)
        data = f"{home}/data/{w}"
        heads = [f"{QUESTION[b]} ×{count_lines(os.path.join(data, QFILE[b]))}" if b in QFILE else QUESTION[b] for b in bs]
        md.append(f"## {w}: {DESCRIBE.get(w, w)}\n")
        md.append(f"{count_lines(data + '/nodes.csv'):,} nodes, "
                  f"{count_lines(data + ('/kg_edges.csv' if w == 'fb15k-kg' else '/edges.csv')):,} relations.\n")
        md.append("| system | version | " + " | ".join(heads) + " | peak RSS | answers |")
        md.append("|---|---|" + "---|" * len(bs) + "---|---|")
        ent = {b: cell(runs["entente"], b, None)[1] if "entente" in runs else None for b in bs}
        systems = [s for s in ORDER if s in runs] + sorted(s for s in runs if s not in ORDER)
        medians = {}
        for s in systems:
            rs = runs[s]
            cells = []
            for b in bs:
                text, m = cell(rs, b, ent[b] if s != "entente" else None)
                cells.append(text)
                medians[(s, b)] = m
            rss = statistics.median(r["peak_rss_mib"] for r in rs)
            verdicts = [v for r in rs for v in r.get("agree", {}).values()]
            agree = "n/a" if not verdicts else "yes" if all(verdicts) else "**NO**"
            version = next((r["version"] for r in rs if r.get("version")), "?")
            md.append(f"| {NAMES.get(s, s)} | {version} | " + " | ".join(cells) + f" | {rss:.0f} MiB | {agree} |")
        md.append("")
        dat.append(f"# {w}\nquestion " + " ".join(CHART_NAMES.get(s, s) for s in chart_systems))
        for b in bs:
            vals = ["?" if medians.get((s, b)) is None else f"{medians[(s, b)]:.6g}" for s in chart_systems]
            dat.append(f"\"{SHORT[b]}\" " + " ".join(vals))
        dat.append("\n")
    if mismatches:
        md.append("## Answer mismatches and failures\n")
        md += [f"- {m}" for m in mismatches]
        md.append("")
    with open(out_md, "w") as f:
        f.write("\n".join(md) + "\n")
    with open(out_dat, "w") as f:
        f.write("\n".join(dat))
    for m in mismatches:
        print(m, file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
