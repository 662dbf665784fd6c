"""Regrading a set's attempts after a fact correction, as Moodle's quiz regrade does.

A correction to the fact base gives an answered question a new version (quizzes/services.py
bank_refresh retires the old one and keeps it, so past scores stay as they were). Nothing
changes a past score silently: the teacher sees which questions of the set changed since
students answered them, runs a dry run that lists each attempt's old and new score, and then
applies it or leaves it.

Applying moves each response to the new version: the student's choices are carried over by
what they chose (the fact each option, item or match stands for, its ``ref``), not by the
option's position, and scored against the new key; an interactive question keeps the penalty
of the wrong tries it took. A response whose choice no longer exists in the new version (the
option was removed, or the question changed kind) is left as it was and listed as such. The
response keeps the version it was answered in and its old score; the attempt keeps its old
total and the date of the regrade, which its review shows.

Only finished attempts are regraded: one still in progress is listed, to regrade once it is
finished.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models import F

from quizzes import scoring
from quizzes.behaviours.interactive import final_fraction
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionSet, Response


@dataclass(frozen=True)
class ChangedQuestion:
    """A question of the set that has a newer version than the one students answered."""

    uid: str
    old: Question
    new: Question
    answers: int  # responses to the old version in finished attempts
    attempts: int  # finished attempts with such a response


@dataclass(frozen=True)
class Line:
    """One response as the regrade would leave it."""

    response: Response
    new: Question
    answer: dict | None  # the answer in the new version's ids; None: cannot be carried over
    fraction: float  # the new share of the credit (the old one when it cannot be carried)

    @property
    def carried(self) -> bool:
        return self.answer is not None

    @property
    def changed(self) -> bool:
        return self.carried and abs(self.fraction - self.response.fraction) > 1e-9


@dataclass
class AttemptRegrade:
    attempt: Attempt
    lines: list[Line] = field(default_factory=list)

    @property
    def old_score(self) -> float:
        return self.attempt.score

    @property
    def new_score(self) -> float:
        delta = sum(
            (line.fraction - line.response.fraction) * line.response.slot.points
            for line in self.lines
            if line.carried
        )
        return max(0.0, self.attempt.score + delta)

    @property
    def changed(self) -> bool:
        return abs(self.new_score - self.old_score) > 1e-9

    @property
    def not_carried(self) -> int:
        return sum(1 for line in self.lines if not line.carried)


@dataclass
class Plan:
    """The dry run: what applying would do."""

    questions: list[ChangedQuestion]
    attempts: list[AttemptRegrade]
    in_progress: int  # attempts still being taken that answered a changed question

    @property
    def changed_attempts(self) -> list[AttemptRegrade]:
        return [a for a in self.attempts if a.changed]


def carry_over(old: dict, new: dict, answer: dict) -> dict | None:
    """The answer given to ``old`` in the ids of ``new``, matched by what each choice stands
    for; None when it cannot be carried over (another kind, or a choice that is gone)."""
    if old["kind"] != new["kind"]:
        return None
    kind = old["kind"]

    def ids(part: str) -> dict[str, str] | None:
        """Old id → new id through the refs of one part (options, items, lefts, rights)."""
        by_ref = {entry["ref"]: entry["id"] for entry in new.get(part, [])}
        mapping = {}
        for entry in old.get(part, []):
            if entry["ref"] in by_ref:
                mapping[entry["id"]] = by_ref[entry["ref"]]
        return mapping

    try:
        if kind == "single_choice":
            return {"option": ids("options")[answer["option"]]}
        if kind == "multiple_response":
            mapping = ids("options")
            return {"options": [mapping[choice] for choice in answer.get("options", [])]}
        if kind == "ordering":
            mapping = ids("items")
            if len(new["items"]) != len(old["items"]):
                return None
            return {"order": [mapping[item] for item in answer.get("order", [])]}
        if kind == "matching":
            lefts, rights = ids("lefts"), ids("rights")
            if len(new["lefts"]) != len(old["lefts"]):
                return None
            pairs = answer.get("pairs", {})
            return {"pairs": {lefts[left]: rights[right] for left, right in pairs.items()}}
    except KeyError:
        return None
    return dict(answer)  # true/false, numeric, short answer: the answer is the value itself


def _newer_versions(uids) -> dict[str, Question]:
    return {q.uid: q for q in Question.objects.active().filter(uid__in=uids)}


def plan(question_set: QuestionSet) -> Plan:
    """The dry run of a regrade of the set (changes nothing)."""
    # Responses in the set's attempts to versions that are no longer the active one.
    stale = list(
        Response.objects.filter(
            attempt__question_set=question_set, question__status=Question.Status.RETIRED
        )
        .select_related("attempt", "question", "slot")
        .order_by("attempt__started_at", "attempt_id", "position")
    )
    newer = _newer_versions({r.question.uid for r in stale})
    stale = [r for r in stale if r.question.uid in newer]
    finished = [r for r in stale if r.attempt.state == Attempt.State.FINISHED]
    in_progress = len({r.attempt_id for r in stale} - {r.attempt_id for r in finished})

    by_attempt: dict = {}
    counts: dict = defaultdict(lambda: [0, set(), None])
    for response in finished:
        attempt = response.attempt
        new = newer[response.question.uid]
        answer = carry_over(response.question.payload, new.payload, response.answer)
        fraction = response.fraction
        if answer is not None:
            fraction = scoring.score(new.payload, answer)
            if attempt.behaviour == Attempt.Behaviour.INTERACTIVE:
                fraction = final_fraction(
                    fraction, wrong_tries=response.tries - 1, penalty=attempt.penalty
                )
        by_attempt.setdefault(attempt.pk, AttemptRegrade(attempt)).lines.append(
            Line(response, new, answer, fraction)
        )
        entry = counts[response.question_id]
        entry[0] += 1
        entry[1].add(attempt.pk)
        entry[2] = response.question
    questions = [
        ChangedQuestion(old.uid, old, newer[old.uid], answers, len(attempts))
        for answers, attempts, old in counts.values()
    ]
    questions.sort(key=lambda q: q.uid)
    return Plan(questions, list(by_attempt.values()), in_progress)


def apply(question_set: QuestionSet, *, now) -> Plan:
    """Regrade the set's finished attempts as the dry run says, in one transaction."""
    with transaction.atomic():
        # One regrade at a time for a set: a second click waits, then finds nothing to do.
        QuestionSet.objects.select_for_update().filter(pk=question_set.pk).first()
        done = plan(question_set)
        for regrade in done.attempts:
            carried = [line for line in regrade.lines if line.carried]
            if not carried:
                continue
            for line in carried:
                response = line.response
                Response.objects.filter(pk=response.pk).update(
                    regraded_from=response.question_id,
                    fraction_before_regrade=response.fraction,
                    question=line.new,
                    answer=line.answer,
                    fraction=line.fraction,
                    points=line.fraction * response.slot.points,
                )
                AttemptQuestion.objects.filter(pk=response.slot_id).update(question=line.new)
            if regrade.changed:
                Attempt.objects.filter(pk=regrade.attempt.pk).update(
                    score_before_regrade=F("score"), score=regrade.new_score, regraded_at=now
                )
            else:
                Attempt.objects.filter(pk=regrade.attempt.pk).update(regraded_at=now)
    return done


def pending(question_set: QuestionSet) -> int:
    """How many of the set's answered questions have a newer version (for a notice)."""
    # Optimization: two small queries, not the dry run, on a page polled every few seconds.
    uids = set(
        Response.objects.filter(
            attempt__question_set=question_set, question__status=Question.Status.RETIRED
        )
        .values_list("question__uid", flat=True)
        .distinct()
    )
    return Question.objects.active().filter(uid__in=uids).count() if uids else 0
