"""An interactive quiz's hint after a wrong try narrows the field and never gives the key:
checked on every question of the bank, in both languages, for every single wrong pick."""

import re

import pytest
from django.utils import translation

from conference import wording
from quizzes.generation.drafts import Kind
from quizzes.presenting import hint
from tests.quizzes import rules


def key_forms(kb, draft, language: str) -> set[str]:
    """Every way the right answer could be written: the option's text, a name's other
    spellings and surname, a party's member nouns, a date as written, the typed answers."""
    forms: set[str] = set()
    if draft.kind == Kind.SHORT_ANSWER:
        forms |= set(draft.accepted)
    for option in draft.options:
        if not option.correct:
            continue
        forms.add(option.text[language])
        forms |= set(rules.names(kb, option.ref))  # people and parties, every spelling
    return {f for f in forms if f}


def gives_away(text: str, forms: set[str]) -> list[str]:
    folded = wording.fold(text)
    return [f for f in forms if re.search(rf"(?<!\w){re.escape(wording.fold(f))}(?!\w)", folded)]


@pytest.mark.parametrize("language", ["en", "it"])
def test_the_hint_of_a_question_never_names_its_answer(real_kb, bank, language):
    hinted = [d for d in bank if d.hint is not None]
    assert len(hinted) >= 10
    for draft in hinted:
        found = gives_away(draft.hint[language], key_forms(real_kb, draft, language))
        assert not found, (draft.uid, draft.hint[language], found)


@pytest.mark.parametrize("language", ["en", "it"])
def test_what_a_wrong_try_shows_never_names_the_answer(real_kb, bank, language):
    """Everything shown after one wrong pick (why it is wrong, the question's hint)."""
    checked = 0
    with translation.override(language):
        for draft in bank:
            if draft.kind not in (Kind.SINGLE_CHOICE, Kind.MULTIPLE_RESPONSE):
                continue
            payload = draft.payload()
            forms = key_forms(real_kb, draft, language)
            for option in payload["options"]:
                if option["correct"]:
                    continue
                answer = (
                    {"option": option["id"]}
                    if draft.kind == Kind.SINGLE_CHOICE
                    else {"options": [option["id"]]}
                )
                for line in hint(payload, answer, language):
                    found = gives_away(line, forms)
                    assert not found, (draft.uid, option["text"][language], line, found)
                checked += 1
    assert checked > 50


def test_a_wrong_pick_whose_feedback_names_the_answer_waits_for_the_last_try(bank):
    """Why "Bolsheviks" is wrong for Chkheidze names his party: not shown as a hint."""
    draft = next(d for d in bank if d.uid == "party-which/chkheidze")
    payload = draft.payload()
    bolsheviks = next(o for o in payload["options"] if o["ref"] == "party:bolsheviks")
    assert "Menshevik" in bolsheviks["feedback"]["en"]
    with translation.override("en"):
        shown = hint(payload, {"option": bolsheviks["id"]}, "en")
    assert not any("Menshevik" in line for line in shown)


@pytest.mark.django_db
def test_a_wrong_try_at_a_statement_says_so_and_how_many_tries_are_left(question_bank, client):
    # A true-or-false statement has no hint to give; the wrong try must still be told.
    from django.urls import reverse

    from tests.quizzes.student import answer_data, start

    attempt = start(client, kinds=["true_false", "numeric"], behaviour="interactive")
    url = reverse("quizzes:answer", args=[attempt.pk])
    html = client.post(url, answer_data(attempt, 0, right=False), follow=True).content.decode()
    assert "Not quite: try again." in html
    assert re.search(r"You have \d tries? left", html)
