"""State changes of the quiz app, each in one transaction."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext

from quizzes import difficulty, scoring, selectors
from quizzes.generation.drafts import Draft
from quizzes.generation.facts import FactBase
from quizzes.generation.registry import generate
from quizzes.models import Attempt, AttemptQuestion, Question, Response

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
        payload=draft.payload(),
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
        active = {q.uid: q for q in Question.objects.active()}
        used = set(
            AttemptQuestion.objects.filter(question__status=Question.Status.ACTIVE)
            .values_list("question_id", flat=True)
            .distinct()
        ) | set(
            Response.objects.filter(question__status=Question.Status.ACTIVE)
            .values_list("question_id", flat=True)
            .distinct()
        )
        latest = dict(
            Question.objects.values_list("uid").annotate(latest=Max("version")).order_by()
        )
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
                    "payload",
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
    session_key: str = "",
    user=None,
    feedback: str = Attempt.Feedback.IMMEDIATE,
) -> Attempt:
    with transaction.atomic():
        attempt = Attempt.objects.create(
            nickname=nickname,
            language=language,
            session_key=session_key,
            user=user if user is not None and user.is_authenticated else None,
            feedback=feedback,
            question_count=len(questions),
            max_score=float(len(questions)),
        )
        AttemptQuestion.objects.bulk_create(
            AttemptQuestion(attempt=attempt, position=index, question=question)
            for index, question in enumerate(questions)
        )
    return attempt


class AnswerRefused(Exception):
    """The answer cannot be recorded; the message says why, in the student's words."""


def answer_submit(*, attempt: Attempt, position: int, answer: dict) -> Response:
    """Score and record one answer, then move the attempt on by one question."""
    with transaction.atomic():
        attempt = Attempt.objects.select_for_update().get(pk=attempt.pk)
        if attempt.state != Attempt.State.IN_PROGRESS:
            raise AnswerRefused("This quiz is already finished.")
        existing = Response.objects.filter(attempt=attempt, position=position).first()
        if existing is not None:
            return existing
        if position != attempt.position:
            raise AnswerRefused("This is not the question the quiz is on.")
        slot = AttemptQuestion.objects.select_related("question").get(
            attempt=attempt, position=position
        )
        fraction = scoring.score(slot.question.payload, answer)
        response = Response.objects.create(
            attempt=attempt,
            position=position,
            question=slot.question,
            answer=answer,
            fraction=fraction,
            points=fraction * slot.points,
        )
        attempt.position = position + 1
        attempt.score += response.points
        if attempt.position >= attempt.question_count:
            attempt.state = Attempt.State.FINISHED
            attempt.finished_at = timezone.now()
        attempt.save(update_fields=["position", "score", "state", "finished_at"])
    return response


def difficulty_calibrate(*, responses=None) -> int:
    """Move answered questions' difficulty by the Elo rule, one answer at a time, in order.

    Runs when an attempt finishes (for its answers) and from `manage.py calibrate_questions`
    (for all that are left); each answer is counted once.
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
