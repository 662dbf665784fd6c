"""The end of a quiz: score, time, a review that teaches, and what to do next."""

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from tests.quizzes.student import answer_data, slot, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(question_bank):
    """The real bank (generated once per test database)."""


def finish(client, attempt, rights):
    for position, right in enumerate(rights):
        client.post(
            reverse("quizzes:answer", args=[attempt.pk]),
            answer_data(attempt, position, right=right),
        )
    attempt.refresh_from_db()
    return attempt


def test_results_show_points_percentage_time_and_every_question(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric", "true_false", "short_answer"])
    finish(client, attempt, [True, False, True, True])
    html = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "3 of 4 points" in html and "75%" in html
    assert "Ada, you took" in html
    for position in range(4):
        payload = slot(attempt, position).question.payload
        assert payload["explanation"]["en"].replace("'", "&#x27;")[:40] in html
    assert html.count('class="review-item') == 4
    assert html.count("The right answer") == 4 and html.count("¶") >= 4


def test_a_quiz_worth_one_point_says_point_not_points(bank, client):
    attempt = finish(client, start(client, kinds=["numeric"]), [False])
    html = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "0 of 1 point</p>" in html and "of 1 points</p>" not in html


def test_a_question_worth_one_point_says_point_not_points_in_the_review(bank, client):
    attempt = finish(client, start(client, kinds=["numeric", "true_false"]), [False, True])
    html = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "(0 of 1 point)" in html and "(1 of 1 point)" in html
    assert "of 1 points)" not in html


def test_a_question_worth_two_points_says_points_in_the_review():
    from django.template.loader import render_to_string

    item = {"number": 1, "prompt": "?", "answer": "480", "answers": ["480"], "key": "480",
            "keys": ["480"], "fraction": 0.5, "points": 1.0, "possible": 2, "answered": True,
            "explanation": "", "wrong_picks": [], "sources": [], "language": "en"}  # fmt: skip
    html = render_to_string("quizzes/_review_item.html", {"item": item})
    assert "(1 of 2 points)" in html


def test_the_review_shows_the_students_answer_and_the_right_one(bank, client):
    attempt = start(client, kinds=["numeric", "true_false"])
    finish(client, attempt, [False, True])
    payload = slot(attempt, 0).question.payload
    html = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert str(payload["number"] + 1000) in html  # what the student typed
    assert f'<dd lang="en">{payload["number"]}' in html  # the right answer
    assert "wrong" in html and "right" in html


def test_results_of_an_unfinished_quiz_send_back_to_the_question(bank, client):
    attempt = start(client, kinds=["numeric", "true_false"])
    response = client.get(reverse("quizzes:results", args=[attempt.pk]))
    assert response["Location"] == reverse("quizzes:take", args=[attempt.pk])


def test_try_again_starts_a_new_attempt_on_fresh_questions(bank, client):
    attempt = start(client, length=5)
    finish(client, attempt, [True] * 5)
    response = client.post(reverse("quizzes:again", args=[attempt.pk]))
    new = Attempt.objects.exclude(pk=attempt.pk).get()
    assert response["Location"] == reverse("quizzes:take", args=[new.pk])
    old_ids = {s.question.uid for s in attempt.slots.select_related("question")}
    new_ids = {s.question.uid for s in new.slots.select_related("question")}
    assert new.question_count == 5 and old_ids.isdisjoint(new_ids)


def test_practising_mistakes_asks_about_the_facts_got_wrong(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric", "true_false"])
    finish(client, attempt, [False, True, True])
    wrong_facts = set(slot(attempt, 0).question.facts)
    response = client.post(reverse("quizzes:mistakes", args=[attempt.pk]), follow=True)
    new = Attempt.objects.exclude(pk=attempt.pk).get()
    for s in new.slots.select_related("question"):
        assert set(s.question.facts) & wrong_facts
    # The page says what this quiz is.
    assert "New questions on the facts behind your 1 mistake." in response.content.decode()


def test_practising_mistakes_asks_about_as_many_questions_as_mistakes(bank, client):
    # Five questions for a few mistakes, however many facts those questions rest on.
    kinds = ["ordering", "matching", "multiple_response", "numeric", "single_choice", "true_false"]
    attempt = start(client, kinds=kinds)  # 6 questions resting on about a dozen facts
    finish(client, attempt, [False] * 6)
    client.post(reverse("quizzes:mistakes", args=[attempt.pk]))
    assert Attempt.objects.exclude(pk=attempt.pk).get().question_count <= 6


def test_no_mistakes_no_practice_button_and_a_kind_word(bank, client):
    attempt = start(client, kinds=["true_false"])
    finish(client, attempt, [True])
    html = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "Practise my mistakes" not in html
    response = client.post(reverse("quizzes:mistakes", args=[attempt.pk]), follow=True)
    assert "You made no mistakes to practise" in response.content.decode()


def test_leaving_and_coming_back_resumes_at_the_same_question(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric", "true_false"])
    client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0))
    for _ in range(2):  # reload, or a closed tab reopened from history
        html = client.get(reverse("quizzes:take", args=[attempt.pk])).content.decode()
        assert "Question 2 of 3" in html
    assert "Continue your quiz (1 of 3 answered)" in client.get("/").content.decode()


def test_the_feedback_page_can_be_reloaded(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric"])
    response = client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0))
    url = response["Location"].split("#")[0]
    assert "Right!" in client.get(url).content.decode()
    assert "Right!" in client.get(url).content.decode()


