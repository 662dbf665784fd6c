"""Benchmark: a class answering at once, the figure a teacher cares about.

STUDENTS students join a published set of 20 questions, each in a browser session of its
own, and load their first question; none of that is measured. Then each of them submits one
answer within the same SECONDS, as htmx posts it, each on a connection of its own: first
with the sends spread evenly over the window (question 1), then all sent at the same
moment (question 2), the harder case: there "within SECONDS of the burst's start" is each
answer's whole wait. For each burst, prints the time from its start until the last answer
is acknowledged, and the p50, p95 and largest time of one answer; then checks that the
database holds one response per acknowledged answer. The 2-second target is judged on the
burst sent at once: in the other, the last answer is sent a few milliseconds before the
window ends, so its own time decides rather than the server's backlog.

gunicorn runs as in production (2 workers, config/gunicorn.py's threads unless given) pinned
to CPU 0; the students' threads run on CPU 1.
Usage: python -m bench.burst [sqlite|postgresql] [students] [seconds] [threads]
"""

from __future__ import annotations

import gzip
import http.client
import os
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from http.cookiejar import CookieJar
from urllib.parse import urlencode, urlsplit

from bench import server
from bench.pages_html import answer_for, csrf_from

TARGET = {"sqlite": 2.0}  # seconds from the burst's start to the last acknowledgement


class Student:
    """One browser: its cookies, its quiz's address and the question it shows."""

    def __init__(self, base: str):
        self.base = base
        self.cookies = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))

    def join(self, code: str, number: int) -> None:
        page = self.opener.open(f"{self.base}/join/{code}/", timeout=60).read().decode()
        form = {"nickname": f"Student {number}", "csrfmiddlewaretoken": csrf_from(page)}
        # The nickname's POST redirects to the quiz, which shows the first question.
        with self.opener.open(f"{self.base}/join/{code}/", urlencode(form).encode(), 60) as reply:
            self.quiz = reply.geturl().split("#")[0].rstrip("/")
            self.html = reply.read().decode()
        self.csrf = csrf_from(self.html) or form["csrfmiddlewaretoken"]

    def answer(self) -> tuple[int, float]:
        """Post an answer to the question shown, as htmx does; its status and when it came."""
        data = {**answer_for(self.html), "csrfmiddlewaretoken": self.csrf}
        cookie = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        address = urlsplit(self.base)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=60)
        try:
            connection.request(
                "POST",
                urlsplit(self.quiz).path + "/answer/",
                urlencode(data, doseq=True),
                {
                    "Content-Type": "application/x-www-form-urlencoded",
                    "Cookie": cookie,
                    "HX-Request": "true",
                    "X-CSRFToken": self.csrf,
                    "Accept-Encoding": "gzip",
                },
            )
            reply = connection.getresponse()
            body = reply.read()
            done = time.monotonic()
            if reply.status == 200:  # the next question
                gzipped = reply.getheader("Content-Encoding") == "gzip"
                self.html = (gzip.decompress(body) if gzipped else body).decode()
            return reply.status, done
        except OSError:
            return 0, time.monotonic()
        finally:
            connection.close()


def burst(students: list[Student], seconds: float) -> tuple[float, list]:
    """Every student answers once, at evenly spread moments of ``seconds`` (0: all at once);
    the burst's start and, for each, (status, sent, acknowledged) in monotonic seconds."""
    start = time.monotonic() + 1.0  # every thread is waiting by then
    results: list = [None] * len(students)

    def send(index: int) -> None:
        at = start + seconds * index / len(students)
        time.sleep(max(0.0, at - time.monotonic()))
        sent = time.monotonic()
        status, done = students[index].answer()
        results[index] = (status, sent, done)

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(students))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return start, results


def stored_responses(env: dict) -> int:
    code = "from quizzes.models import Response; print(Response.objects.count())"
    out = subprocess.run(
        [server.PYTHON, str(server.ROOT / "manage.py"), "shell", "-c", code],
        env=env, cwd=server.ROOT, check=True, capture_output=True, text=True,
    )  # fmt: skip
    return int(out.stdout.split()[-1])


def report(name: str, start: float, results: list) -> tuple[int, float]:
    """Print one burst's figures; how many failed and when the last answer came."""
    times = [done - sent for status, sent, done in results if status == 200]
    failed = len(results) - len(times)
    last = max((done for status, _sent, done in results if status == 200), default=start)
    sent_last = max(sent for _status, sent, _done in results)
    p50, p95 = (
        (statistics.quantiles(times, n=100)[i] for i in (49, 94)) if len(times) > 1 else (0, 0)
    )
    print(
        f"  {name}: {len(times)} acknowledged, {failed} failed; the last acknowledged "
        f"{last - start:.2f} s after the start (the last sent at {sent_last - start:.2f} s); "
        f"one answer: p50 {p50 * 1000:.0f} ms, p95 {p95 * 1000:.0f} ms, "
        f"largest {max(times, default=0) * 1000:.0f} ms"
    )
    return failed, last - start


def main(database: str = "sqlite", count: int = 300, seconds: float = 2.0,
         threads: int | None = None) -> int:  # fmt: skip
    env = server.environment(server.fresh_database(database))
    server.prepare(env)
    code, _pk = server.publish_set(env, "--questions", "20")
    with server.gunicorn(env, cpu="0", workers=2, threads=threads) as (url, _process):
        os.sched_setaffinity(0, {1})  # the students, beside the server's CPU
        students = [Student(url) for _ in range(count)]
        with ThreadPoolExecutor(8) as pool:  # joining is not what is measured
            list(pool.map(lambda pair: pair[1].join(code, pair[0]), enumerate(students)))
        bursts = {}
        for name, spread in ((f"sent over {seconds:g} s", seconds), ("sent at once", 0.0)):
            time.sleep(2)  # the previous requests' writes settle
            bursts[name] = burst(students, spread)
    print(
        f"A class answering at once ({database}; gunicorn 2 workers on CPU 0, the students "
        f"on CPU 1): {count} students, one answer each within {seconds:g} s, twice"
    )
    failed = 0
    for name, (start, results) in bursts.items():
        lost, last = report(name, start, results)
        failed += lost
    slowest = last  # the burst sent at once
    stored = stored_responses(env)
    print(f"  responses stored: {stored} (one per acknowledged answer: {2 * count - failed})")
    target = TARGET.get(database)
    met = not failed and stored == 2 * count and (target is None or slowest <= target)
    goal = f"every answer sent at once acknowledged within {target:g} s, " if target else ""
    print(f"  target: {goal}none failed, each stored once: {'met' if met else 'NOT met'}")
    return 0 if met else 1


if __name__ == "__main__":
    args = sys.argv[1:]
    numbers = [int(args[1])] if args[1:] else []
    numbers += [float(a) for a in args[2:3]] + [int(a) for a in args[3:4]]
    sys.exit(main(args[0] if args else "sqlite", *numbers))
