"""Nothing in the browser reveals or changes the answer key; the timer is the server's."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Response
from quizzes.presenting import token
from tests.quizzes.student import answer_data, slot, start
from tests.quizzes.test_student_answering import KINDS

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bank(question_bank):
    """The real bank (generated once per test database)."""


def leaks(payload: dict, html: str) -> list[str]:
    """Everything of the key that could show in a page before the question is answered."""
    found = []
    if payload["explanation"]["en"][:40] in html:
        found.append("explanation")
    for option in payload.get("options", []):
        if f'value="{option["id"]}"' in html or "correct" in html:
            found.append("stored option ids or a 'correct' marker")
    if payload["kind"] == "numeric" and f'value="{payload["number"]}"' in html:
        found.append("the number")
    if payload["kind"] == "short_answer":
        for accepted in payload["accepted"]:
            if accepted in html:
                found.append(f"accepted answer {accepted}")
    if payload["kind"] == "matching":
        for left in payload["lefts"]:
            if f'value="{left["match"]}"' in html or f'value="{left["id"]}"' in html:
                found.append("stored ids of the pairs")
    return found


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("htmx", [False, True])
def test_the_key_is_not_in_the_page_before_answering(bank, client, kind, htmx):
    attempt = start(client, kinds=[kind, "true_false"])
    page = client.get(reverse("quizzes:take", args=[attempt.pk]), **(HTMX if htmx else {}))
    payload = slot(attempt, 0).question.payload
    assert leaks(payload, page.content.decode()) == []


def test_every_option_is_rendered_the_same_way_whether_right_or_wrong(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"])
    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    inputs = re.findall(r"<input[^>]*name=\"answer\"[^>]*>", html)
    shapes = {re.sub(r'value="[a-z0-9]+"', 'value=""', tag) for tag in inputs}
    assert len(inputs) == 4 and len(shapes) == 1


def test_option_tokens_differ_between_attempts_on_the_same_question(bank, client):
    first = start(client, kinds=["single_choice", "true_false"])
    second = start(client, kinds=["single_choice", "true_false"])

    def tokens(attempt):
        html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
        return set(re.findall(r'name="answer" value="([a-z0-9]+)"', html))

    assert tokens(first).isdisjoint(tokens(second))


def test_a_token_of_another_attempt_does_not_score(bank, client):
    first = start(client, kinds=["single_choice", "true_false"])
    second = start(client, kinds=["single_choice", "true_false"])
    data = answer_data(first, 0)  # right for the first attempt, foreign to the second
    response = client.post(reverse("quizzes:answer", args=[second.pk]), data)
    assert "That option is not part of this question." in response.content.decode()
    assert not Response.objects.filter(attempt=second).exists()


def test_extra_fields_cannot_raise_a_score(bank, client):
    attempt = start(client, kinds=["multiple_response", "true_false"])
    data = answer_data(attempt, 0, right=False)
    data.update({"score": "100", "fraction": "1", "points": "5", "correct": "true"})
    client.post(reverse("quizzes:answer", args=[attempt.pk]), data)
    assert Response.objects.get(attempt=attempt).fraction < 1
    attempt.refresh_from_db()
    assert attempt.score < 1


def test_an_answer_within_the_grace_period_counts_and_ends_the_attempt_time_up(bank, client):
    """The page submits what is entered when the clock reaches zero; a slow network may
    bring it after the deadline, within the grace period (60 s by default)."""
    attempt = start(client, kinds=["single_choice", "true_false"], minutes=5)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=30)
    )
    response = client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0))
    attempt.refresh_from_db()
    assert Response.objects.get(attempt=attempt).fraction == 1
    assert attempt.state == Attempt.State.FINISHED and attempt.ending == "time_up"
    assert attempt.finished_at == attempt.deadline and attempt.score == 1
    assert response["Location"] == reverse("quizzes:results", args=[attempt.pk])


def test_an_answer_after_the_grace_period_is_not_scored_and_finishes_the_attempt(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"], minutes=5)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=90)
    )
    response = client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0))
    attempt.refresh_from_db()
    assert not Response.objects.filter(attempt=attempt).exists()
    assert attempt.state == Attempt.State.FINISHED and attempt.ending == "time_up"
    assert attempt.finished_at == attempt.deadline
    results = client.get(response["Location"]).content.decode()
    assert "Time ran out" in results
    assert "answers sent afterwards were not counted" in results


def test_opening_an_expired_quiz_finishes_it_and_shows_why(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"], minutes=1)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(minutes=2)
    )
    response = client.get(reverse("quizzes:take", args=[attempt.pk]), follow=True)
    assert "Time ran out" in response.content.decode()


def test_a_quiz_with_a_time_limit_shows_the_time_left(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"], minutes=5)
    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    seconds = int(re.search(r'data-seconds="(\d+)"', html).group(1))
    assert 290 <= seconds <= 300
    assert "Time left:" in html and re.search(r'<span class="clock">[45]:\d\d</span>', html)


def test_an_answer_within_the_time_limit_is_scored(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"], minutes=5)
    client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0))
    assert Response.objects.get(attempt=attempt).fraction == 1


def test_tokens_depend_on_the_site_secret(bank, settings):
    before = token("attempt", 0, "o1")
    settings.SECRET_KEY = "another-secret-" * 5
    assert token("attempt", 0, "o1") != before


def test_a_late_htmx_answer_is_refused_with_409_and_sent_to_the_results(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"], minutes=5)
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() - datetime.timedelta(seconds=90)
    )
    url = reverse("quizzes:answer", args=[attempt.pk])
    response = client.post(url, answer_data(attempt, 0), **HTMX)
    assert response.status_code == 409
    assert response["HX-Redirect"] == reverse("quizzes:results", args=[attempt.pk])
    assert not Response.objects.filter(attempt=attempt).exists()
    # Sent again, it is refused the same way: nothing late ever looks accepted.
    assert client.post(url, answer_data(attempt, 0), **HTMX).status_code == 409
