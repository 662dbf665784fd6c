"""Back and Forward after htmx steps get whole pages, and every step names the tab."""

import pytest
from django.urls import reverse

from tests.quizzes.student import answer_data, start

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}
# What htmx sends when Back or Forward returns to a step it swapped in (htmx 2 sends
# HX-Request too).
RESTORE = {"HTTP_HX_REQUEST": "true", "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}


@pytest.fixture
def bank(question_bank):
    """The real bank (generated once per test database)."""


def test_back_to_a_swapped_step_gets_the_whole_page(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"])
    client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0), **HTMX)
    for url in (
        reverse("quizzes:take", args=[attempt.pk]),
        reverse("quizzes:feedback", args=[attempt.pk, 1]),
    ):
        html = client.get(url, **RESTORE).content.decode()
        assert html.lstrip().startswith("<!doctype html>"), url
        assert 'class="site-header"' in html and 'class="site-footer"' in html
        assert "<title>" in html.split("<body")[0]  # in the head, not in the body


def test_an_htmx_step_alone_is_still_a_fragment(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"])
    response = client.get(reverse("quizzes:take", args=[attempt.pk]), **HTMX)
    html = response.content.decode()
    assert "<!doctype" not in html and 'class="site-header"' not in html
    # One address answers with a page or a fragment: caches keep them apart.
    assert "HX-History-Restore-Request" in response["Vary"] and "HX-Request" in response["Vary"]


def test_back_to_a_finished_quiz_gets_the_results_page_not_a_client_redirect(bank, client):
    attempt = start(client, kinds=["true_false"])
    client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0), **HTMX)
    response = client.get(reverse("quizzes:take", args=[attempt.pk]), **RESTORE)
    assert response.status_code == 302 and "HX-Redirect" not in response
    assert response["Location"] == reverse("quizzes:results", args=[attempt.pk])


def test_every_step_names_the_tab_with_its_question_and_verdict(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"])
    page = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert "<title>Question 1 of 2 · Conference quiz</title>" in page
    url = reverse("quizzes:answer", args=[attempt.pk])
    wrong = client.post(url, answer_data(attempt, 0, right=False), **HTMX).content.decode()
    assert wrong.lstrip().startswith("<title>Question 1 of 2: wrong · Conference quiz</title>")
    following = client.get(reverse("quizzes:take", args=[attempt.pk]), **HTMX).content.decode()
    assert following.lstrip().startswith("<title>Question 2 of 2 · Conference quiz</title>")
    right = client.post(url, answer_data(attempt, 1), **HTMX).content.decode()
    assert "<title>Question 2 of 2: right · Conference quiz</title>" in right


def test_a_step_sent_back_with_an_error_says_so_in_the_tab(bank, client):
    attempt = start(client, kinds=["single_choice", "true_false"])
    html = client.post(
        reverse("quizzes:answer", args=[attempt.pk]), {"position": "0"}, **HTMX
    ).content.decode()
    assert html.lstrip().startswith("<title>Error: Question 1 of 2 · Conference quiz</title>")
