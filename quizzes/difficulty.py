"""How hard a question is: a prior from its features, then calibrated from answers (Elo).

The model is the one Pelánek (2016, "Applications of the Elo rating system in adaptive
educational systems") recommends for item banks:

    P(correct) = g + (1 - g) * sigmoid(theta - b)

g is the guessing floor (1/k for k options, 1/2 for true/false, 0 for typed answers), theta
the student's skill (0 for an average student) and b the item's difficulty. Before anyone has
answered, b comes from the item's features; after each answer it moves by

    b <- b - K * (correct - expected),   K = 0.8 / (1 + 0.05 * n)

where n counts the answers so far, so early answers move it a lot and later ones little.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

# How much harder each kind is than recognising the answer among options, in logits.
KIND_DIFFICULTY = {
    "true_false": -0.6,
    "single_choice": -0.3,
    "multiple_response": 0.4,
    "matching": 0.3,
    "ordering": 0.5,
    "numeric": 0.9,
    "short_answer": 1.0,
}
BASE = -0.5  # an average student knows a headline fact of an average kind
REVERSE = 0.4  # "Who opened ...?" is harder than "What did Chkheidze do?"
TWO_STEP = 0.6  # needs a computation or a second fact
CLOSENESS = 1.0  # distractors close to the key (480 vs 460) make recognition harder
PROMINENCE = 0.5  # per step below "headline"


@dataclass(frozen=True)
class ItemFeatures:
    kind: str
    options: int = 0  # number of options (choice kinds); 2 for true/false
    reverse: bool = False
    two_step: bool = False
    closeness: float = 0.0  # 0..1
    prominence: int = 2  # 1 detail, 2 main point, 3 headline


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def guessing_floor(kind: str, options: int) -> float:
    if kind == "true_false":
        return 0.5
    if kind == "single_choice" and options > 0:
        return 1.0 / options
    return 0.0


def prior_difficulty(features: ItemFeatures) -> float:
    """The item's difficulty b in logits, before anyone has answered it."""
    return (
        BASE
        + KIND_DIFFICULTY[features.kind]
        + (REVERSE if features.reverse else 0.0)
        + (TWO_STEP if features.two_step else 0.0)
        + CLOSENESS * min(1.0, max(0.0, features.closeness))
        + PROMINENCE * (3 - min(3, max(1, features.prominence)))
    )


def p_correct(difficulty: float, floor: float, skill: float = 0.0) -> float:
    """The probability that a student of this skill answers the item right."""
    return floor + (1.0 - floor) * sigmoid(skill - difficulty)


def k_factor(answers_so_far: int) -> float:
    return 0.8 / (1.0 + 0.05 * answers_so_far)


def elo_update(
    difficulty: float, floor: float, answers_so_far: int, correct: float, skill: float = 0.0
) -> float:
    """The item's new difficulty after one answer scored 0..1 (partial credit allowed)."""
    expected = p_correct(difficulty, floor, skill)
    return difficulty - k_factor(answers_so_far) * (correct - expected)
