"""What a newcomer met between the steps of a quiz, in real Chromium: Back and Forward,
the tab's title, feedback piece by piece, errors, a phone's screen, dragging an ordering,
the timer, switching language, and the home page."""

import re

import pytest
from playwright.sync_api import expect

from quizzes import services
from quizzes.models import Attempt, Question, Response
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.django_db(transaction=True)
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def browse(browser, *, viewport=DESKTOP, javascript=True, touch=False):
    context = browser.new_context(
        viewport=viewport, java_script_enabled=javascript, locale="en-GB", has_touch=touch
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    return page


def own_quiz(page, site, kinds, **settings) -> Attempt:
    """Start a practice quiz with one click, then give this browser a quiz of ``kinds``."""
    page.goto(site + "/")
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#step-title")).to_be_visible()
    mine = Attempt.objects.latest("started_at")
    questions = [Question.objects.active().filter(kind=k).order_by("uid").first() for k in kinds]
    attempt = services.attempt_start(
        questions=questions, nickname="", language="en", owner_token=mine.owner_token, **settings
    )
    page.goto(f"{site}/quiz/{attempt.pk}/")
    page.wait_for_load_state()
    return attempt


def choose_first(page):
    page.locator("#step label.choice").first.click()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".verdict h2")).to_be_visible()


def test_back_and_forward_after_htmx_steps_show_whole_pages_and_resend_nothing(site, browser):
    page = browse(browser)
    attempt = own_quiz(page, site, ["true_false", "single_choice", "true_false"])
    choose_first(page)
    page.get_by_role("link", name="Next question").click()
    expect(page.locator("#step-title")).to_have_text("Question 2 of 3")
    choose_first(page)
    expect(page).to_have_title(re.compile(r"^Question 2 of 3: (right|wrong)"))
    answered = Response.objects.filter(attempt=attempt).count()
    # The history: the first question (a page load), the feedback on it, the next question,
    # the feedback on that one; each later entry came through htmx.
    steps = [
        (page.go_back, r"/quiz/[-0-9a-f]+/$", r"^Question 3 of 3 · "),
        (page.go_back, r"/feedback/1/$", r"^Question 1 of 3: "),
        (page.go_forward, r"/quiz/[-0-9a-f]+/$", r"^Question 3 of 3 · "),
        (page.go_forward, r"/feedback/2/$", r"^Question 2 of 3: "),
    ]
    for move, url, title in steps:
        move()
        expect(page).to_have_url(re.compile(url))
        expect(page).to_have_title(re.compile(title))
        # The whole page: header, footer and page width, not the bare step.
        expect(page.locator("main > #step")).to_have_count(1)
        expect(page.locator("header.site-header")).to_have_count(1)
        expect(page.locator("footer.site-footer")).to_have_count(1)
        assert page.locator(".site-header").bounding_box()["width"] > 800
    expect(page.locator(".verdict h2")).to_be_visible()
    assert Response.objects.filter(attempt=attempt).count() == answered == 2


def test_the_tab_title_follows_every_step(site, browser):
    page = browse(browser)
    own_quiz(page, site, ["single_choice", "true_false"])
    expect(page).to_have_title("Question 1 of 2 · Conference quiz")
    page.get_by_role("button", name="Check answer").click()  # nothing chosen
    expect(page).to_have_title("Error: Question 1 of 2 · Conference quiz")
    choose_first(page)
    expect(page).to_have_title(re.compile(r"^Question 1 of 2: (right|wrong) · Conference quiz$"))
    page.get_by_role("link", name="Next question").click()
    expect(page).to_have_title("Question 2 of 2 · Conference quiz")


def answer_matching_with_two_swapped(page, attempt):
    payload = attempt.slots.get(position=0).question.payload
    rights = {r["id"]: r["text"]["en"] for r in payload["rights"]}
    selects = page.locator(".pairs select")
    matches = [rights[left["match"]] for left in payload["lefts"]]
    matches[-1], matches[-2] = matches[-2], matches[-1]
    for index, match in enumerate(matches):
        selects.nth(index).select_option(label=match)
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".verdict h2")).to_be_visible()


