"""Helpers for live-class tests: a set run live, students joining it from their own
browsers, and the teacher's steps."""

from __future__ import annotations

from django.test import Client
from django.urls import reverse

from quizzes import teaching
from quizzes.live import services as live
from quizzes.models import Attempt, LiveSession
from tests.quizzes.student import answer_data, set_session
from tests.quizzes.teacher import published_set

KINDS = ("single_choice", "true_false", "numeric")


def live_session(*, kinds=KINDS, **settings) -> LiveSession:
    """A published set of questions of these kinds, run live (in the lobby)."""
    options = {k: settings.pop(k) for k in ("seconds_per_question", "leaderboard") if k in settings}
    question_set = published_set(kinds=kinds, **settings)
    return live.live_start(question_set=question_set, **options)


def student(session: LiveSession, nickname: str, *, language: str = "en") -> tuple[Client, Attempt]:
    """A student's browser that joined the session, and their attempt."""
    client = Client()
    token = f"browser-of-{nickname}"
    set_session(client, quiz_owner=token)
    attempt = teaching.set_start(
        question_set=session.question_set, nickname=nickname, owner_token=token, language=language
    )
    return client, attempt


def fresh(session: LiveSession) -> LiveSession:
    session.refresh_from_db()
    return session


def answer(client: Client, attempt: Attempt, *, right: bool = True, htmx: bool = True):
    """Post the answer to the question on the screen from the student's phone."""
    position = fresh(attempt.live).position
    data = answer_data(attempt, position, right=right)
    headers = {"HTTP_HX_REQUEST": "true"} if htmx else {}
    return client.post(reverse("quizzes:live_answer", args=[attempt.pk]), data, **headers)


def poll(client: Client, attempt: Attempt, etag: str | None = None):
    """The phone's poll of the current step, as htmx sends it."""
    headers = {"HTTP_HX_REQUEST": "true"}
    if etag:
        headers["HTTP_IF_NONE_MATCH"] = etag
    return client.get(reverse("quizzes:live_step", args=[attempt.pk]), **headers)
