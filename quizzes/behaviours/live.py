"""Live (teacher-paced): the teacher shows one question at a time to the whole class, closes
the answers and reveals them (quizzes/live/). A student answers the question on the screen,
once, while its answers are open; the answer is scored by correctness alone, with each
kind's partial credit, never by speed. The verdict and the key come at the reveal."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext

from quizzes import scoring
from quizzes.behaviours.common import AnswerRefused, Outcome, finish_as_is, replay, store
from quizzes.models import Attempt, LiveSession, Response

SEQUENTIAL = True
# Answers the network delivers this long after the answers closed (by the teacher or the
# timer) still count, as long as the answer has not been revealed: 5 s, because a server
# busy with 300 phones can keep an answer sent in time waiting in its queue for seconds
# (docs/live.md); the reveal, which shows the key, ends it sooner.
GRACE = datetime.timedelta(seconds=5)


def refusal(*, attempt: Attempt, session: LiveSession, position: int, now) -> str | None:
    """Why an answer to the question at ``position`` is refused now, or None if it counts."""
    if attempt.removed:
        return gettext("Your teacher has removed you from this live quiz.")
    if attempt.state == Attempt.State.FINISHED or session.step == LiveSession.Step.ENDED:
        return gettext("This live quiz has ended.")
    if session.step == LiveSession.Step.LOBBY:
        return gettext("The quiz has not started yet: wait for your teacher.")
    if position != session.position:
        return gettext("This is not the question on the screen now.")
    if session.step not in (LiveSession.Step.QUESTION, LiveSession.Step.CLOSED):
        return gettext("Answers to this question are closed.")
    # Closed by the teacher or by the timer: what the network delivers within GRACE counts.
    closed = session.closed_at if session.step == LiveSession.Step.CLOSED else session.closes_at
    if closed is not None and now > closed + GRACE:
        return gettext("Answers to this question are closed.")
    return None


def answer(*, slot, answer: dict, now) -> Outcome:
    """Record the answer if the question is on the screen and open, once.

    The unique (attempt, position) of responses decides between two copies of one answer
    (a double click, a retry after a cut connection): the second finds the first and is a
    replay, acknowledged again; a different second answer is refused. A replay is honoured
    even after the answers closed, since its first copy was counted in time.
    """
    attempt = slot.attempt
    fraction = scoring.score(slot.question.payload, answer)
    points = fraction * slot.points
    try:
        with transaction.atomic():
            current = Attempt.objects.select_related("live").get(pk=attempt.pk)
            existing = Response.objects.filter(
                attempt_id=attempt.pk, position=slot.position
            ).first()
            if existing is None:
                why = refusal(
                    attempt=current, session=current.live, position=slot.position, now=now
                )
                if why:
                    raise AnswerRefused(why)
                response = store(slot, answer, fraction, points, now)
                # The position counts the answers given (questions may go unanswered).
                Attempt.objects.filter(pk=attempt.pk).update(
                    position=F("position") + 1, score=F("score") + points
                )
    except IntegrityError:  # the same answer, sent twice at once, and this copy came second
        existing = Response.objects.filter(attempt_id=attempt.pk, position=slot.position).first()
    else:
        if existing is None:
            attempt.position, attempt.score = current.position + 1, current.score + points
            return Outcome(response)
    if existing is None:
        raise AnswerRefused(gettext("You have already answered this question."))
    return replay(existing, answer)


def finish(*, attempt, now, ending: str) -> bool:
    return finish_as_is(attempt=attempt, now=now, ending=ending)


def feedback_shown(*, attempt, response) -> bool:
    """After the reveal of its question, or once the session is over."""
    if attempt.state == Attempt.State.FINISHED:
        return True
    session = attempt.live
    if response is None or session is None:
        return False
    if session.step == LiveSession.Step.ENDED or response.position < session.position:
        return True
    return response.position == session.position and session.step == LiveSession.Step.REVEALED
