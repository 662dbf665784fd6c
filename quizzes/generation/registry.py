"""The question families, and the one function that turns a fact base into the bank."""

from __future__ import annotations

import dataclasses
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable

from quizzes.generation import (
    bodies,
    chronology,
    connections,
    explaining,
    numbers,
    people,
    resolutions,
    shortcuts,
)
from quizzes.generation.distractors import (
    distinct,
    key_not_uniquely_longest,
    popularity,
    targets,
)
from quizzes.generation.drafts import Draft, Kind, stable_int
from quizzes.generation.facts import LANGUAGES, FactBase

Family = Callable[[FactBase], Iterable[Draft]]

FAMILIES: tuple[Family, ...] = (
    people.single_holder_roles,
    people.parties,
    people.dominant_parties,
    bodies.deeds,
    bodies.elections,
    bodies.matching_deeds,
    numbers.counts,
    numbers.votes,
    chronology.events,
    chronology.ordering,
    chronology.matching_people,
    resolutions.positions,
    resolutions.what_each_said,
    connections.connections,
)


def generate(kb: FactBase) -> list[Draft]:
    """Every question the fact base supports, deterministic and sorted by id.

    Two passes: the first counts how often each named thing is offered as an option and
    where each topic's keys should stand; the second prefers the most offered things as
    distractors, so that how often an option is seen across the bank says nothing about
    whether it is right. Then one statement is kept of each true/false pair, so that each
    topic's statements are about half true, each question learns which article states
    everything it asks, and no test-wise shortcut is left (guard_shortcuts).
    """
    first = _generate_once(kb)
    offered = Counter(o.ref for d in first for o in d.options if d.kind == Kind.SINGLE_CHOICE)
    with popularity(dict(offered)):
        drafts = guard_shortcuts(kb, rank_targets(first))
    return sorted(_closed_or_not_longest(drafts), key=lambda d: d.uid)


def _closed_or_not_longest(drafts: list[Draft]) -> list[Draft]:
    """Leave out a single-choice question whose key is its one longest option, unless it
    belongs to a closed family: questions offering the same few options, each the key of
    as many of them as any other, where length tells nothing. The who-questions are built
    as one (people.who_is_asked), but an edit of the facts can leave a family unbalanced
    (a question of it dropped for another reason); then its longest keys go too."""
    while True:
        families: dict[frozenset, list[Draft]] = {}
        for d in drafts:
            if d.kind == Kind.SINGLE_CHOICE:
                families.setdefault(frozenset(o.ref for o in d.options), []).append(d)
        closed = set()
        for refs, family in families.items():
            keys = Counter(next(o.ref for o in d.options if o.correct) for d in family)
            if len(family) > 1 and set(keys) == refs and len(set(keys.values())) == 1:
                closed |= {d.uid for d in family}
        kept = [
            d
            for d in drafts
            if d.kind != Kind.SINGLE_CHOICE
            or d.uid in closed
            or all(
                key_not_uniquely_longest(
                    next(o for o in d.options if o.correct).text[lang],
                    [o.text[lang] for o in d.options],
                )
                for lang in LANGUAGES
            )
        ]
        if len(kept) == len(drafts):
            return kept
        drafts = kept


def _finish(kb: FactBase, ranks: dict[str, int]) -> list[Draft]:
    with targets(ranks):
        drafts = keep_one_per_group(_generate_once(kb))
    return [
        dataclasses.replace(d, articles=articles(kb, d), hint=explaining.hint(kb, d))
        for d in drafts
    ]


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
    return list(drafts.values())


# Where keys go, in turn, within a topic: every place as often. Among figures the first two
# go to an inner place and an end, so that a topic with only two figure questions rewards
# neither "pick an extreme" nor "pick the middle"; the middle one (the "pick the middle
# number" guess) comes last.
NUMBER_RANKS = (2, 0, 3, 1)
NAMED_RANKS = (2, 0, 3, 1)


def rank_targets(drafts: list[Draft]) -> dict[str, int]:
    """Where each single-choice question's key goes, so that within each topic the key
    stands in every position about as often. Named questions carry on the turn from one
    topic to the next, so that over the bank, too, no place is favoured; those with fewer
    options (three names, two parties) take every place in turn among themselves."""
    by_topic: dict[str, list[Draft]] = defaultdict(list)
    for draft in drafts:
        if draft.kind == Kind.SINGLE_CHOICE:
            by_topic[draft.topic].append(draft)
    ranks: dict[str, int] = {}
    turn: Counter = Counter()
    for topic, items in sorted(by_topic.items()):
        numbered = sorted((d for d in items if not d.shuffled), key=lambda d: d.uid)
        for index, draft in enumerate(numbered):
            ranks[draft.uid] = NUMBER_RANKS[index % len(NUMBER_RANKS)] % len(draft.options)
        named = sorted((d for d in items if d.shuffled), key=lambda d: stable_int(topic, d.uid))
        for draft in named:
            size = len(draft.options)
            cycle = NAMED_RANKS if size == len(NAMED_RANKS) else range(size)
            ranks[draft.uid] = cycle[turn[size] % size]
            turn[size] += 1
    return ranks


