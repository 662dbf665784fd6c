"""Steps the browser tests share: logging in, and answering whatever question the page
shows, with the mouse or with the keyboard only."""

from __future__ import annotations

import re

from playwright.sync_api import expect

PASSWORD = "a-long-test-password"


def log_in(page, url: str, username: str) -> None:
    """Fill in and send the login form at ``url`` (the site's or the admin's)."""
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def new_quiz(page, title: str = "Class 3B") -> None:
    """On "My quizzes": a new quiz starts from its title."""
    page.get_by_label("Title of the new quiz").fill(title)
    page.get_by_role("button", name="New quiz").click()


def kind_of(page) -> str:
    step = page.locator("#step")
    if step.locator("input[type=radio]").count():
        return "radio"
    if step.locator("input[type=checkbox]").count():
        return "checkbox"
    if step.locator("ol.ordering").count():
        return "ordering"
    if step.locator(".pairs select").count():
        return "matching"
    if step.locator("input[inputmode=decimal]").count():
        return "number"
    return "text"


def answer_with_mouse(page) -> str:
    step = page.locator("#step")
    kind = kind_of(page)
    if kind in ("radio", "checkbox"):
        step.locator("label.choice").first.click()
    elif kind == "number":
        step.locator("#answer-input").fill("139")
    elif kind == "text":
        step.locator("#answer-input").fill("Chkheidze")
    elif kind == "ordering":
        step.locator("button.move:not([disabled])").last.click()  # swaps two items in place
        # Wait for the moved step (it marks the moved item's button): an answer sent before
        # it came back was swapped out again by it, on a busy machine.
        expect(page.locator("#step button.move[data-focus]")).to_have_count(1)
    elif kind == "matching":
        for select in step.locator(".pairs select").all():
            select.select_option(index=1)
    step.get_by_role(
        "button",
        name=re.compile(
            "Check answer|Next question|Finish|Controlla la risposta|Domanda successiva|Termina"
        ),
    ).click()
    return kind


def tab_to(page, predicate_js: str, limit: int = 80) -> None:
    """Press Tab until the focused element satisfies the predicate (a JS expression on el)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!({predicate_js}); }})()"
        ):
            return
    raise AssertionError(f"Tab never reached an element where {predicate_js}")


def answer_with_keyboard(page) -> str:
    kind = kind_of(page)
    if kind in ("radio", "checkbox"):
        tab_to(page, "el.name === 'answer'")
        page.keyboard.press("Space")
    elif kind in ("number", "text"):
        tab_to(page, "el.id === 'answer-input'")
        page.keyboard.type("139" if kind == "number" else "Kamenev")
    elif kind == "ordering":
        tab_to(page, "el.classList.contains('move') && el.value.startsWith('down:')")
        page.keyboard.press("Enter")
        # The swapped step marks the moved item's button, which quiz.js focuses. (A locator,
        # not wait_for_function: the page's CSP forbids the eval that one polls with.)
        expect(page.locator("#step button.move[data-focus]")).to_be_focused()
    elif kind == "matching":
        count = page.locator(".pairs select").count()
        for _ in range(count):
            tab_to(page, "el.tagName === 'SELECT' && !el.value")
            page.keyboard.press("ArrowDown")
    tab_to(page, "el.type === 'submit' && el.classList.contains('primary')")
    page.keyboard.press("Enter")
    return kind
