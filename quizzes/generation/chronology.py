"""Questions about the dated events: when, who, in what order, who did what.

A date is asked only for the events a teacher would date in class (the headline ones); the
order of all the events is one question; "on which day of the month" is never asked.
Who did a dated thing is a question about people: it stands in that topic, beside the
roles, and offers the same names (people.who_is_asked).
"""

from __future__ import annotations

from collections.abc import Iterator

from conference import wording
from quizzes.generation import distractors as pick
from quizzes.generation import explaining
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, stable_int
from quizzes.generation.facts import Event, FactBase, Text
from quizzes.generation.patterns import single_choice, statements
from quizzes.generation.people import (
    deeds_by_person,
    doers,
    named_in,
    people_ranked,
    person_option,
    who_is_asked,
)
from quizzes.generation.phrasing import (
    TYPE_SURNAME,
    cap,
    dated_event_sentence,
    event_clause,
    frame,
    join,
    julian_note,
    merge_citations,
    on_date,
    person_names,
    sentence,
    when_question,
)

# The date first, where it reads naturally: "On April 15, 1917, who urged ...?"
WHO_ON = Text("{when}, who {predicate}?", "{when}, chi {predicate}?")
ORDER = Text(
    "Put these events in the order in which they happened, earliest first.",
    "Metti questi eventi nell'ordine in cui avvennero, dal primo all'ultimo.",
)
MATCH_PEOPLE = Text(
    "Match each deed with the person who did it.", "Abbina ogni azione a chi la compì."
)


def event_item(kb: FactBase, event: Event) -> Option:
    return Option(ref=f"event:{event.key}", text=sentence(event_clause(kb, event)))


def events(kb: FactBase) -> Iterator[Draft]:
    known_dates = kb.dates()
    asked = who_is_asked(kb)
    offered = doers(kb)
    for event in kb.events:
        fact = f"event:{event.key}"
        lead = dated_event_sentence(kb, event)
        common = dict(
            topic=Topic.CHRONOLOGY, citations=merge_citations(event.citations), facts=(fact,)
        )
        candidates = [
            d
            for d in pick.date_candidates(
                event.date, known=known_dates, uid=f"event-when/{event.key}"
            )
            if kb.known_false(fact, "date", f"date:{d.isoformat()}")
        ]

        # When, and a statement of the date true or moved to a nearby day: only for the
        # events a teacher dates in class (the headline ones). Which day the Conference voted
        # on Kamenev's motion is a detail for its own sake.
        if event.prominence >= 3:
            yield from _dated(kb, event, lead=lead, candidates=candidates, common=common)

        if not event.person:
            continue
        # Who? The prompt gives the date, so that only one person fits.
        uid = f"event-who/{event.key}"
        prompt = frame(WHO_ON, predicate=kb.fill(event.predicate), when=cap(on_date(event.date)))
        shown = named_in(kb, prompt)
        wrong_people = people_ranked(
            kb,
            uid,
            lambda ref, f=fact: (
                ref in offered and ref not in shown and kb.known_false(f, "actor", ref)
            ),
        )
        who_explanation = explaining.explanation(kb, lead, (fact,), avoid=(prompt,))
        who = {**common, "topic": Topic.PEOPLE}
        if fact in asked:
            yield from single_choice(
                kb,
                uid=uid,
                prompt=prompt,
                key=person_option(kb, event.person, True),
                candidates=wrong_people,
                query=Query("actor", subject=fact),
                features=Features(reverse=True, prominence=event.prominence),
                explanation=who_explanation,
                min_options=3,
                # Closed only when it offers every doer, like the rest of its family.
                closed={f"person:{event.person}", *(o.ref for o in wrong_people)} == offered,
                **who,
            )
        if event.prominence >= 3:
            yield Draft(
                uid=f"event-type/{event.key}",
                kind=Kind.SHORT_ANSWER,
                prompt=join(prompt, TYPE_SURNAME),
                accepted=person_names(kb, event.person),
                answer_text=kb.person(event.person).name,
                query=Query("actor", subject=fact),
                features=Features(reverse=True, prominence=event.prominence),
                explanation=who_explanation,
                **who,
            )


