"""Forms and their errors where the reader is, in real Chromium: the challenge form on a
phone and its errors with and without JavaScript, where the focus goes after sending it, an
error page through htmx, the review's columns, and the teacher's editor at desktop width."""

import re

import pytest
from playwright.sync_api import expect

from quizzes import services
from quizzes.models import Attempt, Challenge, Question
from tests.e2e.conftest import axe_violations
from tests.e2e.quiz_steps import PASSWORD, answer_with_mouse, log_in, new_quiz
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def feedback_on_the_first_question(browser, site, *, viewport, javascript=True, language="en"):
    context = browser.new_context(viewport=viewport, java_script_enabled=javascript, locale="en-GB")
    page = context.new_page()
    page.set_default_timeout(10_000)
    prefix = "/it" if language == "it" else ""
    page.goto(f"{site}{prefix}/")
    page.locator("input[name=length][value='5']").check()
    page.locator("select[name=language]").select_option(language)
    page.locator("form.card button[type=submit]").first.click()
    expect(page.locator("#step-title")).to_be_visible()
    page.wait_for_load_state()
    answer_with_mouse(page)
    expect(page.locator(".verdict h2")).to_be_visible()
    return page


def past_the_browsers_own_check(page):
    """The reason is required in the page too; lift that to see what the server says (an
    older browser, or a form sent by hand, does not check it)."""
    page.locator(".challenge input[name=reason]").evaluate_all(
        "radios => radios.forEach(radio => radio.required = false)"
    )


def scrolls_sideways(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth > window.innerWidth")


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_feedback_and_its_open_challenge_form_fit_a_phone(site, browser, language):
    page = feedback_on_the_first_question(browser, site, viewport=PHONE, language=language)
    page.locator(".challenge summary").click()
    expect(page.locator(".challenge textarea")).to_be_visible()
    assert not scrolls_sideways(page)
    box = page.locator(".challenge textarea").bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"]
    assert axe_violations(page) == []


def test_a_challenge_sent_through_htmx_shows_its_error_in_place_then_focuses_the_thanks(
    site, browser
):
    page = feedback_on_the_first_question(browser, site, viewport=DESKTOP)
    page.evaluate("window.__sameDocument = true")
    page.locator(".challenge summary").click()
    past_the_browsers_own_check(page)
    page.get_by_label("Tell us more (optional)").fill("Two options fit.")
    page.get_by_role("button", name="Send to the admins").click()
    box = page.locator("#challenge-1")
    expect(box.locator(".errorlist")).to_have_text("Choose what is wrong with the question.")
    assert page.evaluate("window.__sameDocument === true")  # swapped in place, no page load
    expect(box.get_by_label("Tell us more (optional)")).to_have_value("Two options fit.")
    expect(box.locator("input[name=reason]").first).to_be_focused()
    assert axe_violations(page) == []
    box.get_by_label("More than one answer could be right").check()
    box.get_by_role("button", name="Send to the admins").click()
    status = page.locator(".challenge-status")
    expect(status).to_contain_text("an admin will look at it")
    expect(status).to_be_focused()
    assert Challenge.objects.get().comment == "Two options fit."


def test_without_javascript_a_challenge_error_comes_back_open_beside_the_form(site, browser):
    page = feedback_on_the_first_question(browser, site, viewport=PHONE, javascript=False)
    page.locator(".challenge summary").click()
    past_the_browsers_own_check(page)
    page.get_by_role("button", name="Send to the admins").click()
    assert page.url.endswith("/challenge/1/#challenge-1")
    expect(page.locator(".challenge details")).to_have_attribute("open", "")
    error = page.locator("#challenge-1 .errorlist")
    expect(error).to_have_text("Choose what is wrong with the question.")
    expect(error).to_be_in_viewport()  # the browser went to the form, not the top
    expect(page.locator(".messages")).to_have_count(0)
    assert not scrolls_sideways(page)
    assert not Challenge.objects.exists()


def test_an_error_page_through_htmx_takes_the_place_of_the_main_content(site, browser):
    context = browser.new_context(viewport=PHONE, locale="en-GB")
    page = context.new_page()
    page.goto(site + "/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#step-title")).to_be_visible()
    page.wait_for_load_state()
    # More fields than Django reads (DATA_UPLOAD_MAX_NUMBER_FIELDS): it answers 400.
    page.locator("#step form").evaluate(
        """form => { for (let i = 0; i < 1100; i++) {
             const field = document.createElement('input');
             field.type = 'hidden'; field.name = 'x' + i; form.appendChild(field); } }"""
    )
    page.get_by_role("button", name="Check answer").click()
    expect(page.get_by_role("heading", name="That request could not be used")).to_be_visible()
    expect(page.locator("main")).to_have_count(1)
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.locator("main")).to_be_focused()


