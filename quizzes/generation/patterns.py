"""The shape most facts share: one choice question and a true and a false statement.

A fact with a known value (a date, a number, a person, a body, a resolution) gives a
single-choice question whose key is that value, a true statement of it, and a false one in
which a plausible wrong value (the first distractor candidate) takes its place.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from quizzes.generation import distractors as pick
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query
from quizzes.generation.facts import Text


def choice_and_statements(
    *,
    uids: tuple[str, str, str],  # choice, true statement, false statement
    prompt: Text,
    key: Option,
    wrong: list[Option],
    query: Query,
    state: Callable[[Option], Text],
    fact: Callable[[Option], Query],
    choice_features: Features | Callable[[list[Option]], Features],
    statement_features: Features | Callable[[Option], Features],
    min_options: int = 4,
    false_from_end: bool = False,
    **common,
) -> Iterator[Draft]:
    """Yield the choice question (when a valid set of options exists) and both statements."""
    choice_uid, true_uid, false_uid = uids
    size = min(4, len(wrong) + 1)
    options = None
    if size >= min_options:
        options = pick.choose_any_rank(
            uid=choice_uid, prompt=prompt, key=key, candidates=wrong, size=size
        )
    if options:
        yield Draft(
            uid=choice_uid,
            kind=Kind.SINGLE_CHOICE,
            prompt=prompt,
            options=tuple(options),
            query=query,
            features=choice_features(options) if callable(choice_features) else choice_features,
            **common,
        )
    features = (
        statement_features if callable(statement_features) else (lambda o: statement_features)
    )
    yield Draft(
        uid=true_uid,
        kind=Kind.TRUE_FALSE,
        prompt=state(key),
        truth=True,
        query=fact(key),
        features=features(key),
        **common,
    )
    if wrong:
        other = wrong[-1] if false_from_end else wrong[0]
        yield Draft(
            uid=false_uid,
            kind=Kind.TRUE_FALSE,
            prompt=state(other),
            truth=False,
            query=fact(other),
            features=features(other),
            **common,
        )