def test_matching_feedback_marks_each_pair_and_partly_right_has_its_own_look(site, browser):
    page = browse(browser)
    attempt = own_quiz(page, site, ["matching", "multiple_response"])
    answer_matching_with_two_swapped(page, attempt)
    expect(page.locator(".verdict h2")).to_have_text(re.compile("Partly right"))
    parts = page.locator(".review-item .parts .part")
    expect(parts).to_have_count(len(attempt.slots.get(position=0).question.payload["lefts"]))
    expect(page.locator(".part.right .part-mark")).to_have_count(parts.count() - 2)
    expect(page.locator(".part.wrong .part-mark")).to_have_text(["✘ wrong", "✘ wrong"])
    expect(page.locator(".part.wrong .part-key").first).to_contain_text("Right match:")
    partly = page.locator(".verdict.partly h2").evaluate("h => getComputedStyle(h).color")
    wrong = page.locator(".part.wrong .part-mark").first.evaluate("m => getComputedStyle(m).color")
    assert partly != wrong
    assert axe_violations(page) == [], "matching feedback"
    page.get_by_role("link", name="Next question").click()
    expect(page.locator("#step-title")).to_have_text("Question 2 of 2")
    payload = attempt.slots.get(position=1).question.payload
    texts = {o["text"]["en"]: o["correct"] for o in payload["options"]}
    wrong_pick = next(text for text, correct in texts.items() if not correct)
    page.get_by_label(wrong_pick, exact=True).check()
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".part.wrong")).to_contain_text(wrong_pick)
    expect(page.locator(".part.missed").first).to_contain_text("Right, but not picked.")
    assert axe_violations(page) == [], "multiple response feedback"


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no JavaScript"])
def test_an_error_moves_the_focus_to_the_first_field_in_error(site, browser, javascript):
    page = browse(browser, javascript=javascript)
    attempt = own_quiz(page, site, ["matching", "true_false"])
    payload = attempt.slots.get(position=0).question.payload
    page.locator(".pairs select").first.select_option(index=1)
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator("#answer-errors")).to_contain_text("Choose a match for every item.")
    second = page.get_by_label(payload["lefts"][1]["text"]["en"], exact=True)
    expect(second).to_be_focused()
    expect(second).to_have_attribute("aria-invalid", "true")
    expect(page.locator(".pairs select").first).not_to_have_attribute("aria-invalid", "true")
    if javascript:
        assert axe_violations(page) == [], "a step with an error"


def test_on_a_phone_the_next_action_stays_in_sight_above_a_long_review(site, browser):
    page = browse(browser, viewport=PHONE)
    attempt = own_quiz(page, site, ["matching", "true_false"])
    answer_matching_with_two_swapped(page, attempt)
    review = page.locator(".review-item").bounding_box()
    assert review["y"] + review["height"] > PHONE["height"], "the review is longer than a screen"
    following = page.get_by_role("link", name="Next question")
    box = following.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
    page.mouse.wheel(0, 600)
    expect(following).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    following.click()
    expect(page.locator("#step-title")).to_have_text("Question 2 of 2")
    assert axe_violations(page) == [], "phone"


def order_shown(page) -> list[str]:
    return page.locator("ol.ordering .item-text").all_inner_texts()


def right_order(attempt) -> list[str]:
    payload = attempt.slots.get(position=0).question.payload
    return [item["text"]["en"] for item in payload["items"]]


def drag(page, source, target, *, touch_cdp=None):
    start, end = source.bounding_box(), target.bounding_box()
    x, y = start["x"] + 10, start["y"] + start["height"] / 2
    to_y = end["y"] + end["height"] / 2 + (5 if end["y"] > start["y"] else -5)
    if touch_cdp is None:
        page.mouse.move(x, y)
        page.mouse.down()
        page.mouse.move(x, to_y, steps=10)
        page.mouse.up()
        return
    point = lambda py: [{"x": x, "y": py}]  # noqa: E731
    touch_cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": point(y)})
    for step in range(1, 11):
        middle = y + (to_y - y) * step / 10
        touch_cdp.send(
            "Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": point(middle)}
        )
    touch_cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})


def sort_by_dragging(page, attempt, *, touch_cdp=None):
    """Put the events in the right order by dragging: with the mouse each straight to its
    place (the list fits a desktop screen), with a finger one place up at a time, so that
    both items are on the phone's screen."""
    truth = right_order(attempt)
    items = page.locator("ol.ordering li")
    for place, text in enumerate(truth):
        while (index := order_shown(page).index(text)) > place:
            target = place if touch_cdp is None else index - 1
            source = items.nth(index)
            source.evaluate("item => item.scrollIntoView({block: 'center'})")
            handle = source.locator(".grip") if touch_cdp else source.locator(".item-text")
            drag(page, handle, items.nth(target), touch_cdp=touch_cdp)
            assert order_shown(page).index(text) == target
    assert order_shown(page) == truth


@pytest.mark.parametrize("pointer", ["mouse", "touch"])
def test_an_ordering_can_be_dragged_into_order_and_keeps_its_buttons(site, browser, pointer):
    page = browse(browser, viewport=PHONE if pointer == "touch" else DESKTOP, touch=True)
    attempt = own_quiz(page, site, ["ordering", "true_false"])
    buttons = page.locator("ol.ordering button.move")
    before = [b["x"] for b in (buttons.nth(i).bounding_box() for i in range(1, 8, 2))]
    assert len(set(before)) == 1, "the down buttons line up in one column"
    expect(page.locator("#ordering-hint")).to_contain_text("Drag the events into order")
    cdp = page.context.new_cdp_session(page) if pointer == "touch" else None
    sort_by_dragging(page, attempt, touch_cdp=cdp)
    # After the drags the first up and the last down button are the disabled ones.
    expect(page.locator("ol.ordering li").first.locator("button.move").first).to_be_disabled()
    expect(page.locator("ol.ordering li").last.locator("button.move").last).to_be_disabled()
    assert axe_violations(page) == [], "ordering"
    page.get_by_role("button", name="Check answer").click()
    expect(page.locator(".verdict h2")).to_have_text(re.compile("Right!"))


