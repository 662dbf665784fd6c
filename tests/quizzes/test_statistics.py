"""The statistics of a class, against values computed by hand."""

import pytest

from quizzes import statistics as s

# Four students, three one-point questions.
MATRIX = [
    [1, 1, 1],  # total 3
    [1, 0, 1],  # total 2
    [0, 0, 1],  # total 1
    [0, 0, 0],  # total 0
]
POINTS = [1, 1, 1]


def test_summary_of_the_totals():
    summary = s.summary(MATRIX, POINTS)
    assert summary.count == 4
    assert summary.mean == 1.5 and summary.median == 1.5
    assert summary.sd == pytest.approx((5 / 3) ** 0.5)  # sample SD of 3, 2, 1, 0


def test_cronbachs_alpha_by_hand():
    # item variances 1/3, 1/4, 1/4; total variance 5/3; alpha = 3/2 * (1 - (5/6) / (5/3)) = 0.75
    assert s.cronbach_alpha(MATRIX, POINTS) == pytest.approx(0.75)


def test_alpha_needs_enough_attempts_and_varying_totals():
    assert s.cronbach_alpha(MATRIX[:2], POINTS) is None
    assert s.cronbach_alpha([[1, 1, 1]] * 5, POINTS) is None


def test_facility_is_the_mean_score_on_the_item():
    assert [i.facility for i in s.items(MATRIX, POINTS)] == [0.5, 0.25, 0.75]


def test_discrimination_correlates_the_item_with_the_rest_of_the_test():
    # item 1: scores 1 1 0 0 against rests 2 1 1 0 -> r = 1 / sqrt(2)
    # items 2 and 3: r = 0.75 / sqrt(0.75 * 2.75)
    values = [i.discrimination for i in s.items(MATRIX, POINTS)]
    assert values == pytest.approx(
        [2**-0.5, 0.75 / (0.75 * 2.75) ** 0.5, 0.75 / (0.75 * 2.75) ** 0.5]
    )


def test_items_are_flagged_too_hard_too_easy_or_not_discriminating():
    # Item 1: one student in six (facility 1/6). Item 2: everybody. Item 3: only the students
    # who did worst on the rest got it right (negative discrimination).
    matrix = [
        [1, 1, 0, 1, 1],
        [0, 1, 0, 1, 1],
        [0, 1, 0, 1, 0],
        [0, 1, 1, 0, 1],
        [0, 1, 1, 0, 0],
        [0, 1, 1, 0, 0],
    ]
    stats = s.items(matrix, [1] * 5)
    assert "hard" in stats[0].flags and stats[0].facility == pytest.approx(1 / 6)
    assert stats[1].flags == ("easy",) and stats[1].discrimination is None
    assert "weak" in stats[2].flags and stats[2].discrimination < 0
    assert stats[4].flags == ()  # facility 0.5, discrimination 0.45


def test_partial_credit_and_points_count_in_the_totals():
    matrix = [[0.5, 1], [1, 0]]
    assert s.totals(matrix, [2, 1]) == [2.0, 2.0]


def test_histogram_puts_100_percent_in_the_last_band():
    assert s.histogram([0, 9.9, 10, 55, 100, 100]) == [2, 1, 0, 0, 0, 1, 0, 0, 0, 2]


def test_no_attempts_no_numbers():
    assert s.summary([], POINTS) == s.Summary(0, None, None, None, None)


def test_a_question_missing_from_an_attempt_is_analysed_without_it():
    matrix = [[1, None], [0, 1], [1, 0], [0, 1]]
    stats = s.items(matrix, [1, 1])
    assert stats[0].facility == 0.5
    assert stats[1].facility == pytest.approx(2 / 3)  # over the three attempts that had it
    assert s.cronbach_alpha(matrix, [1, 1]) == s.cronbach_alpha(matrix[1:], [1, 1])


# Discriminative efficiency: covariance(item, rest) / covariance of the same two lists sorted
# and paired in order (Moodle's formula). Computed by hand below with sums of products of
# deviations from the means; the n - 1 divisors cancel.


