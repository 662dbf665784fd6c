"""Answering one question at a time, with and without htmx, scored on the server."""

import re

import pytest
from django.urls import reverse
from django.utils import translation

from quizzes.models import Attempt, Response
from tests.quizzes.student import answer_data, slot, start

pytestmark = pytest.mark.django_db
KINDS = [
    "single_choice",
    "multiple_response",
    "true_false",
    "numeric",
    "ordering",
    "matching",
    "short_answer",
]
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bank(question_bank):
    """The real bank (generated once per test database)."""


def answer_url(attempt):
    return reverse("quizzes:answer", args=[attempt.pk])


@pytest.mark.parametrize("kind", KINDS)
def test_the_right_answer_of_every_kind_scores_a_point(bank, client, kind):
    attempt = start(client, kinds=[kind, "true_false"])
    response = client.post(answer_url(attempt), answer_data(attempt, 0))
    assert response.status_code == 302
    stored = Response.objects.get(attempt=attempt)
    assert stored.fraction == 1 and stored.points == 1


@pytest.mark.parametrize("kind", KINDS)
def test_a_wrong_answer_of_every_kind_scores_less_than_a_point(bank, client, kind):
    attempt = start(client, kinds=[kind, "true_false"])
    client.post(answer_url(attempt), answer_data(attempt, 0, right=False))
    assert Response.objects.get(attempt=attempt).fraction < 1


