"""Every page, loaded and used in real Chromium under the site's Content Security Policy,
causes no violation: no inline script, no inline style, no eval, nothing from elsewhere;
htmx swaps included. A violation is caught both as the browser's securitypolicyviolation
event and as its console report."""

import re
from urllib.parse import urlparse

import pytest
from django.urls import resolve
from playwright.sync_api import expect

from quizzes import urls as quiz_urls
from quizzes.models import Attempt, Question, QuestionSet, RateCounter
from quizzes.views import limits
from tests.e2e.quiz_steps import PASSWORD, answer_with_mouse, log_in, new_quiz
from tests.factories import SuperUserFactory, TeacherFactory
from tests.quizzes.authoring import own_question
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db(transaction=True)

# Recorded from the first script the page runs, by the DevTools protocol (which the policy
# does not govern), before any of the site's own.
RECORD = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(
  `${e.violatedDirective} blocked ${e.blockedURI || 'inline'} at ${e.sourceFile}:${e.lineNumber}`
));
"""
# Downloads, not pages; and the actions, which only take POST.
NOT_PAGES = {"set_results_csv", "set_results_xlsx", "set_export"}
ACTIONS = {"start", "join", "answer", "again", "mistakes", "challenge", "set_add", "set_add_random",
           "set_remove", "set_move", "set_publish", "set_close", "set_reopen", "set_duplicate",
           "set_attempt_restore", "question_delete", "set_teachers", "shared_duplicate",
           "live_run", "live_control", "live_answer", "switch_language"}  # fmt: skip


class Watch:
    """A browser context whose pages report every CSP violation and every page visited."""

    def __init__(self, browser, **options):
        self.context = browser.new_context(**options)
        self.context.add_init_script(RECORD)
        self.page = self.context.new_page()
        self.page.set_default_timeout(10_000)
        self.reports: list[str] = []
        self.visited: set[str] = set()
        self.page.on("console", self._console)
        self.page.on("framenavigated", self._navigated)
        self.page.on("requestfinished", self._requested)

    def _console(self, message):
        if "Content Security Policy" in message.text:
            self.reports.append(message.text)

    def _navigated(self, frame):
        self._name(frame.url)

    def _requested(self, request):
        if request.resource_type in ("document", "xhr", "fetch"):
            self._name(request.url)

    def _name(self, url):
        path = urlparse(url).path
        try:
            match = resolve(path)
        except Exception:  # a 404 page: not a route
            return
        self.visited.add(match.url_name or "")

    def goto(self, url):
        self.page.goto(url)
        self.page.wait_for_load_state("load")
        return self.page

    def violations(self) -> list[str]:
        return self.page.evaluate("window.__violations || []") + self.reports


def get_routes() -> set[str]:
    """The names of the quiz app's routes that answer GET with a page: all of them but the
    downloads and the actions (tests/security checks that actions refuse GET)."""
    return {p.name for p in quiz_urls.urlpatterns} - NOT_PAGES - ACTIONS


def test_every_page_under_the_policy_has_no_violation(site, browser):
    problems: dict[str, list[str]] = {}

    def check(watch: Watch, label: str):
        found = watch.violations()
        if found:
            problems[label] = found

    # A student: home pages, a practice quiz answered through htmx, its feedback and
    # results, a class join page, and the error pages.
    student = Watch(browser, locale="en-GB")
    for path in ("/", "/it/", "/no-such-page/"):
        student.goto(site + path)
        check(student, path)
    page = student.goto(site + "/")
    page.locator("input[name=length][value='5']").check()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#step-title")).to_have_text("Question 1 of 5")
    for number in range(1, 6):
        answer_with_mouse(page)
        page.get_by_role("link", name=re.compile("Next question|See your results")).click()
        if number < 5:
            expect(page.locator("#step-title")).to_have_text(f"Question {number + 1} of 5")
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    check(student, "a practice quiz, answered through htmx, and its results")
    attempt = Attempt.objects.latest("started_at")  # the practice quiz just taken
    page = student.goto(f"{site}/quiz/{attempt.pk}/feedback/1/")
    check(student, "feedback page")
    page.get_by_text("I think this question is wrong").click()
    page.get_by_label("More than one answer could be right").check()
    page.get_by_role("button", name="Send to the admins").click()
    expect(page.get_by_text("an admin will look at it")).to_be_visible()
    check(student, "a challenge sent through htmx")

    question_set = published_set(kinds=("true_false", "single_choice"), time_limit_minutes=5)
    page = student.goto(f"{site}/join/{question_set.code}/")
    page.get_by_label("Nickname").fill("Bea")
    page.get_by_role("button", name=re.compile("Start")).click()
    expect(page.locator("#step-title")).to_be_visible()
    check(student, "a class quiz with a time limit (the clock runs)")
    page.wait_for_timeout(1500)  # the clock ticks under the policy
    check(student, "the clock, after ticking")
    # Deferred feedback with navigation: question pages, saving through htmx, the summary.
    page = student.goto(site + "/")
    page.locator("input[name=length][value='5']").check()
    page.get_by_label("Move freely, see the answers at the end").check()
    page.get_by_role("button", name="Start the quiz").click()
    expect(page.locator("#step-title")).to_have_text("Question 1 of 5")
    page.get_by_label("Flag this question to come back to it").check()
    page.get_by_role("button", name="Next", exact=True).click()
    expect(page.locator("#step-title")).to_have_text("Question 2 of 5")
    page.locator(".quiz-nav button.nav-item").last.click()
    expect(page.locator("#step-title")).to_have_text("Question 5 of 5")
    page.get_by_role("button", name="Finish: check your answers").click()
    expect(page.get_by_role("heading", name="Check your answers")).to_be_visible()
    check(student, "a deferred quiz: its pages, saving through htmx, the summary")
    dee = Attempt.objects.latest("started_at")  # the deferred quiz just taken
    student.goto(f"{site}/quiz/{dee.pk}/question/2/")
    page = student.goto(f"{site}/quiz/{dee.pk}/summary/")
    page.get_by_role("button", name="Submit all and finish").click()
    expect(page.get_by_role("heading", name="Your results")).to_be_visible()
    check(student, "a deferred quiz submitted")

    page = student.goto(site + "/")
    for _ in range(limits.CODES_PER_BROWSER["limit"] + 1):  # wrong codes until the wait page
        page.get_by_label("Join code").fill("ZZZZZZ")
        page.get_by_role("button", name="Join", exact=True).click()
    expect(page.get_by_text("You have typed too many wrong codes. Wait")).to_be_visible()
    check(student, "the wait page (429) and the wrong-code messages")
    student.goto(f"{site}/join/NOSUCH/")
    check(student, "an unknown join code")

    # Accounts.
    visitor = Watch(browser, locale="en-GB")
    for path in ("/accounts/login/", "/accounts/signup/", "/accounts/password_reset/",
                 "/accounts/password_reset/done/", "/accounts/reset/x/y/",
                 "/accounts/reset/done/", "/accounts/signup/done/"):  # fmt: skip
        visitor.goto(site + path)
        check(visitor, path)

    # A teacher: every page of a set that a class has taken.
    TeacherFactory(username="rossi", password=PASSWORD)
    teacher = Watch(browser, locale="en-GB")
    page = teacher.page
    log_in(page, site + "/accounts/login/", "rossi")
    expect(page.get_by_role("heading", name="My quizzes")).to_be_visible()
    new_quiz(page)
    expect(page.locator("#bank .bank > li").first).to_be_visible()
    page.locator("#bank .bank > li form button").first.click()
    expect(page.locator(".set-items li")).to_have_count(1)
    check(teacher, "the set editor, with a question added through htmx")
    # The class's set becomes this teacher's, to read its results.
    own = QuestionSet.objects.filter(owner__username="rossi").latest("pk")
    QuestionSet.objects.filter(pk=question_set.pk).update(owner=own.owner)
    bea = Attempt.objects.get(nickname="Bea")
    mine = own_question(own.owner, "matching")
    for path in (
        "/teach/questions/",
        "/teach/questions/new/",
        "/teach/questions/new/?kind=single_choice",
        f"/teach/questions/{mine.key}/",
        "/teach/questions/import/",
        f"/teach/shared/{question_set.pk}/",
    ):
        teacher.goto(site + path)
        check(teacher, path)
    page = teacher.goto(site + "/teach/questions/import/")
    page.get_by_label("File").set_input_files(
        files=[{"name": "q.txt", "mimeType": "text/plain",
                "buffer": b"::A::Lenin opened it. {F}\n\n::B::Write. {}\n"}]
    )  # fmt: skip
    page.get_by_label("Topic of the imported questions").select_option("people")
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("1 question can be imported.")).to_be_visible()
    check(teacher, "an import's preview")
    for path in (
        "/teach/",
        f"/teach/sets/{question_set.pk}/",
        f"/teach/sets/{question_set.pk}/bank/",
        f"/teach/sets/{question_set.pk}/preview/",
        f"/teach/sets/{question_set.pk}/preview/?answers=1",
        f"/teach/sets/{question_set.pk}/share/",
        f"/teach/sets/{question_set.pk}/projector/",
        f"/teach/sets/{question_set.pk}/delete/",
        f"/teach/sets/{question_set.pk}/results/",
        f"/teach/sets/{question_set.pk}/attempts/{bea.pk}/",
        f"/teach/sets/{question_set.pk}/attempts/{bea.pk}/remove/",
        f"/teach/sets/{question_set.pk}/accommodations/",
        f"/teach/sets/{question_set.pk}/print/",
        f"/teach/sets/{question_set.pk}/regrade/",
        "/accounts/password_change/",
    ):
        teacher.goto(site + path)
        check(teacher, path)
    teacher.page.wait_for_timeout(5500)  # the live results poll once through htmx
    check(teacher, "live results, after a poll")

    # A live quiz: the projector and a phone poll, the teacher starts and reveals, the
    # phone answers, and the teacher opens a student's page.
    live_set = published_set(kinds=("true_false",))
    QuestionSet.objects.filter(pk=live_set.pk).update(owner=own.owner)
    RateCounter.objects.all().delete()  # the wrong codes above kept this address out a minute
    page = teacher.goto(f"{site}/teach/sets/{live_set.pk}/share/")
    page.get_by_role("button", name="Run live").click()
    expect(page.locator("#screen")).to_have_attribute("data-step", "lobby-1")
    phone = Watch(browser, locale="en-GB", viewport={"width": 390, "height": 844})
    mobile = phone.goto(f"{site}/join/{live_set.code}/")
    mobile.get_by_role("textbox").fill("Liv")
    mobile.locator("form.card button[type=submit]").click()
    expect(mobile.locator("#step")).to_have_attribute("data-step", "lobby-1")
    page.get_by_role("button", name="Start: show the first question").click()
    expect(mobile.locator("#step")).to_have_attribute("data-step", "question-1")
    mobile.get_by_label("True").check()
    mobile.get_by_role("button", name="Send my answer").click()
    expect(mobile.locator("#step .notice")).to_be_visible()
    page.get_by_role("button", name="Close the answers").click()
    page.get_by_role("button", name="Reveal the answer").click()
    expect(mobile.locator("#step")).to_have_attribute("data-step", "revealed-1")
    page.wait_for_timeout(1500)  # the projector polls through htmx
    check(teacher, "a live quiz's projector, driven through htmx")
    check(phone, "a live quiz's phone, following through htmx")
    liv = Attempt.objects.get(nickname="Liv")
    teacher.goto(f"{site}/teach/sets/{live_set.pk}/live/students/{liv.pk}/")
    check(teacher, "a student of a live quiz")

    # An admin: the admin's own pages for facts, questions and sets.
    SuperUserFactory(username="boss", password=PASSWORD)
    admin = Watch(browser, locale="en-GB")
    page = admin.page
    log_in(page, site + "/admin/login/", "boss")
    expect(page.get_by_role("heading", name=re.compile("administration", re.I))).to_be_visible()
    question = Question.objects.active().first()
    for path in ("/admin/", "/admin/conference/person/", "/admin/conference/person/add/",
                 "/admin/conference/vote/", "/admin/conference/resolution/",
                 "/admin/quizzes/question/", f"/admin/quizzes/question/{question.pk}/change/",
                 "/admin/quizzes/questionset/", f"/admin/quizzes/questionset/{question_set.pk}/change/"):  # fmt: skip
        admin.goto(site + path)
        check(admin, path)
    page = admin.goto(site + "/admin/conference/vote/")
    page.locator("#result_list a").first.click()
    page.wait_for_load_state("load")
    check(admin, "a vote with its tallies inline")

    assert problems == {}
    visited = student.visited | visitor.visited | teacher.visited | admin.visited | phone.visited
    assert get_routes() - visited == set(), "pages this test does not load yet"


def test_the_watch_catches_a_real_violation(site, browser):
    watch = Watch(browser, locale="en-GB")
    page = watch.goto(site + "/")
    assert watch.violations() == []
    page.evaluate(
        "() => { const s = document.createElement('script'); s.textContent = 'window.x = 1';"
        " document.body.append(s);"
        " document.body.insertAdjacentHTML('beforeend', '<p style=\"color: red\">x</p>'); }"
    )
    page.wait_for_timeout(300)
    found = " ".join(watch.violations())
    assert "script-src" in found and "style-src" in found
    assert page.evaluate("window.x") is None  # and the policy did refuse the script
