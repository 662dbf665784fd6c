"""Reads for the quiz app: the fact base as plain data, in a fixed number of queries."""

from __future__ import annotations

import random

from django.db.models import F, Q

from conference import models as facts_models
from quizzes.generation import facts as kb
from quizzes.models import Attempt, AttemptQuestion, Question, QuestionSet, Response

LANGS = ("en", "it")


def _text(obj, field: str) -> kb.Text:
    return kb.Text(getattr(obj, f"{field}_en") or "", getattr(obj, f"{field}_it") or "")


def _citations(obj) -> tuple[kb.Citation, ...]:
    return tuple(
        sorted(
            (kb.Citation(p.source.title, p.source.language, p.number) for p in obj.cited_in.all()),
            key=lambda c: (c.language, c.paragraph),
        )
    )


def _variants(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())


def fact_base() -> kb.FactBase:
    """The whole fact base as frozen dataclasses for the generator."""
    cited = "cited_in__source"

    def rows(model, *related):
        return model.objects.select_related(*related).prefetch_related(cited).order_by("pk")

    return kb.FactBase(
        parties=tuple(
            kb.Party(
                p.key,
                _text(p, "name"),
                _text(p, "member_label"),
                p.dominated_conference,
                _variants(p.variants),
                _citations(p),
                p.prominence,
            )
            for p in rows(facts_models.Party)
        ),
        people=tuple(
            kb.Person(
                p.key,
                _text(p, "name"),
                p.party.key if p.party else None,
                _variants(p.variants),
                _citations(p),
                p.prominence,
            )
            for p in rows(facts_models.Person, "party")
        ),
        bodies=tuple(
            kb.Body(
                b.key,
                _text(b, "name"),
                b.elected_by.key if b.elected_by else None,
                b.members_listed_in_full,
                _citations(b),
                b.prominence,
            )
            for b in rows(facts_models.Body, "elected_by")
        ),
        deeds=tuple(
            kb.Deed(d.key, d.body.key, _text(d, "predicate"), _citations(d), d.prominence)
            for d in rows(facts_models.BodyFact, "body")
        ),
        roles=tuple(
            kb.Role(r.key, _text(r, "name"), _text(r, "predicate"), r.single_holder)
            for r in facts_models.Role.objects.order_by("pk")
        ),
        memberships=tuple(
            kb.Membership(m.person.key, m.role.key, m.body.key, _citations(m), m.prominence)
            for m in rows(facts_models.Membership, "person", "role", "body").order_by(
                "body__key", "order", "person__key"
            )
        ),
        events=tuple(
            kb.Event(
                e.key,
                e.date,
                _text(e, "predicate"),
                e.person.key if e.person else None,
                e.body.key if e.body else None,
                _citations(e),
                e.prominence,
            )
            for e in rows(facts_models.Event, "person", "body")
        ),
        counts=tuple(
            kb.Count(
                c.key,
                c.value,
                _text(c, "label"),
                _text(c, "question"),
                _text(c, "statement"),
                c.tolerance,
                _citations(c),
                c.prominence,
            )
            for c in rows(facts_models.Count)
        ),
        votes=tuple(
            kb.Vote(
                v.key,
                v.event.key,
                _text(v, "motion"),
                tuple((t.choice, t.count) for t in v.ordered_tallies),
                _citations(v),
                v.prominence,
            )
            for v in rows(facts_models.Vote, "event").prefetch_related("tallies")
        ),
        resolutions=tuple(
            kb.Resolution(r.key, _text(r, "title"), _citations(r), r.prominence)
            for r in rows(facts_models.Resolution)
        ),
        positions=tuple(
            kb.Position(
                p.key,
                p.resolution.key,
                _text(p, "predicate"),
                _text(p, "phrase") if p.phrase_en and p.phrase_it else None,
                _citations(p),
                p.prominence,
            )
            for p in rows(facts_models.Position, "resolution").order_by(
                "resolution__key", "order", "key"
            )
        ),
    )


# -- student pages ---------------------------------------------------------------------------
def practice_questions(
    *, length: int, topic: str, avoid: set[str], facts: set[str] | None = None
) -> list[Question]:
    """Questions for a practice quiz: fresh ones first, no two on the same fact, kinds mixed.

    Two questions on one fact would give each other away ("Who opened the Conference?" next
    to "Chkheidze opened the Conference: true or false?").
    """
    rows = Question.objects.active().only("id", "uid", "kind", "topic", "payload")
    if topic:
        rows = rows.filter(topic=topic)
    rng = random.SystemRandom()
    pool = list(rows)
    if facts is not None:
        pool = [q for q in pool if set(q.facts) & facts]
    rng.shuffle(pool)
    pool.sort(key=lambda q: q.uid in avoid)  # stable: fresh questions first, still shuffled
    chosen: list[Question] = []
    used_facts: set[str] = set()
    kinds: dict[str, int] = {}
    for pass_ in range(2):
        for question in pool:
            if len(chosen) >= length or question in chosen:
                continue
            if set(question.facts) & used_facts and pass_ == 0:
                continue
            # At most a third of one kind in the first pass, so a quiz is never all true/false.
            if pass_ == 0 and kinds.get(question.kind, 0) >= max(2, length // 3):
                continue
            chosen.append(question)
            used_facts |= set(question.facts)
            kinds[question.kind] = kinds.get(question.kind, 0) + 1
    rng.shuffle(chosen)
    return chosen


def attempt_for(*, attempt_id, owner_token: str | None, user) -> Attempt | None:
    """The attempt if it belongs to this browser session or this user, else None."""
    ownership = Q(owner_token=owner_token) if owner_token else Q(pk__in=[])
    if user is not None and user.is_authenticated:
        ownership |= Q(user=user)
    return Attempt.objects.filter(ownership, pk=attempt_id).first()


def slot_for(*, attempt_id, owner_token: str | None, user, position: int | None = None):
    """The attempt's slot at ``position`` (its current one by default), with the attempt and
    the question, in one query; None if the attempt is not this visitor's."""
    ownership = Q(attempt__owner_token=owner_token) if owner_token else Q(pk__in=[])
    if user is not None and user.is_authenticated:
        ownership |= Q(attempt__user=user)
    rows = AttemptQuestion.objects.select_related("attempt", "question").filter(
        ownership, attempt_id=attempt_id
    )
    if position is None:
        rows = rows.filter(position=F("attempt__position"))
    else:
        rows = rows.filter(position=position)
    return rows.first()


def review(attempt: Attempt) -> list[tuple[AttemptQuestion, Response | None]]:
    """Every question of an attempt with the student's response, in two queries."""
    slots = list(attempt.slots.select_related("question").order_by("position"))
    responses = {r.position: r for r in attempt.responses.all()}
    return [(slot, responses.get(slot.position)) for slot in slots]


def open_attempt(*, owner_token: str | None, user) -> Attempt | None:
    """The visitor's unfinished attempt, to offer "continue where you left off"."""
    ownership = Q(owner_token=owner_token) if owner_token else Q(pk__in=[])
    if user is not None and user.is_authenticated:
        ownership |= Q(user=user)
    return (
        Attempt.objects.filter(ownership, state=Attempt.State.IN_PROGRESS)
        .order_by("-started_at")
        .first()
    )


def question_set_by_code(code: str) -> QuestionSet | None:
    return QuestionSet.objects.filter(code__iexact=code).first()
