"""A teacher writes a matching question of their own, adds it to a set beside a bank
question, publishes it; a student answers it; the teacher reads the result. Real Chromium,
separate browser contexts; the question form is checked with axe-core, on a phone too."""

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt, Question
from tests.e2e.conftest import axe_violations
from tests.e2e.quiz_steps import PASSWORD, log_in, new_quiz
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True)

PAIRS = [("Lenin", "Bolsheviks"), ("Chkheidze", "Mensheviks"), ("Kamenev", "Bolsheviks")]


def write_matching_question(page, site):
    page.goto(site + "/teach/questions/")
    page.get_by_role("link", name="Write a question").click()
    page.get_by_role("link", name="Matching").click()
    page.get_by_label("Question (English)").fill("Match each person with their party.")
    # First a pair without its partner: the form says so next to the field, keeping the rest.
    page.get_by_label("Item 1 (English)", exact=True).fill("Lenin")
    page.get_by_role("button", name="Save the question").click()
    expect(
        page.get_by_text("This item has no match: write its match, or clear the row.")
    ).to_be_visible()
    match = page.get_by_label("Match of item 1 (English)")
    expect(match).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_label("Item 1 (English)", exact=True)).to_have_value("Lenin")
    assert axe_violations(page) == [], "question form with an error"
    for number, (left, right) in enumerate(PAIRS, start=1):
        page.get_by_label(f"Item {number} (English)", exact=True).fill(left)
        page.get_by_label(f"Match of item {number} (English)").fill(right)
    page.get_by_label("Explanation (optional) (English)").fill(
        "Lenin and Kamenev were Bolsheviks; Chkheidze was a Menshevik."
    )
    page.get_by_label("Topic").select_option(label="People and roles")
    page.get_by_role("button", name="Save the question").click()
    expect(page.get_by_text("Your question was saved.")).to_be_visible()
    expect(page.locator(".my-questions li")).to_have_count(1)


def test_a_teacher_writes_a_matching_question_and_a_student_answers_it(site, browser):
    TeacherFactory(username="rossi", password=PASSWORD)
    teacher = browser.new_context(locale="en-GB").new_page()
    teacher.set_default_timeout(10_000)
    log_in(teacher, site + "/accounts/login/", "rossi")
    expect(teacher.get_by_role("heading", name="My quizzes")).to_be_visible()
    write_matching_question(teacher, site)
    mine = Question.objects.get(author__username="rossi")

    teacher.goto(site + "/teach/")
    new_quiz(teacher)
    expect(teacher.locator("#bank-filters")).to_be_visible()
    teacher.wait_for_load_state()
    teacher.locator("#bank-filters").get_by_label("Questions").select_option("mine")
    expect(teacher.locator("#bank .bank > li")).to_have_count(1)
    expect(teacher.locator("#bank .bank > li")).to_contain_text(
        "Match each person with their party."
    )
    teacher.locator("#bank .bank > li form button").click()
    expect(teacher.locator(".set-items li")).to_have_count(1)
    expect(teacher.locator(".set-items li")).to_contain_text("Match each person")
    teacher.get_by_role("button", name="Publish").click()
    code = teacher.locator(".join-code").inner_text().strip()

    student = browser.new_context(locale="en-GB").new_page()
    student.set_default_timeout(10_000)
    student.goto(site + "/")
    student.get_by_label("Join code").fill(code)
    student.get_by_role("button", name="Join", exact=True).click()
    student.get_by_label("Your nickname").fill("Ann")
    student.get_by_role("button", name="Start the quiz").click()
    expect(student.locator("#step-title")).to_have_text("Question 1 of 1")
    html = student.content()
    assert mine.payload["lefts"][0]["id"] not in re.findall(r'value="([^"]*)"', html)
    for left, right in PAIRS:
        student.get_by_label(left, exact=True).select_option(label=right)
    student.get_by_role("button", name="Check answer").click()
    expect(student.locator(".verdict h2")).to_contain_text("Right!")
    expect(student.get_by_text("Chkheidze was a Menshevik")).to_be_visible()
    student.context.close()

    teacher.goto(teacher.url.replace("/share/", "/results/"))
    attempt = Attempt.objects.get(nickname="Ann")
    assert attempt.score == 1.0 and attempt.slots.get().question_id == mine.pk
    attempts = teacher.locator("table.attempts")  # Ann is also a row of the grid of answers
    row = attempts.locator("tr", has=teacher.get_by_role("link", name="Ann", exact=True))
    expect(row).to_contain_text("1 / 1")


def test_the_question_form_works_on_a_phone(site, browser):
    TeacherFactory(username="rossi", password=PASSWORD)
    context = browser.new_context(locale="it-IT", viewport={"width": 375, "height": 740},
                                  is_mobile=True)  # fmt: skip
    page = context.new_page()
    page.set_default_timeout(10_000)
    log_in(page, site + "/accounts/login/", "rossi")
    page.goto(site + "/it/teach/questions/new/?kind=single_choice")
    expect(page.get_by_role("heading", name=re.compile("Scrivi una domanda"))).to_be_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    page.get_by_role("button", name="Salva la domanda").click()
    expect(
        page.get_by_text("Scrivi la domanda in inglese, in italiano o in entrambe le lingue.")
    ).to_be_visible()
    assert axe_violations(page) == [], "question form on a phone, in Italian"
    context.close()
