"""Benchmark: answer submissions against a bare Django view, on the same gunicorn server.

The server runs pinned to CPU 0, the load generator (locust, headless, bounded run time) to
CPU 1. Rounds alternate: many simulated students, who joined a published set of the whole
bank, answering through the real HTTP interface (htmx posts: a write transaction and the
next question's fragment), then the same number of clients asking a view that returns a
short constant text. Prints requests per second and
p50/p95/p99 latency of both per round, and the median ratio answer/bare.
Usage: python bench/throughput.py [sqlite|postgresql] [rounds] [seconds] [users]
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
    name = "answer" if user_class == "AnswerStudent" else "bare"
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
    env = server.environment(server.fresh_database(database))
    server.prepare(env)
    code, _pk = server.publish_set(env)  # the whole bank: students answer, rarely start again
    answers, bares = [], []
    with server.gunicorn(env, cpu="0", workers=workers, threads=threads) as (url, _process):
        locust(url, "AnswerStudent", 5, users, code)  # warm up: caches, connections, pages
        for _ in range(rounds):
            answers.append(locust(url, "AnswerStudent", seconds, users, code))
            bares.append(locust(url, "BareVisitor", seconds, users))
    if threads is None:  # as in production (the server was started without the variable)
        threads = default_threads(env.get("DATABASE_URL", ""))
    print(
        f"Answer submissions vs a bare view ({database}; gunicorn {workers} workers x "
        f"{threads} threads on CPU 0, locust {users} users on CPU 1, "
        f"{rounds} rounds of {seconds} s)"
    )
    print(
        f"  {'round':>5} {'answer rps':>11} {'p50':>6} {'p95':>6} {'p99':>6}   "
        f"{'bare rps':>9} {'p50':>6} {'p95':>6} {'p99':>6}   {'ratio':>6}"
    )
    ratios, p99s = [], []
    for index, (a, b) in enumerate(zip(answers, bares, strict=True), start=1):
        ratio = a["rps"] / b["rps"] if b["rps"] else 0.0
        ratios.append(ratio)
        p99s.append(a["p99"] / b["p99"] if b["p99"] else 0.0)
        print(
            f"  {index:>5} {a['rps']:>11.1f} {a['p50']:>6.0f} {a['p95']:>6.0f} {a['p99']:>6.0f}   "
            f"{b['rps']:>9.1f} {b['p50']:>6.0f} {b['p95']:>6.0f} {b['p99']:>6.0f}   {ratio:>6.2f}"
        )
    failures = sum(a["failures"] for a in answers)
    ratio, p99 = statistics.median(ratios), statistics.median(p99s)
    print(
        f"  median ratio answer/bare: {ratio:.2f}   median p99 answer/bare: {p99:.1f}x   "
        f"failed answers: {failures}   (latencies in ms)"
    )
    target = TARGETS.get(database, 0.4)
    met = ratio >= target and p99 <= 3 and not failures
    print(f"  target: ratio at least {target:.2f}, p99 at most 3x, no failure: "
          f"{'met' if met else 'NOT met'}")  # fmt: skip
    return 0 if met else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[0] if args else "sqlite", *(int(a) for a in args[1:])))
