"""Shapes the question families share: a choice question whose wrong options carry their
own feedback, and a true/false statement offered in a true and a false version.

One fact gives at most one true/false item: both versions carry the same ``group`` and the
registry keeps one of them, choosing so that each topic's statements are about half true.
"""

from __future__ import annotations

from collections.abc import Iterator

from quizzes.generation import distractors as pick
from quizzes.generation import explaining
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, value_of
from quizzes.generation.facts import FactBase, Text


def with_feedback(kb: FactBase, options: list[Option], *, tested: tuple[str, ...]) -> list[Option]:
    """Each wrong option with what its own facts say (explaining.about and its kin)."""
    key = next((o for o in options if o.correct), None)
    out = []
    for option in options:
        if option.correct or option.feedback is not None:
            out.append(option)
            continue
        value = value_of(option.ref)
        if isinstance(value, int) and key is not None:
            said = explaining.about_number(kb, value, value_of(key.ref), tested=tested)
        elif value is not None:
            said = explaining.about_date(kb, value, tested=tested)
        else:
            said = explaining.about(kb, option.ref, tested=tested)
        out.append(Option(option.ref, option.text, option.correct, said))
    return out


def single_choice(
    kb: FactBase,
    *,
    uid: str,
    prompt: Text,
    key: Option,
    candidates: list[Option],
    query: Query,
    features: Features | None = None,
    min_options: int = 4,
    closed: bool = False,
    **common,
) -> Iterator[Draft]:
    """A single-choice question when the facts allow a fair set of options (else nothing).

    Only candidates the fact base can say something about are offered: a wrong answer that
    nothing explains teaches nothing. ``closed``: the candidates are the family's own
    answers, each the key as often as the others (see distractors.acceptable)."""
    candidates = [
        c for c in with_feedback(kb, [key, *candidates], tested=common["facts"]) if not c.correct
    ]
    candidates = [c for c in candidates if c.feedback is not None]
    size = min(4, len(candidates) + 1)
    if size < min_options:
        return
    # Numbers and dates stand in their natural order; names in a fixed shuffle.
    named = value_of(key.ref) is None
    choose = pick.choose_plausible if named else pick.choose_any_rank
    if named:
        options = choose(
            uid=uid, prompt=prompt, key=key, candidates=candidates, size=size, closed=closed
        )
    else:
        options = choose(uid=uid, prompt=prompt, key=key, candidates=candidates, size=size)
    if not options:
        return
    if callable(features):
        features = features(options)
    yield Draft(
        uid=uid,
        kind=Kind.SINGLE_CHOICE,
        prompt=prompt,
        options=tuple(with_feedback(kb, options, tested=common["facts"])),
        query=query,
        features=features or Features(),
        shuffled=named,
        **common,
    )


def statements(
    *,
    uid: str,
    true: Text | None,
    false: Text | None,
    true_query: Query | None,
    false_query: Query | None,
    true_explanation: Text,
    false_explanation: Text,
    topic: Topic,
    features: Features,
    **common,
) -> Iterator[Draft]:
    """The true and the false version of one statement; the registry keeps one of them."""
    for truth, prompt, query, explanation in (
        (True, true, true_query, true_explanation),
        (False, false, false_query, false_explanation),
    ):
        if prompt is None:
            continue
        yield Draft(
            uid=f"{uid}/{'true' if truth else 'false'}",
            kind=Kind.TRUE_FALSE,
            topic=topic,
            prompt=prompt,
            truth=truth,
            query=query,
            explanation=explanation,
            features=features,
            group=uid,
            **common,
        )
