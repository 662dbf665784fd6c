"""Students challenge a question from its feedback and from their results, and read why a
wrong pick was wrong."""

import re

import pytest
from django.urls import reverse

from quizzes import challenges
from quizzes.models import Challenge, Question
from tests.quizzes.student import answer_data, set_session, slot, start

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def answer_first(client, *, right=True):
    attempt = start(client, kinds=["single_choice", "true_false", "numeric"])
    client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, 0, right=right))
    return attempt


def answer_first_as(client, token: str):
    """Another student's browser (its own session) answers its first question."""
    set_session(client, quiz_owner=token)
    return answer_first(client)


def test_the_feedback_on_a_wrong_pick_says_why_that_option_is_wrong(client, question_bank):
    attempt = answer_first(client, right=False)
    question = slot(attempt, 0).question
    chosen = attempt.responses.get(position=0).answer["option"]
    option = next(o for o in question.payload["options"] if o["id"] == chosen)
    html = client.get(reverse("quizzes:feedback", args=[attempt.pk, 1])).content.decode()
    assert f"Why not “{option['text']['en']}”" in html
    assert option["feedback"]["en"].replace("'", "&#x27;") in html


def test_an_answered_question_can_be_challenged_and_the_student_sees_it_was_sent(
    client, question_bank
):
    attempt = answer_first(client)
    url = reverse("quizzes:challenge", args=[attempt.pk, 1])
    page = client.get(reverse("quizzes:feedback", args=[attempt.pk, 1])).content.decode()
    assert "I think this question is wrong" in page and f'action="{url}#challenge-1"' in page
    response = client.post(url, {"reason": "ambiguous", "comment": "<b>Two</b> fit."}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and 'id="challenge-1"' in html
    assert "an admin will look at it" in html and "<html" not in html
    challenge = Challenge.objects.get()
    assert challenge.comment == "<b>Two</b> fit." and challenge.attempt == attempt
    page = client.get(reverse("quizzes:feedback", args=[attempt.pk, 1])).content.decode()
    assert "I think this question is wrong" not in page


def test_without_javascript_the_challenge_comes_back_to_the_feedback_page(client, question_bank):
    attempt = answer_first(client)
    url = reverse("quizzes:challenge", args=[attempt.pk, 1])
    response = client.post(url, {"reason": "unclear"}, follow=True)
    assert "Thank you: an admin will look at the question." in response.content.decode()
    assert response.redirect_chain[-1][0].endswith("/feedback/1/#challenge-1")


def test_a_challenge_without_a_reason_is_refused_with_a_message(client, question_bank):
    attempt = answer_first(client)
    url = reverse("quizzes:challenge", args=[attempt.pk, 1])
    response = client.post(url, {"comment": "hm"}, **HTMX)
    # 422: the status the page's htmx configuration swaps in place, beside the form.
    assert response.status_code == 422
    html = response.content.decode()
    assert "Choose what is wrong with the question." in html and "<html" not in html
    assert "<details open>" in html and "hm</textarea>" in html
    assert not Challenge.objects.exists()


def test_without_javascript_a_challenge_with_an_error_comes_back_open_with_the_error_inline(
    client, question_bank
):
    attempt = answer_first(client)
    url = reverse("quizzes:challenge", args=[attempt.pk, 1])
    response = client.post(url, {"comment": "Two options fit."})
    html = response.content.decode()
    assert response.status_code == 422 and "<html" in html  # the feedback page itself, again
    assert "Not quite" in html or "Right!" in html
    box = html[html.index('id="challenge-1"') :]
    box = box[: box.index("</details>")]
    assert "<details open>" in box and "Choose what is wrong with the question." in box
    assert "Two options fit.</textarea>" in box  # what the student wrote is kept
    assert 'aria-invalid="true"' in box
    assert f'action="{url}#challenge-1"' in box  # the browser comes back to the form
    assert 'class="messages"' not in html and not Challenge.objects.exists()


def test_without_javascript_an_error_on_the_results_page_comes_back_on_the_results(
    client, question_bank
):
    attempt = answer_first(client)
    for position in range(1, attempt.question_count):
        client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, position))
    url = reverse("quizzes:challenge", args=[attempt.pk, 2])
    response = client.post(url, {"comment": "?"})
    html = response.content.decode()
    assert response.status_code == 422 and "Your results" in html
    assert html.count("<details open>") == 1
    assert html.index("<details open>") > html.index('id="challenge-2"')
    assert "Choose what is wrong with the question." in html


