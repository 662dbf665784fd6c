"""The shortcuts of a test-wise student who knows nothing about the Conference, as code.

Each strategy sees what a student sees (the stem, and a single-choice question's options in
the order shown) and picks: the longest option, the one sharing most words with the stem,
the middle figure, the largest or the smallest figure (an extreme), the option offered most
or least often across the bank, the name the student has met least (never heard of), or any
name but that one (ruling out the name never heard of, which wins wherever the obscure name
is never the answer); among options it cannot tell apart, it picks at random. Within each
topic a strategy's expected score must not beat chance by more than five points. The
registry places keys so that none does (registry.guard_shortcuts), and the families offer
as wrong names only answers of their kind (people.who_is_asked);
tests/quizzes/test_testwise_strategies.py proves it on the exported bank. Pure.

A question is a dict as the JSON export writes it: id, topic, kind, prompt, options,
answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from conference.wording import MONTHS
from quizzes.generation.distractors import content_stems

MARGIN = 0.05
FIGURE = re.compile(r"^\d|\d{4}$")


def _best(options: list[str], score) -> list[str]:
    top = max(score(o) for o in options)
    return [o for o in options if score(o) == top]


def longest(question: dict, seen: dict) -> list[str]:
    return _best(question["options"], len)


def most_like_the_stem(question: dict, seen: dict) -> list[str]:
    stem = content_stems(question["prompt"])
    return _best(question["options"], lambda o: len(content_stems(o) & stem))


def middle_number(question: dict, seen: dict) -> list[str]:
    options = question["options"]
    return [options[(len(options) - 1) // 2]]


def extreme_figure(question: dict, seen: dict) -> list[str]:
    """The largest or the smallest figure, as a student who thinks answers sit at the ends."""
    options = question["options"]
    values = [figure_value(o) for o in options]
    return [o for o, v in zip(options, values, strict=True) if v in (min(values), max(values))]


def figure_value(option: str) -> tuple[int, ...]:
    """What a figure is worth, to compare it: 480 -> (480,), "April 12, 1917" and "12 aprile
    1917" -> (1917, 4, 12)."""
    if option.isdigit():
        return (int(option),)
    words = option.replace(",", " ").replace("º", "").split()
    for names in MONTHS.values():
        for index, name in enumerate(names, start=1):
            if name in words:
                numbers = [int(w) for w in words if w.isdigit()]
                day = min(numbers) if numbers else 0
                year = max(numbers) if numbers else 0
                return (year, index, day)
    return (0,)


def most_often_offered(question: dict, seen: dict) -> list[str]:
    return _best(question["options"], lambda o: seen["options"][o])


def least_often_offered(question: dict, seen: dict) -> list[str]:
    return _best(question["options"], lambda o: -seen["options"][o])


def never_heard_of(question: dict, seen: dict) -> list[str]:
    """The names the student has met least in the questions' own wording."""
    return _best(question["options"], lambda o: -seen["prompts"][o])


def rule_out_never_heard_of(question: dict, seen: dict) -> list[str]:
    """Any name but those the student has met least: the mirror of never_heard_of."""
    least = never_heard_of(question, seen)
    return [o for o in question["options"] if o not in least] or question["options"]


def expected_score(strategy, question: dict, seen: dict) -> float:
    """What the strategy scores on a question, picking at random among the options it
    cannot tell apart: 1/n when the key is one of its n favourites, else 0."""
    favourites = strategy(question, seen)
    return 1 / len(favourites) if question["answer"] in favourites else 0.0


Strategy = Callable[[dict, dict], list[str]]
STRATEGIES: tuple[Strategy, ...] = (
    longest,
    most_like_the_stem,
    middle_number,
    extreme_figure,
    most_often_offered,
    least_often_offered,
    never_heard_of,
    rule_out_never_heard_of,
)


def is_figure(question: dict) -> bool:
    """Numbers or dates: "480", "April 12, 1917", "12 aprile 1917"."""
    return all(FIGURE.search(option) for option in question["options"])


def is_names(question: dict) -> bool:
    """Names of people, parties or bodies (not figures, not sentences)."""
    return not is_figure(question) and all(
        len(option.split()) <= 6 and not option.endswith(".") for option in question["options"]
    )


def applies(strategy: Strategy, question: dict) -> bool:
    if strategy in (middle_number, extreme_figure):
        return is_figure(question)
    if strategy in (never_heard_of, rule_out_never_heard_of):
        return is_names(question)
    return True


def seen_counts(questions: list[dict]) -> dict:
    options = Counter(o for q in questions for o in q.get("options", ()))
    prompts = " ".join(q["prompt"] for q in questions)
    return {"options": options, "prompts": Counter({o: prompts.count(o) for o in options})}


def scores(questions: list[dict]) -> list[tuple[str, str, float, float, list[str]]]:
    """For each topic and strategy: (topic, strategy, expected share right, chance, ids of
    the questions it has a chance on)."""
    seen = seen_counts(questions)
    out = []
    for topic in sorted({q["topic"] for q in questions}):
        choice = [q for q in questions if q["topic"] == topic and q["kind"] == "single_choice"]
        for strategy in STRATEGIES:
            asked = [q for q in choice if applies(strategy, q)]
            if not asked:
                continue
            points = {q["id"]: expected_score(strategy, q, seen) for q in asked}
            chance = sum(1 / len(q["options"]) for q in asked) / len(asked)
            helped = [uid for uid, p in points.items() if p > 0]
            out.append(
                (topic, strategy.__name__, sum(points.values()) / len(asked), chance, helped)
            )
    return out


def excess(questions: list[dict], margin: float = MARGIN) -> list[tuple[str, str, list[str]]]:
    """(topic, strategy, ids it scores on) wherever a strategy beats chance + margin."""
    return [
        (topic, name, helped)
        for topic, name, share, chance, helped in scores(questions)
        if share > chance + margin + 1e-9
    ]
