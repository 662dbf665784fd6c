"""An answer sent back with an error marks the fields in error (aria-invalid) and puts
the focus on the first of them, with or without JavaScript."""

import re

import pytest
from django.urls import reverse

from tests.quizzes.student import answer_data, start

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def test_an_incomplete_matching_marks_the_empty_choices_and_focuses_the_first(
    question_bank, client
):
    attempt = start(client, kinds=["matching", "true_false"])
    data = answer_data(attempt, 0)
    pairs = [k for k in data if k.startswith("pair_")]
    data[pairs[1]] = data[pairs[2]] = ""
    html = client.post(reverse("quizzes:answer", args=[attempt.pk]), data).content.decode()
    selects = dict(re.findall(r'<select [^>]*name="(pair_[a-z0-9]+)"([^>]*)>', html))
    assert 'aria-invalid="true"' not in selects[pairs[0]]
    assert (
        'aria-invalid="true" aria-describedby="answer-errors" data-focus autofocus'
        in (selects[pairs[1]])
    )
    assert 'aria-invalid="true"' in selects[pairs[2]] and "data-focus" not in selects[pairs[2]]
    assert html.count("Choose a match for every item.") == 1


def test_an_empty_typed_answer_is_marked_and_focused_in_an_htmx_step(question_bank, client):
    attempt = start(client, kinds=["numeric", "true_false"])
    html = client.post(
        reverse("quizzes:answer", args=[attempt.pk]), {"position": "0", "answer": ""}, **HTMX
    ).content.decode()
    field = re.search(r'<input id="answer-input"[^>]*>', html).group(0)
    assert 'aria-invalid="true"' in field and "data-focus" in field
    assert "autofocus" not in field  # htmx's swap is focused by quiz.js


def test_no_choice_marks_the_choices_and_focuses_the_first(question_bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"])
    html = client.post(
        reverse("quizzes:answer", args=[attempt.pk]), {"position": "0"}
    ).content.decode()
    radios = re.findall(r'<input type="radio"[^>]*>', html)
    assert all('aria-invalid="true"' in radio for radio in radios)
    assert "autofocus" in radios[0] and not any("autofocus" in r for r in radios[1:])
