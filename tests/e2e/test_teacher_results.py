"""The teacher's results of a class in real Chromium: grades, the statistics switch, the grid
of answers by question at desktop and phone width, removing an attempt without JavaScript,
and the accommodations page, each checked with axe-core."""

import re

import pytest
from playwright.sync_api import expect

from quizzes import teaching
from quizzes.models import Question
from tests.e2e.conftest import axe_violations
from tests.e2e.quiz_steps import PASSWORD, log_in
from tests.factories import TeacherFactory
from tests.quizzes.teacher import PARTLY, published_set, take

pytestmark = pytest.mark.django_db(transaction=True)


def a_class():
    """Six students of an eight-question quiz allowing two attempts: Ann took it twice, Dima
    and Dmitri share a browser, Lucia is still answering, and one junk attempt is removed."""
    owner = TeacherFactory(username="rossi", password=PASSWORD)
    question_set = published_set(
        kinds=("single_choice", "true_false", "numeric", "multiple_response"),
        owner=owner,
        attempts_allowed=2,
        title="Class 3B: the Conference",
    )
    in_set = question_set.items.values_list("question__uid", flat=True)
    more = Question.objects.active().filter(kind="true_false").exclude(uid__in=list(in_set))
    teaching.set_add(question_set=question_set, questions=list(more.order_by("uid")[:4]))
    rest = [True, False, True, True]
    take(question_set, "Ann", [False, True, False, PARTLY, *rest])
    take(question_set, "Ann", [True, True, True, True, *rest])
    take(question_set, "Bob", [True, False, False, False, *rest])
    take(question_set, "Carla Čcheidze", [True, True, False, PARTLY, *rest])
    take(question_set, "Dmitri", [False, False, False, False, *rest], browser="shared")
    take(question_set, "Dima", [True, True, True, False, *rest], browser="shared")
    take(question_set, "Lucia", [True], finish=False)
    junk = take(question_set, "zz", [False] * 8)
    teaching.attempt_remove(question_set=question_set, attempt_id=junk.pk)
    return question_set


def test_a_teacher_reads_grades_and_the_grid_on_a_desktop_and_a_phone(site, browser):
    question_set = a_class()
    context = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, site + "/accounts/login/", "rossi")
    page.goto(f"{site}/teach/sets/{question_set.pk}/results/")

    grades = page.locator("table.grades")
    ann = grades.locator("tr", has=page.locator("th", has_text="Ann"))
    expect(ann.locator("td").first).to_have_text("87.5%")  # her better attempt: 7 of 8
    expect(ann.get_by_role("link")).to_have_count(2)
    expect(
        grades.get_by_role("row", name=re.compile("^Dima same browser as Dmitri"))
    ).to_be_visible()
    expect(page.locator(".counting")).to_contain_text("first finished attempt: 5 attempts of 6")
    expect(page.locator("#removed-title")).to_be_visible()
    grid = page.get_by_role("region", name="Answers by question")
    expect(grid.locator("tbody tr")).to_have_count(7)  # Ann twice, Lucia in progress
    expect(grid.locator("td.partly").first).to_contain_text("partly right")
    assert axe_violations(page) == [], "results page, desktop"

    page.get_by_role("link", name="Count all finished attempts").click()
    expect(page.locator(".counting")).to_contain_text("all finished attempts: 6 attempts")
    expect(page.get_by_role("link", name="Count only each student's first attempt")).to_be_visible()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.get_by_role("group", name="Answers by question")
    assert box.evaluate("e => e.scrollWidth > e.clientWidth")  # the grid scrolls in its box
    first_column = box.locator("tbody th").first
    left = first_column.bounding_box()["x"]
    box.evaluate("e => e.scrollLeft = 200")
    assert abs(first_column.bounding_box()["x"] - left) < 1  # and its first column stays
    box.focus()  # a keyboard user scrolls it too
    assert axe_violations(page) == [], "results page, phone"
    context.close()


def test_an_attempt_is_removed_and_restored_without_javascript(site, browser):
    question_set = a_class()
    context = browser.new_context(locale="en-GB", java_script_enabled=False)
    page = context.new_page()
    log_in(page, site + "/accounts/login/", "rossi")
    page.goto(f"{site}/teach/sets/{question_set.pk}/results/")
    page.locator("table.grades tr", has_text="Bob").get_by_role("link").click()
    page.get_by_role("link", name="Remove from the results…").click()
    expect(
        page.get_by_role("heading", name="Remove this attempt from the results?")
    ).to_be_visible()
    page.get_by_role("button", name="Remove from the results").click()
    expect(page.get_by_text("The attempt of Bob was removed from the results.")).to_be_visible()
    expect(page.locator("table.grades")).not_to_contain_text("Bob")
    removed = page.locator("section", has=page.locator("#removed-title"))
    removed.get_by_role("button", name="Restore the attempt of Bob").click()
    expect(page.get_by_text("The attempt of Bob is back in the results.")).to_be_visible()
    expect(page.locator("table.grades")).to_contain_text("Bob")
    context.close()


def test_a_teacher_gives_a_student_an_extra_attempt_on_a_phone(site, browser):
    question_set = a_class()
    context = browser.new_context(locale="en-GB", viewport={"width": 390, "height": 844})
    page = context.new_page()
    log_in(page, site + "/accounts/login/", "rossi")
    page.goto(f"{site}/teach/sets/{question_set.pk}/")
    page.get_by_role("link", name="Extra time or attempts").click()
    page.get_by_label("Nickname").fill("Bob")
    page.get_by_label("Extra attempts").fill("1")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Saved the accommodation for Bob.")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Bob")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    # The row's actions fit the phone's width without scrolling the table sideways.
    change = page.get_by_role("link", name="Change the accommodation of Bob")
    remove = page.get_by_role("button", name="Remove the accommodation of Bob")
    for control in (change, remove):
        box = control.bounding_box()
        assert box["x"] + box["width"] <= 390
    nickname = page.get_by_label("Nickname")
    assert (
        nickname.evaluate("e => getComputedStyle(e).borderTopStyle") != "none"
    )  # looks like a field
    assert axe_violations(page) == [], "accommodations page"
    bob = question_set.attempts.get(nickname="Bob")
    page.goto(f"{site}/teach/sets/{question_set.pk}/attempts/{bob.pk}/remove/")
    assert axe_violations(page) == [], "removal confirmation"
    context.close()