def _dated(kb: FactBase, event: Event, *, lead: Text, candidates: list, common: dict):
    fact = f"event:{event.key}"
    prompt = when_question(kb, event)
    dated = Text.build(lambda lang: lead[lang][:-1] + " " + julian_note(event.date)[lang] + ".")

    def closeness(options, date=event.date) -> Features:
        others = [pick.value_of(o.ref) for o in options if not o.correct]
        return Features(
            closeness=pick.closeness_of_dates(date, others), prominence=event.prominence
        )

    yield from single_choice(
        kb,
        uid=f"event-when/{event.key}",
        prompt=prompt,
        key=pick.date_option(event.date, correct=True),
        candidates=[pick.date_option(d) for d in candidates],
        query=Query("date", subject=fact),
        features=closeness,
        explanation=explaining.explanation(kb, dated, (fact,), avoid=(prompt,)),
        **common,
    )
    wrong = candidates[0] if candidates else None
    yield from statements(
        uid=f"event/{event.key}",
        true=lead,
        false=dated_event_sentence(kb, event, date=wrong) if wrong else None,
        true_query=Query("date", subject=fact, object=f"date:{event.date.isoformat()}"),
        false_query=Query("date", subject=fact, object=f"date:{wrong.isoformat()}")
        if wrong
        else None,
        true_explanation=explaining.explanation(kb, lead, (fact,), avoid=(lead,)),
        false_explanation=explaining.explanation(kb, lead, (fact,)),
        features=Features(prominence=event.prominence),
        **common,
    )


def _one_event_a_day(kb: FactBase, uid: str) -> list[Event]:
    """The most prominent event of each day (two events on one day cannot be ordered)."""
    by_day: dict = {}
    for event in sorted(kb.events, key=lambda e: (e.date, -e.prominence, stable_int(uid, e.key))):
        by_day.setdefault(event.date, event)
    return [by_day[day] for day in sorted(by_day)]


def ordering(kb: FactBase) -> Iterator[Draft]:
    chosen = _one_event_a_day(kb, "order")[:6]
    if len(chosen) < 3:
        return
    facts = tuple(f"event:{e.key}" for e in chosen)
    lead = timeline(kb, chosen)
    yield Draft(
        uid="ordering",
        kind=Kind.ORDERING,
        topic=Topic.CHRONOLOGY,
        prompt=ORDER,
        items=tuple(event_item(kb, e) for e in chosen),
        explanation=_with_connection(kb, lead, facts),
        citations=merge_citations(*(e.citations for e in chosen)),
        facts=facts,
        query=Query("date"),
        features=Features(two_step=True, prominence=2),
    )


TIMELINE = Text("In order: {steps}.", "Nell'ordine: {steps}.")


def timeline(kb: FactBase, chosen: list[Event]) -> Text:
    """One sentence: "In order: April 11, 1917, the Conference opened; April 12, ..."."""

    def steps(lang: str) -> str:
        return "; ".join(
            f"{wording.format_date(lang, e.date)}, {event_clause(kb, e)[lang]}" for e in chosen
        )

    return frame(TIMELINE, steps=Text.build(steps))


def _with_connection(kb: FactBase, lead: Text, facts: tuple[str, ...]) -> Text:
    """A long lead (every event, dated) with at most the one connection that ties most of
    them together."""
    linking = [c for c in kb.connections if set(facts) & set(c.links)]
    if not linking:
        return lead
    best = max(linking, key=lambda c: (len(set(facts) & set(c.links)), c.prominence, c.key))
    said = explaining.statement(kb, f"connection:{best.key}")
    return Text.build(lambda lang: f"{lead[lang]} {said[lang]}")


def matching_people(kb: FactBase) -> Iterator[Draft]:
    """Deeds (roles held and dated events) against the people who did them."""
    deeds = deeds_by_person(kb)
    people = sorted(deeds)
    if len(people) < 3:
        return
    uid = "matching-people"
    chosen_people = sorted(people, key=lambda p: stable_int(uid, p))[:4]
    pairs, facts, citations = [], [], []
    for person in sorted(chosen_people, key=lambda p: stable_int(uid, "order", p)):
        options = deeds[person]
        fact, predicate, cites, ref = options[stable_int(uid, person) % len(options)]
        # A deed whose wording names another of the people would give the pairing away.
        if named_in(kb, predicate) - {f"person:{person}"}:
            fact, predicate, cites, ref = options[0]
        left = Option(ref=ref, text=cap(predicate))
        pairs.append((left, person_option(kb, person)))
        facts.append(fact)
        citations.append(cites)
    facts = tuple(facts)
    lead = Text.build(lambda lang: " ".join(explaining.statement(kb, f)[lang] for f in facts))
    yield Draft(
        uid=uid,
        kind=Kind.MATCHING,
        topic=Topic.PEOPLE,
        prompt=MATCH_PEOPLE,
        pairs=tuple(pairs),
        explanation=lead,
        citations=merge_citations(*citations),
        facts=facts,
        query=Query("actor"),
        features=Features(reverse=True, prominence=2),
    )
