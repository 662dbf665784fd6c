"""Typed answers: a hint for each kind (a number, a name, a date, a word), and the decimal
comma Italian students type, accepted and written back as they wrote it."""

import pytest
from django.urls import reverse
from django.utils import translation

from quizzes.forms import AnswerForm
from quizzes.models import Question, Response
from quizzes.presenting import answer_text, entered, key_text, number_text, present, typed_kind
from tests.quizzes.student import slot, start

pytestmark = pytest.mark.django_db
NAME_HINT = "Any spelling of the name is fine"


def short_answer(*accepted):
    return {"kind": "short_answer", "accepted": list(accepted)}


def test_each_kind_of_typed_answer_has_its_kind():
    assert typed_kind({"kind": "numeric"}) == "number"
    assert typed_kind(short_answer("Nikolay Chkheidze", "Chkheidze", "Čcheidze")) == "name"
    assert typed_kind(short_answer("16 April 1917", "April 16, 1917")) == "date"
    assert typed_kind(short_answer("bread", "peace and land")) == "word"


def test_the_decimal_comma_is_accepted_and_stored_as_a_number(question_bank):
    question = Question.objects.active().filter(kind="numeric").first()
    shown = present(question.payload, attempt_id="a", position=0, language="it")
    form = AnswerForm({"answer": "12,5"}, shown=shown)
    assert form.is_valid(), form.errors
    assert form.cleaned_data["answer"] == {"value": "12.5"}


def test_an_italian_quiz_writes_numbers_with_a_comma_and_an_english_one_with_a_point():
    payload = {"kind": "numeric", "number": 12.5, "tolerance": 0.5}
    answer = {"value": "12.5"}
    assert answer_text(payload, answer, "it") == "12,5"
    assert answer_text(payload, answer, "en") == "12.5"
    assert key_text(payload, "it").startswith("12,5")
    assert number_text(480, "it") == "480" and number_text(480.0, "en") == "480"


def test_a_typed_number_comes_back_with_its_comma_in_an_italian_quiz(question_bank):
    question = Question.objects.active().filter(kind="numeric").first()
    shown = present(question.payload, attempt_id="a", position=0, language="it")
    assert entered(shown, {"value": "12.5"}).typed == "12,5"


def test_an_italian_students_comma_is_echoed_in_the_feedback(question_bank, client):
    attempt = start(client, kinds=["numeric", "true_false"], language="it")
    client.post(reverse("quizzes:answer", args=[attempt.pk]), {"position": "0", "answer": "12,5"})
    assert Response.objects.get(attempt=attempt).answer == {"value": "12.5"}
    with translation.override("it"):
        html = client.get(reverse("quizzes:feedback", args=[attempt.pk, 1])).content.decode()
    assert "12,5" in html and "12.5" not in html.split('class="review-item')[1]


@pytest.mark.parametrize(
    ("kind", "hint", "not_hint"),
    [
        ("numeric", "a decimal can have a point or a comma", NAME_HINT),
        ("short_answer", NAME_HINT, "a decimal can have a point or a comma"),
    ],
)
def test_the_hint_under_a_typed_answer_fits_its_kind(question_bank, client, kind, hint, not_hint):
    attempt = start(client, kinds=[kind, "true_false"])
    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert hint in html and not_hint not in html
    assert 'aria-describedby="answer-hint"' in html
    assert slot(attempt, 0).question.kind == kind
