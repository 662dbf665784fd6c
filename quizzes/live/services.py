"""State changes of a live session, each one conditional UPDATE in a transaction.

A session moves lobby -> question -> closed -> revealed -> question (the next one) ... ->
ended. Each change names the steps it starts from and the position the teacher saw (``at``),
so a double click, a second device or a stale projector page changes nothing: the change
returns False and the page shows where the session is.
"""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from quizzes import selectors, teaching
from quizzes.models import Attempt, LiveSession, QuestionSet
from quizzes.services import StartRefused

Step = LiveSession.Step


def live_start(
    *,
    question_set: QuestionSet,
    seconds_per_question: int | None = None,
    leaderboard: bool = False,
    now=None,
) -> LiveSession:
    """Run a published set live: a new session in the lobby, with the set's questions in
    their current versions; or the session already running, if there is one."""
    running = question_set.live_sessions.exclude(step=Step.ENDED).first()
    if running is not None:
        return running
    if question_set.status != QuestionSet.Status.OPEN or not question_set.code:
        raise StartRefused(_("Publish the quiz (or reopen it) before running it live."))
    questions = selectors.set_questions_to_start(question_set)
    if not questions:
        raise StartRefused(_("Add at least one question before running the quiz live."))
    now = now or timezone.now()
    try:
        with transaction.atomic():
            return LiveSession.objects.create(
                question_set=question_set,
                questions=[question.pk for question in questions],
                seconds_per_question=seconds_per_question,
                leaderboard=leaderboard,
                started_at=now,
                changed_at=now,
            )
    except IntegrityError:  # "Run live" from two devices at once: one session runs
        return question_set.live_sessions.exclude(step=Step.ENDED).get()


def _move(session: LiveSession, *, sources: set[str], at: int | None, now, **changes) -> bool:
    """Change the session if it is still at one of ``sources`` and at position ``at``."""
    rows = LiveSession.objects.filter(pk=session.pk, step__in=sources)
    if at is not None:
        rows = rows.filter(position=at)
    moved = rows.update(**changes, version=F("version") + 1, changed_at=now)
    session.refresh_from_db()
    return bool(moved)


def _timer(session: LiveSession, now):
    if not session.seconds_per_question:
        return None
    return now + datetime.timedelta(seconds=session.seconds_per_question)


def _closed_at(session: LiveSession, now):
    """When the answers closed: now, or earlier if the timer closed them."""
    if session.closed_at is not None:
        return session.closed_at
    return min(now, session.closes_at) if session.closes_at else now


def live_show(*, session: LiveSession, now=None) -> bool:
    """Start: leave the lobby and show the first question, its answers open."""
    now = now or timezone.now()
    return _move(
        session,
        sources={Step.LOBBY},
        at=None,
        now=now,
        step=Step.QUESTION,
        position=0,
        closes_at=_timer(session, now),
        closed_at=None,
    )


def live_close(*, session: LiveSession, at: int, now=None) -> bool:
    """Close the answers to the question shown (answers on their way still count for
    ``behaviours.live.GRACE``)."""
    now = now or timezone.now()
    return _move(
        session,
        sources={Step.QUESTION},
        at=at,
        now=now,
        step=Step.CLOSED,
        closed_at=_closed_at(session, now),
    )


def live_reveal(*, session: LiveSession, at: int, now=None) -> bool:
    """Show how the class answered, the key and the explanation (closing the answers if
    they were still open)."""
    now = now or timezone.now()
    return _move(
        session,
        sources={Step.QUESTION, Step.CLOSED},
        at=at,
        now=now,
        step=Step.REVEALED,
        closed_at=_closed_at(session, now),
    )


def live_next(*, session: LiveSession, at: int, now=None) -> bool:
    """Show the next question, once the answers to this one are closed."""
    now = now or timezone.now()
    if at + 1 >= session.question_count:
        return False
    return _move(
        session,
        sources={Step.CLOSED, Step.REVEALED},
        at=at,
        now=now,
        step=Step.QUESTION,
        position=at + 1,
        closes_at=_timer(session, now),
        closed_at=None,
    )


def live_end(*, session: LiveSession, now=None) -> bool:
    """End the session: every attempt in it is finished, as a normal attempt of the set
    (questions not answered score nothing)."""
    now = now or timezone.now()
    with transaction.atomic():
        ended = _move(
            session,
            sources=set(Step.values) - {Step.ENDED},
            at=None,
            now=now,
            step=Step.ENDED,
            ended_at=now,
            closed_at=_closed_at(session, now),
        )
        if ended:
            Attempt.objects.filter(live=session, state=Attempt.State.IN_PROGRESS).update(
                state=Attempt.State.FINISHED, ending=Attempt.Ending.COMPLETED, finished_at=now
            )
    return ended


def live_leaderboard(*, session: LiveSession, shown: bool, now=None) -> bool:
    """Show or hide the leaderboard (the five best scores, never by speed)."""
    now = now or timezone.now()
    return _move(session, sources=set(Step.values), at=None, now=now, leaderboard=shown)


def _student(session: LiveSession, attempt_id) -> Attempt:
    attempt = session.attempts.filter(pk=attempt_id).first()
    if attempt is None:
        raise teaching.JoinRefused(_("No such student in this live quiz."))
    return attempt


def live_remove(*, session: LiveSession, attempt_id, now=None) -> Attempt:
    """Take a student out of the session: their phone says so and takes no more answers;
    the attempt is kept, marked removed, and left out of the class's figures."""
    now = now or timezone.now()
    with transaction.atomic():
        attempt = _student(session, attempt_id)
        Attempt.objects.filter(pk=attempt.pk).update(removed=True)
        _move(session, sources=set(Step.values), at=None, now=now)
    attempt.removed = True
    return attempt


def live_rename(*, session: LiveSession, attempt_id, nickname: str, now=None) -> Attempt:
    """Give a student an acceptable nickname: the projector and their phone show it.
    Refused (``teaching.JoinRefused``) when it looks like a classmate's."""
    now = now or timezone.now()
    with transaction.atomic():
        QuestionSet.objects.select_for_update().filter(pk=session.question_set_id).first()
        attempt = _student(session, attempt_id)
        teaching.nickname_check(
            question_set=session.question_set,
            nickname=nickname,
            owner_token=attempt.owner_token,
            exclude=attempt,
        )
        Attempt.objects.filter(pk=attempt.pk).update(nickname=nickname)
        _move(session, sources=set(Step.values), at=None, now=now)
    attempt.nickname = nickname
    return attempt
