"""A whole class at once, for the load test (locust; bench/loadtest.py runs it).

Students share one school address (X-Forwarded-For, the server trusting its proxy) and
join the set LOADTEST_CODE by code, then answer its questions through htmx as a browser
does, misbehaving as real classes do: some answers are sent twice at once (a double
click), some given up after a client timeout and sent again, some pages reloaded mid-quiz;
a connection cut by a killed worker is sent again too. Late students join the one-minute
set LOADTEST_LATE_CODE, answer a little, wait past the time limit and answer again, which
must be refused. Navigators take a set with deferred feedback: they save answers page by
page, go back and change some, flag some, and submit from the summary. A teacher polls the
results page throughout.

Every acknowledged (2xx) answer, every reload and every late refusal is written, one JSON
object a line, to LOADTEST_LOG for bench/loadtest.py to check against the database.
"""

from __future__ import annotations

import json
import os
import random
import re
import time
import zlib
from urllib.parse import urlencode

import gevent
from gevent import socket
from locust import FastHttpUser, between, constant, events, task
from locust.exception import StopUser

from bench.pages_html import answer_for, csrf_from

SCHOOL = "198.51.100.10"  # one school: every student behind the same address
ATTEMPT = re.compile(r"/quiz/([0-9a-f-]{36})/")
POSITION = re.compile(r'name="position" value="(\d+)"')
LOG = None


@events.test_start.add_listener
def _open_log(**_kwargs):
    global LOG
    LOG = open(os.environ["LOADTEST_LOG"], "a", buffering=1)  # noqa: SIM115 (open for the run)


@events.test_stop.add_listener
def _close_log(**_kwargs):
    if LOG:
        LOG.flush()


def log(**entry) -> None:
    LOG.write(json.dumps(entry) + "\n")


def _answer_key(data: dict) -> dict:
    """The form fields of an answer, without the position and the CSRF token."""
    return {k: v for k, v in data.items() if k not in ("position", "csrfmiddlewaretoken")}


def body(page) -> str:
    """A reply's text; empty when a killed worker cut it short (the load generator cannot
    decompress a truncated gzip body, and the student tries again)."""
    try:
        return page.text or ""
    except zlib.error:
        return ""


