"""One page grid in real Chromium: on every student and teacher page, in English and Italian,
the header, the page and the footer share their edges, every page sits on the same grid,
nothing scrolls the page sideways on a 390 px phone, and axe-core finds nothing."""

import re

import pytest
from playwright.sync_api import expect

from quizzes import teaching
from tests.e2e.conftest import axe_violations
from tests.e2e.quiz_steps import PASSWORD, answer_with_mouse, log_in
from tests.e2e.test_teacher_results import a_class
from tests.factories import TeacherFactory
from tests.quizzes.teacher import PARTLY, published_set, take

pytestmark = pytest.mark.django_db(transaction=True)

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}
SIZES = pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
LANGUAGES = pytest.mark.parametrize("language", ["en", "it"])
LOCALES = {"en": "en-GB", "it": "it-IT"}
PREFIXES = {"en": "", "it": "/it"}
EDGES = """() => ['.site-header', 'main', '.site-footer'].map(selector => {
  const box = document.querySelector(selector).getBoundingClientRect();
  return [Math.round(box.left), Math.round(box.right)];
})"""


def new_page(browser, viewport, language):
    page = browser.new_context(viewport=viewport, locale=LOCALES[language]).new_page()
    page.set_default_timeout(10_000)
    return page


def on_the_grid(page, viewport, where) -> tuple[int, int]:
    """The page's header, main and footer share their left and right edges, the page does not
    scroll sideways, and axe-core finds nothing; returns the edges."""
    page.wait_for_load_state()
    edges = {tuple(edge) for edge in page.evaluate(EDGES)}
    assert len(edges) == 1, (where, edges)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], (where, width)
    assert axe_violations(page) == [], where
    return edges.pop()


@SIZES
@LANGUAGES
def test_every_teachers_page_sits_on_one_grid_and_fits_a_phone(site, browser, viewport, language):
    question_set = a_class()  # seven students, eight questions: wide tables
    # Nicknames as long as allowed, with nowhere to break: one counted, one removed.
    attempt = take(question_set, "Massimiliano_Alessandro_Bartolomeo_Rossi", [PARTLY] * 8)
    removed = take(question_set, "Bartolomeo_Alessandro_Massimiliano_Rossi", [False] * 8)
    teaching.attempt_remove(question_set=question_set, attempt_id=removed.pk)
    page = new_page(browser, viewport, language)
    log_in(page, site + "/accounts/login/", "rossi")
    expect(page.locator("main h1")).to_be_visible()
    sets = f"{PREFIXES[language]}/teach/sets/{question_set.pk}"
    paths = [
        f"{PREFIXES[language]}/teach/",
        f"{sets}/",
        f"{PREFIXES[language]}/teach/questions/",
        f"{PREFIXES[language]}/teach/questions/new/",
        f"{sets}/share/",
        f"{sets}/results/",
        f"{sets}/results/?attempts=all&sort=-score",
        f"{sets}/attempts/{attempt.pk}/",
        f"{sets}/attempts/{attempt.pk}/remove/",
        f"{sets}/accommodations/",
        f"{sets}/preview/?answers=1",
        f"{sets}/print/?key=1",
        f"{sets}/delete/",
    ]
    grids = set()
    for path in paths:
        page.goto(site + path)
        expect(page.locator("html")).to_have_attribute("lang", language)
        grids.add(on_the_grid(page, viewport, path))
    assert len(grids) == 1, grids  # the same edges on every page


@LANGUAGES
def test_the_live_projectors_header_and_footer_line_up_with_its_page(site, browser, language):
    owner = TeacherFactory(username="rossi", password=PASSWORD)
    question_set = published_set(owner=owner)
    page = new_page(browser, DESKTOP, language)
    log_in(page, site + "/accounts/login/", "rossi")
    page.goto(f"{site}{PREFIXES[language]}/teach/sets/{question_set.pk}/share/")
    page.locator("form[action$='/live/run/'] button[type=submit]").click()
    expect(page.locator("#screen")).to_have_attribute("data-step", "lobby-1")
    left, right = on_the_grid(page, DESKTOP, "live projector")
    # The header is a row above the page, not squeezed into a column beside it.
    assert right - left > 1000
    header = page.locator(".site-header").bounding_box()
    assert header["y"] + header["height"] <= page.locator("#screen").bounding_box()["y"]


