"""State changes of the quiz app, each in one transaction."""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from quizzes import behaviours, difficulty, selectors
from quizzes.behaviours import AnswerRefused, Outcome, attempt_expire
from quizzes.generation.drafts import Draft
from quizzes.generation.facts import FactBase
from quizzes.generation.registry import generate
from quizzes.models import (
    LIVE,
    Attempt,
    AttemptQuestion,
    LiveSession,
    Question,
    QuestionSet,
    Response,
)

logger = logging.getLogger(__name__)


@dataclass
class RefreshReport:
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)  # replaced by a new version
    updated: list[str] = field(default_factory=list)  # never answered: changed in place
    retired: list[str] = field(default_factory=list)
    unchanged: int = 0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.updated or self.retired)

    def __str__(self) -> str:
        return gettext(
            "%(added)d added, %(changed)d changed (%(versions)d as new versions), "
            "%(retired)d retired, %(unchanged)d unchanged"
        ) % {
            "added": len(self.added),
            "changed": len(self.changed) + len(self.updated),
            "versions": len(self.changed),
            "retired": len(self.retired),
            "unchanged": self.unchanged,
        }


def _priors(draft: Draft) -> dict:
    features = difficulty.ItemFeatures(
        kind=str(draft.kind),
        options=draft.option_count,
        reverse=draft.features.reverse,
        two_step=draft.features.two_step,
        closeness=draft.features.closeness,
        prominence=draft.features.prominence,
    )
    prior = difficulty.prior_difficulty(features)
    return {
        "guessing_floor": difficulty.guessing_floor(str(draft.kind), draft.option_count),
        "prior_difficulty": prior,
        "difficulty": prior,
        "answer_count": 0,
    }


def _row(draft: Draft, version: int) -> Question:
    return Question(
        uid=draft.uid,
        version=version,
        kind=str(draft.kind),
        topic=str(draft.topic),
        level=str(draft.level),
        in_english_article="en" in draft.articles,
        in_italian_article="it" in draft.articles,
        payload=draft.payload(),
        facts=list(draft.facts),
        content_hash=draft.content_hash(),
        **_priors(draft),
    )


def bank_refresh(*, kb: FactBase | None = None) -> RefreshReport:
    """Bring the stored bank in line with the fact base, idempotently.

    A question nobody has seen is updated in place; one that an attempt has shown or a
    student has answered is retired and kept, and a new version takes its place, so that
    past attempts, scores and reviews stay exactly as they were.
    """
    drafts = generate(kb if kb is not None else selectors.fact_base())
    report = RefreshReport()
    now = timezone.now()
    with transaction.atomic():
        # Only generated questions: a teacher's own are never retired or changed here.
        generated = Question.objects.filter(author__isnull=True)
        active = {q.uid: q for q in generated.active()}
        used = set(
            AttemptQuestion.objects.filter(question__status=Question.Status.ACTIVE)
            .values_list("question_id", flat=True)
            .distinct()
        ) | set(
            Response.objects.filter(question__status=Question.Status.ACTIVE)
            .values_list("question_id", flat=True)
            .distinct()
        )
        latest = dict(generated.values_list("uid").annotate(latest=Max("version")).order_by())
        new_rows, in_place, retire = [], [], []
        for draft in drafts:
            current = active.pop(draft.uid, None)
            if current is not None and current.content_hash == draft.content_hash():
                report.unchanged += 1
                continue
            if current is not None and current.pk not in used:
                row = _row(draft, current.version)
                row.pk, row.created_at = current.pk, current.created_at
                in_place.append(row)
                report.updated.append(draft.uid)
                continue
            if current is not None:
                retire.append(current.pk)
                report.changed.append(draft.uid)
            else:
                report.added.append(draft.uid)
            new_rows.append(_row(draft, latest.get(draft.uid, 0) + 1))
        retire.extend(q.pk for q in active.values())
        report.retired.extend(active)
        if retire:
            Question.objects.filter(pk__in=retire).update(
                status=Question.Status.RETIRED, retired_at=now
            )
        if in_place:
            Question.objects.bulk_update(
                in_place,
                [
                    "kind",
                    "topic",
                    "level",
                    "in_english_article",
                    "in_italian_article",
                    "payload",
                    "facts",
                    "content_hash",
                    "guessing_floor",
                    "prior_difficulty",
                    "difficulty",
                    "answer_count",
                ],
            )
        if new_rows:
            Question.objects.bulk_create(new_rows)
    if report.touched:
        logger.info("Question bank refreshed: %s", report)
    return report


