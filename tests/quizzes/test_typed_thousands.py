"""A thousands separator typed as the language writes it: an Italian's 1.000 and an English
speaker's 1,000 are a thousand, in a student's answer (the question's language) and in a
teacher's key (the page's); either mark before other than three digits stays the decimal one;
and a key with three decimals survives being edited in Italian."""

from decimal import Decimal

import pytest
from django.utils import translation

from quizzes import numbers, scoring
from quizzes.authoring import written as w
from quizzes.authoring.forms import initial_from
from quizzes.forms import AnswerForm
from quizzes.presenting import answer_text, key_text, present
from tests.quizzes.authoring import written

THOUSAND = {"kind": "numeric", "prompt": {"en": "How many?", "it": "Quanti?"}, "number": 1000,
            "tolerance": 0}  # fmt: skip


@pytest.mark.parametrize(
    ("language", "typed", "number"),
    [
        ("it", "1.000", "1000"),
        ("it", "12.500.000", "12500000"),
        ("it", "1.000,5", "1000.5"),
        ("it", "1 000", "1000"),
        ("it", "1\u00a0000", "1000"),
        ("it", "1,000", "1"),  # a decimal comma, as an Italian reads it
        ("it", "13,5", "13.5"),
        ("it", "13.5", "13.5"),  # a phone's point, not a group of three
        ("en", "1,000", "1000"),
        ("en", "1,000.5", "1000.5"),
        ("en", "1.000", "1"),
        ("en", "13.5", "13.5"),
        ("en", "13,5", "13.5"),
        ("en", "480", "480"),
        ("en", "-2", "-2"),
    ],
)
def test_a_typed_number_is_read_as_its_language_writes_it(language, typed, number):
    assert numbers.parse(typed, language) == Decimal(number)


@pytest.mark.parametrize("typed", ["", "1.00.0", "1,0000,000", "1e3", "NaN", "one", "1.2.3"])
def test_what_is_not_a_number_is_none_in_either_language(typed):
    for language in ("en", "it"):
        assert numbers.parse(typed, language) is None, (language, typed)


@pytest.mark.parametrize(("language", "typed"), [("it", "1.000"), ("en", "1,000")])
def test_a_student_who_types_a_thousand_with_a_separator_is_right(language, typed):
    shown = present(THOUSAND, attempt_id="a", position=0, language=language)
    form = AnswerForm({"answer": typed}, shown=shown)
    assert form.is_valid(), form.errors
    answer = form.cleaned_data["answer"]
    assert scoring.score(THOUSAND, answer) == 1.0
    # The review and the teacher's view of the attempt show the thousand, not "1,000".
    assert answer_text(THOUSAND, answer, "it") == "1000"
    assert answer_text(THOUSAND, answer, "en") == "1000"


@pytest.mark.django_db
def test_an_italian_teachers_key_of_1_000_is_a_thousand():
    with translation.override("it"):
        question = written("numeric", number="1.000", tolerance="")
    payload = w.payload(question, "teacher/x")
    assert payload["number"] == 1000
    assert key_text(payload, "it") == "1000"
    assert scoring.score(payload, {"value": "1000"}) == 1.0


@pytest.mark.django_db
def test_a_key_with_three_decimals_is_kept_when_an_italian_teacher_saves_it_unchanged():
    payload = w.payload(written("numeric", number="2.375", tolerance="0.125"), "teacher/x")
    stored = w.from_payload(payload, topic="", level="recall", facts=[])
    with translation.override("it"):
        initial, _rows = initial_from(stored)
        assert (initial["number"], initial["tolerance"]) == ("2,375", "0,125")
        again = written("numeric", number=initial["number"], tolerance=initial["tolerance"])
    again = w.payload(again, "teacher/x")
    assert (again["number"], again["tolerance"]) == (2.375, 0.125)
