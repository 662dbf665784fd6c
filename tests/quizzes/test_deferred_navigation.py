"""Deferred feedback with navigation (Moodle's "deferred feedback"): the student moves
between the questions, changes answers, flags questions, sees a summary, and only
"Submit all and finish" (or the end of the time) scores the attempt."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from quizzes.models import Attempt, Response
from tests.quizzes.student import answer_data, slot, start

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def bank(question_bank):
    """The real bank (generated once per test database)."""


def save(client, attempt, data, go="next", **extra):
    return client.post(reverse("quizzes:save", args=[attempt.pk]), {**data, "go": go}, **extra)


def page(attempt, number):
    return reverse("quizzes:page", args=[attempt.pk, number])


def deferred(client, kinds=("single_choice", "numeric", "true_false"), **kwargs):
    return start(client, kinds=list(kinds), behaviour="deferred", **kwargs)


def test_taking_a_deferred_quiz_opens_its_first_question_page(bank, client):
    attempt = deferred(client)
    response = client.get(reverse("quizzes:take", args=[attempt.pk]))
    assert response["Location"] == page(attempt, 1)
    html = client.get(page(attempt, 1)).content.decode()
    assert "Question 1 of 3" in html and "Flag this question" in html
    assert 'name="go" value="next"' in html and 'value="previous"' not in html


def test_next_saves_the_answer_without_scoring_or_revealing_it(bank, client):
    attempt = deferred(client)
    response = save(client, attempt, answer_data(attempt, 0))
    assert response["Location"] == page(attempt, 2) + "#step"
    html = client.get(page(attempt, 2)).content.decode()
    assert "Question 2 of 3" in html
    assert "Right!" not in html and "The right answer" not in html
    assert not Response.objects.exists()  # nothing scored before the end
    assert slot(attempt, 0).draft is not None


def test_going_back_shows_the_answer_saved_and_it_can_be_changed(bank, client):
    attempt = deferred(client)
    right = answer_data(attempt, 0)
    save(client, attempt, right)
    html = client.get(page(attempt, 1)).content.decode()
    assert f'value="{right["answer"]}" checked' in html  # the saved pick is ticked again
    save(client, attempt, answer_data(attempt, 0, right=False), go="3")
    assert client.get(page(attempt, 3)).status_code == 200
    attempt.refresh_from_db()
    assert attempt.position == 2
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert Response.objects.get(attempt=attempt, position=0).fraction == 0  # the changed answer


def test_flagged_questions_show_in_the_navigation_and_the_summary(bank, client):
    attempt = deferred(client)
    save(client, attempt, {**answer_data(attempt, 0), "flagged": "on"})
    html = client.get(page(attempt, 2)).content.decode()
    assert "flagged" in html and "⚑" in html
    save(client, attempt, {"position": "1"}, go="summary")  # question 2 left blank
    summary = client.get(reverse("quizzes:summary", args=[attempt.pk])).content.decode()
    assert "You have answered 1 question of 3." in summary and "1 is flagged." in summary
    assert summary.count("not answered") == 2
    assert "Submit all and finish" in summary


def test_unflagging_removes_the_flag(bank, client):
    attempt = deferred(client)
    save(client, attempt, {**answer_data(attempt, 0), "flagged": "on"}, go="1")
    assert slot(attempt, 0).flagged
    save(client, attempt, answer_data(attempt, 0), go="1")
    assert not slot(attempt, 0).flagged


def test_submit_all_scores_every_saved_answer_and_leaves_blanks_at_zero(bank, client):
    attempt = deferred(client)
    save(client, attempt, answer_data(attempt, 0))
    save(client, attempt, {"position": "1"})
    save(client, attempt, answer_data(attempt, 2), go="summary")
    response = client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert response["Location"] == reverse("quizzes:results", args=[attempt.pk])
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.ending == "completed"
    assert attempt.score == 2
    assert sorted(Response.objects.filter(attempt=attempt).values_list("position", flat=True)) == [
        0,
        2,
    ]
    results = client.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "The right answer" in results  # feedback comes with the results, at the end


def test_feedback_pages_stay_closed_until_the_attempt_is_submitted(bank, client):
    attempt = deferred(client)
    save(client, attempt, answer_data(attempt, 0))
    feedback = reverse("quizzes:feedback", args=[attempt.pk, 1])
    assert client.get(feedback).status_code == 404
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    assert client.get(feedback).status_code == 200


def test_after_submission_no_answer_can_be_changed(bank, client):
    attempt = deferred(client)
    save(client, attempt, answer_data(attempt, 0))
    client.post(reverse("quizzes:submit", args=[attempt.pk]))
    response = save(client, attempt, answer_data(attempt, 0, right=False))
    assert response.status_code in (200, 302)
    assert Response.objects.get(attempt=attempt, position=0).fraction == 1
    assert client.get(page(attempt, 1))["Location"].startswith(
        reverse("quizzes:results", args=[attempt.pk])
    )


def test_with_htmx_next_answers_with_the_next_step_and_its_address(bank, client):
    attempt = deferred(client)
    response = save(client, attempt, answer_data(attempt, 0), **HTMX)
    assert response.status_code == 200
    assert response["HX-Push-Url"] == page(attempt, 2)
    assert "Question 2 of 3" in response.content.decode()
    last = save(client, attempt, answer_data(attempt, 2) | {"position": "2"}, go="summary", **HTMX)
    assert last["HX-Push-Url"] == reverse("quizzes:summary", args=[attempt.pk])


def test_half_entered_matching_is_explained_and_moves_nowhere(bank, client):
    attempt = deferred(client, kinds=["matching", "true_false"])
    data = {k: v for k, v in answer_data(attempt, 0).items() if not k.startswith("pair_")}
    pairs = [k for k in answer_data(attempt, 0) if k.startswith("pair_")]
    data[pairs[0]] = answer_data(attempt, 0)[pairs[0]]
    response = save(client, attempt, data)
    assert response.status_code == 200
    assert "Question 1 of 2" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.position == 0 and slot(attempt, 0).draft is None


def test_a_question_number_out_of_range_is_404(bank, client):
    attempt = deferred(client)
    assert client.get(page(attempt, 4)).status_code == 404
    assert client.get(page(attempt, 0)).status_code == 404


def test_when_the_time_is_up_the_answer_on_screen_counts(bank, client):
    """The clock runs out while a pick is selected but not saved: the page submits itself
    (quiz.js posts with timeup=1) and that pick is scored."""
    attempt = deferred(client, minutes=5)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(seconds=2))
    response = save(client, attempt, {**answer_data(attempt, 0), "timeup": "1"})
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.ending == "time_up"
    assert attempt.score == 1
    assert reverse("quizzes:results", args=[attempt.pk]) in response["Location"]


def test_after_the_grace_period_saved_answers_count_and_new_ones_do_not(bank, client):
    attempt = deferred(client, minutes=5)
    save(client, attempt, answer_data(attempt, 0))
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() - timedelta(minutes=5))
    save(client, attempt, answer_data(attempt, 1) | {"position": "1"})
    attempt.refresh_from_db()
    assert attempt.state == Attempt.State.FINISHED and attempt.ending == "time_up"
    assert attempt.score == 1  # the first answer, saved in time; the late one is refused


def test_the_summary_keeps_the_clock_running_and_the_last_minute_says_so(bank, client):
    attempt = deferred(client, minutes=5)
    summary = reverse("quizzes:summary", args=[attempt.pk])
    html = client.get(summary).content.decode()
    assert 'class="timer"' in html and re.search(r'data-seconds="(29\d|300)"', html)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=timezone.now() + timedelta(seconds=50))
    html = client.get(summary).content.decode()
    assert 'class="timer last-minute"' in html and "0:5" in html
