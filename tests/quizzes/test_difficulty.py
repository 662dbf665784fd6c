"""The difficulty model: a prior from the item's features, then Elo updates from answers."""

import math

import pytest

from quizzes import difficulty as d


def test_the_guessing_floor_is_one_over_k_one_half_or_zero():
    assert d.guessing_floor("single_choice", 4) == 0.25
    assert d.guessing_floor("true_false", 2) == 0.5
    assert d.guessing_floor("short_answer", 0) == 0.0
    assert d.guessing_floor("numeric", 0) == 0.0


def test_an_item_is_never_easier_to_guess_than_its_floor():
    for b in (-5, 0, 5):
        assert d.p_correct(b, 0.25) >= 0.25
        assert d.p_correct(b, 0.25) < 1


def test_the_prior_adds_up_the_features_as_documented():
    features = d.ItemFeatures("single_choice", options=4, reverse=True, closeness=0.5, prominence=2)
    # BASE + single choice + reverse + half closeness + one step below headline
    assert d.prior_difficulty(features) == pytest.approx(-0.5 - 0.3 + 0.4 + 0.5 + 0.5)


@pytest.mark.parametrize(
    ("easier", "harder"),
    [
        (d.ItemFeatures("true_false", 2), d.ItemFeatures("short_answer")),
        (d.ItemFeatures("single_choice", 4), d.ItemFeatures("single_choice", 4, reverse=True)),
        (d.ItemFeatures("numeric"), d.ItemFeatures("numeric", two_step=True)),
        (d.ItemFeatures("single_choice", 4), d.ItemFeatures("single_choice", 4, closeness=1.0)),
        (
            d.ItemFeatures("single_choice", 4, prominence=3),
            d.ItemFeatures("single_choice", 4, prominence=1),
        ),
    ],
)
def test_each_feature_makes_a_question_harder_in_the_expected_direction(easier, harder):
    floor_e = d.guessing_floor(easier.kind, easier.options)
    floor_h = d.guessing_floor(harder.kind, harder.options)
    assert d.p_correct(d.prior_difficulty(easier), floor_e) > d.p_correct(
        d.prior_difficulty(harder), floor_h
    )


def test_k_shrinks_with_the_number_of_answers():
    assert d.k_factor(0) == 0.8
    assert d.k_factor(20) == pytest.approx(0.4)


def test_a_right_answer_makes_the_item_easier_by_k_times_the_surprise():
    # b = 0, floor 0.25: expected = 0.25 + 0.75 * 0.5 = 0.625; K = 0.8 for the first answer.
    assert d.elo_update(0.0, 0.25, 0, correct=1.0) == pytest.approx(-0.8 * 0.375)
    assert d.elo_update(0.0, 0.25, 0, correct=0.0) == pytest.approx(0.8 * 0.625)


def test_after_many_right_answers_the_estimate_approaches_one():
    b, floor = 0.0, 0.0
    for n in range(200):
        b = d.elo_update(b, floor, n, correct=1.0)
    assert d.p_correct(b, floor) > 0.95
    assert not math.isnan(b)
