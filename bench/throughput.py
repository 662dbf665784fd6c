"""Benchmark: answer submissions against a bare Django view, on the same gunicorn server.

The server runs pinned to CPU 0, the load generator (locust, headless, bounded run time) to
CPU 1. Rounds alternate: many simulated students, who joined a published set of the whole
bank, answering through the real HTTP interface (htmx posts: a write transaction and the
next question's fragment); the same number of clients asking a view that returns a short
constant text; and the same students posting the same forms to the answer's floor
(bench/floor.py: the middleware, one write transaction and a 1 KB render, nothing else).
Prints requests per second and p50/p95/p99 latency of each per round, the median ratio
answer/bare, and the floor's: the ceiling the answer's ratio is read against.
Usage: python -m bench.throughput [sqlite|postgresql] [rounds] [seconds] [users]
"""

from __future__ import annotations

import csv
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from bench import server
from config.gunicorn import default_threads

ROOT = server.ROOT
TARGETS = {"sqlite": 0.4, "postgresql": 0.35}
NAMES = {"AnswerStudent": "answer", "FloorStudent": "floor", "BareVisitor": "bare"}


def locust(url: str, user_class: str, seconds: int, users: int, code: str = "") -> dict:
    prefix = Path(tempfile.mkdtemp(prefix="locust-")) / "run"
    command = [
        "taskset",
        "-c",
        "1",
        str(server.BIN / "locust"),
        "-f",
        str(ROOT / "bench/locustfile.py"),
        user_class,
        "--headless",
        "-u",
        str(users),
        "-r",
        str(users),
        "-t",
        f"{seconds}s",
        "--host",
        url,
        "--csv",
        str(prefix),
        "--only-summary",
        "--loglevel",
        "ERROR",
        "--stop-timeout",
        "5",
    ]
    env = {**os.environ, "LOCUST_JOIN_CODE": code}
    subprocess.run(
        command, cwd=ROOT, env=env, capture_output=True, check=False, timeout=seconds + 60
    )
    name = NAMES[user_class]
    with open(f"{prefix}_stats.csv", newline="") as handle:
        for row in csv.DictReader(handle):
            if row["Name"] == name:
                return {
                    "requests": int(row["Request Count"]),
                    "failures": int(row["Failure Count"]),
                    "rps": float(row["Requests/s"]),
                    "p50": float(row["50%"]),
                    "p95": float(row["95%"]),
                    "p99": float(row["99%"]),
                }
    raise RuntimeError(f"no {name} requests were measured")


def main(
    database: str = "sqlite",
    rounds: int = 3,
    seconds: int = 15,
    users: int = 24,
    workers: int = 2,
    threads: int | None = None,
) -> int:
    # The site's settings with the floor view's URL added (bench/settings.py).
    database_url = server.fresh_database(database)
    env = server.environment(database_url, DJANGO_SETTINGS_MODULE="bench.settings")
    server.prepare(env)
    code, _pk = server.publish_set(env)  # the whole bank: students answer, rarely start again
    answers, bares, floors = [], [], []
    with server.gunicorn(env, cpu="0", workers=workers, threads=threads) as (url, _process):
        locust(url, "AnswerStudent", 5, users, code)  # warm up: caches, connections, pages
        locust(url, "FloorStudent", 3, users, code)
        for _ in range(rounds):
            answers.append(locust(url, "AnswerStudent", seconds, users, code))
            bares.append(locust(url, "BareVisitor", seconds, users))
            floors.append(locust(url, "FloorStudent", seconds, users, code))
    if threads is None:  # as in production (the server was started without the variable)
        threads = default_threads(env.get("DATABASE_URL", ""))
    print(
        f"Answer submissions vs a bare view ({database}; gunicorn {workers} workers x "
        f"{threads} threads on CPU 0, locust {users} users on CPU 1, "
        f"{rounds} rounds of {seconds} s)"
    )
    print(
        f"  {'round':>5} {'answer rps':>11} {'p50':>5} {'p95':>5} {'p99':>5}  "
        f"{'bare rps':>9} {'p50':>5} {'p95':>5} {'p99':>5}  {'ratio':>5}  "
        f"{'floor rps':>9} {'ratio':>5}"
    )
    ratios, p99s, ceilings = [], [], []
    for index, (a, b, f) in enumerate(zip(answers, bares, floors, strict=True), start=1):
        ratio = a["rps"] / b["rps"] if b["rps"] else 0.0
        ceiling = f["rps"] / b["rps"] if b["rps"] else 0.0
        ratios.append(ratio)
        ceilings.append(ceiling)
        p99s.append(a["p99"] / b["p99"] if b["p99"] else 0.0)
        print(
            f"  {index:>5} {a['rps']:>11.1f} {a['p50']:>5.0f} {a['p95']:>5.0f} {a['p99']:>5.0f}  "
            f"{b['rps']:>9.1f} {b['p50']:>5.0f} {b['p95']:>5.0f} {b['p99']:>5.0f}  {ratio:>5.2f}  "
            f"{f['rps']:>9.1f} {ceiling:>5.2f}"
        )
    failures = sum(a["failures"] for a in answers)
    ratio, p99 = statistics.median(ratios), statistics.median(p99s)
    ceiling = statistics.median(ceilings)
    print(
        f"  median ratio answer/bare: {ratio:.2f}   median p99 answer/bare: {p99:.1f}x   "
        f"failed answers: {failures}   (latencies in ms)"
    )
    print(
        f"  the floor (middleware, one write, a 1 KB render)/bare: {ceiling:.2f}; "
        f"the answer reaches {ratio / ceiling:.0%} of it"
    )  # fmt: skip
    target = TARGETS.get(database, 0.4)
    met = ratio >= target and p99 <= 3 and not failures
    print(f"  target: ratio at least {target:.2f}, p99 at most 3x, no failure: "
          f"{'met' if met else 'NOT met'}")  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[0] if args else "sqlite", *(int(a) for a in args[1:])))
