"""A teacher builds and publishes a set; two students join by code and finish; the teacher
reads both results with the right scores. Real Chromium, three separate browser contexts."""

import re

import pytest
from playwright.sync_api import expect

from quizzes.models import Attempt
from tests.e2e.conftest import axe_violations
from tests.e2e.quiz_steps import PASSWORD, log_in, new_quiz
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True)


def answer_all_true(page, count):
    for number in range(1, count + 1):
        expect(page.locator("#step-title")).to_have_text(f"Question {number} of {count}")
        page.locator("label.choice", has_text="True").click()
        page.get_by_role("button", name="Check answer").click()
        expect(page.locator(".verdict h2")).to_be_visible()
        page.get_by_role("link", name=re.compile("Next question|See your results")).click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()


def test_a_class_takes_a_teachers_quiz(site, browser):
    TeacherFactory(username="rossi", password=PASSWORD)
    teacher = browser.new_context().new_page()
    log_in(teacher, site + "/accounts/login/", "rossi")
    expect(teacher.get_by_role("heading", name="My quizzes")).to_be_visible()
    new_quiz(teacher)
    # The filters act through htmx: changing one before the page's deferred scripts ran
    # would do nothing, so wait for the set editor to finish loading.
    expect(teacher.locator("#bank-filters")).to_be_visible()
    teacher.wait_for_load_state()

    # Build: three true/false questions from the bank, then the title.
    teacher.locator("#bank-filters").get_by_label("Kind").select_option("true_false")
    expect(teacher.locator("#bank .bank > li", has_not_text="true or false")).to_have_count(0)
    for added in range(1, 4):
        uid = teacher.locator("#bank .bank > li input[name=uid]").first.get_attribute("value")
        teacher.locator("#bank .bank > li form button").first.click()
        expect(teacher.locator(".set-items li")).to_have_count(added)
        # The bank refreshes itself and no longer offers what the set holds.
        expect(teacher.locator(f'#bank input[value="{uid}"]')).to_have_count(0)
    expect(teacher.locator("#questions .totals")).to_have_text("3 questions, 3 points")
    teacher.get_by_label("Title").fill("Class 3B: the Conference")
    teacher.get_by_role("button", name="Save the settings").click()
    expect(teacher.locator("#settings .saved")).to_have_text("Settings saved.")
    assert axe_violations(teacher) == [], "set editor"
    teacher.get_by_role("button", name="Publish").click()
    code = teacher.locator(".join-code").inner_text().strip()
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    assert axe_violations(teacher) == [], "share page"

    # Two students in their own browsers.
    for nickname in ("Ann", "Bob"):
        student = browser.new_context().new_page()
        student.goto(site + "/")
        student.get_by_label("Join code").fill(code.lower())
        student.get_by_role("button", name="Join", exact=True).click()
        expect(student.get_by_role("heading", name="Class 3B: the Conference")).to_be_visible()
        student.get_by_label("Your nickname").fill(nickname)
        student.get_by_role("button", name="Start the quiz").click()
        answer_all_true(student, 3)
        student.context.close()

    teacher.goto(teacher.url.replace("/share/", "/results/"))
    expected = {a.nickname: f"{a.score:g} / 3" for a in Attempt.objects.all()}
    assert set(expected) == {"Ann", "Bob"}
    attempts = teacher.locator("section", has=teacher.locator("#attempts-title"))
    for nickname, score in expected.items():
        row = attempts.locator("tr", has=teacher.get_by_role("link", name=nickname, exact=True))
        expect(row).to_contain_text(score)
    expect(teacher.locator(".summary")).to_contain_text("2")  # finished attempts
    assert axe_violations(teacher) == [], "results page"