def test_without_javascript_an_answer_leads_to_a_feedback_page(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric"])
    response = client.post(answer_url(attempt), answer_data(attempt, 0))
    assert response["Location"] == reverse("quizzes:feedback", args=[attempt.pk, 1]) + "#step"
    html = client.get(response["Location"].split("#")[0]).content.decode()
    payload = slot(attempt, 0).question.payload
    assert "Right!" in html
    assert (
        "The right answer" in html and payload["explanation"]["en"].replace("'", "&#x27;") in html
    )
    assert "¶" in html  # the citation
    assert reverse("quizzes:take", args=[attempt.pk]) in html  # the Next button


def test_with_htmx_the_feedback_replaces_the_step_in_place(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric"])
    response = client.post(answer_url(attempt), answer_data(attempt, 0, right=False), **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.lstrip().startswith('<section id="step"') and "<html" not in html
    assert "Not quite" in html and 'role="status"' in html
    assert response["HX-Push-Url"] == reverse("quizzes:feedback", args=[attempt.pk, 1])


def test_with_htmx_the_next_question_comes_as_a_partial(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric"])
    client.post(answer_url(attempt), answer_data(attempt, 0), **HTMX)
    html = client.get(reverse("quizzes:take", args=[attempt.pk]), **HTMX).content.decode()
    assert "<html" not in html and "Question 2 of 2" in html
    assert slot(attempt, 1).question.payload["prompt"]["en"].split()[0] in html


def test_the_last_answer_finishes_the_quiz(bank, client):
    attempt = start(client, kinds=["true_false"])
    client.post(answer_url(attempt), answer_data(attempt, 0))
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.ending == "completed"
    assert attempt.score == 1
    take = client.get(reverse("quizzes:take", args=[attempt.pk]))
    assert take["Location"] == reverse("quizzes:results", args=[attempt.pk])


def test_submitting_the_same_answer_twice_records_it_once(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric"])
    data = answer_data(attempt, 0)
    first = client.post(answer_url(attempt), data, **HTMX)
    second = client.post(answer_url(attempt), data, **HTMX)
    assert Response.objects.filter(attempt=attempt).count() == 1
    assert first.status_code == second.status_code == 200
    assert "Right!" in second.content.decode()
    attempt.refresh_from_db()
    assert attempt.score == 1 and attempt.position == 1


def test_changing_an_answer_already_given_is_refused_and_keeps_the_first(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric"])
    client.post(answer_url(attempt), answer_data(attempt, 0))
    response = client.post(answer_url(attempt), answer_data(attempt, 0, right=False))
    assert response.status_code == 409
    assert "You have already answered this question." in response.content.decode()
    assert Response.objects.get(attempt=attempt).fraction == 1


def test_answering_out_of_order_is_refused_and_shows_the_current_question(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric", "true_false"])
    response = client.post(answer_url(attempt), answer_data(attempt, 2))
    html = response.content.decode()
    assert response.status_code == 409
    assert "This is not the question the quiz is on" in html and "Question 1 of 3" in html
    assert not Response.objects.exists()


def test_a_stale_tab_is_refused_with_409_in_htmx_too(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric", "true_false"])
    client.post(answer_url(attempt), answer_data(attempt, 0))
    client.post(answer_url(attempt), answer_data(attempt, 1))
    stale = answer_data(attempt, 1)
    stale["answer"] = "999"
    response = client.post(answer_url(attempt), stale, **HTMX)
    assert response.status_code == 409 and "already answered" in response.content.decode()


def test_another_visitor_gets_404_for_every_url_of_the_attempt(bank, client, django_user_model):
    from django.test import Client

    attempt = start(client, kinds=["single_choice", "numeric"])
    client.post(answer_url(attempt), answer_data(attempt, 0))
    stranger = Client()
    stranger.get("/")
    for name, args in (("take", []), ("feedback", [1]), ("results", [])):
        assert stranger.get(reverse(f"quizzes:{name}", args=[attempt.pk, *args])).status_code == 404
    for name in ("answer", "again", "mistakes"):
        response = stranger.post(
            reverse(f"quizzes:{name}", args=[attempt.pk]), answer_data(attempt, 1)
        )
        assert response.status_code == 404
    assert Response.objects.filter(attempt=attempt).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"answer": None}, "Choose an answer."),
        ({"answer": "o1"}, "That option is not part of this question."),
        ({"answer": "x" * 5000}, "That option is not part of this question."),
        ({"position": "abc"}, "This is not the question the quiz is on"),
    ],
)
def test_bad_input_on_a_choice_question_is_explained_and_stores_nothing(
    bank, client, change, message
):
    attempt = start(client, kinds=["single_choice", "numeric"])
    data = answer_data(attempt, 0)
    for key, value in change.items():
        if value is None:
            data.pop(key)
        else:
            data[key] = value
    response = client.post(answer_url(attempt), data)
    assert message in response.content.decode()
    assert response.status_code in (200, 409)
    assert not Response.objects.exists()


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("four hundred", "Type a number, such as 139."),
        ("", "Type a number."),
        ("1e999999", "Type a number"),
        ("NaN", "Type a number, such as 139."),
        ("9" * 40, "Type a number, such as 139."),
    ],
)
def test_text_where_a_number_belongs_is_explained(bank, client, typed, message):
    attempt = start(client, kinds=["numeric", "true_false"])
    response = client.post(answer_url(attempt), {"position": "0", "answer": typed})
    assert message in response.content.decode()
    assert not Response.objects.exists()


def test_a_number_with_a_decimal_comma_is_understood(bank, client):
    attempt = start(client, kinds=["numeric", "true_false"])
    payload = slot(attempt, 0).question.payload
    client.post(answer_url(attempt), {"position": "0", "answer": f"{payload['number']},0"})
    assert Response.objects.get().fraction == 1


def test_an_overlong_typed_answer_is_explained(bank, client):
    attempt = start(client, kinds=["short_answer", "true_false"])
    response = client.post(answer_url(attempt), {"position": "0", "answer": "Lenin" * 100})
    assert "Your answer is too long" in response.content.decode()


def test_an_incomplete_matching_answer_is_explained(bank, client):
    attempt = start(client, kinds=["matching", "true_false"])
    data = answer_data(attempt, 0)
    data[next(k for k in data if k.startswith("pair_"))] = ""
    response = client.post(answer_url(attempt), data)
    assert "Choose a match for every item." in response.content.decode()


@pytest.mark.parametrize("htmx", [False, True], ids=["plain form", "htmx"])
def test_an_incomplete_matching_answer_keeps_the_matches_already_chosen(bank, client, htmx):
    attempt = start(client, kinds=["matching", "true_false"])
    data = answer_data(attempt, 0)
    pairs = [k for k in data if k.startswith("pair_")]
    data[pairs[0]] = ""
    html = client.post(answer_url(attempt), data, **(HTMX if htmx else {})).content.decode()
    assert "Choose a match for every item." in html
    selects = re.findall(r'name="(pair_[a-z0-9]+)">(.*?)</select>', html, re.S)
    selected = {name: re.findall(r'value="([a-z0-9]+)" selected', body) for name, body in selects}
    assert selected == {name: [data[name]] if name != pairs[0] else [] for name in pairs}


def test_a_refused_multiple_response_keeps_the_boxes_ticked(bank, client):
    attempt = start(client, kinds=["multiple_response", "true_false"])
    data = answer_data(attempt, 0)
    ticked = data["answer"][:1]
    html = client.post(
        answer_url(attempt), {**data, "answer": [*ticked, "forged"]}
    ).content.decode()
    assert "That option is not part of this question." in html
    assert re.findall(r'value="([a-z0-9]+)" checked', html) == ticked


def test_an_ordering_with_an_item_missing_is_explained(bank, client):
    attempt = start(client, kinds=["ordering", "true_false"])
    data = answer_data(attempt, 0)
    data["order"] = data["order"][1:]
    response = client.post(answer_url(attempt), data)
    assert "Put every event in the list exactly once." in response.content.decode()


def test_an_ordering_with_an_item_twice_is_explained(bank, client):
    attempt = start(client, kinds=["ordering", "true_false"])
    data = answer_data(attempt, 0)
    data["order"] = [data["order"][0], *data["order"][:-1]]
    response = client.post(answer_url(attempt), data)
    assert "Put every event in the list exactly once." in response.content.decode()
    assert not Response.objects.exists()


def test_a_typed_answer_with_a_null_character_is_explained(bank, client):
    attempt = start(client, kinds=["short_answer", "true_false"])
    response = client.post(answer_url(attempt), {"position": "0", "answer": "Len\x00in"})
    assert "Null characters are not allowed." in response.content.decode()
    assert not Response.objects.exists()


def test_moving_an_ordering_item_reorders_without_answering(bank, client):
    attempt = start(client, kinds=["ordering", "true_false"])
    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    order = re.findall(r'name="order" value="([a-z0-9]+)"', html)
    response = client.post(
        answer_url(attempt), {"position": "0", "order": order, "move": f"up:{order[2]}"}, **HTMX
    )
    new = re.findall(r'name="order" value="([a-z0-9]+)"', response.content.decode())
    assert new == [order[0], order[2], order[1], *order[3:]]
    assert f'value="up:{order[2]}" class="move" data-focus' in response.content.decode()
    assert not Response.objects.exists()


def test_the_first_order_shown_is_never_the_answer(bank, client):
    for _ in range(3):
        attempt = start(client, kinds=["ordering", "true_false"])
        html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
        shown = re.findall(r'<span class="item-text">(.*?)</span>', html)
        right = [i["text"]["en"] for i in slot(attempt, 0).question.payload["items"]]
        assert [s.replace("&#x27;", "'").replace("&quot;", '"') for s in shown] != right


def test_answering_costs_the_same_queries_whatever_the_quiz_length(
    bank, client, django_assert_max_num_queries
):
    counts = []
    for length in (5, 20):
        attempt = start(client, length=length)
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            client.post(answer_url(attempt), answer_data(attempt, 0), **HTMX)
        counts.append(len(queries))
    assert counts[0] == counts[1]
    attempt = start(client, length=10)
    with django_assert_max_num_queries(counts[0]):
        client.post(answer_url(attempt), answer_data(attempt, 0), **HTMX)


def test_the_step_posts_to_the_address_of_the_language_it_is_shown_in(bank, client):
    """An English and then an Italian view of the same question each post to their own
    language's address."""
    attempt = start(client, kinds=["true_false", "true_false"])
    # The Italian request leaves Italian active in this thread; restore it for later tests.
    with translation.override(None):
        english = client.get(f"/quiz/{attempt.pk}/", **HTMX).content.decode()
        italian = client.get(f"/it/quiz/{attempt.pk}/", **HTMX).content.decode()
    assert f'action="/quiz/{attempt.pk}/answer/"' in english
    assert f'action="/it/quiz/{attempt.pk}/answer/"' in italian
