"""Scoring each kind of question on the server, partial credit included."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizzes.scoring import longest_ordered_run, score

SINGLE = {
    "kind": "single_choice",
    "options": [
        {"id": "o1", "correct": False},
        {"id": "o2", "correct": True},
        {"id": "o3", "correct": False},
        {"id": "o4", "correct": False},
    ],
}
MULTIPLE = {
    "kind": "multiple_response",
    "options": [
        {"id": "o1", "correct": True},
        {"id": "o2", "correct": True},
        {"id": "o3", "correct": True},
        {"id": "o4", "correct": False},
        {"id": "o5", "correct": False},
    ],
}
ORDERING = {"kind": "ordering", "items": [{"id": f"i{n}"} for n in range(1, 5)]}
MATCHING = {
    "kind": "matching",
    "lefts": [
        {"id": "l1", "match": "r2"},
        {"id": "l2", "match": "r1"},
        {"id": "l3", "match": "r3"},
    ],
}
SHORT = {"kind": "short_answer", "accepted": ["Nikolay Chkheidze", "Chkheidze", "Čcheidze"]}


def test_single_choice_scores_only_the_key():
    assert score(SINGLE, {"option": "o2"}) == 1
    assert score(SINGLE, {"option": "o1"}) == 0
    assert score(SINGLE, {"option": "forged"}) == 0
    assert score(SINGLE, {}) == 0


@pytest.mark.parametrize(
    ("chosen", "expected"),
    [
        (["o1", "o2", "o3"], 1.0),
        (["o1", "o2"], 2 / 3),
        (["o1", "o2", "o3", "o4"], 2 / 3),
        (["o1", "o4"], 0.0),
        (["o4", "o5"], 0.0),  # floored at 0
        (["o1", "o2", "o3", "o4", "o5"], 1 / 3),
        ([], 0.0),
    ],
)
def test_multiple_response_is_right_minus_wrong_floored_at_zero(chosen, expected):
    assert score(MULTIPLE, {"options": chosen}) == pytest.approx(expected)


def test_true_false_needs_the_boolean_itself():
    assert score({"kind": "true_false", "truth": False}, {"value": False}) == 1
    assert score({"kind": "true_false", "truth": False}, {"value": True}) == 0
    assert score({"kind": "true_false", "truth": False}, {"value": 0}) == 0


def test_numeric_answers_within_tolerance_are_right():
    question = {"kind": "numeric", "number": 480, "tolerance": 10}
    assert score(question, {"value": 480}) == 1
    assert score(question, {"value": 470}) == 1
    assert score(question, {"value": "490.0"}) == 1
    assert score(question, {"value": 491}) == 0
    assert score({"kind": "numeric", "number": 57, "tolerance": 0}, {"value": 57.5}) == 0


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        (["i1", "i2", "i3", "i4"], 1.0),
        (["i4", "i3", "i2", "i1"], 0.0),
        (["i2", "i1", "i3", "i4"], 2 / 3),  # i1 i3 i4 (or i2 i3 i4): a run of 3
        (["i1", "i3", "i2", "i4"], 2 / 3),
        (["i1", "i2", "i3"], 0.0),  # an item missing: not an ordering of these items
        (["i1", "i1", "i2", "i3"], 0.0),
    ],
)
def test_ordering_scores_the_longest_run_in_the_right_relative_order(order, expected):
    assert score(ORDERING, {"order": order}) == pytest.approx(expected)


@given(st.permutations(list(range(8))))
def test_the_longest_run_is_between_one_and_all_items(permutation):
    run = longest_ordered_run(permutation)
    assert 1 <= run <= 8
    assert (run == 8) == (permutation == sorted(permutation))


def test_matching_scores_the_share_of_right_pairs():
    assert score(MATCHING, {"pairs": {"l1": "r2", "l2": "r1", "l3": "r3"}}) == 1
    assert score(MATCHING, {"pairs": {"l1": "r2", "l2": "r3", "l3": "r1"}}) == pytest.approx(1 / 3)
    assert score(MATCHING, {"pairs": {}}) == 0


@pytest.mark.parametrize(
    "typed", ["Chkheidze", "čcheidze", "ccheidze", "  CHKHEIDZE ", "Nikolay Chkheidze"]
)
def test_short_answers_accept_every_spelling_any_case_with_or_without_diacritics(typed):
    assert score(SHORT, {"text": typed}) == 1


@pytest.mark.parametrize("typed", ["", "Kamenev", "Chkheidz", "Chkheidze Kamenev"])
def test_short_answers_refuse_other_text(typed):
    assert score(SHORT, {"text": typed}) == 0
