"""Where an answer submission's time goes, in one process (no gunicorn, no network).

Answers questions through Django's request handler (the test client, posting form-encoded
as a browser does), with the answer view's parts timed: finding the slot and the next one,
recording the answer, building each question's context, rendering the step. Prints the
mean of each part per answer next to a bare request, to show what the throughput ratio of
bench/throughput.py is made of.
Usage: python -m bench.breakdown [answers]
"""

from __future__ import annotations

import collections
import functools
import os
import sys
import time
from urllib.parse import urlencode

from bench import server

TIMES: collections.Counter = collections.Counter()


def timed(module, name: str, label: str) -> None:
    original = getattr(module, name)

    @functools.wraps(original)
    def wrapper(*args, **kwargs):
        started = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            TIMES[label] += time.perf_counter() - started

    setattr(module, name, wrapper)


def main(answers: int = 200) -> int:
    env = server.environment(server.fresh_database("sqlite"))
    server.prepare(env)
    code, _pk = server.publish_set(env)
    os.environ.update(env)
    import django

    django.setup()
    from django.test import Client

    from bench.pages_html import answer_for, csrf_from
    from quizzes import selectors, services
    from quizzes.views import student

    parts = [
        (student, "answer", "the answer view, in all"),
        (selectors, "slot_for", "  read the slot"),
        (services, "answer_submit", "  score and record (one transaction)"),
        (student, "_question_context", "  question contexts (check, next)"),
        (student, "render", "  render the next question's step"),
    ]

    for module, name, label in parts:
        timed(module, name, label)

    client = Client(HTTP_HOST="127.0.0.1")
    state = {}

    def join() -> None:
        """A new attempt of the set (after the last question, the next student)."""
        page = client.get(f"/join/{code}/").content.decode()
        form = {"nickname": f"Bench {len(state)}", "csrfmiddlewaretoken": csrf_from(page)}
        joined = client.post(f"/join/{code}/", form)
        state["url"] = joined["Location"].replace("#step", "").rstrip("/") + "/answer/"
        state["html"] = client.get(joined["Location"].replace("#step", "")).content.decode()
        state["csrf"] = csrf_from(state["html"]) or form["csrfmiddlewaretoken"]

    def answer() -> float:
        data = {**answer_for(state["html"]), "csrfmiddlewaretoken": state["csrf"]}
        started = time.perf_counter()
        response = client.post(
            state["url"],
            urlencode(data, doseq=True),
            content_type="application/x-www-form-urlencoded",
            headers={"HX-Request": "true", "X-CSRFToken": state["csrf"]},
        )
        elapsed = time.perf_counter() - started
        assert response.status_code == 200, response.status_code
        state["html"] = response.content.decode()
        return elapsed

    def answers_timed(count: int) -> float:
        total = 0.0
        for _ in range(count):
            total += answer()
            if not state["html"]:  # the last answer: an HX-Redirect to the results
                parts_paused = dict(TIMES)
                join()
                TIMES.clear()
                TIMES.update(parts_paused)
        return total

    join()
    answers_timed(3), client.get("/healthz/")  # warm up
    TIMES.clear()
    answer_ms = answers_timed(answers) / answers * 1000
    started = time.perf_counter()
    for _ in range(answers):
        client.get("/healthz/")
    bare_ms = (time.perf_counter() - started) / answers * 1000
    print(f"Where an answer's time goes (SQLite, one process, mean of {answers} answers)")
    print(f"  {'an answer request, in all':40} {answer_ms:6.2f} ms")
    for _module, _name, label in parts:
        print(f"  {label:40} {TIMES[label] / answers * 1000:6.2f} ms")
    view_ms = TIMES["the answer view, in all"] / answers * 1000
    print(f"  {'  the rest (middleware, request, test client)':40} {answer_ms - view_ms:6.2f} ms")
    print(f"  {'a bare request, in all':40} {bare_ms:6.2f} ms")
    print(f"  ratio bare/answer in one process: {bare_ms / answer_ms:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
