"""Simulated students for the throughput benchmark (locust).

A student joins a published set and answers question after question through htmx, as a
browser does: it reads the option tokens from each question it is shown. In the other
turns it asks the bare health-check view as a cookieless visitor. All talk to the host
given to locust, nothing else.
"""

from __future__ import annotations

import csv
import os
import time

from locust import FastHttpUser, constant, events, task
from locust.contrib.fasthttp import FastHttpSession

from bench.pages_html import answer_for, csrf_from
from bench.throughput import TURNS


class Student(FastHttpUser):
    """Joins the load-test set (LOCUST_JOIN_CODE): the page, the nickname, the first question."""

    abstract = True
    wait_time = constant(0)
    csrf = ""
    rejoin = False
    joined = 0

    def on_start(self):
        # Joining builds an attempt of the whole bank: not what is measured, and done
        # before the first turn (bench/throughput.py's WARM_UP).
        self.start_quiz()

    def start_quiz(self):
        code = os.environ["LOCUST_JOIN_CODE"]
        page = self.client.get(f"/join/{code}/", name="join page")
        self.csrf = csrf_from(page.text)
        Student.joined += 1
        form = {"nickname": f"Student {id(self)}-{Student.joined}",
                "csrfmiddlewaretoken": self.csrf}  # fmt: skip
        page = self.client.post(f"/join/{code}/", data=form, name="join")
        self.csrf = csrf_from(page.text) or form["csrfmiddlewaretoken"]
        self.url = page.url.replace("#step", "") if page.url else None
        self.html = page.text

    def joined_again(self) -> bool:
        """Join again if the last answer asked for it (the quiz ended, or it was refused):
        a join is not an answer, so it takes a call of its own, not counted as one."""
        if self.url and "/quiz/" in self.url and not self.rejoin:
            return False
        self.rejoin = False
        self.start_quiz()
        return True

    def answer(self) -> int | None:
        """Answer the question shown (some valid answer), as htmx posts it; the status (0:
        no reply), or None if the student joined again instead."""
        if self.joined_again():
            return None
        data = answer_for(self.html)
        data["csrfmiddlewaretoken"] = self.csrf
        with self.client.post(
            self.url.rstrip("/") + "/answer/",
            data=data,
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="answer",
            catch_response=True,
        ) as response:
            status = response.status_code
            if status >= 400 or status == 0:
                response.failure(f"status {status}")
                self.rejoin = True
                return status
            response.success()
            if response.headers.get("HX-Redirect"):  # the last answer: results, then a new quiz
                self.rejoin = True
            else:
                self.html = response.text
            return status

    def bare(self) -> int:
        """The bare view, without the student's cookies (as any visitor asks it)."""
        with self.bare_client.get("/healthz/", name="bare", catch_response=True) as response:
            return _checked(response)


def _checked(response) -> int:
    """Mark a reply a success only if it is a 200; its status."""
    status = response.status_code
    if status == 200:
        response.success()
    else:
        response.failure(f"status {status}")
    return status


class TakingTurns(Student):
    """Every student answers, then asks the bare view, in turns of LOCUST_TURN seconds
    counted by the clock from LOCUST_START, all students together: the two are measured
    seconds apart, so this machine's drift in speed, which runs over tens of seconds, hardly
    moves their ratio. Each request is logged (what, start, end, status), and the log is
    written to LOCUST_RECORDS when the run ends."""

    records: list = []

    def on_start(self):
        super().on_start()
        # Its own cookie jar, empty: a visitor's request, not a student's.
        self.bare_client = FastHttpSession(
            base_url=self.host, request_event=self.environment.events.request, user=self
        )

    @task
    def take_turn(self):
        start, turn = float(os.environ["LOCUST_START"]), float(os.environ["LOCUST_TURN"])
        began = time.time()
        what = TURNS[int((began - start) // turn) % len(TURNS)] if began >= start else "answer"
        status = getattr(self, what)()
        if status is not None:
            TakingTurns.records.append((what, began, time.time(), status))


@events.quitting.add_listener
def _write_records(environment, **_kwargs):
    path = os.environ.get("LOCUST_RECORDS")
    if path:
        with open(path, "w", newline="") as handle:
            csv.writer(handle).writerows(TakingTurns.records)