def test_a_question_not_yet_answered_cannot_be_challenged(client, question_bank):
    attempt = answer_first(client)
    response = client.post(
        reverse("quizzes:challenge", args=[attempt.pk, 2]), {"reason": "unclear"}, **HTMX
    )
    assert response.status_code == 409
    assert "Answer the question first" in response.content.decode()


def test_another_browser_cannot_challenge_someone_elses_attempt(client, question_bank):
    from django.test import Client

    attempt = answer_first(client)
    other = Client()
    response = other.post(reverse("quizzes:challenge", args=[attempt.pk, 1]), {"reason": "other"})
    assert response.status_code == 404
    assert not Challenge.objects.exists()


def test_the_admins_answer_shows_on_the_students_results(client, question_bank):
    attempt = answer_first(client)
    client.post(reverse("quizzes:challenge", args=[attempt.pk, 1]), {"reason": "wrong_key"})
    challenge = Challenge.objects.get()
    challenges.challenge_resolve(
        challenge=challenge, status="answered", reply="The articles say April 16.", user=None
    )
    attempt.refresh_from_db()
    for position in range(1, attempt.question_count):
        client.post(reverse("quizzes:answer", args=[attempt.pk]), answer_data(attempt, position))
    html = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "An admin answered your challenge:" in html and "The articles say April 16." in html
    # The other questions each offer the form, with ids of their own.
    forms = re.findall(r'id="challenge-(\d+)"', html)
    assert len(forms) == attempt.question_count == len(set(forms))


def test_challenges_from_one_browser_are_limited(client, question_bank):
    attempt = answer_first(client)
    url = reverse("quizzes:challenge", args=[attempt.pk, 1])
    statuses = [
        client.post(url, {"reason": "other"}, **HTMX).status_code
        for _ in range(challenges.PER_BROWSER["limit"] + 1)
    ]
    assert statuses[-1] == 429 and 429 not in statuses[:-1]
    assert Question.objects.filter(challenges__isnull=False).distinct().count() == 1


def test_forms_sent_back_with_an_error_do_not_use_up_the_limit(client, question_bank):
    attempt = answer_first(client)
    url = reverse("quizzes:challenge", args=[attempt.pk, 1])
    for _ in range(challenges.PER_BROWSER["limit"] * 2):
        assert client.post(url, {"comment": "no reason"}, **HTMX).status_code == 422
    response = client.post(url, {"reason": "unclear"}, **HTMX)
    assert response.status_code == 200 and Challenge.objects.count() == 1


def test_a_class_behind_one_address_can_challenge_beyond_one_browsers_limit(client, question_bank):
    from django.test import Client

    limit = challenges.PER_BROWSER["limit"]
    students = []
    for number in range(3):
        student = Client(REMOTE_ADDR="10.0.0.7")
        students.append((student, answer_first_as(student, f"token-{number}")))
    stored = 0
    for student, attempt in students:
        url = reverse("quizzes:challenge", args=[attempt.pk, 1])
        for _ in range(limit):
            assert student.post(url, {"reason": "other"}, **HTMX).status_code == 200
            stored += 1
    assert stored == 3 * limit > limit


def test_one_address_has_a_ceiling_whatever_the_browsers(client, question_bank, monkeypatch):
    from django.test import Client

    monkeypatch.setitem(challenges.PER_ADDRESS, "limit", 4)
    statuses = []
    for number in range(6):
        student = Client(REMOTE_ADDR="10.0.0.8")  # a new browser each time, one address
        attempt = answer_first_as(student, f"fresh-{number}")
        url = reverse("quizzes:challenge", args=[attempt.pk, 1])
        statuses.append(student.post(url, {"reason": "other"}, **HTMX).status_code)
    assert statuses == [200, 200, 200, 200, 429, 429]
    assert Challenge.objects.count() == 4


def test_the_wait_page_links_back_to_the_question_the_student_came_from(client, question_bank):
    attempt = answer_first(client)
    url = reverse("quizzes:challenge", args=[attempt.pk, 1])
    for _ in range(challenges.PER_BROWSER["limit"]):
        client.post(url, {"reason": "other"})
    response = client.post(url, {"reason": "other"})
    assert response.status_code == 429
    back = reverse("quizzes:feedback", args=[attempt.pk, 1]) + "#challenge-1"
    assert f'href="{back}"' in response.content.decode()
