"""Scoring an answer against a stored question version. Pure: no database, no request.

Each function takes the question's payload (Question.payload, as generation wrote it) and the
answer as the server parsed it, and returns the share of the question's credit, 0 to 1.

- single choice, true/false: 1 for the key, 0 otherwise.
- multiple response: (right choices - wrong choices) / number of right options, floored at 0.
- numeric: 1 when within the tolerance of the value.
- ordering: the longest run of items that stand in the right relative order (the longest
  increasing subsequence of their true positions), counted as (length - 1) / (items - 1):
  the fully right order scores 1, the fully reversed one 0. Moodle's "longest ordered subset".
- matching: the share of left items paired with their right match.
- short answer: 1 when the folded text (no case, no diacritics, no apostrophes, spaces
  trimmed) equals the folded form of any accepted spelling.
"""

from __future__ import annotations

import bisect
from decimal import Decimal

from conference import wording


def score(payload: dict, answer: dict) -> float:
    kind = payload["kind"]
    return SCORERS[kind](payload, answer)


def _single_choice(payload: dict, answer: dict) -> float:
    chosen = answer.get("option")
    return 1.0 if any(o["id"] == chosen and o["correct"] for o in payload["options"]) else 0.0


def _multiple_response(payload: dict, answer: dict) -> float:
    chosen = set(answer.get("options", []))
    right = {o["id"] for o in payload["options"] if o["correct"]}
    wrong = {o["id"] for o in payload["options"] if not o["correct"]}
    raw = len(chosen & right) - len(chosen & wrong)
    return max(0.0, raw / len(right)) if right else 0.0


def _true_false(payload: dict, answer: dict) -> float:
    return 1.0 if answer.get("value") is payload["truth"] else 0.0


def _numeric(payload: dict, answer: dict) -> float:
    value = answer.get("value")
    if value is None:
        return 0.0
    distance = abs(Decimal(str(value)) - Decimal(str(payload["number"])))
    return 1.0 if distance <= Decimal(str(payload.get("tolerance", 0))) else 0.0


def longest_ordered_run(positions: list[int]) -> int:
    """Length of the longest increasing subsequence (patience sorting, O(n log n))."""
    tails: list[int] = []
    for position in positions:
        index = bisect.bisect_left(tails, position)
        if index == len(tails):
            tails.append(position)
        else:
            tails[index] = position
    return len(tails)


def _ordering(payload: dict, answer: dict) -> float:
    truth = [item["id"] for item in payload["items"]]
    order = answer.get("order", [])
    if sorted(order) != sorted(truth) or len(truth) < 2:
        return 0.0
    rank = {item: index for index, item in enumerate(truth)}
    run = longest_ordered_run([rank[item] for item in order])
    return (run - 1) / (len(truth) - 1)


def _matching(payload: dict, answer: dict) -> float:
    pairs = answer.get("pairs", {})
    lefts = payload["lefts"]
    right = sum(1 for left in lefts if pairs.get(left["id"]) == left["match"])
    return right / len(lefts) if lefts else 0.0


def _short_answer(payload: dict, answer: dict) -> float:
    typed = wording.fold(answer.get("text", ""))
    return 1.0 if typed and typed in {wording.fold(a) for a in payload["accepted"]} else 0.0


SCORERS = {
    "single_choice": _single_choice,
    "multiple_response": _multiple_response,
    "true_false": _true_false,
    "numeric": _numeric,
    "ordering": _ordering,
    "matching": _matching,
    "short_answer": _short_answer,
}