class Browser(FastHttpUser):
    """A student's browser: joins a set by its code and answers its questions."""

    abstract = True
    address = SCHOOL
    code_variable = "LOADTEST_CODE"
    counter = 0

    def on_start(self):
        Browser.counter += 1
        self.number = Browser.counter
        self.headers = {"X-Forwarded-For": self.address}
        self.attempt = None
        self.html = ""
        self.done = False
        self.join()

    # -- joining ---------------------------------------------------------------------------
    def join(self):
        code = os.environ[self.code_variable]
        for _ in range(20):  # a killed worker cuts the connection: the student tries again
            page = self.client.get(f"/join/{code}/", headers=self.headers, name="join page")
            csrf = csrf_from(body(page))
            if page.status_code == 200 and csrf:
                break
            gevent.sleep(0.5)
        self.csrf = csrf
        form = {"nickname": f"{type(self).__name__} {self.number}", "csrfmiddlewaretoken": csrf}
        for _ in range(20):
            with self.client.post(
                f"/join/{code}/", data=form, headers=self.headers, name="join",
                catch_response=True,
            ) as page:  # fmt: skip
                found = ATTEMPT.search(page.url or "")
                if page.status_code == 200 and found:
                    page.success()
                    self.attempt = found.group(1)
                    self.html = body(page)  # if cut short, the quiz page is reloaded
                    self.csrf = csrf_from(self.html) or csrf
                    log(event="joined", attempt=self.attempt, user=self.number)
                    return
                if page.status_code == 200 and "already uses the nickname" in body(page):
                    # The join went through but its answer (and cookie) was lost when a
                    # worker was killed: the student picks another nickname.
                    page.success()
                    form["nickname"] += "+"
                    continue
                if page.status_code >= 500:
                    page.failure(f"join: status {page.status_code}")
                else:
                    page.success()
            gevent.sleep(0.5)
        raise StopUser()

    # -- answering -------------------------------------------------------------------------
    def post(self, data: dict, *, name: str = "answer"):
        """One htmx answer post; (status, text, headers), status 0 when the connection broke."""
        try:
            with self.client.post(
                f"/quiz/{self.attempt}/answer/",
                data=data,
                headers={**self.headers, "HX-Request": "true", "X-CSRFToken": self.csrf},
                name=name,
                catch_response=True,
            ) as response:
                status = response.status_code or 0
                if status >= 500:
                    response.failure(f"status {status}")
                elif status == 0:
                    response.failure("connection cut")  # by a killed worker; sent again
                else:
                    response.success()
                return status, response.text or "", response.headers or {}
        except Exception:  # a connection reset by a killed worker
            return 0, "", {}

    def acknowledge(self, data: dict, status: int, text: str, headers) -> None:
        log(event="answer", attempt=self.attempt, position=int(data["position"]),
            answer=_answer_key(data), status=status)  # fmt: skip
        if headers.get("HX-Redirect"):
            self.done = True
        else:
            self.html = text

    def answer_one(self):
        if self.done:
            return
        if self.attempt is None:
            self.join()
            return
        if not POSITION.search(self.html):
            # The feedback on the last answer (immediate feedback): the student reads it and
            # goes on to the next question (the page "Next question" leads to), then answers
            # it in the same turn.
            self.reload(name="next question")
            if self.done or not POSITION.search(self.html):
                return
        if random.random() < 0.05:  # a reload mid-question
            self.reload()
            return
        data = answer_for(self.html)
        data["csrfmiddlewaretoken"] = self.csrf
        roll = random.random()
        if roll < 0.20:  # a double click: the same answer twice at once
            log(event="double", attempt=self.attempt, position=int(data["position"]))
            jobs = [gevent.spawn(self.post, data, name="answer (double)") for _ in range(2)]
            gevent.joinall(jobs)
            results = [job.value for job in jobs if job.value and 200 <= job.value[0] < 300]
            for result in results:
                self.acknowledge(data, *result)
            if not results:
                self.send_until_answered(data)
        elif roll < 0.30:  # the client gives up waiting, then sends the answer again
            self.send_and_give_up(data)
            self.send_until_answered(data, name="answer (retry)")
        else:
            self.send_until_answered(data)

    def send_and_give_up(self, data: dict) -> None:
        """Send the answer on a connection of its own and close it before the reply comes,
        as a browser does when its request times out: the server may or may not have
        recorded it; the retry that follows must find out without counting it twice."""
        host, port = self.host.removeprefix("http://").split(":")
        body = urlencode(data, doseq=True).encode()
        cookies = "; ".join(f"{c.name}={c.value}" for c in self.client.cookiejar)
        head = (
            f"POST /quiz/{self.attempt}/answer/ HTTP/1.1\r\nHost: {host}:{port}\r\n"
            f"Content-Type: application/x-www-form-urlencoded\r\n"
            f"Content-Length: {len(body)}\r\nCookie: {cookies}\r\n"
            f"X-Forwarded-For: {self.address}\r\nHX-Request: true\r\n"
            f"X-CSRFToken: {self.csrf}\r\nConnection: close\r\n\r\n"
        )
        with socket.create_connection((host, int(port)), timeout=5) as connection:
            connection.sendall(head.encode() + body)
            gevent.sleep(random.uniform(0, 0.02))
        log(event="gave up", attempt=self.attempt, position=int(data["position"]))

    def send_until_answered(self, data: dict, name: str = "answer") -> None:
        for _ in range(30):
            status, text, headers = self.post(data, name=name)
            if 200 <= status < 300:
                self.acknowledge(data, status, text, headers)
                return
            if status == 409:  # not the question the quiz is on: read where it is
                log(event="refused", attempt=self.attempt, position=int(data["position"]))
                self.reload()
                return
            gevent.sleep(0.3)  # a cut connection: as a student would, try again
        self.reload()

    def reload(self, name: str = "reload") -> None:
        """Reload the quiz page: it must show the first unanswered question."""
        for _ in range(20):
            page = self.client.get(
                f"/quiz/{self.attempt}/", headers=self.headers, name=name, allow_redirects=True
            )
            html = body(page)
            if page.status_code == 200 and html:  # not cut short by a killed worker
                break
            gevent.sleep(0.3)
        else:
            return
        if "/results/" in (page.url or ""):
            log(event="reload", attempt=self.attempt, position=None)
            self.done = True
            return
        found = POSITION.search(html)
        log(event="reload", attempt=self.attempt, position=int(found.group(1)) if found else None)
        self.csrf = csrf_from(html) or self.csrf
        self.html = html


class Student(Browser):
    """Joins the class quiz by its code and answers every question (a few seconds each),
    then stays idle."""

    weight = 300
    wait_time = between(2, 6)

    @task
    def answer(self):
        self.answer_one()


class LateStudent(Browser):
    """Joins the one-minute set, answers two questions, then comes back after the time."""

    weight = 20
    address = "198.51.100.20"
    code_variable = "LOADTEST_LATE_CODE"
    wait_time = constant(1)

    def on_start(self):
        super().on_start()
        self.answered = 0

    @task
    def answer(self):
        if self.done or self.attempt is None:
            return
        if self.answered == 2:
            gevent.sleep(75)  # the time limit (60 s) and its grace (2 s) pass
            data = answer_for(self.html)
            data["csrfmiddlewaretoken"] = self.csrf
            for _attempt in range(5):  # a connection cut by a killed worker: send it again
                status, _text, headers = self.post(data, name="answer (late)")
                if status:
                    break
            log(event="late", attempt=self.attempt, position=int(data["position"]),
                status=status, redirect=headers.get("HX-Redirect", ""))  # fmt: skip
            self.done = True
            return
        data = answer_for(self.html)
        data["csrfmiddlewaretoken"] = self.csrf
        self.send_until_answered(data)
        self.answered += 1


