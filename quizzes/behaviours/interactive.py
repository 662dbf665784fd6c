"""Interactive with several tries (Moodle's interactive behaviour): a wrong answer shows a
hint and the student tries again, up to the attempt's tries; each wrong try costs the
attempt's penalty (a share of the question's mark). The answer is recorded once right, or
after the last try, with the penalties taken off."""

from __future__ import annotations

from django.db import transaction
from django.db.models import F

from quizzes import scoring
from quizzes.behaviours.common import (
    Outcome,
    accepting,
    finish_as_is,
    record,
    refusal,
    replay,
)
from quizzes.models import Attempt, AttemptQuestion, Response, Try

SEQUENTIAL = True


def final_fraction(fraction: float, *, wrong_tries: int, penalty: float) -> float:
    """The share of the mark kept: the last try's, less the penalty for each wrong one."""
    return max(0.0, fraction - penalty * wrong_tries)


def answer(*, slot, answer: dict, now) -> Outcome:
    attempt = slot.attempt
    fraction = scoring.score(slot.question.payload, answer)
    used = slot.wrong_tries
    if fraction >= 1 or used + 1 >= attempt.tries:
        kept = final_fraction(fraction, wrong_tries=used, penalty=attempt.penalty)
        return record(slot=slot, answer=answer, fraction=kept, now=now, tries=used + 1)
    with transaction.atomic():
        # The sequence check of a try: this question is still the current one, in time, and
        # no other try was counted since the student saw it.
        current = Attempt.objects.filter(
            accepting(attempt, now), pk=attempt.pk, position=slot.position
        ).exists()
        counted = current and AttemptQuestion.objects.filter(pk=slot.pk, wrong_tries=used).update(
            wrong_tries=F("wrong_tries") + 1
        )
        if counted:
            Try.objects.create(
                slot=slot, number=used + 1, answer=answer, fraction=fraction, tried_at=now
            )
    if counted:
        slot.wrong_tries = used + 1
        return Outcome(retry=True)
    existing = Response.objects.filter(attempt_id=attempt.pk, position=slot.position).first()
    if existing is not None:  # the question is over: a replay of its last answer, or refused
        return replay(existing, answer)
    last = slot.tries.order_by("-number").first()
    if last is not None and last.answer == answer:  # the same wrong try sent twice
        slot.refresh_from_db(fields=["wrong_tries"])  # the page says how many tries are left
        return Outcome(retry=True, replayed=True)
    raise refusal(attempt, now)


def finish(*, attempt, now, ending: str) -> bool:
    return finish_as_is(attempt=attempt, now=now, ending=ending)


def feedback_shown(*, attempt, response) -> bool:
    return response is not None
