"""Benchmark: answer submissions against a bare Django view, on the same gunicorn server.

The server runs pinned to CPU 0, the load generator (locust, headless, bounded run time) to
CPU 1. Many simulated students, who joined a published set of the whole bank, take turns
of a few seconds, all together by the clock: answering through the real HTTP interface
(htmx posts: a write transaction and the next question's fragment), then asking a view that
returns a short constant text. This machine's speed drifts by a third over tens of seconds;
turns this short put both measurements of a cycle under the same speed, so each cycle
gives a ratio, and the median of many cycles is what is reported, with its quartiles. The
first SETTLE seconds of a turn are not counted: by then the previous turn's requests have
drained. Prints requests per second and p50, p95 and p99 latency of each, and the ratio
answer/bare.
Usage: python -m bench.throughput [sqlite|postgresql] [cycles] [turn seconds] [users]
    [workers] [threads]
"""

from __future__ import annotations

import collections
import csv
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import config.gunicorn
from bench import server

ROOT = server.ROOT
TARGETS = {"sqlite": 0.25, "postgresql": 0.20}
P99_TARGET = 4.0  # the answer's p99 at most this many times the bare view's
WARM_UP = 10.0  # s: locust starts, every student joins, the paths are warmed
SETTLE = 0.3  # s of each turn not counted
TURNS = ("answer", "bare")  # in this order, each cycle (bench/locustfile.py)


def taking_turns(url: str, code: str, *, cycles: int, turn: float, users: int) -> tuple:
    """Run the turns; the log of every request and when the first turn began."""
    records = Path(tempfile.mkdtemp(prefix="locust-")) / "records.csv"
    start = time.time() + WARM_UP
    seconds = WARM_UP + cycles * len(TURNS) * turn + 2
    command = [
        "taskset", "-c", "1", str(server.BIN / "locust"), "-f", str(ROOT / "bench/locustfile.py"),
        "TakingTurns", "--headless", "-u", str(users), "-r", str(users), "-t", f"{seconds:.0f}s",
        "--host", url, "--only-summary", "--loglevel", "ERROR", "--stop-timeout", "5",
    ]  # fmt: skip
    env = {
        **os.environ,
        "LOCUST_JOIN_CODE": code,
        "LOCUST_START": repr(start),
        "LOCUST_TURN": repr(turn),
        "LOCUST_RECORDS": str(records),
    }
    done = subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, text=True, check=False,
        timeout=seconds + 60,
    )  # fmt: skip
    if not records.exists():
        raise RuntimeError(f"locust wrote no records (exit {done.returncode}):\n{done.stderr}")
    with open(records, newline="") as handle:
        rows = [(what, float(a), float(b), int(s)) for what, a, b, s in csv.reader(handle)]
    return rows, start


def tally(rows: list, start: float, *, cycles: int, turn: float) -> dict:
    """Per cycle, the requests per second of each turn (replies completed in its counted
    part); over all cycles, the latencies and the failures of each."""
    done = collections.Counter()
    latencies, failures = collections.defaultdict(list), collections.Counter()
    for what, began, ended, status in rows:
        index = int((began - start) // turn)
        cycle, position = divmod(index, len(TURNS))
        if began < start or cycle >= cycles:
            continue
        opened = start + index * turn
        if not opened + SETTLE <= ended <= opened + turn:
            continue
        assert TURNS[position] == what
        ok = status == 200 if what == "bare" else 200 <= status < 400
        if not ok:  # counted as a failure, not as throughput
            failures[what] += 1
            continue
        done[cycle, what] += 1
        latencies[what].append((ended - began) * 1000)
    counted = turn - SETTLE
    per_cycle = [{what: done[c, what] / counted for what in TURNS} for c in range(cycles)]
    return {"per_cycle": per_cycle, "latencies": latencies, "failures": failures}


def percentile(values: list, share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def main(database: str = "sqlite", cycles: int = 30, turn: int = 2, users: int = 24,
         workers: int = 2, threads: int | None = None) -> int:  # fmt: skip
    if cycles < 2 or turn <= SETTLE:
        raise SystemExit(f"at least 2 cycles, and turns longer than {SETTLE} s")
    database_url = server.fresh_database(database)
    env = server.environment(database_url)
    server.prepare(env)
    code, _pk = server.publish_set(env)  # the whole bank: a student joins again every 208
    with server.gunicorn(env, cpu="0", workers=workers, threads=threads) as (url, _process):
        rows, start = taking_turns(url, code, cycles=cycles, turn=turn, users=users)
    result = tally(rows, start, cycles=cycles, turn=turn)
    if threads is None:  # as in production (the server was started without the variable)
        threads = config.gunicorn.threads
    print(
        f"Answer submissions vs a bare view ({database}; gunicorn {workers} workers x "
        f"{threads} threads on CPU 0, locust {users} users on CPU 1; {cycles} cycles of "
        f"{len(TURNS)} turns of {turn} s, the first {SETTLE} s of each not counted)"
    )
    per_cycle, latencies = result["per_cycle"], result["latencies"]
    print(f"  {'':7} {'rps: median':>11} {'quartiles':>15}   {'p50':>5} {'p95':>5} {'p99':>5} ms")
    for what in TURNS:
        rates = [c[what] for c in per_cycle]
        q1, _q2, q3 = statistics.quantiles(rates, n=4)
        print(
            f"  {what:7} {statistics.median(rates):>11.1f} {q1:>7.1f}-{q3:<7.1f}   "
            f"{percentile(latencies[what], 0.5):>5.0f} {percentile(latencies[what], 0.95):>5.0f} "
            f"{percentile(latencies[what], 0.99):>5.0f}"
        )  # fmt: skip
    ratios = [c["answer"] / c["bare"] for c in per_cycle if c["bare"]]
    if len(ratios) < 2:
        raise SystemExit("the bare view answered in fewer than 2 cycles: no ratio")
    ratio = statistics.median(ratios)
    q1, _q2, q3 = statistics.quantiles(ratios, n=4)
    p99 = percentile(latencies["answer"], 0.99) / max(percentile(latencies["bare"], 0.99), 1e-9)
    failures = sum(result["failures"].values())
    print(
        f"  ratio answer/bare: median {ratio:.2f} (quartiles {q1:.2f}-{q3:.2f}, range "
        f"{min(ratios):.2f}-{max(ratios):.2f} over {len(ratios)} cycles)   p99 answer/bare: "
        f"{p99:.1f}x   failed requests: {failures}"
    )
    target = TARGETS.get(database, 0.25)
    met = ratio >= target and p99 <= P99_TARGET and not failures
    print(f"  target: ratio at least {target:.2f}, p99 at most {P99_TARGET:.0f}x, no failure: "
          f"{'met' if met else 'NOT met'}")  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[0] if args else "sqlite", *(int(a) for a in args[1:])))