def well_formed(draft: Draft) -> bool:
    """A last guard: no two options, items or pair sides a student could not tell apart.

    Families avoid such drafts already; this catches what edits to the facts could still
    produce (two people given the same name, say), so the bank never holds an ambiguity.
    """
    if draft.kind == Kind.SHORT_ANSWER and not draft.accepted:
        return False
    if draft.kind in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_RESPONSE) and not any(
        o.correct for o in draft.options
    ):
        return False
    groups = [list(draft.options), list(draft.items)]
    if draft.pairs:
        groups += [[left for left, _ in draft.pairs], [right for _, right in draft.pairs]]
    return all(distinct(group) for group in groups if group)


def keep_one_per_group(drafts: list[Draft]) -> list[Draft]:
    """Of each true/false pair keep one, so that within each topic statements are true as
    often as false: forced choices first (a fact with only a true version), then each
    remaining pair, in a stable order, takes the side the topic is short of."""
    grouped: dict[str, list[Draft]] = defaultdict(list)
    for draft in drafts:
        if draft.group:
            grouped[draft.group].append(draft)
    kept_true: Counter = Counter()
    kept_false: Counter = Counter()
    kept: set[str] = set()
    free = []
    for group, members in grouped.items():
        if len(members) == 1:
            member = members[0]
            kept.add(member.uid)
            (kept_true if member.truth else kept_false)[member.topic] += 1
        else:
            free.append((group, members))
    free.sort(key=lambda item: stable_int(item[0]))
    for group, members in free:
        topic = members[0].topic
        want_true = kept_true[topic] < kept_false[topic] or (
            kept_true[topic] == kept_false[topic] and stable_int(group, "side") % 2 == 0
        )
        member = next((m for m in members if bool(m.truth) == want_true), members[0])
        kept.add(member.uid)
        (kept_true if member.truth else kept_false)[topic] += 1
    # The kept statement takes the group's id: stable whichever side is kept, and an export
    # named ".../false" would tell the answer.
    return [
        dataclasses.replace(d, uid=d.group) if d.group else d
        for d in drafts
        if not d.group or d.uid in kept
    ]


def shown(drafts: list[Draft], language: str) -> list[dict]:
    """The bank as a student sees it in one language (the shape of the JSON export)."""
    out = []
    for draft in drafts:
        question = {
            "id": draft.uid,
            "topic": str(draft.topic),
            "kind": str(draft.kind),
            "prompt": draft.prompt[language],
        }
        if draft.options:
            question["options"] = [o.text[language] for o in draft.ordered_options(language)]
        if draft.kind == Kind.SINGLE_CHOICE:
            question["answer"] = next(o.text[language] for o in draft.options if o.correct)
        out.append(question)
    return out


def _shortcut_cost(drafts: list[Draft]) -> float:
    """How far the shortcuts beat chance, summed over topics, strategies and languages."""
    return sum(
        max(0.0, share - chance - shortcuts.MARGIN)
        for lang in LANGUAGES
        for _t, _s, share, chance, _ids in shortcuts.scores(shown(drafts, lang))
    )


def guard_shortcuts(kb: FactBase, ranks: dict[str, int], trials: int = 24) -> list[Draft]:
    """The bank, with figure and date questions moved to other key places until no
    test-wise shortcut beats chance in any topic (or the trials run out).

    Spreading keys evenly over the places defeats the shortcuts that go by position; what it
    cannot see is, say, a date that is the key of one question and offered less often than
    the others: moving a key elsewhere changes which distractors stand beside it.
    """
    drafts = _finish(kb, ranks)
    best = _shortcut_cost(drafts)
    while best > 0 and trials > 0:
        topics = {t for lang in LANGUAGES for t, _s, _ids in shortcuts.excess(shown(drafts, lang))}
        movable = [
            d
            for d in drafts
            if d.kind == Kind.SINGLE_CHOICE and not d.shuffled and d.topic in topics
        ]
        improved = False
        for draft in movable:
            for rank in range(len(draft.options)):
                if rank == ranks.get(draft.uid) or trials <= 0:
                    continue
                trials -= 1
                trial_ranks = {**ranks, draft.uid: rank}
                trial = _finish(kb, trial_ranks)
                cost = _shortcut_cost(trial)
                if cost < best:
                    drafts, best, ranks, improved = trial, cost, trial_ranks, True
                    break
            if improved:
                break
        if not improved:
            break
    return drafts


def articles(kb: FactBase, draft: Draft) -> tuple[str, ...]:
    """The articles ("en", "it") that state every fact the question asks about: a class that
    read only one article is asked only what it could have read there."""
    refs = [f for f in draft.facts if f.startswith("connection:")] or list(draft.facts)
    languages = set(LANGUAGES)
    for ref in refs:
        fact = kb.by_ref.get(ref)
        cited = {c.language for c in getattr(fact, "citations", ())}
        languages &= cited
    return tuple(lang for lang in LANGUAGES if lang in languages)