def test_without_javascript_an_ordering_move_survives_a_reload(site, browser):
    page = browse(browser, javascript=False)
    attempt = own_quiz(page, site, ["ordering", "true_false"])
    first = order_shown(page)
    expect(page.locator("#ordering-hint")).not_to_contain_text("Drag")  # no dragging here
    page.locator("ol.ordering li").first.locator("button.move").last.click()
    moved = [first[1], first[0], *first[2:]]
    assert order_shown(page) == moved
    assert "/answer/" not in page.url
    page.reload()  # a GET again: nothing is resent, the moved list stays
    assert order_shown(page) == moved
    assert not attempt.responses.exists()


def test_the_timer_stays_in_sight_and_shows_the_last_minute(site, browser):
    page = browse(browser, viewport=PHONE)
    own_quiz(page, site, ["ordering", "true_false"], time_limit_minutes=1)
    timer = page.locator(".timer")
    expect(timer).to_have_class(re.compile("last-minute"))
    page.mouse.wheel(0, 1500)
    page.wait_for_timeout(300)
    assert page.evaluate("window.scrollY") > 0
    expect(timer).to_be_in_viewport()
    assert timer.bounding_box()["y"] >= 0
    expect(page.locator(".timer-announce")).to_have_text("One minute left.")
    assert axe_violations(page) == [], "the last minute"


@pytest.mark.parametrize("javascript", [True, False], ids=["htmx", "no-js"])
def test_switching_language_mid_quiz_keeps_the_answer_and_says_the_quiz_keeps_its_own(
    site, browser, javascript
):
    page = browse(browser, javascript=javascript)
    own_quiz(page, site, ["true_false", "multiple_response", "numeric"])
    # The second question, after a step (swapped in by htmx, or a page of its own).
    choose_first(page)
    page.get_by_role("link", name="Next question").click()
    expect(page.locator("#step-title")).to_have_text("Question 2 of 3")
    boxes = page.locator("#step input[type=checkbox]")
    boxes.nth(1).check()
    if javascript:  # the header's button takes the answer along
        page.locator(".language-switcher").get_by_role("button", name="Italiano").click()
    else:  # the header's form cannot: the question's own button does
        page.get_by_role("button", name="Switch to Italiano, keeping this answer").click()
    expect(page.locator("html")).to_have_attribute("lang", "it")
    expect(page.locator("#step input[type=checkbox]").nth(1)).to_be_checked()
    expect(page.locator("#step input[type=checkbox]").first).not_to_be_checked()
    expect(page.locator(".quiz-language")).to_be_visible()
    if javascript:  # axe-core runs in the page
        assert axe_violations(page) == [], "an English quiz on an Italian page"
    # Enter in the question still answers it (not a language button's submission).
    page.locator("#step input[type=checkbox]").nth(1).press("Enter")
    expect(page.locator(".verdict h2")).to_be_visible()
    expect(page.locator("html")).to_have_attribute("lang", "it")


def test_the_home_page_starts_a_practice_quiz_with_one_click_within_the_screen(site, browser):
    page = browse(browser)
    page.goto(site + "/")
    start = page.get_by_role("button", name="Start the quiz")
    box = start.bounding_box()
    assert box["y"] + box["height"] <= DESKTOP["height"], "the start button is above the fold"
    assert page.locator("form[action='/quiz/start/'] input[name=nickname]").count() == 0
    assert axe_violations(page) == [], "home"
    start.click()
    expect(page.locator("#step-title")).to_have_text("Question 1 of 10")


def test_taking_a_class_quiz_again_comes_back_with_the_nickname(site, browser):
    from tests.quizzes.teacher import published_set

    question_set = published_set(kinds=("true_false",), attempts_allowed=2)
    page = browse(browser, viewport=PHONE)
    page.goto(f"{site}/join/{question_set.code}/")
    page.get_by_label("Your nickname").fill("Ann Lee")
    page.get_by_role("button", name="Start the quiz").click()
    choose_first(page)
    page.get_by_role("link", name="See your results").click()
    page.get_by_role("button", name="Take this quiz again").click()
    expect(page.get_by_role("heading", name=question_set.title)).to_be_visible()
    expect(page.get_by_label("Your nickname")).to_have_value("Ann Lee")
    assert axe_violations(page) == [], "join page, nickname filled in"
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#step-title")).to_have_text("Question 1 of 1")


def test_a_wrong_code_on_a_phone_brings_the_field_and_its_message_into_sight(site, browser):
    page = browse(browser, viewport=PHONE)
    page.goto(site + "/it/")
    page.get_by_label("Codice di accesso").fill("ZZ99ZZ")
    page.get_by_role("button", name="Entra", exact=True).click()
    field = page.get_by_label("Codice di accesso")
    expect(field).to_be_focused()
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(page.get_by_text("Nessun quiz ha il codice ZZ99ZZ")).to_be_in_viewport()
    assert axe_violations(page) == [], "home, a wrong code"
