"""The question families, and the one function that turns a fact base into the bank."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from quizzes.generation import bodies, chronology, numbers, people, resolutions
from quizzes.generation.distractors import distinct, popularity
from quizzes.generation.drafts import Draft, Kind, stable_int
from quizzes.generation.facts import FactBase

Family = Callable[[FactBase], Iterable[Draft]]

FAMILIES: tuple[Family, ...] = (
    people.single_holder_roles,
    people.listed_members,
    people.parties,
    people.dominant_parties,
    bodies.deeds,
    bodies.elections,
    bodies.matching_deeds,
    numbers.numbers,
    numbers.outcomes,
    numbers.matching_counts,
    chronology.events,
    chronology.ordering,
    chronology.matching_dates,
    chronology.matching_people,
    resolutions.positions,
    resolutions.what_each_said,
    resolutions.matching,
)


def generate(kb: FactBase) -> list[Draft]:
    """Every question the fact base supports, deterministic and sorted by id.

    Two passes: the first counts how often each named thing is offered as an option; the
    second prefers the most offered things as distractors, so that how often an option is
    seen across the bank says nothing about whether it is right. Two drafts that would show
    a student the same thing are kept once; true/false statements are balanced.
    """
    first = _generate_once(kb)
    offered = Counter(o.ref for d in first for o in d.options if d.kind == Kind.SINGLE_CHOICE)
    with popularity(dict(offered)):
        return _generate_once(kb)


def _generate_once(kb: FactBase) -> list[Draft]:
    drafts: dict[str, Draft] = {}
    seen: set[str] = set()
    for family in FAMILIES:
        for draft in family(kb):
            if not well_formed(draft):
                continue
            content = draft.content_hash()
            if draft.uid in drafts or content in seen:
                continue
            drafts[draft.uid] = draft
            seen.add(content)
    return sorted(balance_true_false(list(drafts.values())), key=lambda d: d.uid)


def well_formed(draft: Draft) -> bool:
    """A last guard: no two options, items or pair sides a student could not tell apart.

    Families avoid such drafts already; this catches what edits to the facts could still
    produce (two people given the same name, say), so the bank never holds an ambiguity.
    """
    if draft.kind == Kind.SHORT_ANSWER and not draft.accepted:
        return False
    groups = [list(draft.options), list(draft.items)]
    if draft.pairs:
        groups += [[left for left, _ in draft.pairs], [right for _, right in draft.pairs]]
    return all(distinct(group) for group in groups if group)


def balance_true_false(drafts: list[Draft]) -> list[Draft]:
    statements = [d for d in drafts if d.kind == Kind.TRUE_FALSE]
    true = sorted((d for d in statements if d.truth), key=lambda d: stable_int(d.uid))
    false = sorted((d for d in statements if not d.truth), key=lambda d: stable_int(d.uid))
    keep = min(len(true), len(false))
    kept = {d.uid for d in true[:keep] + false[:keep]}
    return [d for d in drafts if d.kind != Kind.TRUE_FALSE or d.uid in kept]
