"""A teacher new to the site builds, shares and prints a quiz in Chromium: Add and Remove
leave the page where it was and the keyboard somewhere sensible, the projector view fills
the screen, and the printed page is laid out for paper. axe-core finds nothing."""

import pytest
from playwright.sync_api import expect

from quizzes.models import QuestionSet
from tests.e2e.conftest import axe_violations
from tests.e2e.quiz_steps import PASSWORD, log_in, new_quiz
from tests.factories import TeacherFactory
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}


def teacher_page(browser, site, viewport, **options):
    TeacherFactory(username="rossi", password=PASSWORD)
    page = browser.new_context(viewport=viewport, locale="en-GB", **options).new_page()
    page.set_default_timeout(10_000)
    log_in(page, site + "/accounts/login/", "rossi")
    expect(page.get_by_role("heading", name="My quizzes")).to_be_visible()
    return page


def top(locator) -> float:
    return locator.evaluate("element => element.getBoundingClientRect().top")


def focused_html(page) -> str:
    return page.evaluate("document.activeElement.outerHTML")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_add_and_remove_keep_the_page_still_and_the_focus_where_the_teacher_works(
    site, browser, viewport
):
    page = teacher_page(browser, site, viewport)
    new_quiz(page, "Class 3B")
    expect(page.get_by_role("heading", name="Class 3B")).to_be_visible()
    expect(page).to_have_title("Class 3B · Conference quiz")
    page.wait_for_load_state()
    bank = page.locator("#bank .bank > li")
    # Add three questions from the middle of the bank, with the bank scrolled into view.
    for n in (5, 6, 7):
        row = bank.nth(n)
        button = row.get_by_role("button", name="Add")
        button.scroll_into_view_if_needed()
        before = top(button)
        button.focus()
        page.keyboard.press("Enter")
        expect(row.locator(".added")).to_be_focused()
        expect(row.locator(".added")).to_contain_text("Added")
        assert abs(top(row.locator(".added")) - before) < 3, "the page jumped"
    expect(page.locator(".set-items > li")).to_have_count(3)
    assert axe_violations(page) == [], "set editor after three additions"

    # Remove the first question: the keyboard goes to the next one's Remove button.
    items = page.locator(".set-items > li")
    second_text = items.nth(1).locator(".item-text").inner_text()
    remove = items.first.get_by_role("button", name="Remove question 1")
    remove.scroll_into_view_if_needed()
    before = top(remove)
    remove.focus()
    page.keyboard.press("Enter")
    expect(items).to_have_count(2)
    focused = page.locator(".set-items > li").first.get_by_role("button", name="Remove question 1")
    expect(focused).to_be_focused()
    expect(page.locator(".set-items > li").first).to_contain_text(second_text)
    assert abs(top(focused) - before) < 3, "the page jumped"
    # The bank offers the removed question again.
    expect(bank.nth(5).get_by_role("button", name="Add")).to_be_visible()
    # The last two: then the sentence that says the list is empty has the focus.
    for left in (1, 0):
        page.locator(".set-items > li").last.get_by_role("button", name="Remove").click()
        expect(page.locator(".set-items > li")).to_have_count(left)
    expect(page.locator("#no-questions")).to_be_focused()
    assert axe_violations(page) == [], "set editor after the removals"


