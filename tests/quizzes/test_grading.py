"""Final grades by Moodle's grading methods, who is who among a set's attempts, and how grades
and points are written: pure functions, against values computed by hand."""

import pytest

from quizzes import grading as g

# A student's three finished attempts, in the order started: 0 of 3, 3 of 3, 2 of 3.
SHARES = [0.0, 1.0, 2 / 3]


@pytest.mark.parametrize(
    ("method", "grade", "giving"),
    [
        ("highest", 1.0, 1),
        ("first", 0.0, 0),
        ("last", 2 / 3, 2),
        ("average", 5 / 9, None),  # (0 + 1 + 2/3) / 3
    ],
)
def test_each_grading_method_picks_its_attempt(method, grade, giving):
    assert g.final_grade(method, SHARES) == pytest.approx(grade)
    assert g.grading_attempt(method, SHARES) == giving


def test_the_highest_grade_goes_to_the_earliest_attempt_that_reached_it():
    assert g.grading_attempt("highest", [0.5, 1.0, 1.0]) == 1


def test_no_finished_attempt_no_grade():
    assert g.final_grade("highest", []) is None and g.grading_attempt("last", []) is None


def test_attempts_of_one_nickname_are_one_student_whatever_its_case_or_look_alike_letters():
    # "Аnn" starts with a Cyrillic А: it looks like "Ann", so it is the same student.
    attempts = [("Ann", None), ("Bob", None), ("ann", None), ("\u0410nn", None)]
    assert g.students(attempts) == [[0, 2, 3], [1]]


def test_a_logged_in_students_nicknames_are_one_student():
    # User 7 joined as Ann, then as Anna; a later anonymous "Anna" from that browser is the
    # same nickname, so the same student. User 8 is another student.
    attempts = [("Ann", 7), ("Bob", None), ("Anna", 7), ("Anna", None), ("Cleo", 8)]
    assert g.students(attempts) == [[0, 2, 3], [1], [4]]


def test_grades_and_points_are_written_with_fixed_decimals():
    assert [g.percent_text(x) for x in (5 / 9, 1.0, 0.0, 2 / 3)] == ["55.6", "100.0", "0.0", "66.7"]
    assert [g.points_text(x) for x in (1.0, 0.5, 1 / 3, 0.0, 10.0, 2.25)] == [
        "1", "0.5", "0.33", "0", "10", "2.25"
    ]  # fmt: skip
