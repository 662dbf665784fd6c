"""Switching the interface language in the middle of a question keeps what the student had
entered, with or without JavaScript: the header's language buttons submit the question's
form to quizzes:switch_language, which keeps it for the page in the other language."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from quizzes.live import services as live
from quizzes.models import Response
from tests.quizzes.live import live_session, student
from tests.quizzes.student import answer_data, slot, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(question_bank):
    """The real bank (generated once per test database)."""


def switch(client, attempt, data, language="it", **headers):
    url = reverse("quizzes:switch_language", args=[attempt.pk])
    return client.post(url, {**data, "language": language}, **headers)


def checked(html: str) -> set[str]:
    return set(re.findall(r'value="([^"]+)" checked', html))


def test_a_pick_comes_back_checked_on_the_page_in_the_other_language_once(bank, client):
    attempt = start(client, kinds=["multiple_response", "numeric"])
    data = answer_data(attempt, 0, right=False)
    response = switch(client, attempt, data)
    assert response.status_code == 302
    assert response["Location"] == "/it" + reverse("quizzes:take", args=[attempt.pk])
    html = client.get(response["Location"]).content.decode()
    assert "Domanda 1 di 2" in html  # the page in Italian
    assert checked(html) == set(data["answer"])  # the picks, not one more nor one less
    prompt = slot(attempt, 0).question.payload["prompt"]["en"]
    assert prompt[:30].replace("'", "&#x27;") in html  # the quiz keeps its own language
    # Kept for that page only: a reload shows the question as it is stored (unanswered).
    assert checked(client.get(response["Location"]).content.decode()) == set()
    # Nothing was answered on the way.
    assert not Response.objects.filter(attempt=attempt).exists()


def test_a_typed_answer_an_order_and_matches_come_back(bank, client):
    for kind in ("numeric", "ordering", "matching"):
        attempt = start(client, kinds=[kind])
        data = answer_data(attempt, 0, right=False)
        html = client.get(switch(client, attempt, data)["Location"]).content.decode()
        if kind == "numeric":
            assert re.search(rf'name="answer"[^>]*value="{data["answer"]}"', html)
        elif kind == "ordering":
            shown = re.findall(r'name="order" value="([^"]+)"', html)
            assert shown == data["order"], "the order the student had made"
        else:
            for name, value in data.items():
                if name.startswith("pair_"):
                    select = html.split(f'name="{name}"')[1].split("</select>")[0]
                    assert re.search(rf'value="{value}"\s+selected', select), name


def test_back_to_english_from_an_italian_page_and_the_answer_stays(bank, client):
    attempt = start(client, kinds=["single_choice"], language="it")
    data = answer_data(attempt, 0)
    response = switch(client, attempt, data, language="en")
    assert response["Location"] == reverse("quizzes:take", args=[attempt.pk])
    assert checked(client.get(response["Location"]).content.decode()) == {data["answer"]}
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_a_deferred_quiz_comes_back_to_the_page_of_that_question(bank, client):
    attempt = start(client, kinds=["numeric", "single_choice"], behaviour="deferred")
    data = answer_data(attempt, 1)
    response = switch(client, attempt, data)
    assert response["Location"] == "/it" + reverse("quizzes:page", args=[attempt.pk, 2])
    assert checked(client.get(response["Location"]).content.decode()) == {data["answer"]}


def test_a_live_phone_comes_back_to_the_live_page_with_its_pick(question_bank):
    session = live_session(kinds=("single_choice",))
    client, attempt = student(session, "Ann")
    live.live_show(session=session)
    data = answer_data(attempt, 0, right=False)
    response = switch(client, attempt, data)
    assert response["Location"] == "/it" + reverse("quizzes:live", args=[attempt.pk])
    assert checked(client.get(response["Location"]).content.decode()) == {data["answer"]}


@pytest.mark.parametrize("position", ["x", "-1", "99"])
def test_a_bad_language_or_position_loses_nothing_and_is_no_error(bank, client, position):
    attempt = start(client, kinds=["single_choice"], behaviour="deferred")
    response = switch(client, attempt, {"position": position}, language="xx")
    assert response.status_code == 302
    page = client.get(response["Location"], follow=True)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Question 1 of 1" in html and checked(html) == set()


def test_a_question_page_offers_the_switch_that_keeps_the_answer_and_enter_still_answers(
    bank, client
):
    attempt = start(client, kinds=["numeric", "single_choice"])
    switch_url = reverse("quizzes:switch_language", args=[attempt.pk])
    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    # quiz.js sends the form's fields with the header's buttons to this address...
    assert f'id="answer-form" class="answer-form" data-switch="{switch_url}"' in html
    # ...and without JavaScript a button in the form does, after the form's own button (the
    # one Enter presses in a field).
    form = html[
        html.index('id="answer-form"') : html.index("</form>", html.index('id="answer-form"'))
    ]
    buttons = re.findall(r"<button[^>]*>", form)
    assert 'class="primary"' in buttons[0]
    assert f'name="language" value="it" formaction="{switch_url}"' in buttons[1]
    assert "<noscript>" in form and "Switch to Italiano, keeping this answer" in form
    # The header's buttons belong to their own form.
    header = html[: html.index('id="main"')]
    assert "formaction" not in header and 'form="' not in header