def attempt_start(
    *,
    questions: list[Question],
    nickname: str,
    language: str,
    owner_token: str = "",
    user=None,
    behaviour: str = Attempt.Behaviour.IMMEDIATE,
    topic: str = "",
    time_limit_minutes: int | None = None,
    question_set: QuestionSet | None = None,
    points: float = 1.0,
    live: LiveSession | None = None,
) -> Attempt:
    """A new attempt at these questions. A set's attempt takes the set's way of taking it
    (behaviour, tries, penalty, grace period); a practice quiz gives interactive quizzes
    three tries at a third of the mark each, and a minute's grace. An attempt in a live
    session is paced by the teacher instead (quizzes/behaviours/live.py)."""
    now = timezone.now()
    source = question_set or QuestionSet(behaviour=behaviour)
    if live is not None:
        source = QuestionSet(
            behaviour=LIVE, shuffle_options=source.shuffle_options, grace_seconds=0
        )
    with transaction.atomic():
        attempt = Attempt.objects.create(
            nickname=nickname,
            language=language,
            owner_token=owner_token,
            user=user if user is not None and user.is_authenticated else None,
            behaviour=source.behaviour,
            live=live,
            tries=source.tries if source.behaviour == Attempt.Behaviour.INTERACTIVE else 1,
            penalty=source.penalty if source.behaviour == Attempt.Behaviour.INTERACTIVE else 0.0,
            grace_seconds=source.grace_seconds,
            topic=topic,
            question_set=question_set,
            # Live: the projector letters the options in their natural order, so phones keep it.
            shuffle_options=bool(question_set and source.shuffle_options and live is None),
            question_count=len(questions),
            max_score=points * len(questions),
            started_at=now,
            deadline=now + datetime.timedelta(minutes=time_limit_minutes)
            if time_limit_minutes
            else None,
        )
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(attempt=attempt, position=index, question=question, points=points)
            for index, question in enumerate(questions)
        )
    return attempt


class StartRefused(Exception):
    """A quiz cannot start; the message says why."""


def practice_start(
    *,
    owner_token: str,
    user,
    nickname: str,
    language: str,
    length: int,
    topic: str = "",
    time_limit_minutes: int | None = None,
    behaviour: str = Attempt.Behaviour.IMMEDIATE,
    avoid: set[str] | None = None,
    facts: set[str] | None = None,
) -> Attempt:
    """A practice quiz of `length` questions on one topic or all, fresh where the bank allows.

    ``avoid`` lists question ids to leave out if possible (try again); ``facts`` limits the
    quiz to questions testing those facts (practise my mistakes).
    """
    questions = selectors.practice_questions(
        length=length, topic=topic, avoid=avoid or set(), facts=facts
    )
    if not questions:
        raise StartRefused(gettext("There are no questions on this topic yet."))
    return attempt_start(
        questions=questions,
        nickname=nickname,
        language=language,
        owner_token=owner_token,
        user=user,
        behaviour=behaviour,
        topic=topic,
        time_limit_minutes=time_limit_minutes,
    )


# The answer path's refusals and outcomes, as the behaviours define them.
__all__ = ["AnswerRefused", "Outcome", "attempt_expire"]


def answer_submit(*, slot: AttemptQuestion, answer: dict | None, now=None) -> Outcome:
    """Send an answer to the question at ``slot``, as the attempt's behaviour takes it
    (quizzes/behaviours): scored and recorded, a wrong try, or kept until submission."""
    return behaviours.of(slot.attempt).answer(slot=slot, answer=answer, now=now or timezone.now())


def difficulty_calibrate(*, responses=None) -> int:
    """Move answered questions' difficulty by the Elo rule, one answer at a time, in order.

    Runs from `manage.py sweep` (every minute in production), off the answer path; each
    answer is counted once.
    """
    pending = (responses if responses is not None else Response.objects.all()).filter(
        calibrated=False
    )
    count = 0
    with transaction.atomic():
        rows = list(pending.select_for_update().order_by("answered_at", "pk"))
        questions = {
            q.pk: q
            for q in Question.objects.select_for_update().filter(
                pk__in={r.question_id for r in rows}
            )
        }
        for response in rows:
            question = questions[response.question_id]
            question.difficulty = difficulty.elo_update(
                question.difficulty,
                question.guessing_floor,
                question.answer_count,
                response.fraction,
            )
            question.answer_count += 1
            count += 1
        Question.objects.bulk_update(questions.values(), ["difficulty", "answer_count"])
        Response.objects.filter(pk__in=[r.pk for r in rows]).update(calibrated=True)
    return count


def attempts_sweep(*, now=None) -> int:
    """Finish every attempt whose time ran out, with its deadline as the finishing time."""
    now = now or timezone.now()
    # Each attempt's own grace period decides (attempt_expire); the minimum one is a first cut.
    due = Attempt.objects.filter(
        state=Attempt.State.IN_PROGRESS, deadline__lt=now - behaviours.common.MIN_GRACE
    )
    return sum(attempt_expire(attempt=attempt, now=now) for attempt in due)