class AbsentStudent(Browser):
    """Joins the one-minute set and never answers: the periodic sweep must finish it."""

    weight = 10
    address = "198.51.100.20"
    code_variable = "LOADTEST_LATE_CODE"
    wait_time = constant(5)

    @task
    def answer(self):
        pass


class Navigator(Browser):
    """Joins the set taken with deferred feedback and navigation: saves an answer on each
    question page and moves on, now and then goes back and changes an answer, flags a
    question, and at the end submits from the summary. Every acknowledged save and the
    acknowledged submission are logged: the scores must come from the last answers saved."""

    weight = 30
    address = "198.51.100.40"
    code_variable = "LOADTEST_DEFERRED_CODE"
    wait_time = between(1, 4)

    def save(self, data: dict) -> tuple[int, str, dict]:
        """One htmx save; (status, text, headers), status 0 when the connection broke."""
        try:
            with self.client.post(
                f"/quiz/{self.attempt}/save/", data=data,
                headers={**self.headers, "HX-Request": "true", "X-CSRFToken": self.csrf},
                name="save (deferred)", catch_response=True,
            ) as response:  # fmt: skip
                status = response.status_code or 0
                if status >= 500:
                    response.failure(f"status {status}")
                elif status == 0:
                    response.failure("connection cut")
                else:
                    response.success()
                return status, response.text or "", response.headers or {}
        except Exception:  # a connection reset by a killed worker
            return 0, "", {}

    @task
    def navigate(self):
        if self.done or self.attempt is None:
            return
        if "Submit all and finish" in self.html:
            self.submit()
            return
        found = POSITION.search(self.html)
        if not found:
            self.open_page(1)
            return
        position = int(found.group(1))
        data = answer_for(self.html)
        if "order" in data:
            data["moved"] = "1"  # an order the student arranged, not the one shown
        roll = random.random()
        go = "next"
        if roll < 0.15 and position > 0:
            go = "previous"
        elif roll < 0.25:
            data["flagged"] = "on"
        if 'value="summary" class="primary"' in self.html:  # the last question
            go = "summary" if go == "next" else go
        data["go"] = go
        for _ in range(30):
            status, text, _headers = self.save(data)
            if 200 <= status < 300 and text:
                kept = {k: v for k, v in data.items() if k not in ("position", "go", "flagged")}
                log(event="saved", attempt=self.attempt, position=position, answer=kept)
                self.html = text
                return
            gevent.sleep(0.3)  # a cut connection: try again
        self.open_page(position + 1)

    def open_page(self, number: int) -> None:
        for _ in range(20):
            page = self.client.get(
                f"/quiz/{self.attempt}/question/{number}/", headers=self.headers,
                name="question page (deferred)",
            )  # fmt: skip
            html = body(page)
            if page.status_code == 200 and html:
                self.csrf = csrf_from(html) or self.csrf
                self.html = html
                return
            gevent.sleep(0.3)

    def submit(self) -> None:
        for _ in range(30):
            try:
                with self.client.post(
                    f"/quiz/{self.attempt}/submit/", data={},
                    headers={**self.headers, "HX-Request": "true", "X-CSRFToken": self.csrf},
                    name="submit (deferred)", catch_response=True,
                ) as response:  # fmt: skip
                    status = response.status_code or 0
                    if 200 <= status < 300 and "/results/" in response.headers.get(
                        "HX-Redirect", ""
                    ):
                        response.success()
                        log(event="submitted", attempt=self.attempt)
                        self.done = True
                        return
                    if status >= 500:
                        response.failure(f"status {status}")
                    else:
                        response.success()
            except Exception:
                pass
            gevent.sleep(0.3)


class Teacher(FastHttpUser):
    """Logs in and polls the class's live results, as the results page does every 5 s."""

    weight = 1
    fixed_count = 1
    wait_time = constant(1)

    def on_start(self):
        self.headers = {"X-Forwarded-For": "198.51.100.30"}
        self.results = f"/teach/sets/{os.environ['LOADTEST_SET']}/results/"
        for _ in range(30):  # a killed worker may cut the login: try again
            page = self.client.get("/accounts/login/", headers=self.headers, name="login page")
            form = {
                "username": os.environ["LOADTEST_TEACHER"],
                "password": os.environ["LOADTEST_PASSWORD"],
                "csrfmiddlewaretoken": csrf_from(body(page)),
            }
            with self.client.post(
                "/accounts/login/", data=form, headers=self.headers, name="login",
                catch_response=True,
            ) as page:  # fmt: skip
                page.success()
                if page.status_code == 200 and "/teach/" in (page.url or ""):
                    return
            gevent.sleep(0.5)

    @task
    def poll(self):
        with self.client.get(
            self.results, headers={**self.headers, "HX-Request": "true"},
            name="teacher results", catch_response=True,
        ) as page:  # fmt: skip
            if page.status_code >= 500:
                page.failure(f"status {page.status_code}")
            elif page.status_code in (200, 0):
                page.success()
            else:
                page.failure(f"status {page.status_code}")
            log(event="teacher", status=page.status_code, at=time.time())
