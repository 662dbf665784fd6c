"""Starting a practice quiz from the home page, or joining a class by code."""

from html import unescape

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Question, QuestionSet
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(question_bank):
    """The real bank (generated once per test database)."""


def start_data(**overrides):
    data = {
        "length": "10",
        "topic": "",
        "language": "en",
        "time_limit": "",
        "behaviour": "immediate",
    }
    data.update(overrides)
    return data


def test_home_page_offers_a_practice_quiz_and_a_join_code(bank, client):
    html = client.get("/").content.decode()
    assert 'action="/quiz/start/"' in html and 'action="/join/"' in html
    for label in ("Number of questions", "Topic", "Language of the questions"):
        assert label in html


def test_a_practice_quiz_starts_with_one_click_and_no_nickname(bank, client):
    """Practising alone, nobody else reads a nickname: the defaults start a quiz."""
    html = client.get("/").content.decode()
    practice = html.split('action="/quiz/start/"')[1].split("</form>")[0]
    assert 'name="nickname"' not in practice
    response = client.post(reverse("quizzes:start"), start_data())
    attempt = Attempt.objects.get()
    assert response["Location"] == reverse("quizzes:take", args=[attempt.pk])
    results = client.get(reverse("quizzes:results", args=[attempt.pk]), follow=True)
    assert results.status_code == 200


@pytest.mark.parametrize("length", [5, 10, 20])
def test_a_practice_quiz_has_the_chosen_length(bank, client, length):
    response = client.post(reverse("quizzes:start"), start_data(length=str(length)))
    attempt = Attempt.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:take", args=[attempt.pk])
    assert attempt.slots.count() == attempt.question_count == length


def test_a_quiz_on_one_topic_asks_only_about_it(bank, client):
    client.post(reverse("quizzes:start"), start_data(topic="resolutions", length="5"))
    topics = {s.question.topic for s in Attempt.objects.get().slots.select_related("question")}
    assert topics == {"resolutions"}


def test_a_quiz_never_asks_two_questions_on_the_same_fact(bank, client):
    client.post(reverse("quizzes:start"), start_data(length="20"))
    facts = [
        f for s in Attempt.objects.get().slots.select_related("question") for f in s.question.facts
    ]
    assert len(facts) == len(set(facts))


@pytest.mark.parametrize("round_", range(5))
def test_a_default_practice_quiz_asks_at_least_two_understanding_questions(bank, client, round_):
    client.post(reverse("quizzes:start"), start_data(length="10"))
    levels = [s.question.level for s in Attempt.objects.get().slots.select_related("question")]
    assert levels.count("understanding") >= 2, levels


def test_the_language_of_the_questions_is_kept_by_the_attempt(bank, client):
    client.post(reverse("quizzes:start"), start_data(language="it"))
    attempt = Attempt.objects.get()
    html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
    legend = unescape(html.split("<legend>")[1].split("</legend>")[0])
    assert attempt.language == "it"
    assert legend in {q.payload["prompt"]["it"] for q in Question.objects.active()}
    assert "Check answer" in html  # the interface stays in the site's language


def test_a_tampered_length_is_refused(bank, client):
    response = client.post(reverse("quizzes:start"), start_data(length="500"))
    assert "Select a valid choice" in response.content.decode()
    assert not Attempt.objects.exists()


def test_a_logged_in_user_is_recognised(bank, client):
    user = UserFactory(username="maria", first_name="Maria")
    client.force_login(user)
    client.post(reverse("quizzes:start"), start_data())
    attempt = Attempt.objects.get()
    assert attempt.user == user and attempt.nickname == "Maria"


def test_an_unknown_code_gets_a_clear_message(bank, client):
    response = client.post(reverse("quizzes:join"), {"code": "zz99zz"})
    assert response.status_code == 200
    assert "No quiz has the code ZZ99ZZ. Check it with your teacher." in response.content.decode()


def test_a_closed_code_gets_a_clear_message(bank, client):
    QuestionSet.objects.create(
        owner=UserFactory(), title="Class 3B", code="KQ7RTM", status=QuestionSet.Status.CLOSED
    )
    response = client.post(reverse("quizzes:join"), {"code": "kq7rtm"})
    assert "This quiz is closed. Ask your teacher to open it." in response.content.decode()


def test_an_empty_code_asks_for_one(bank, client):
    response = client.post(reverse("quizzes:join"), {"code": ""})
    assert "Type the code your teacher gave you." in response.content.decode()


def test_home_offers_to_continue_an_unfinished_quiz(bank, client):
    client.post(reverse("quizzes:start"), start_data(length="5"))
    attempt = Attempt.objects.get()
    html = client.get("/").content.decode()
    assert reverse("quizzes:take", args=[attempt.pk]) in html
    assert "Continue your quiz (0 of 5 answered)" in html


def test_pages_answer_head_requests_as_monitors_and_link_checkers_send_them(client):
    for url in ("/", "/it/", reverse("quizzes:join_set", args=["NOSUCH"])):
        response = client.head(url)
        assert response.status_code in (200, 404), url
        assert response.content == b""
    assert client.head("/").status_code == 200
