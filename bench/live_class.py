"""Phones of a live class, for bench/live.py (locust).

Each phone joins the live set LOADTEST_LIVE_CODE by its code, as bench/classroom.py's
students do, then follows the teacher as htmx does on the phone's page: every second it
asks the step URL with the fingerprint of what it shows (If-None-Match), gets 304 while
nothing changed and the new step otherwise. When a question appears the student thinks
for a few seconds and answers it (a few send the same answer twice at once, a few answer
long after the teacher closed the answers); a connection cut by a killed worker is sent
again. Now and then a phone sleeps for some seconds (no polls), then reloads the page.

With LOADTEST_SERVERS (base URLs, space-separated), each poll, reload and answer goes to
one of them at random, as a load balancer without sticky sessions would send it.

Every step seen, answer sent (and each try of it), acknowledged or refused, and every
reload is written, one JSON object a line, to LOADTEST_LOG (bench.classroom.log) for
bench/live.py to check.
"""

from __future__ import annotations

import os
import random
import re
import time

import gevent
from locust import constant_pacing, task

from bench.classroom import Browser, body, log
from bench.pages_html import answer_for, etag_of, step_of

RADIOS = re.compile(r'type="(?:radio|checkbox)" name="answer" value="([a-z0-9]+)"')
THINK = (1.0, 8.0)  # seconds a student takes to answer, once the question is on the phone
LATE = 0.03  # share of answers sent long after the teacher closed the answers
LATE_AFTER = 13.0  # seconds after the question appeared: closed at 10 s, revealed at 13 s
DOUBLE = 0.10  # share of answers sent twice at once (a double tap)
SLEEP = 0.004  # chance, at each poll, that the phone sleeps (about once in four minutes)
SLEEP_SECONDS = (4.0, 12.0)
SERVERS = os.environ.get("LOADTEST_SERVERS", "").split()


def server() -> str:
    """The app server for the next request ('' : the locust host)."""
    return random.choice(SERVERS) if SERVERS else ""


class LivePhone(Browser):
    """A student's phone in the live class."""

    address = "198.51.100.50"
    code_variable = "LOADTEST_LIVE_CODE"
    wait_time = constant_pacing(1)  # htmx's hx-trigger="every 1s"

    def on_start(self):
        super().on_start()
        self.step = None
        self.etag = ""
        self.asleep_until = 0.0
        self.answered: set[int] = set()
        self.read(self.html, "joined")

    def read(self, html: str, how: str) -> None:
        """What the phone shows now: its step, the fingerprint to send next, and a question
        to answer if it has one."""
        step = step_of(html)
        self.etag = etag_of(html) or self.etag
        if step and step != self.step:
            self.step = step
            log(event="seen", phone=self.number, attempt=self.attempt, step=step,
                at=time.time(), how=how)  # fmt: skip
        if step and step.startswith("question-") and 'name="position"' in html:
            position = int(step.split("-")[1]) - 1
            if position not in self.answered:
                self.answered.add(position)
                late = random.random() < LATE
                delay = LATE_AFTER if late else random.uniform(*THINK)
                gevent.spawn_later(delay, self.answer, html, position, late)

    # -- following the teacher -------------------------------------------------------------
    @task
    def poll(self):
        if self.attempt is None or (self.step and self.step.startswith("ended")):
            return
        now = time.time()
        if now < self.asleep_until:
            return
        if self.asleep_until:
            self.asleep_until = 0.0
            self.reload()
            return
        if random.random() < SLEEP:
            self.asleep_until = now + random.uniform(*SLEEP_SECONDS)
            log(event="slept", phone=self.number, attempt=self.attempt, at=now,
                until=self.asleep_until)  # fmt: skip
            return
        headers = {**self.headers, "HX-Request": "true", "If-None-Match": f'"{self.etag}"'}
        with self.client.get(
            f"{server()}/quiz/{self.attempt}/live/step/", headers=headers, name="live step (poll)",
            catch_response=True,
        ) as response:  # fmt: skip
            status = response.status_code or 0
            if status in (200, 304):
                response.success()
            elif status == 0:
                response.failure("connection cut")  # a killed worker: the next poll retries
            else:
                response.failure(f"status {status}")
            if status == 200:
                self.read(body(response), "poll")

    def reload(self) -> None:
        """The phone wakes up and reloads the page: it must show the current step."""
        for _ in range(20):
            sent = time.time()
            page = self.client.get(
                f"{server()}/quiz/{self.attempt}/live/",
                headers=self.headers,
                name="live page (reload)",
            )
            html = body(page)
            if page.status_code == 200 and step_of(html):
                log(event="reload", phone=self.number, attempt=self.attempt, sent=sent,
                    at=time.time(), step=step_of(html))  # fmt: skip
                self.read(html, "reload")
                return
            gevent.sleep(0.3)

    # -- answering -------------------------------------------------------------------------
    def post(self, data: dict, name: str):
        tried = time.time()
        try:
            with self.client.post(
                f"{server()}/quiz/{self.attempt}/live/answer/", data=data,
                headers={**self.headers, "HX-Request": "true", "X-CSRFToken": self.csrf},
                name=name, catch_response=True,
            ) as response:  # fmt: skip
                status = response.status_code or 0
                if status >= 500:
                    response.failure(f"status {status}")
                elif status == 0:
                    response.failure("connection cut")
                else:
                    response.success()
                return status, body(response), tried
        except Exception:  # a connection reset by a killed worker
            return 0, "", tried

    def answer(self, html: str, position: int, late: bool) -> None:
        data = answer_for(html)
        radios = RADIOS.findall(html)
        if radios:
            data["answer"] = random.choice(radios)
        data["csrfmiddlewaretoken"] = self.csrf
        sent = time.time()
        given = {k: v for k, v in data.items() if k not in ("position", "csrfmiddlewaretoken")}
        log(event="sent", phone=self.number, attempt=self.attempt, position=position,
            at=sent, late=late, answer=given)  # fmt: skip
        copies = 2 if random.random() < DOUBLE else 1
        jobs = [gevent.spawn(self.send, data, position, sent) for _ in range(copies)]
        gevent.joinall(jobs)

    def send(self, data: dict, position: int, sent: float) -> None:
        tries = []
        for _ in range(30):
            status, text, tried = self.post(data, "live answer")
            tries.append([tried, status])
            if 200 <= status < 300 or status == 409:
                refused = re.search(r'class="alert" role="alert"[^>]*>([^<]+)<', text)
                log(event="answer", phone=self.number, attempt=self.attempt, position=position,
                    sent=sent, at=time.time(), status=status, tries=tries,
                    message=refused.group(1) if refused else "")  # fmt: skip
                return
            gevent.sleep(0.3)  # a cut connection: as a student would, try again
        log(event="lost", phone=self.number, attempt=self.attempt, position=position, sent=sent,
            tries=tries)  # fmt: skip