def test_the_answers_of_every_reviewed_question_start_in_one_column(site, browser):
    page = feedback_on_the_first_question(browser, site, viewport=DESKTOP)
    # This browser's own quiz: a wrong pick with a long text ("Why not …" that option), then
    # a question whose review has no such label.
    choice = max(
        Question.objects.active().filter(kind="single_choice"),
        key=lambda q: max(len(o["text"]["en"]) for o in q.payload["options"] if not o["correct"]),
    )
    wrong = max((o["text"]["en"] for o in choice.payload["options"] if not o["correct"]), key=len)
    numeric = Question.objects.active().filter(kind="numeric").order_by("uid").first()
    attempt = services.attempt_start(
        questions=[choice, numeric],
        nickname="Ada",
        language="en",
        owner_token=Attempt.objects.latest("started_at").owner_token,
    )
    page.goto(f"{site}/quiz/{attempt.pk}/")
    page.locator("label.choice", has_text=wrong).click()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".verdict h2")).to_be_visible()
    page.get_by_role("link", name="Next question").click()
    expect(page.locator("#step-title")).to_have_text("Question 2 of 2")
    answer_with_mouse(page)
    page.get_by_role("link", name="See your results").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    expect(page.locator(".review-item dt", has_text="Why not")).to_have_count(1)
    boxes = page.locator(".review-item dd").evaluate_all(
        "dds => dds.map(dd => dd.getBoundingClientRect()).map(b => [Math.round(b.left), b.width])"
    )
    assert len({left for left, _width in boxes}) == 1, boxes
    assert min(width for _left, width in boxes) > 400  # the label wraps; the text keeps room
    assert not scrolls_sideways(page)


def test_the_set_editor_keeps_each_label_with_its_control_at_desktop_width(site, browser):
    TeacherFactory(username="rossi", password=PASSWORD)
    page = browser.new_context(viewport=DESKTOP, locale="en-GB").new_page()
    log_in(page, site + "/accounts/login/", "rossi")
    new_quiz(page)
    expect(page.locator("#bank-filters")).to_be_visible()
    page.wait_for_load_state()
    pairs = page.locator("#bank-filters label[for], #settings .field > label[for]").evaluate_all(
        """labels => labels.map(label => {
             const control = document.getElementById(label.htmlFor);
             const a = label.getBoundingClientRect(), b = control.getBoundingClientRect();
             const style = getComputedStyle(control);
             return {name: control.name, type: control.type, gap: b.top - a.bottom,
                     left: Math.abs(a.left - b.left), row: Math.abs(a.top - b.top),
                     border: style.borderTopStyle !== 'none' && parseFloat(style.borderTopWidth) >= 1};
           })"""
    )
    assert len(pairs) >= 15
    for pair in pairs:
        if pair["type"] == "checkbox":  # the box, then its label, on one line
            assert pair["row"] < 12, pair
            continue
        assert 0 <= pair["gap"] < 12 and pair["left"] < 2, pair  # right above its control
        assert pair["border"], pair  # a box a teacher sees as a field
    interactive = page.locator("fieldset.subgroup", has_text="Interactive quizzes only")
    expect(interactive.get_by_label("Tries per question")).to_be_visible()
    expect(interactive.get_by_label("Cost of each wrong try")).to_be_visible()
    expect(page.locator("#bank .bank .meta").first).to_contain_text(
        re.compile("recall a fact|understand a connection")
    )
    assert not scrolls_sideways(page)
    assert axe_violations(page) == []
