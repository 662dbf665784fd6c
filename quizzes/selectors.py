"""Reads for the quiz app: the fact base as plain data, in a fixed number of queries."""

from __future__ import annotations

from conference import models as facts_models
from quizzes.generation import facts as kb

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