def test_a_bank_question_opens_to_its_answer_and_the_settings_rename_the_page(site, browser):
    page = teacher_page(browser, site, DESKTOP)
    new_quiz(page, "Draft")
    page.wait_for_load_state()
    row = page.locator("#bank .bank > li").first
    expect(row.locator(".in-full ul, .in-full p").first).to_be_hidden()
    row.get_by_text("Show the answer and explanation").click()
    expect(row.get_by_text("The right answer:")).to_be_visible()
    assert axe_violations(page) == [], "set editor with a question opened"
    page.locator("#settings").get_by_label("Title").fill("Class 3B: April 1917")
    page.get_by_role("button", name="Save the settings").click()
    expect(page.locator("#settings .saved")).to_have_text("Settings saved.")
    expect(page.locator("#settings .saved")).to_be_focused()  # not the top of the page
    expect(page.locator("h1")).to_contain_text("Class 3B: April 1917")
    expect(page).to_have_title("Class 3B: April 1917 · Conference quiz")
    # A bad value: the focus goes to the field in error, with one message.
    page.locator("#settings").get_by_label("Time limit").fill("-3")
    page.get_by_role("button", name="Save the settings").click()
    field = page.locator("#settings").get_by_label("Time limit")
    expect(field).to_be_focused()
    expect(page.locator("#settings .errorlist")).to_have_text("Give a number from 1 to 300.")


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_the_projector_view_fills_the_screen_with_the_code_and_a_qr_code(site, browser, viewport):
    page = teacher_page(browser, site, viewport, permissions=["clipboard-read", "clipboard-write"])
    question_set = published_set(owner=page_owner())
    page.goto(f"{site}/teach/sets/{question_set.pk}/share/")
    assert axe_violations(page) == [], "share page"
    page.get_by_role("link", name="Show on the projector").click()
    expect(page.locator(".join-code")).to_have_text(question_set.code)
    qr = page.locator(".projector-qr svg").bounding_box()
    width, height = viewport["width"], viewport["height"]
    # Readable from the back of a room: the QR code takes most of the screen's short side.
    assert min(qr["width"], qr["height"]) >= 0.8 * min(width, height), qr
    assert qr["x"] >= 0 and qr["x"] + qr["width"] <= width + 1
    expect(page.locator(".site-header")).to_be_hidden()
    link = page.locator("#join-link")
    expect(link).to_have_text(f"{site}/j/{question_set.code}/")
    page.get_by_role("button", name="Copy the link").click()
    expect(page.get_by_role("status").filter(has_text="The link is copied.")).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == f"{site}/j/{question_set.code}/"
    assert axe_violations(page) == [], "projector view"


def page_owner():
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="rossi")


def test_the_projector_view_without_javascript_shows_the_link_and_no_dead_button(site, browser):
    page = teacher_page(browser, site, DESKTOP, java_script_enabled=False)
    question_set = published_set(owner=page_owner())
    page.goto(f"{site}/teach/sets/{question_set.pk}/projector/")
    expect(page.locator("#join-link")).to_be_visible()
    expect(page.get_by_role("button", name="Copy the link")).to_be_hidden()


def test_the_shared_link_opens_in_the_students_language(site, browser):
    question_set = published_set()
    student = browser.new_context(locale="it-IT").new_page()
    student.goto(f"{site}/j/{question_set.code}/")
    assert student.url == f"{site}/it/join/{question_set.code}/"
    expect(student.locator("html")).to_have_attribute("lang", "it")


def test_the_printed_quiz_is_laid_out_for_paper(site, browser):
    page = teacher_page(browser, site, DESKTOP)
    question_set = published_set(owner=page_owner(), kinds=("matching", "ordering", "numeric"))
    page.goto(f"{site}/teach/sets/{question_set.pk}/print/?key=1")
    assert axe_violations(page) == [], "printable page on screen"
    page.emulate_media(media="print")
    for hidden in (".site-header nav", ".language-switcher", ".screen-only", ".site-footer"):
        expect(page.locator(hidden).first).to_be_hidden()
    # Matching: two columns side by side, numbers on the left, letters on the right.
    lefts = page.locator(".print-matching .lefts").bounding_box()
    rights = page.locator(".print-matching .rights").bounding_box()
    assert rights["x"] >= lefts["x"] + lefts["width"] - 1 and abs(rights["y"] - lefts["y"]) < 5
    marker = page.locator(".print-matching .rights li").first.evaluate(
        "li => getComputedStyle(li).listStyleType"
    )
    assert marker == "upper-alpha"
    # Ordering: a blank to number beside each event; no instructions for buttons.
    expect(page.locator(".print-ordering li .blank").first).to_be_visible()
    expect(page.get_by_text("Use the buttons")).to_have_count(0)
    expect(page.locator("select")).to_have_count(0)
    # The key: one entry per question, the answer after "Answer:".
    key = page.locator(".answer-key")
    expect(key.locator("dt")).to_have_count(3)
    expect(key.locator("dt").first).to_have_text("Question 1")
    assert QuestionSet.objects.filter(pk=question_set.pk).exists()
