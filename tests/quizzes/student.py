"""Helpers for student-flow tests: start quizzes and build the POST a student would send."""

from __future__ import annotations

import re

from quizzes import services
from quizzes.models import Attempt, AttemptQuestion, Question
from quizzes.presenting import present, token


def set_session(client, **values) -> None:
    """Write into the client's session; sessions live in a signed cookie, so the cookie
    changes with every save and must be handed back to the client."""
    from django.conf import settings

    session = client.session
    session.update(values)
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key


def start(client, *, kinds=None, length=5, language="en", behaviour="immediate", minutes=None):
    """A practice attempt owned by this client's session, with questions of the given kinds."""
    owner = client.session.get("quiz_owner") or "test-owner-token"
    set_session(client, quiz_owner=owner)
    questions = []
    for kind in kinds or []:
        questions.append(Question.objects.active().filter(kind=kind).order_by("uid").first())
    if not questions:
        questions = list(Question.objects.active().order_by("uid")[:length])
    return services.attempt_start(
        questions=questions,
        nickname="Ada",
        language=language,
        owner_token=owner,
        behaviour=behaviour,
        time_limit_minutes=minutes,
    )


def slot(attempt: Attempt, position: int | None = None) -> AttemptQuestion:
    position = attempt.position if position is None else position
    return attempt.slots.select_related("question").get(position=position)


def answer_data(attempt: Attempt, position: int, *, right: bool = True) -> dict:
    """The form data for the right (or a wrong) answer, with this attempt's tokens."""
    payload = slot(attempt, position).question.payload
    t = lambda internal: token(attempt.pk, position, internal)  # noqa: E731
    data = {"position": str(position)}
    kind = payload["kind"]
    if kind in ("single_choice", "multiple_response"):
        ids = [o["id"] for o in payload["options"] if o["correct"] == right]
        data["answer"] = [t(i) for i in ids] if kind == "multiple_response" else t(ids[0])
    elif kind == "true_false":
        data["answer"] = t("true" if payload["truth"] == right else "false")
    elif kind == "numeric":
        data["answer"] = str(payload["number"] if right else payload["number"] + 1000)
    elif kind == "short_answer":
        data["answer"] = payload["accepted"][0] if right else "Nobody"
    elif kind == "ordering":
        ids = [i["id"] for i in payload["items"]]
        data["order"] = [t(i) for i in (ids if right else list(reversed(ids)))]
    elif kind == "matching":
        rights = [left["match"] for left in payload["lefts"]]
        if not right:
            rights = rights[1:] + rights[:1]
        for left, match in zip(payload["lefts"], rights, strict=True):
            data[f"pair_{t(left['id'])}"] = t(match)
    return data


def shown(attempt: Attempt, position: int):
    return present(
        slot(attempt, position).question.payload,
        attempt_id=attempt.pk,
        position=position,
        language=attempt.language,
    )


def visible(html: str) -> str:
    """A page's text without its markup: what a student reads. A short key such as "480"
    may turn up inside a random token or an attempt's id in the markup."""
    return re.sub(r"<[^>]*>", " ", html)