def take_a_quiz_on_its_pages(page, site, language):
    """A student's pages, from the home page to the results of a quiz with immediate feedback
    and the summary of one with deferred feedback; yields where it is at each page."""
    prefix = PREFIXES[language]
    owner = TeacherFactory(username="rossi", password=PASSWORD)
    immediate = published_set(owner=owner, title="Class 3B")
    deferred = published_set(owner=owner, title="Class 3C", behaviour="deferred")
    page.goto(f"{site}{prefix}/")
    yield "home"
    page.goto(f"{site}{prefix}/join/{immediate.code}/")
    yield "join"
    page.locator("input[name=nickname]").fill("Zoë")
    page.locator("form.narrow button[type=submit]").click()
    for number in range(1, 4):
        expect(page.locator("#step-title")).to_have_text(re.compile(rf"{number}\D+3$"))
        yield f"question {number}"
        answer_with_mouse(page)
        expect(page.locator(".verdict h2")).to_be_visible()
        yield f"feedback {number}"
        page.locator(".step > .next a").click()
    expect(page.locator(".score")).to_be_visible()
    yield "results"
    page.goto(f"{site}{prefix}/join/{deferred.code}/")
    page.locator("input[name=nickname]").fill("Zoë")
    page.locator("form.narrow button[type=submit]").click()
    expect(page.locator(".quiz-nav")).to_be_visible()
    yield "deferred question"
    page.locator(".quiz-nav").get_by_role("button", name=re.compile("Summary|Riepilogo")).click()
    expect(page.locator(".summary-table")).to_be_visible()
    yield "summary"
    page.goto(f"{site}{prefix}/join/ZZZZZZ/")
    yield "unknown code"
    page.goto(f"{site}{prefix}/accounts/login/")
    yield "login"


@SIZES
@LANGUAGES
def test_every_students_page_sits_on_one_grid_and_fits_a_phone(site, browser, viewport, language):
    page = new_page(browser, viewport, language)
    grids = set()
    for where in take_a_quiz_on_its_pages(page, site, language):
        expect(page.locator("html")).to_have_attribute("lang", language)
        grids.add(on_the_grid(page, viewport, where))
    assert len(grids) == 1, grids


def test_a_students_page_reads_in_a_column_on_the_teachers_grid(site, browser):
    """At 1280 px a student's question and a teacher's results share the grid; the student's
    text is a narrower column starting where the site's name starts, not a centred strip."""
    question_set = a_class()
    student = new_page(browser, DESKTOP, "en")
    student.goto(f"{site}/join/{question_set.code}/")
    student.get_by_label("Your nickname").fill("Zoë")
    student.get_by_role("button", name="Start the quiz").click()
    expect(student.locator("#step-title")).to_have_text("Question 1 of 8")
    teacher = new_page(browser, DESKTOP, "en")
    log_in(teacher, site + "/accounts/login/", "rossi")
    teacher.goto(f"{site}/teach/sets/{question_set.pk}/results/")
    grid = on_the_grid(teacher, DESKTOP, "results")
    assert on_the_grid(student, DESKTOP, "question") == grid
    assert grid[1] - grid[0] > 1000  # the grid is wide enough for the results' tables

    def box(page, selector):
        return page.locator(selector).first.bounding_box()

    name = box(student, ".site-name")
    for selector in ("#step-title", "#step .choices", ".site-footer p"):
        assert abs(box(student, selector)["x"] - name["x"]) < 1, selector
    column = box(student, "#step")
    assert 600 < column["width"] < 0.7 * (grid[1] - grid[0])  # a reading column
    assert abs(box(teacher, "main h1")["x"] - name["x"]) < 1
    tables = box(teacher, ".table-box")
    assert tables["width"] > 0.9 * (grid[1] - grid[0])  # the teacher's tables take it all
