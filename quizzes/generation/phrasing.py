"""Sentence frames shared by the question families, in English and Italian.

A frame is a Text whose {slots} are filled per language; the slot values come from the fact
base already in the right language. Frames are written whole, never assembled from
translated fragments, so that each reads as a teacher of that language would write it.
"""

from __future__ import annotations

import datetime

from conference import calendars, wording
from quizzes.generation.facts import Citation, Event, FactBase, Text

SELECT_ALL = Text("Select all that apply.", "Seleziona tutte le risposte giuste.")
TYPE_SURNAME = Text("Type the surname.", "Scrivi il cognome.")


def frame(template: Text, **slots) -> Text:
    """Fill a bilingual frame; a slot value may itself be a Text (taken per language)."""

    def fill(lang: str) -> str:
        values = {
            name: (value[lang] if isinstance(value, Text) else value)
            for name, value in slots.items()
        }
        return template[lang].format(**values)

    return Text.build(fill)


def cap(text: Text) -> Text:
    return Text.build(lambda lang: wording.capitalise(text[lang]))


def sentence(text: Text) -> Text:
    return Text.build(lambda lang: wording.sentence(text[lang]))


def join(*texts: Text) -> Text:
    return Text.build(lambda lang: " ".join(t[lang] for t in texts if t[lang]))


def role_predicate(kb: FactBase, role_key: str, body_key: str) -> Text:
    """ "was the chairman of the Petrograd Soviet" / "era il presidente del Soviet di ..." """
    role, body = kb.role(role_key), kb.body(body_key)
    return Text.build(lambda lang: wording.fill_body(lang, role.predicate[lang], body.name[lang]))


def actor_name(kb: FactBase, event: Event) -> Text:
    """The doer of an event as the subject of a sentence (a body keeps its article)."""
    if event.person:
        return kb.person(event.person).name
    return kb.body(event.body).name


def on_date(date: datetime.date) -> Text:
    return Text.build(lambda lang: wording.on_date(lang, date))


def julian_note(date: datetime.date) -> Text:
    """(March 30, 1917 in the Julian calendar then used in Russia, by our reckoning: ...)

    The articles give Gregorian dates only; the Julian one is computed
    (conference.calendars), and the note says so rather than pass it off as theirs."""
    julian = calendars.julian_from_gregorian(date).as_date()
    return frame(
        Text(
            "({date} in the Julian calendar then used in Russia, by our reckoning: the "
            "articles give only the Gregorian date)",
            "({date} nel calendario giuliano allora in uso in Russia, secondo un nostro "
            "calcolo: gli articoli riportano solo la data gregoriana)",
        ),
        date=Text.build(lambda lang: wording.format_date(lang, julian)),
    )


def event_clause(kb: FactBase, event: Event) -> Text:
    """ "Lev Kamenev put forward ..." without a date. Italian puts a short predicate first,
    as it is usually said: "si aprì la Conferenza", not "la Conferenza si aprì"."""
    predicate = kb.fill(event.predicate)
    italian = "{actor} {predicate}" if len(predicate.it.split()) > 3 else "{predicate} {actor}"
    return frame(
        Text("{actor} {predicate}", italian),
        actor=actor_name(kb, event),
        predicate=predicate,
    )


# The base form of the English past tenses that predicates start with, so that a question
# reads "On what date did Lenin return ...?". A verb not listed keeps the past tense in a
# plainer frame ("What was the date when ...?"): the table only improves the wording.
ENGLISH_BASE = {
    "announced": "announce",
    "arrived": "arrive",
    "called": "call",
    "declared": "declare",
    "elected": "elect",
    "gave": "give",
    "held": "hold",
    "led": "lead",
    "made": "make",
    "met": "meet",
    "opened": "open",
    "presented": "present",
    "proposed": "propose",
    "put": "put",
    "returned": "return",
    "sent": "send",
    "set": "set",
    "spoke": "speak",
    "took": "take",
    "urged": "urge",
}


def when_question(kb: FactBase, event: Event) -> Text:
    """ "On what date did Vladimir Lenin return to Petrograd from exile?" / "In che giorno
    Vladimir Lenin rientrò a Pietrogrado dall'esilio?" """
    predicate = kb.fill(event.predicate)
    verb, _, rest = predicate.en.partition(" ")
    base = ENGLISH_BASE.get(verb)
    clause = event_clause(kb, event)
    if base is None:
        english = f"What was the date when {clause.en}?"
    else:
        english = f"On what date did {actor_name(kb, event).en} {base}{' ' + rest if rest else ''}?"
    return Text(english, f"In che giorno {clause.it}?")


def dated_event_sentence(kb: FactBase, event: Event, *, date: datetime.date | None = None) -> Text:
    """ "On April 12, 1917, Lev Kamenev put forward ..." / "Il 12 aprile 1917 Lev Kamenev ..." """
    return sentence(
        frame(
            Text("{when}, {clause}", "{when} {clause}"),
            when=on_date(date or event.date),
            clause=event_clause(kb, event),
        )
    )


def party_plural(lang: str, name: str) -> str:
    """The party's plural name with its definite article: the Mensheviks / i menscevichi."""
    if lang == "en":
        return f"the {name}"
    lowered = name.lower()
    vowel_or_cluster = (
        lowered[:1] in "aeiouyxz"
        or lowered.startswith(("gn", "ps", "pn"))
        or (lowered[:1] == "s" and lowered[1:2] not in "aeiou")
    )
    return f"{'gli' if vowel_or_cluster else 'i'} {name}"


def merge_citations(*groups) -> tuple[Citation, ...]:
    seen = {citation for group in groups for citation in group}
    return tuple(sorted(seen, key=lambda c: (c.language, c.paragraph, c.title)))


def _spellings(person) -> list[str]:
    out = []
    for name in (person.name.en, person.name.it, *person.variants):
        for form in (name, wording.surname(name)):
            if form and form not in out:
                out.append(form)
    return out


def person_names(kb: FactBase, key: str) -> tuple[str, ...]:
    """Every spelling a student may type for a person: full names, surnames, variants.

    A spelling that also names someone else (two people called Ivanov) is left out, so a
    typed answer can never be right for the wrong person.
    """
    others = {wording.fold(form) for p in kb.people if p.key != key for form in _spellings(p)}
    return tuple(f for f in _spellings(kb.person(key)) if wording.fold(f) not in others)
