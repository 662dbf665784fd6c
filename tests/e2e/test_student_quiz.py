"""A student takes whole quizzes in real Chromium: mouse, keyboard only, Italian, no JavaScript."""

import re

import pytest
from playwright.sync_api import expect

from quizzes import services
from quizzes.models import Attempt, Question
from tests.e2e.conftest import axe_violations
from tests.e2e.quiz_steps import answer_with_keyboard, answer_with_mouse

pytestmark = pytest.mark.django_db(transaction=True)
ALL_KINDS = ["single_choice", "multiple_response", "true_false", "numeric", "ordering",
             "matching", "short_answer"]  # fmt: skip


def start_practice(page, site, *, length="5", language="en", nickname="Ada"):
    page.goto(site + "/")
    page.get_by_label(re.compile("Your nickname|Il tuo soprannome")).fill(nickname)
    page.locator(f"input[name=length][value='{length}']").check()
    page.get_by_label(re.compile("Language of the questions|Lingua delle domande")).select_option(
        language
    )
    page.get_by_role("button", name=re.compile("Start the quiz|Inizia il quiz")).click()
    expect(page.locator("#step-title")).to_be_visible()


def own_quiz_of_every_kind(page, site) -> str:
    """Start a practice quiz in the browser, then give this browser a quiz of all seven kinds."""
    start_practice(page, site)
    mine = Attempt.objects.latest("started_at")
    questions = [
        Question.objects.active().filter(kind=k).order_by("uid").first() for k in ALL_KINDS
    ]
    attempt = services.attempt_start(
        questions=questions, nickname="Ada", language="en", owner_token=mine.owner_token
    )
    page.goto(f"{site}/quiz/{attempt.pk}/")
    return str(attempt.pk)


def test_a_whole_quiz_with_the_mouse_swaps_each_step_in_place(site, page):
    own_quiz_of_every_kind(page, site)
    page.evaluate("window.__sameDocument = true")  # survives htmx swaps, not page loads
    kinds = []
    for number in range(1, 8):
        expect(page.locator("#step-title")).to_have_text(f"Question {number} of 7")
        kinds.append(answer_with_mouse(page))
        expect(page.locator(".verdict h2")).to_be_visible()
        expect(page.get_by_text("The right answer")).to_be_visible()
        assert page.evaluate("window.__sameDocument === true")
        assert re.search(rf"/feedback/{number}/$", page.url)
        page.get_by_role("link", name=re.compile("Next question|See your results")).click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".score .points")).to_contain_text("of 7 points")
    assert set(kinds) >= {"radio", "checkbox", "number", "text", "ordering", "matching"}


def test_a_whole_quiz_with_the_keyboard_only(site, page):
    page.goto(site + "/")
    page.keyboard.press("Tab")  # the skip link
    from tests.e2e.quiz_steps import tab_to

    tab_to(page, "el.name === 'nickname'")
    page.keyboard.type("Keyboard Kim")
    tab_to(page, "el.type === 'submit' && el.textContent.includes('Start the quiz')")
    page.keyboard.press("Enter")
    for number in range(1, 11):
        expect(page.locator("#step-title")).to_have_text(f"Question {number} of 10")
        # Acting before htmx has taken the step over would post the plain form instead: the
        # first question comes with a page load (wait for its deferred scripts), the others
        # are swapped in, and quiz.js moves the focus to their heading once htmx settled.
        if number == 1:
            page.wait_for_load_state()
        else:
            expect(page.locator("#step-title")).to_be_focused()
        answer_with_keyboard(page)
        expect(page.locator(".verdict h2")).to_be_focused()  # focus moved to the feedback
        tab_to(page, "el.tagName === 'A' && el.classList.contains('primary')")
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".score .percentage")).to_contain_text("%")


def test_a_whole_quiz_in_italian(site, page):
    page.goto(site + "/")
    page.get_by_role("button", name="Italiano").click()
    expect(page.locator("html")).to_have_attribute("lang", "it")
    start_practice(page, site + "/it", language="it", nickname="Giulia")
    for number in range(1, 6):
        expect(page.locator("#step-title")).to_have_text(f"Domanda {number} di 5")
        legend = page.locator("#step legend").inner_text()
        assert legend in {q.payload["prompt"]["it"] for q in Question.objects.active()}
        answer_with_mouse(page)
        expect(page.get_by_text("La risposta giusta")).to_be_visible()
        page.get_by_role(
            "link", name=re.compile("Domanda successiva|Vedi i tuoi risultati")
        ).click()
    expect(page.get_by_role("heading", name="I tuoi risultati")).to_be_visible()
    expect(page.locator(".points")).to_contain_text("su 5 punti")
    expect(page.locator(".score")).to_contain_text("Giulia, hai impiegato")


def test_a_whole_quiz_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    own_quiz_of_every_kind(page, site)
    for number in range(1, 8):
        expect(page.locator("#step-title")).to_have_text(f"Question {number} of 7")
        answer_with_mouse(page)  # every click is a form post and a whole page
        expect(page.get_by_text("The right answer")).to_be_visible()
        assert re.search(rf"/feedback/{number}/#step$", page.url)
        page.get_by_role("link", name=re.compile("Next question|See your results")).click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    assert Attempt.objects.filter(state="finished", question_count=7).count() == 1
    context.close()


def test_a_reload_mid_quiz_resumes_where_the_student_was(site, page):
    start_practice(page, site)
    for _ in range(2):
        answer_with_mouse(page)
        page.get_by_role("link", name="Next question").click()
        expect(page.locator("#step legend")).to_be_visible()
    expect(page.locator("#step-title")).to_have_text("Question 3 of 5")
    page.reload()
    expect(page.locator("#step-title")).to_have_text("Question 3 of 5")
    fresh = page.context.new_page()  # a closed tab reopened
    fresh.goto(page.url)
    expect(fresh.locator("#step-title")).to_have_text("Question 3 of 5")
    page.go_back()
    page.goto(site + "/")
    expect(
        page.get_by_role("link", name=re.compile(r"Continue your quiz \(2 of 5"))
    ).to_be_visible()


def test_the_pages_have_no_accessibility_violations(site, page):
    page.goto(site + "/")
    assert axe_violations(page) == [], "home"
    own_quiz_of_every_kind(page, site)
    for number in range(1, 8):
        assert axe_violations(page) == [], f"question {number}"
        answer_with_mouse(page)
        expect(page.locator(".verdict h2")).to_be_visible()
        assert axe_violations(page) == [], f"feedback {number}"
        page.get_by_role("link", name=re.compile("Next question|See your results")).click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    assert axe_violations(page) == [], "results"


def test_the_quiz_page_fits_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    page = context.new_page()
    own_quiz_of_every_kind(page, site)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360
    context.close()


def test_the_accessibility_check_catches_a_real_violation(site, page):
    page.goto(site + "/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text>')"
    )
    assert "label" in {v["id"] for v in axe_violations(page)}
