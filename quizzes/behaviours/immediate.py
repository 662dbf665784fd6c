"""Immediate feedback: one question after another; each answer is scored and its verdict,
the key and the explanation shown at once."""

from __future__ import annotations

from quizzes import scoring
from quizzes.behaviours.common import Outcome, finish_as_is, record

SEQUENTIAL = True


def answer(*, slot, answer: dict, now) -> Outcome:
    return record(
        slot=slot, answer=answer, fraction=scoring.score(slot.question.payload, answer), now=now
    )


def finish(*, attempt, now, ending: str) -> bool:
    return finish_as_is(attempt=attempt, now=now, ending=ending)


def feedback_shown(*, attempt, response) -> bool:
    return response is not None
