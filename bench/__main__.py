"""`make bench`: every benchmark, one after the other, each printing its figures.

1. answer submissions against a bare view (throughput, latency, ratio), SQLite and
   PostgreSQL, then a class of 300 answering at once (bench/burst.py), then where an
   answer's time goes (bench/breakdown.py);
2. SQL statements per page and action for quizzes of 5, 50 and 500 questions, both
   databases;
3. page weight and Lighthouse scores (needs Chromium and bench/lighthouse's npm install);
4. question bank generation against loaddata;
5. a live class: 300 phones polling the step of a teacher-paced quiz on two app servers,
   how soon they see each step, and what a poll costs (bench/live.py).
PostgreSQL runs where tools/postgres-up could start it; otherwise this says so.
Usage: python -m bench [quick]  (quick: fewer and shorter rounds)
"""

from __future__ import annotations

import os
import subprocess
import sys
import time

from bench import server

PYTHON = server.PYTHON


def run(title: str, command: list[str], env: dict | None = None) -> int:
    print(f"\n== {title}", flush=True)
    started = time.monotonic()
    done = subprocess.run(command, cwd=server.ROOT, env={**os.environ, **(env or {})})
    print(f"   ({time.monotonic() - started:.0f} s)", flush=True)
    return done.returncode


def main(quick: bool = False) -> int:
    databases = ["sqlite"] + (["postgresql"] if server.postgres_available() else [])
    if "postgresql" not in databases:
        print("PostgreSQL is not available (tools/postgres-up): its figures are skipped.")
    # Many short turns: this kind of machine changes speed from one minute to the next.
    cycles, turn = ("8", "2") if quick else ("30", "2")
    failed = 0
    for database in databases:
        failed += run(
            f"1. answer submissions vs a bare view ({database})",
            [PYTHON, "-m", "bench.throughput", database, cycles, turn],
        )
    for database in databases:
        failed += run(
            f"1a. a class of 300 answering at once ({database})",
            [PYTHON, "-m", "bench.burst", database],
        )
    failed += run(
        "1b. where an answer's time goes (sqlite, one process)",
        [PYTHON, "-m", "bench.breakdown", "100" if quick else "300"],
    )
    for database in databases:
        env = {}
        if database == "postgresql":
            env["DATABASE_URL"] = server.fresh_database("postgresql")
        failed += run(
            f"2. SQL statements per request ({database})",
            [PYTHON, "-m", "bench.statements"],
            env,
        )
    if os.path.exists(os.environ.get("CHROMIUM", "/usr/bin/chromium")):
        failed += run("3. page weight and Lighthouse", [PYTHON, "-m", "bench.pages"])
    else:
        print("\n== 3. page weight and Lighthouse: Chromium not found, skipped")
    failed += run(
        "4. question bank generation vs loaddata",
        [PYTHON, "-m", "bench.generation", "3" if quick else "7"],
    )
    phones = "100" if quick else "300"
    for database in databases:
        failed += run(
            f"5. a live class: {phones} phones follow the teacher, two app servers ({database})",
            [PYTHON, "-m", "bench.live", database, phones, "--servers=2"],
        )
    print(f"\n{'some benchmarks FAILED or missed a target' if failed else 'all benchmarks ran'}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(quick="quick" in sys.argv[1:]))
