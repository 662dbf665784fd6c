"""A live class in real Chromium: the teacher runs three questions on the projector view
while two students, each in a phone-sized browser of their own (one in Italian), join by
the link, answer, and see every step arrive without reloading; the teacher ends it from
their own phone; axe-core checks the projector and the phones at each kind of step."""

import re

import pytest
from playwright.sync_api import expect

from quizzes import teaching
from quizzes.models import Attempt, LiveSession, Question
from quizzes.presenting import token
from tests.e2e.conftest import axe_violations
from tests.e2e.quiz_steps import PASSWORD, log_in
from tests.factories import TeacherFactory
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
# A reload would lose this mark; htmx swaps keep it.
MARK = "() => { window.__notReloaded = true; }"
NOT_RELOADED = "() => window.__notReloaded === true"


def phone(browser, site, path, nickname, locale):
    page = browser.new_context(locale=locale, **PHONE).new_page()
    page.set_default_timeout(10_000)
    page.goto(site + path)
    page.get_by_role("textbox").fill(nickname)
    page.locator("form.card button[type=submit]").click()
    expect(page.locator("#step")).to_have_attribute("data-step", "lobby-1")
    page.wait_for_load_state()
    page.evaluate(MARK)
    return page


def three_question_set(**settings):
    """A published set: two single-choice questions and a true-or-false one."""
    question_set = published_set(kinds=("single_choice", "true_false"), **settings)
    other = Question.objects.active().filter(kind="single_choice").order_by("uid")[1]
    teaching.set_add(question_set=question_set, questions=[other])
    return question_set


def pick(page, attempt, position, *, right):
    payload = attempt.slots.get(position=position).question.payload
    if payload["kind"] == "true_false":
        internal = "true" if payload["truth"] == right else "false"
    else:
        internal = next(o["id"] for o in payload["options"] if o["correct"] == right)
    page.locator(f"#step input[value='{token(attempt.pk, position, internal)}']").check()