def test_efficiency_is_one_when_the_item_orders_students_as_the_rest_of_the_test_does():
    # In MATRIX every item's scores already rise with the rest of the test (ties aside), so
    # the covariance is the largest possible: item 1, scores 1 1 0 0, rests 2 1 1 0, means
    # 0.5 and 1: sum = 0.5*1 + 0.5*0 - 0.5*0 - 0.5*-1 = 1.0; sorted: 0 0 1 1 against
    # 0 1 1 2, the same 1.0.
    assert [i.efficiency for i in s.items(MATRIX, POINTS)] == pytest.approx([1.0, 1.0, 1.0])


def test_efficiency_by_hand_for_an_item_half_as_well_ordered_as_it_could_be():
    # Item 1: scores 1 0 1 0 against rests 3 2 1 0 (means 0.5 and 1.5).
    # covariance sum: 0.5*1.5 - 0.5*0.5 + 0.5*-0.5 - 0.5*-1.5 = 1.0
    # sorted pairs (0,0) (0,1) (1,2) (1,3): -0.5*-1.5 - 0.5*-0.5 + 0.5*0.5 + 0.5*1.5 = 2.0
    # efficiency 1.0 / 2.0 = 0.5; discrimination 1.0 / sqrt(1.0 * 5.0) = 0.4472.
    matrix = [[1, 1, 1, 1], [0, 1, 1, 0], [1, 1, 0, 0], [0, 0, 0, 0]]
    first = s.items(matrix, [1, 1, 1, 1])[0]
    assert first.efficiency == pytest.approx(0.5)
    assert first.discrimination == pytest.approx(5**-0.5)
    assert first.flags == ()


def test_a_very_easy_item_that_ranks_students_right_is_not_called_weak():
    # Nineteen of twenty right; the one wrong is among the weakest on the rest of the test
    # (rest 0), and one student scored 10 on the rest. Scores mean 0.95, rests mean 0.5.
    # covariance sum: -0.95*-0.5 + 18 * (0.05*-0.5) + 0.05*9.5 = 0.475 - 0.45 + 0.475 = 0.5
    # item sum of squares 0.95, rest sum of squares 95: discrimination 0.5 / 9.5 = 0.0526,
    # under 0.2 for its facility alone; sorted pairing is the same pairing: efficiency 1.
    matrix = [[0, 0]] + [[1, 0]] * 18 + [[1, 1]]
    item = s.items(matrix, [1, 10])[0]
    assert item.facility == pytest.approx(0.95)
    assert item.discrimination == pytest.approx(0.5 / 9.5)
    assert item.efficiency == pytest.approx(1.0)
    assert item.flags == ("easy",)


def test_a_very_easy_item_that_the_best_student_got_wrong_is_weak():
    # The one wrong answer is the strongest student's: covariance sum
    # 19 * (0.05*-0.5) - 0.95*9.5 = -9.5, so discrimination -9.5 / 9.5 = -1 and efficiency
    # -9.5 / 0.5 = -19 (the sorted pairing still gives +0.5).
    matrix = [[1, 0]] * 19 + [[0, 1]]
    item = s.items(matrix, [1, 10])[0]
    assert item.discrimination == pytest.approx(-1.0)
    assert item.efficiency == pytest.approx(-19.0)
    assert item.flags == ("easy", "weak")


def test_an_item_of_middle_facility_that_separates_nobody_is_weak():
    # Scores 1 0 0 1 against rests 3 2 1 0: 0.75 - 0.25 + 0.25 - 0.75 = 0, both indices 0.
    matrix = [[1, 1, 1, 1], [0, 1, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0]]
    item = s.items(matrix, [1, 1, 1, 1])[0]
    assert item.discrimination == pytest.approx(0.0)
    assert item.efficiency == pytest.approx(0.0)
    assert item.flags == ("weak",)


def test_efficiency_is_undefined_when_the_item_or_the_rest_never_varies():
    assert s.discriminative_efficiency([1, 1, 1], [0, 1, 2]) is None
    assert s.discriminative_efficiency([0, 1, 1], [2, 2, 2]) is None
    assert s.discriminative_efficiency([1], [1]) is None
    # A mean that is not exact in binary is still "no variation".
    assert s.discriminative_efficiency([0.1, 0.1, 0.1], [0, 1, 2]) is None
