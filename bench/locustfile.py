"""Simulated students for the throughput benchmark and the load test (locust).

AnswerStudent starts practice quizzes and answers question after question through htmx,
as a browser does: it reads the option tokens from each question it is shown. BareVisitor
asks the bare health-check view. Both talk to the host given to locust, nothing else.
"""

from __future__ import annotations

import os
import re

from locust import FastHttpUser, constant, task

FIELD = re.compile(r'name="([a-z_0-9]+)"(?: value="([^"]*)")?')
TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def csrf_from(html: str) -> str:
    match = TOKEN.search(html)
    return match.group(1) if match else ""


def answer_for(html: str) -> dict:
    """Some valid answer to the question in this page or fragment (not necessarily right)."""
    data: dict = {}
    position = re.search(r'name="position" value="(\d+)"', html)
    data["position"] = position.group(1) if position else "0"
    radios = re.findall(r'type="(?:radio|checkbox)" name="answer" value="([a-z0-9]+)"', html)
    orders = re.findall(r'name="order" value="([a-z0-9]+)"', html)
    pairs = re.findall(r'name="pair_([a-z0-9]+)"', html)
    if radios:
        data["answer"] = radios[0]
    elif orders:
        data["order"] = orders
    elif pairs:
        choices = re.findall(r'<option value="([a-z0-9]+)"', html)
        for left in pairs:
            data[f"pair_{left}"] = choices[0]
    elif 'inputmode="decimal"' in html:
        data["answer"] = "139"
    else:
        data["answer"] = "Lenin"
    return data


class AnswerStudent(FastHttpUser):
    """Joins the load-test set (LOCUST_JOIN_CODE) and answers its questions one by one."""

    wait_time = constant(0)
    csrf = ""
    joined = 0

    def on_start(self):
        self.start_quiz()

    def start_quiz(self):
        code = os.environ["LOCUST_JOIN_CODE"]
        page = self.client.get(f"/join/{code}/", name="join page")
        self.csrf = csrf_from(page.text)
        AnswerStudent.joined += 1
        form = {"nickname": f"Student {id(self)}-{AnswerStudent.joined}",
                "csrfmiddlewaretoken": self.csrf}  # fmt: skip
        page = self.client.post(f"/join/{code}/", data=form, name="join")
        self.csrf = csrf_from(page.text) or form["csrfmiddlewaretoken"]
        self.url = page.url.replace("#step", "") if page.url else None
        self.html = page.text

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
