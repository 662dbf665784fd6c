"""What the behaviours share: the outcome of an answer, refusals, the time limit, and the
recording of a scored answer with Moodle's sequence check."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext

from quizzes.models import Attempt, AttemptQuestion, Response

# At least this much grace: the network time between a click at the last second and the
# server, whatever the set says.
MIN_GRACE = datetime.timedelta(seconds=2)


class AnswerRefused(Exception):
    """The answer cannot be recorded; ``reason`` says why, ``code`` is the HTTP status."""

    def __init__(self, reason: str, code: int = 409):
        super().__init__(reason)
        self.reason, self.code = reason, code


@dataclass(frozen=True)
class Outcome:
    """What became of an answer: recorded (``response``), replayed, or, in an interactive
    quiz, a wrong try (``retry``: the student tries again)."""

    response: Response | None = None
    replayed: bool = False
    retry: bool = False


def grace(attempt: Attempt) -> datetime.timedelta:
    return max(MIN_GRACE, datetime.timedelta(seconds=attempt.grace_seconds))


def accepting(attempt: Attempt, now) -> Q:
    """Rows of attempts still taking answers: in progress and within time (and grace)."""
    return Q(state=Attempt.State.IN_PROGRESS) & (
        Q(deadline__isnull=True) | Q(deadline__gte=now - grace(attempt))
    )


def time_is_up(attempt: Attempt, now) -> bool:
    return bool(attempt.deadline) and now > attempt.deadline


def record(*, slot: AttemptQuestion, answer: dict, fraction: float, now, tries: int = 1):
    """Store a scored answer and move the attempt on by one question, in one transaction.

    Like Moodle's sequence check: a conditional update of the attempt's position (still at
    this question, in progress, within its time and grace) decides, and the response is
    created only if it matched; the unique (attempt, position) of responses makes a replay
    harmless. An answer that arrives within the grace period after the time limit counts,
    and ends the attempt as "time up".
    """
    attempt = slot.attempt
    points = fraction * slot.points
    moves = {"position": F("position") + 1, "score": F("score") + points}
    late = time_is_up(attempt, now)
    finishes = slot.position + 1 >= attempt.question_count or late
    if finishes:
        ending = Attempt.Ending.TIME_UP if late else Attempt.Ending.COMPLETED
        moves.update(
            state=Attempt.State.FINISHED,
            ending=ending,
            finished_at=attempt.deadline if late else now,
        )
    with transaction.atomic():
        # Optimization: the sequence check is this one conditional UPDATE; the number of rows
        # updated decides.
        moved = Attempt.objects.filter(
            accepting(attempt, now), pk=attempt.pk, position=slot.position
        ).update(**moves)
        response = None
        if moved:
            response = store(slot, answer, fraction, points, now, tries=tries)
    if response is not None:
        attempt.position, attempt.score = slot.position + 1, attempt.score + points
        if finishes:
            attempt.state, attempt.ending = Attempt.State.FINISHED, moves["ending"]
            attempt.finished_at = moves["finished_at"]
        return Outcome(response)
    existing = Response.objects.filter(attempt_id=attempt.pk, position=slot.position).first()
    if existing is not None:
        return replay(existing, answer)
    raise refusal(attempt, now)


def store(slot: AttemptQuestion, answer, fraction: float, points: float, now, tries: int = 1):
    """The scored answer's row (the unique attempt and position keep it to one)."""
    return Response.objects.create(
        attempt=slot.attempt,
        slot=slot,
        position=slot.position,
        question_id=slot.question_id,
        answer=answer,
        fraction=fraction,
        points=points,
        answered_at=now,
        tries=tries,
    )


def replay(existing: Response, answer) -> Outcome:
    """The question has its answer already: the same one sent again is a replay (its reply
    is the first one's); another is refused."""
    if existing.answer == answer:
        return Outcome(existing, replayed=True)
    raise AnswerRefused(gettext("You have already answered this question."))


def refusal(attempt: Attempt, now) -> AnswerRefused:
    """Why an answer that did not get in was refused, read again from the database."""
    attempt.refresh_from_db()
    if attempt_expire(attempt=attempt, now=now) or attempt.ending == Attempt.Ending.TIME_UP:
        return AnswerRefused(
            gettext("Time is up: answers sent after the time limit are not counted.")
        )
    if attempt.state == Attempt.State.FINISHED:
        return AnswerRefused(gettext("This quiz is already finished."))
    return AnswerRefused(
        gettext("This is not the question the quiz is on; here is the current one.")
    )


def attempt_expire(*, attempt: Attempt, now=None, with_grace: bool = True) -> bool:
    """Finish an attempt whose time is up, as of its deadline, the way its behaviour
    finishes (deferred feedback scores what the student entered). ``with_grace``: wait for
    the grace period, in which answers still on their way count; without it (the student
    asks for their results), finish as soon as the time is up."""
    from quizzes import behaviours

    now = now or timezone.now()
    if attempt.state != Attempt.State.IN_PROGRESS or not attempt.deadline:
        return False
    if now <= attempt.deadline + (grace(attempt) if with_grace else datetime.timedelta(0)):
        return False
    return behaviours.of(attempt).finish(
        attempt=attempt, now=attempt.deadline, ending=Attempt.Ending.TIME_UP
    )


def finish_as_is(*, attempt: Attempt, now, ending: str) -> bool:
    """Finish an attempt with the answers it has: questions not answered score nothing."""
    updated = Attempt.objects.filter(pk=attempt.pk, state=Attempt.State.IN_PROGRESS).update(
        state=Attempt.State.FINISHED, ending=ending, finished_at=now
    )
    if updated:
        attempt.state, attempt.ending, attempt.finished_at = Attempt.State.FINISHED, ending, now
    return bool(updated)