def test_a_teacher_runs_three_questions_live_and_two_phones_follow(site, browser):
    teacher_user = TeacherFactory(username="rossi", password=PASSWORD)
    question_set = three_question_set(owner=teacher_user, title="3B live")
    projector = browser.new_context(locale="en-GB", viewport={"width": 1280, "height": 800})
    teacher = projector.new_page()
    teacher.set_default_timeout(10_000)
    log_in(teacher, site + "/accounts/login/", "rossi")
    teacher.goto(f"{site}/teach/sets/{question_set.pk}/share/")
    teacher.get_by_label("Show a leaderboard (the five best scores) after each answer").check()
    teacher.get_by_role("button", name="Run live").click()
    screen = teacher.locator("#screen")
    expect(screen).to_have_attribute("data-step", "lobby-1")
    expect(teacher.locator(".join-code")).to_have_text(question_set.code)
    teacher.wait_for_load_state()
    teacher.evaluate(MARK)
    # The site's header spans the page above the projector, not a column beside it.
    header, main = teacher.locator(".site-header"), teacher.locator("main")
    assert header.bounding_box()["width"] > 1000
    assert main.bounding_box()["y"] >= header.bounding_box()["y"] + header.bounding_box()["height"]
    assert axe_violations(teacher) == [], "projector, lobby"
    # One projector screen: the code beside its QR code, and the Start button in sight.
    code, qr = teacher.locator(".join-code").bounding_box(), teacher.locator(".live-qr svg")
    assert qr.bounding_box()["x"] >= code["x"] + code["width"]
    expect(teacher.locator("#live-primary")).to_be_in_viewport()

    # Two phones join by the link the QR code holds; the projector shows them arriving.
    ann = phone(browser, site, f"/join/{question_set.code}/", "Ann", "en-GB")
    expect(teacher.locator(".roster")).to_contain_text("Ann")
    bea = phone(browser, site, f"/it/join/{question_set.code}/", "Bea", "it-IT")
    expect(teacher.locator(".roster")).to_contain_text("Bea")
    expect(teacher.locator(".live-count .count")).to_have_text("2")
    assert axe_violations(ann) == [], "phone, lobby"
    attempts = {a.nickname: a for a in Attempt.objects.filter(live__isnull=False)}

    for number in (1, 2, 3):
        position = number - 1
        # Show: the question on the projector and on both phones, inputs and all.
        if number == 1:
            teacher.get_by_role("button", name="Start: show the first question").click()
        else:
            # From the keyboard: the big button keeps the focus from step to step.
            expect(teacher.locator("#live-primary")).to_have_text("Next question")
            teacher.locator("#live-primary").focus()
            teacher.keyboard.press("Enter")
        expect(screen).to_have_attribute("data-step", f"question-{number}")
        for page in (ann, bea):
            expect(page.locator("#step")).to_have_attribute("data-step", f"question-{number}")
        expect(ann.locator("#step-title")).to_have_text(f"Question {number} of 3")
        expect(bea.locator("#step-title")).to_have_text(f"Domanda {number} di 3")
        prompt = attempts["Bea"].slots.get(position=position).question.payload["prompt"]
        expect(bea.locator("legend")).to_have_text(prompt["it"])
        expect(teacher.locator(".live-prompt")).to_have_text(prompt["en"])
        if number == 1:
            assert axe_violations(ann) == [], "phone, a question"
            assert axe_violations(teacher) == [], "projector, a question"

        # Ann answers right, Bea wrong; the projector counts them as they come.
        pick(ann, attempts["Ann"], position, right=True)
        ann.locator("#step button.primary").click()
        expect(ann.locator("#step .notice")).to_contain_text("Your answer is in")
        pick(bea, attempts["Bea"], position, right=False)
        bea.locator("#step button.primary").click()
        expect(teacher.locator(".live-status")).to_contain_text("2 of 2 students have answered")

        # Close, then reveal: each phone follows, with its own result and the explanation.
        teacher.locator("#live-primary").focus()
        teacher.keyboard.press("Enter")
        expect(screen).to_have_attribute("data-step", f"closed-{number}")
        expect(teacher.locator("#live-primary")).to_be_focused()
        # The keys drove htmx: a form pressed before htmx had taken it over would have loaded
        # the whole page (and dropped the focus to its top).
        assert teacher.evaluate(NOT_RELOADED)
        for page in (ann, bea):
            expect(page.locator("#step")).to_have_attribute("data-step", f"closed-{number}")
        teacher.get_by_role("button", name="Reveal the answer").click()
        expect(screen).to_have_attribute("data-step", f"revealed-{number}")
        expect(teacher.locator(".live-chart svg")).to_contain_text("right answer")
        expect(teacher.locator(".live-chart svg")).to_contain_text("1 (50%)")
        expect(ann.locator(".verdict h2")).to_contain_text("Right!")
        expect(bea.locator("#step")).to_have_attribute("data-step", f"revealed-{number}")
        expect(bea.locator(".review-item")).to_be_visible()
        expect(teacher.locator(".live-leaderboard li").first).to_contain_text("Ann")
        if number == 1:
            assert axe_violations(ann) == [], "phone, the reveal"
            assert axe_violations(bea) == [], "phone in Italian, the reveal"
            assert axe_violations(teacher) == [], "projector, the reveal"

    # The teacher walks around the room: the same controls on their phone end the quiz,
    # and the projector follows.
    remote = projector.new_page()
    remote.set_viewport_size({"width": 390, "height": 844})
    remote.goto(f"{site}/teach/sets/{question_set.pk}/live/")
    expect(remote.locator("#screen")).to_have_attribute("data-step", "revealed-3")
    assert remote.evaluate("document.documentElement.scrollWidth") <= 390, "no sideways scroll"
    assert axe_violations(remote) == [], "the teacher's controls on a phone"
    remote.get_by_role("button", name="End the quiz").click()
    expect(remote.locator("#screen")).to_have_attribute("data-step", "ended-3")
    expect(screen).to_have_attribute("data-step", "ended-3")
    for page, points in ((ann, "3 of 3 points"), (bea, "0 su 3 punti")):  # Bea reads Italian
        expect(page.locator("#step .points")).to_have_text(points)
        assert page.evaluate(NOT_RELOADED), "a phone reloaded instead of following"
    assert axe_violations(ann) == [], "phone, the end"
    assert LiveSession.objects.get().step == "ended"

    # The session is in the results like any other attempts, and the review opens.
    teacher.get_by_role("link", name="See the results").click()
    attempts = teacher.locator("section[aria-labelledby=attempts-title]")
    for nickname, score in (("Ann", "3 / 3"), ("Bea", "0 / 3")):
        row = attempts.locator("tr", has=teacher.get_by_role("link", name=nickname, exact=True))
        expect(row).to_contain_text(score)
    ann.get_by_role("link", name="Review your answers").click()
    expect(ann.get_by_role("heading", name=re.compile("Your results"))).to_be_visible()


def test_a_phone_without_javascript_follows_with_the_refresh_button(site, browser):
    question_set = published_set(kinds=("true_false",))
    from quizzes.live import services as live

    session = live.live_start(question_set=question_set)
    page = browser.new_context(java_script_enabled=False, **PHONE).new_page()
    page.set_default_timeout(10_000)
    page.goto(f"{site}/join/{question_set.code}/")
    page.get_by_role("textbox").fill("Cy")
    page.locator("form.card button[type=submit]").click()
    expect(page.locator("#step")).to_have_attribute("data-step", "lobby-1")
    live.live_show(session=session)
    page.get_by_role("link", name="Refresh").click()
    expect(page.locator("#step")).to_have_attribute("data-step", "question-1")
    page.get_by_label("True").check()
    page.get_by_role("button", name="Send my answer").click()
    expect(page.locator("#step .notice")).to_contain_text("Your answer is in")
    live.live_close(session=session, at=0)
    live.live_reveal(session=session, at=0)
    page.get_by_role("link", name="Refresh").click()
    expect(page.locator("#step")).to_have_attribute("data-step", "revealed-1")
    expect(page.locator(".review-item")).to_contain_text("The right answer")
