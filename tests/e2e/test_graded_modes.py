"""The ways of taking a graded quiz, in real Chromium: deferred feedback with navigation
(flag, change an answer, summary, submit), interactive tries with hints, and the time
running out with an answer selected but not sent."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from quizzes import services
from quizzes.models import Attempt, Question, Response
from quizzes.presenting import token

pytestmark = pytest.mark.django_db(transaction=True)


def own_attempt(page, site, *, kinds, behaviour, minutes=None) -> Attempt:
    """This browser's own attempt: a practice quiz starts the session, then the test gives
    the browser an attempt of the kinds it needs."""
    page.goto(site + "/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#step-title")).to_be_visible()
    mine = Attempt.objects.latest("started_at")
    questions = [Question.objects.active().filter(kind=k).order_by("uid").first() for k in kinds]
    return services.attempt_start(
        questions=questions,
        nickname="Ada",
        language="en",
        owner_token=mine.owner_token,
        behaviour=behaviour,
        time_limit_minutes=minutes,
    )


def pick(page, attempt, position: int, *, right: bool) -> None:
    """Click the label of the right (or a wrong) option of a choice question."""
    payload = attempt.slots.get(position=position).question.payload
    if payload["kind"] == "true_false":
        internal = "true" if payload["truth"] == right else "false"
    else:
        internal = next(o["id"] for o in payload["options"] if o["correct"] == right)
    value = token(attempt.pk, position, internal)
    page.locator(f"#step input[value='{value}']").check()


def test_deferred_navigation_flag_change_summary_and_submit(site, page):
    attempt = own_attempt(
        page, site, kinds=["single_choice", "true_false", "single_choice"], behaviour="deferred"
    )
    page.goto(f"{site}/quiz/{attempt.pk}/")
    expect(page.locator("#step-title")).to_have_text("Question 1 of 3")
    page.wait_for_load_state()
    pick(page, attempt, 0, right=True)
    page.get_by_label("Flag this question to come back to it").check()
    page.get_by_role("button", name="Next", exact=True).click()
    expect(page.locator("#step-title")).to_have_text("Question 2 of 3")
    assert re.search(r"/question/2/$", page.url)
    expect(page.get_by_text("Right!")).to_have_count(0)  # nothing about right or wrong yet
    nav = page.get_by_role("navigation", name="Questions of this quiz")
    expect(nav.get_by_role("button", name="Question 1: answered, flagged")).to_be_visible()
    pick(page, attempt, 1, right=True)
    # Back to question 1 through the panel: the pick is still there, and is changed.
    nav.get_by_role("button", name=re.compile(r"^Question 1:")).click()
    expect(page.locator("#step-title")).to_have_text("Question 1 of 3")
    expect(page.locator("#step input[name=answer]:checked")).to_have_count(1)
    pick(page, attempt, 0, right=False)
    page.get_by_label("Flag this question to come back to it").uncheck()
    page.get_by_role("button", name="Summary").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    expect(page.get_by_text("You have answered 2 questions of 3.")).to_be_visible()
    expect(page.get_by_role("cell", name="not answered")).to_have_count(1)
    assert not Response.objects.filter(attempt=attempt).exists()
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".score .points")).to_contain_text("1 of 3 points")
    scored = dict(Response.objects.filter(attempt=attempt).values_list("position", "fraction"))
    assert scored == {0: 0.0, 1: 1.0}  # question 1 as changed, question 3 left blank


def test_interactive_a_wrong_try_gets_a_hint_and_another_try(site, page):
    attempt = own_attempt(
        page, site, kinds=["single_choice", "true_false"], behaviour="interactive"
    )
    page.goto(f"{site}/quiz/{attempt.pk}/")
    page.wait_for_load_state()
    pick(page, attempt, 0, right=False)
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_text("Not quite: try again.")).to_be_visible()
    expect(page.get_by_text("You have 2 tries left")).to_be_visible()
    pick(page, attempt, 0, right=True)
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".verdict h2")).to_contain_text("Partly right")
    stored = Response.objects.get(attempt=attempt, position=0)
    assert (stored.tries, round(stored.fraction, 3)) == (2, round(2 / 3, 3))


@pytest.mark.parametrize("behaviour", ["immediate", "deferred"])
def test_when_the_time_runs_out_the_answer_selected_counts(site, page, behaviour):
    attempt = own_attempt(
        page, site, kinds=["single_choice", "true_false"], behaviour=behaviour, minutes=5
    )
    # Four seconds left on the clock, then the student picks and sends nothing.
    Attempt.objects.filter(pk=attempt.pk).update(
        deadline=timezone.now() + datetime.timedelta(seconds=4)
    )
    page.goto(f"{site}/quiz/{attempt.pk}/")
    page.wait_for_load_state()
    pick(page, attempt, 0, right=True)
    expect(page.get_by_role("heading", name="Your results")).to_be_visible(timeout=15_000)
    expect(page.get_by_text("Time ran out")).to_be_visible()
    attempt.refresh_from_db()
    assert attempt.ending == "time_up"
    assert Response.objects.get(attempt=attempt, position=0).fraction == 1
    assert attempt.score == 1
