"""Deferred feedback with navigation (Moodle's deferred feedback): the student moves freely
between the questions, changes any answer and flags questions to come back to, until
"Submit all and finish". Nothing about right or wrong is shown before; every answer is
scored at submission (or when the time is up)."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext

from quizzes import scoring
from quizzes.behaviours.common import (
    AnswerRefused,
    Outcome,
    accepting,
    attempt_expire,
    grace,
    refusal,
    time_is_up,
)
from quizzes.models import Attempt, AttemptQuestion, Response

SEQUENTIAL = False


def answer(*, slot, answer: dict | None, now) -> Outcome:
    """Keep what the student entered (None clears it); nothing is scored yet."""
    attempt = slot.attempt
    saved = AttemptQuestion.objects.filter(
        Q(attempt__deadline__isnull=True) | Q(attempt__deadline__gte=now - grace(attempt)),
        pk=slot.pk,
        attempt__state=Attempt.State.IN_PROGRESS,
    ).update(draft=answer)
    if not saved:
        raise refusal(attempt, now)
    slot.draft = answer
    return Outcome()


def flag(*, slot, flagged: bool) -> None:
    AttemptQuestion.objects.filter(pk=slot.pk).update(flagged=flagged)
    slot.flagged = flagged


def go_to(*, attempt, position: int, now) -> None:
    """Show another question next (the attempt's position is the page it is on)."""
    if not 0 <= position <= attempt.question_count:
        raise AnswerRefused(gettext("There is no such question in this quiz."), code=404)
    moved = Attempt.objects.filter(accepting(attempt, now), pk=attempt.pk).update(position=position)
    if not moved:
        raise refusal(attempt, now)
    attempt.position = position


def finish(*, attempt, now, ending: str) -> bool:
    """Score every answer entered and finish, once: the attempt's state decides."""
    with transaction.atomic():
        closed = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(
            state=Attempt.State.FINISHED, ending=ending, finished_at=now
        )
        if not closed:
            return False
        slots = list(attempt.slots.select_related("question").exclude(draft=None))
        responses = []
        for slot in slots:
            fraction = scoring.score(slot.question.payload, slot.draft)
            responses.append(
                Response(
                    attempt=attempt,
                    slot=slot,
                    position=slot.position,
                    question_id=slot.question_id,
                    answer=slot.draft,
                    fraction=fraction,
                    points=fraction * slot.points,
                    answered_at=now,
                )
            )
        Response.objects.bulk_create(responses)
        score = sum(r.points for r in responses)
        Attempt.objects.filter(pk=attempt.pk).update(score=score)
    attempt.state, attempt.ending, attempt.finished_at, attempt.score = (
        Attempt.State.FINISHED,
        ending,
        now,
        score,
    )
    return True


def submit(*, attempt, now) -> bool:
    """ "Submit all and finish": in time, or within the grace period after it."""
    if attempt.state != Attempt.State.IN_PROGRESS:
        return False
    if attempt.deadline and now > attempt.deadline + grace(attempt):
        attempt_expire(attempt=attempt, now=now)
        return False
    late = time_is_up(attempt, now)
    ending = Attempt.Ending.TIME_UP if late else Attempt.Ending.COMPLETED
    return finish(attempt=attempt, now=attempt.deadline if late else now, ending=ending)


def feedback_shown(*, attempt, response) -> bool:
    return attempt.state == Attempt.State.FINISHED
