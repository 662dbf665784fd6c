"""Simulated students for the throughput benchmark (locust).

AnswerStudent joins a published set and answers question after question through htmx, as
a browser does: it reads the option tokens from each question it is shown. FloorStudent
joins alike and posts the same form, again and again, to the answer's floor
(bench/floor.py). BareVisitor asks the bare health-check view. All talk to the host given
to locust, nothing else.
"""

from __future__ import annotations

import os

from locust import FastHttpUser, constant, task

from bench.pages_html import answer_for, csrf_from


class Student(FastHttpUser):
    """Joins the load-test set (LOCUST_JOIN_CODE): the page, the nickname, the first question."""

    abstract = True
    wait_time = constant(0)
    csrf = ""
    joined = 0
    started = 0

    def on_start(self):
        self.start_quiz()
        # Joining builds an attempt of the whole bank: not what is measured. Once every
        # student has joined, the figures start again from zero.
        Student.started += 1
        if Student.started == self.environment.parsed_options.num_users:
            self.environment.runner.stats.reset_all()

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


class AnswerStudent(Student):
    """Answers the set's questions one by one, as a browser with htmx does."""

    @task
    def answer(self):
        if not self.url or "/quiz/" not in self.url:
            self.start_quiz()
            return
        data = answer_for(self.html)
        data["csrfmiddlewaretoken"] = self.csrf
        with self.client.post(
            self.url.rstrip("/") + "/answer/",
            data=data,
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="answer",
            catch_response=True,
        ) as response:
            if response.status_code >= 400:
                response.failure(f"status {response.status_code}")
                self.start_quiz()
                return
            response.success()
            if response.headers.get("HX-Redirect"):  # the last answer: results, then a new quiz
                self.start_quiz()
            else:
                self.html = response.text


class BareVisitor(FastHttpUser):
    wait_time = constant(0)

    @task
    def bare(self):
        self.client.get("/healthz/", name="bare")


class FloorStudent(Student):
    """Posts answer-shaped forms to the floor view (bench/floor.py): the same cookies,
    headers and body as AnswerStudent's, without the answer's own work."""

    @task
    def floor(self):
        if not self.url or "/quiz/" not in self.url:
            self.start_quiz()
            return
        if not hasattr(self, "form"):
            self.form = {**answer_for(self.html), "csrfmiddlewaretoken": self.csrf}
        attempt = self.url.rstrip("/").rsplit("/", 1)[1]
        with self.client.post(
            f"/bench/floor/{attempt}/",
            data=self.form,
            headers={"HX-Request": "true", "X-CSRFToken": self.csrf},
            name="floor",
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"status {response.status_code}")
            else:
                response.success()