def test_the_interface_follows_the_language_switcher_and_the_quiz_keeps_its_own(bank, client):
    attempt = start(client, kinds=["single_choice", "numeric"], language="en")
    italian = client.get("/it" + reverse("quizzes:take", args=[attempt.pk])).content.decode()
    assert "Domanda 1 di 2" in italian  # interface in Italian
    assert slot(attempt, 0).question.payload["prompt"]["en"][:30].replace("'", "&#x27;") in italian


def test_a_quiz_in_another_language_than_the_page_says_it_keeps_its_own(bank, client):
    attempt = start(client, kinds=["true_false", "numeric"], language="en")
    url = reverse("quizzes:take", args=[attempt.pk])
    assert 'class="quiz-language"' not in client.get(url).content.decode()
    italian = client.get("/it" + url).content.decode()
    assert 'class="quiz-language"' in italian
    # Italian writes the language's name in lower case. Not "the language it was started
    # in": a teacher's set chose it, whatever the page's language when the student joined.
    assert "Le domande di questo quiz sono in inglese" in italian
    # A true/false question's answers are in the quiz's language, as its statement is.
    choices = italian.split('class="choices"')[1].split("</div>")[0]
    assert "True" in choices and "False" in choices and "Vero" not in choices


def test_taking_a_class_quiz_again_fills_in_the_nickname(bank, client):
    from quizzes import teaching
    from tests.quizzes.student import set_session
    from tests.quizzes.teacher import published_set

    question_set = published_set(kinds=("true_false",), attempts_allowed=2)
    set_session(client, quiz_owner="test-owner-token")
    attempt = teaching.set_start(
        question_set=question_set, nickname="Ann Lee", owner_token="test-owner-token"
    )
    client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0))
    results = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "Take this quiz again" in results and "Try again with new questions" not in results
    response = client.post(reverse("quizzes:again", args=[attempt.pk]), follow=True)
    assert response.redirect_chain[-1][0].startswith(
        reverse("quizzes:join_set", args=[question_set.code])
    )
    assert 'value="Ann Lee"' in response.content.decode()


def test_several_right_answers_are_listed_one_per_line_not_joined_by_commas(bank, client):
    attempt = start(client, kinds=["multiple_response", "true_false"])
    finish(client, attempt, [True, True])
    payload = slot(attempt, 0).question.payload
    keys = [o["text"]["en"] for o in payload["options"] if o["correct"]]
    assert len(keys) >= 2
    html = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    # The student's answer, an item per option marked right, wrong or missed
    # (test_feedback_by_piece), and the right one, a list with an item per option.
    assert html.count('<ul class="parts"') == 1 and html.count('<ul class="answers">') == 1
    for key in keys:
        assert html.count(f"<li>{key}</li>") == 1
        assert f'<span class="part-text">{key}</span>' in html
    assert ", ".join(keys) not in html
