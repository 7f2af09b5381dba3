#!/usr/bin/env python3
"""bench/compare/supervise.py — runs one system's driver on one workload under per-batch time
caps, restarting it after a batch it had to kill, and records what happened.

Usage: supervise.py --out DIR --batches load,hop1,… --cap S --load-cap S [--legacy] -- CMD…

Default (batch protocol of bench/peers and entente-fb15k-driver): CMD gets the list of batches
still to run appended as its last argument; it prints one JSON object a line: {"system",
"version"}, then {"start":B} and {"done":B,"s":seconds} per batch (and, in long batches,
{"progress":B,"n":…,"of":…,"s":…}, kept so that a killed batch still tells how far it got).
A batch still running `cap` seconds after its start (`load-cap` for load) is killed (SIGKILL
to the driver process) and marked "timeout"; the driver is then started again with the
batches after it (without `load` it reopens its store). A timed-out or failed load skips every other batch.
--legacy: the ENTENTE_CMD contract of ../shared/PEERS.md (entente-peer-driver): CMD runs once,
prints one JSON line of `<batch>_s` timings at the end; its cap is load-cap + cap per batch.
Every process runs under GNU `/usr/bin/time -v`; the peak RSS is the largest of them.
Writes DIR/result.json: {system, version, batches: {B: {status: ok|timeout|failed|skipped,
s, detail, progress}}, peak_rss_mib, wall_s, processes}; the driver writes its answer files
into DIR."""
import argparse
import json
import os
import re
import selectors
import signal
import subprocess
import time


def children(pid):
    """Pids whose parent is pid, recursively (scans /proc)."""
    out = []
    for d in os.listdir("/proc"):
        if not d.isdigit():
            continue
        try:
            stat = open(f"/proc/{d}/stat").read()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            out += [int(d)] + children(int(d))
    return out


def kill_driver(proc):
    """SIGKILL the driver under /usr/bin/time, so that time still reports its peak RSS."""
    for pid in children(proc.pid) or [proc.pid]:
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


def peak_rss_kib(time_file):
    try:
        m = re.search(r"Maximum resident set size \(kbytes\): (\d+)", open(time_file).read())
        return int(m.group(1)) if m else 0
    except OSError:
        return 0


