"""English and Italian phrasing of dates, bodies and names."""

import datetime

import pytest

from conference import wording


@pytest.mark.parametrize(
    ("preposition", "phrase", "expected"),
    [
        ("di", "il Soviet di Pietrogrado", "del Soviet di Pietrogrado"),
        ("in", "il presidium della Conferenza", "nel presidium della Conferenza"),
        ("da", "la Conferenza panrussa dei Soviet", "dalla Conferenza panrussa dei Soviet"),
        ("di", "l'Ufficio organizzativo", "dell'Ufficio organizzativo"),
        ("a", "l'Assemblea costituente", "all'Assemblea costituente"),
        ("su", "i Soviet locali", "sui Soviet locali"),
        ("di", "gli operai", "degli operai"),
        ("di", "Pietrogrado", "di Pietrogrado"),
    ],
)
def test_italian_prepositions_join_the_article(preposition, phrase, expected):
    assert wording.with_preposition("it", preposition, phrase) == expected


def test_a_role_predicate_takes_its_body_in_each_language():
    assert (
        wording.fill_body("it", "era il presidente {di body}", "il Soviet di Pietrogrado")
        == "era il presidente del Soviet di Pietrogrado"
    )
    assert (
        wording.fill_body("en", "was the chairman of {body}", "the Petrograd Soviet")
        == "was the chairman of the Petrograd Soviet"
    )


def test_dates_read_as_each_language_writes_them():
    assert wording.format_date("en", datetime.date(1917, 4, 12)) == "April 12, 1917"
    assert wording.format_date("it", datetime.date(1917, 4, 12)) == "12 aprile 1917"
    assert wording.format_date("it", datetime.date(1917, 5, 1)) == "1º maggio 1917"
    assert wording.on_date("it", datetime.date(1917, 4, 11)) == "l'11 aprile 1917"
    assert wording.on_date("it", datetime.date(1917, 4, 12)) == "il 12 aprile 1917"
    assert wording.on_date("en", datetime.date(1917, 4, 16)) == "on April 16, 1917"


def test_folding_ignores_case_diacritics_and_surrounding_spaces():
    assert wording.fold("  ČCHEIDZE ") == "ccheidze"
    assert wording.fold("Kamenev") == wording.fold("kamenev") == "kamenev"
    assert wording.fold("Lev   Kamenev") == "lev kamenev"


def test_folding_makes_the_transliterations_comparable():
    assert wording.fold("Čcheidze") == "ccheidze"
    assert wording.fold("Ts'ereteli") == wording.fold("Tsereteli")
    assert wording.fold(" Zavad’e ") == "zavade"


def test_alphabetical_order_ignores_articles_and_diacritics():
    labels = ["la Conferenza", "il Soviet", "l'Ufficio", "Čcheidze", "Bogdanov"]
    assert sorted(labels, key=lambda label: wording.sort_key("it", label)) == [
        "Bogdanov",
        "Čcheidze",
        "la Conferenza",
        "il Soviet",
        "l'Ufficio",
    ]
