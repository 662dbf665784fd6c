"""Reads of live sessions: what a phone and the projector show, and the short fingerprints
("versions") that tell a polling page whether anything it shows has changed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from django.utils.translation import gettext

from quizzes import selectors
from quizzes.models import Attempt, AttemptQuestion, LiveSession, Question, Response
from quizzes.selectors import OptionCount, option_counts

Step = LiveSession.Step


def running(question_set) -> LiveSession | None:
    """The set's session that has not ended, if any (there is at most one)."""
    return question_set.live_sessions.exclude(step=Step.ENDED).first()


def latest(question_set) -> LiveSession | None:
    """The set's running session, else the last one that ran."""
    return question_set.live_sessions.order_by("-started_at", "-pk").first()


def _digest(*parts) -> str:
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:24]


# -- phones ---------------------------------------------------------------------------------
def phone_version(*, attempt_id, owner_token: str | None, user, now) -> str | None:
    """A fingerprint of everything a phone shows: the step of the session (as the class
    sees it, the timer included) and the student's own attempt. One query; None if the
    attempt is not this visitor's live attempt."""
    row = (
        selectors.owned_attempts(owner_token=owner_token, user=user)
        .filter(pk=attempt_id, live__isnull=False)
        .values_list(
            "nickname",
            "removed",
            "state",
            "position",
            "live__step",
            "live__position",
            "live__closes_at",
        )
        .first()
    )
    if row is None:
        return None
    nickname, removed, state, answers, step, position, closes_at = row
    if step == Step.QUESTION and closes_at is not None and now >= closes_at:
        step = Step.CLOSED
    return _phone_digest(nickname, removed, state, answers, step, position)


def _phone_digest(nickname, removed, state, answers, step, position) -> str:
    return _digest("phone", nickname, removed, state, answers, step, position)


@dataclass
class PhoneStep:
    """What a student's phone shows now."""

    attempt: Attempt
    session: LiveSession
    step: str  # as the class sees it (a question whose timer ran out is closed)
    slot: AttemptQuestion | None  # the question on the screen, if any
    response: Response | None  # the student's answer to it, if any

    @property
    def number(self) -> int:
        return self.session.position + 1

    @property
    def version(self) -> str:
        """The fingerprint of this step, as ``phone_version`` reads it from the database."""
        a = self.attempt
        return _phone_digest(
            a.nickname, a.removed, a.state, a.position, self.step, self.session.position
        )


def phone_step(*, attempt_id, owner_token: str | None, user, now) -> PhoneStep | None:
    """The live attempt (if it is this visitor's) and the question on the screen."""
    attempt = (
        selectors.owned_attempts(owner_token=owner_token, user=user)
        .filter(pk=attempt_id, live__isnull=False)
        .select_related("live")
        .first()
    )
    if attempt is None:
        return None
    session = attempt.live
    step = session.step_at(now)
    slot = response = None
    if step in (Step.QUESTION, Step.CLOSED, Step.REVEALED):
        slot = (
            attempt.slots.select_related("question", "response")
            .filter(position=session.position)
            .first()
        )
        if slot is not None:
            slot.attempt = attempt
            response = getattr(slot, "response", None)
    return PhoneStep(attempt, session, step, slot, response)


# -- the projector --------------------------------------------------------------------------
def projector_version(session: LiveSession, now) -> str:
    """A fingerprint of everything the projector shows: the session (its version counts
    renames, removals and the leaderboard), who has joined and how many have answered."""
    joined = session.attempts.filter(removed=False).count()
    answered = Response.objects.filter(
        attempt__live=session, attempt__removed=False, position=session.position
    ).count()
    return board_version(session, session.step_at(now), joined=joined, answered=answered)


def board_version(session: LiveSession, step: str, *, joined: int, answered: int) -> str:
    """The projector's fingerprint from what it shows (the lobby counts no answers)."""
    if step == Step.LOBBY or step == Step.ENDED:
        answered = 0
    return _digest("board", session.pk, session.version, step, session.position, joined, answered)


def roster(session: LiveSession) -> list[Attempt]:
    """The students in the session, in the order they joined (removed ones left out)."""
    return list(
        session.attempts.filter(removed=False)
        .order_by("started_at", "pk")
        .only("pk", "nickname", "score", "started_at")
    )


def question(session: LiveSession) -> Question | None:
    """The question on the screen (the first one in the lobby)."""
    if not session.questions:
        return None
    return Question.objects.filter(pk=session.questions[session.position]).first()


def answers(session: LiveSession) -> list[Response]:
    """The answers to the question on the screen, of students still in the session."""
    return list(
        Response.objects.filter(
            attempt__live=session, attempt__removed=False, position=session.position
        ).only("answer", "fraction")
    )


def distribution(
    payload: dict, responses: list[Response], *, joined: int, language: str
) -> list[OptionCount]:
    """How the class answered. Pure. For choice questions, how many picked each option, as
    the results' item analysis counts them (selectors.option_counts); for the other kinds,
    how many were right, partly right and wrong. Then those who did not answer."""
    rows = option_counts(payload, [r.answer for r in responses], language)
    if not rows:
        fractions = [r.fraction for r in responses]
        rows = [
            OptionCount(gettext("Right"), sum(1 for f in fractions if f >= 1), True),
            OptionCount(gettext("Partly right"), sum(1 for f in fractions if 0 < f < 1)),
            OptionCount(gettext("Wrong"), sum(1 for f in fractions if f <= 0)),
        ]
    return [*rows, OptionCount(gettext("No answer"), max(0, joined - len(responses)))]


@dataclass(frozen=True)
class Place:
    rank: int
    nickname: str
    score: float


def leaderboard(session: LiveSession, *, size: int = 5) -> list[Place]:
    """The best scores so far, ties sharing a rank (1, 2, 2, 4): by score alone, never by
    speed; equal scores are listed by nickname."""
    rows = session.attempts.filter(removed=False).order_by("-score", "nickname")
    places: list[Place] = []
    for index, (nickname, score) in enumerate(rows.values_list("nickname", "score")[:size]):
        tied = places and abs(places[-1].score - score) < 1e-9
        places.append(Place(places[-1].rank if tied else index + 1, nickname, score))
    return places