class Supervisor:
    def __init__(self, a):
        self.a, self.out = a, a.out
        self.batches = a.batches.split(",")
        self.result = {"system": None, "version": None, "batches": {}, "peak_rss_mib": 0, "wall_s": 0.0, "processes": 0}
        os.makedirs(self.out, exist_ok=True)
        self.log = open(os.path.join(self.out, "stdout.txt"), "w")

    def cap_of(self, batch):
        return self.a.load_cap if batch == "load" else self.a.cap

    def set(self, batch, status, s=None, detail=None):
        r = {"status": status}
        if s is not None:
            r["s"] = s
        if detail:
            r["detail"] = detail
        self.result["batches"][batch] = r

    def spawn(self, cmd):
        n = self.result["processes"] = self.result["processes"] + 1
        tfile = os.path.join(self.out, f"time.{n}.txt")
        err = open(os.path.join(self.out, "stderr.txt"), "a")
        proc = subprocess.Popen(["/usr/bin/time", "-v", "-o", tfile] + cmd, stdout=subprocess.PIPE,
                                stderr=err, start_new_session=True)
        return proc, tfile

    def finish(self, proc, tfile, started):
        proc.wait()
        self.result["wall_s"] += time.monotonic() - started
        rss = peak_rss_kib(tfile) / 1024
        self.result["peak_rss_mib"] = max(self.result["peak_rss_mib"], round(rss, 1))

    def lines(self, proc, deadline_of):
        """Yields stdout lines as they come; yields None once deadline_of() has passed (the
        caller kills). Reads the raw pipe: a buffered reader could hold lines select() misses."""
        fd, buf = proc.stdout.fileno(), b""
        sel = selectors.DefaultSelector()
        sel.register(fd, selectors.EVENT_READ)
        while True:
            while b"\n" in buf:
                line, buf = buf.split(b"\n", 1)
                text = line.decode(errors="replace") + "\n"
                self.log.write(text)
                self.log.flush()
                yield text
            left = deadline_of() - time.monotonic()
            if left <= 0:
                yield None
                return
            if sel.select(timeout=min(left, 1.0)):
                chunk = os.read(fd, 65536)
                if not chunk:
                    return
                buf += chunk

    def stderr_tail(self):
        try:
            return open(os.path.join(self.out, "stderr.txt")).read().strip().splitlines()[-3:]
        except OSError:
            return []

    def run_protocol(self):
        todo = list(self.batches)
        while todo:
            proc, tfile = self.spawn(self.a.cmd + [",".join(todo)])
            started = time.monotonic()
            current, deadline = None, started + self.a.cap  # startup counts against the first cap
            timed_out, progress = False, {}
            for line in self.lines(proc, lambda: deadline):
                if line is None:
                    timed_out = True
                    kill_driver(proc)
                    break
                try:
                    msg = json.loads(line)
                except ValueError:
                    continue
                if "system" in msg:
                    self.result["system"], self.result["version"] = msg["system"], msg.get("version")
                elif "start" in msg:
                    current = msg["start"]
                    deadline = time.monotonic() + self.cap_of(current)
                elif "progress" in msg:
                    progress[msg["progress"]] = msg
                elif "done" in msg and msg["done"] in todo:
                    self.set(msg["done"], "ok", s=msg["s"])
                    todo.remove(msg["done"])
                    current, deadline = None, time.monotonic() + self.a.cap
            self.finish(proc, tfile, started)
            if not todo:
                break
            victim = current or todo[0]
            if timed_out:
                self.set(victim, "timeout", detail=f"killed after {self.cap_of(victim):g} s")
                if victim in progress:  # how far it got: {n, of, s}
                    self.result["batches"][victim]["progress"] = {k: progress[victim][k] for k in ("n", "of", "s")}
            else:
                self.set(victim, "failed", detail=f"exit {proc.returncode}: " + " | ".join(self.stderr_tail()))
            todo.remove(victim)
            if victim == "load":
                for b in todo:
                    self.set(b, "skipped", detail="load did not finish")
                break

    def run_legacy(self):
        proc, tfile = self.spawn(self.a.cmd)
        started = time.monotonic()
        cap = self.a.load_cap + self.a.cap * (len(self.batches) - 1)
        last, timed_out = None, False
        for line in self.lines(proc, lambda: started + cap):
            if line is None:
                timed_out = True
                kill_driver(proc)
                break
            last = line
        self.finish(proc, tfile, started)
        try:
            msg = json.loads(last) if last and not timed_out and proc.returncode == 0 else None
        except ValueError:
            msg = None
        if msg:
            self.result["system"], self.result["version"] = msg.get("system"), msg.get("version")
        for b in self.batches:
            if msg and f"{b}_s" in msg:
                self.set(b, "ok", s=msg[f"{b}_s"])
            elif timed_out:
                self.set(b, "timeout", detail=f"whole driver killed after {cap:g} s")
            else:
                self.set(b, "failed", detail=f"exit {proc.returncode}: " + " | ".join(self.stderr_tail()))

    def run(self):
        self.run_legacy() if self.a.legacy else self.run_protocol()
        with open(os.path.join(self.out, "result.json"), "w") as f:
            json.dump(self.result, f, indent=1)
        short = {b: r.get("s", r["status"]) for b, r in self.result["batches"].items()}
        print(json.dumps({"system": self.result["system"], "batches": short, "peak_rss_mib": self.result["peak_rss_mib"]}))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--batches", required=True)
    p.add_argument("--cap", type=float, default=60)
    p.add_argument("--load-cap", type=float, default=300)
    p.add_argument("--legacy", action="store_true")
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    a = p.parse_args()
    a.cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    Supervisor(a).run()


if __name__ == "__main__":
    main()
