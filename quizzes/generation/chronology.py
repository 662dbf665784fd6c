"""Questions about the dated events: when, who, on which day, in what order, what matches what."""

from __future__ import annotations

import itertools
from collections.abc import Iterator

from conference import wording
from quizzes.generation import distractors as pick
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, stable_int
from quizzes.generation.facts import Event, FactBase, Text
from quizzes.generation.patterns import choice_and_statements
from quizzes.generation.people import people_ranked, person_option
from quizzes.generation.phrasing import (
    TYPE_SURNAME,
    dated_event_sentence,
    event_clause,
    event_explanation,
    frame,
    join,
    merge_citations,
    on_date,
    person_names,
    sentence,
)

WHEN = Text("What was the date when {clause}?", "In che giorno {clause}?")
WHO_ON = Text("Who {predicate} {when}?", "Chi {predicate} {when}?")
DAY = Text(
    "{clause} in {month} {year}. On which day of the month? Give the New Style (Gregorian) date.",
    "{clause} nel mese di {month} {year}. In quale giorno del mese? Indica la data secondo il "
    "nuovo stile (calendario gregoriano).",
)
ORDER = Text(
    "Put these events in the order in which they happened, earliest first.",
    "Metti questi eventi nell'ordine in cui avvennero, dal primo all'ultimo.",
)
MATCH_DATES = Text(
    "Match each event with its date (New Style).",
    "Abbina ogni evento alla sua data (nuovo stile).",
)
MATCH_PEOPLE = Text(
    "Match each deed with the person who did it.", "Abbina ogni azione a chi la compì."
)


def event_item(kb: FactBase, event: Event) -> Option:
    return Option(ref=f"event:{event.key}", text=sentence(event_clause(kb, event)))


def events(kb: FactBase) -> Iterator[Draft]:
    known_dates = kb.dates()
    for event in kb.events:
        subject = f"event:{event.key}"
        fact = (subject,)
        common = dict(
            topic=Topic.CHRONOLOGY,
            explanation=event_explanation(kb, event),
            citations=merge_citations(event.citations),
            facts=fact,
        )
        clause = event_clause(kb, event)

        # When? And a true and a false statement of the date.
        uid = f"event-when/{event.key}"
        candidates = [
            pick.date_option(d)
            for d in pick.date_candidates(event.date, known=known_dates, uid=uid)
            if kb.known_false(subject, "date", f"date:{d.isoformat()}")
        ]

        def closeness(options, date=event.date) -> float:
            others = [pick.value_of(o.ref) for o in options if not o.correct]
            return pick.closeness_of_dates(date, others)

        yield from choice_and_statements(
            uids=(uid, f"event-true/{event.key}", f"event-false-date/{event.key}"),
            prompt=frame(WHEN, clause=clause),
            key=pick.date_option(event.date, correct=True),
            wrong=candidates,
            query=Query("date", subject=subject),
            state=lambda option, e=event: dated_event_sentence(
                kb, e, date=pick.value_of(option.ref)
            ),
            fact=lambda option, s=subject: Query("date", subject=s, object=option.ref),
            choice_features=lambda options, p=event.prominence: Features(
                closeness=closeness(options), prominence=p
            ),
            statement_features=lambda option, p=event.prominence: Features(
                closeness=closeness([option]), prominence=p
            ),
            **common,
        )

        # On which day of the month? (typed)
        yield Draft(
            uid=f"event-day/{event.key}",
            kind=Kind.NUMERIC,
            prompt=frame(
                DAY,
                clause=Text.build(lambda lang, c=clause: wording.capitalise(c[lang])),
                month=Text.build(lambda lang: wording.MONTHS[lang][event.date.month - 1]),
                year=str(event.date.year),
            ),
            number=event.date.day,
            tolerance=0,
            query=Query("date", subject=subject),
            features=Features(two_step=False, closeness=1.0, prominence=event.prominence),
            **common,
        )

        if not event.person:
            continue
        # Who? (choice, typed, and a statement with another person)
        uid = f"event-who/{event.key}"
        prompt = frame(WHO_ON, predicate=event.predicate, when=on_date(event.date))
        wrong = people_ranked(kb, uid, lambda ref, s=subject: kb.known_false(s, "actor", ref))
        options = pick.choose_any_rank(
            uid=uid,
            prompt=prompt,
            key=person_option(kb, event.person, True),
            candidates=wrong,
            size=4,
        )
        who = dict(common, features=Features(reverse=True, prominence=event.prominence))
        if options:
            yield Draft(
                uid=uid,
                kind=Kind.SINGLE_CHOICE,
                prompt=prompt,
                options=tuple(options),
                query=Query("actor", subject=subject),
                **who,
            )
        yield Draft(
            uid=f"event-type/{event.key}",
            kind=Kind.SHORT_ANSWER,
            prompt=join(prompt, TYPE_SURNAME),
            accepted=person_names(kb, event.person),
            answer_text=kb.person(event.person).name,
            query=Query("actor", subject=subject),
            **who,
        )
        if wrong:
            yield Draft(
                uid=f"event-false-who/{event.key}",
                kind=Kind.TRUE_FALSE,
                prompt=sentence(
                    frame(
                        Text("{when}, {person} {predicate}", "{when} {person} {predicate}"),
                        when=on_date(event.date),
                        person=wrong[0].text,
                        predicate=event.predicate,
                    )
                ),
                truth=False,
                query=Query("actor", subject=subject, object=wrong[0].ref),
                features=Features(prominence=event.prominence),
                **common,
            )


def _distinct_date_sets(kb: FactBase, size: int, uid: str, limit: int) -> list[list[Event]]:
    """Sets of events on different days (two events on one day cannot be ordered)."""
    by_day: dict = {}
    for event in sorted(kb.events, key=lambda e: (e.date, stable_int(uid, e.key))):
        by_day.setdefault(event.date, []).append(event)
    days = sorted(by_day)
    if len(days) < size:
        return []
    sets = []
    for chosen_days in itertools.combinations(days, size):
        sets.append(
            [by_day[day][stable_int(uid, str(day)) % len(by_day[day])] for day in chosen_days]
        )
    sets.sort(key=lambda events: stable_int(uid, *(e.key for e in events)))
    return sets[:limit]


def ordering(kb: FactBase) -> Iterator[Draft]:
    size = min(5, len({e.date for e in kb.events}))
    if size < 3:
        return
    for number, chosen in enumerate(
        _distinct_date_sets(kb, size - 1 if size > 4 else size, "order", 4)
    ):
        chosen = sorted(chosen, key=lambda e: e.date)
        explanation = Text.build(
            lambda lang, c=chosen: " ".join(dated_event_sentence(kb, e)[lang] for e in c)
        )
        yield Draft(
            uid=f"ordering/{number}",
            kind=Kind.ORDERING,
            topic=Topic.CHRONOLOGY,
            prompt=ORDER,
            items=tuple(event_item(kb, e) for e in chosen),
            explanation=explanation,
            citations=merge_citations(*(e.citations for e in chosen)),
            facts=tuple(f"event:{e.key}" for e in chosen),
            query=Query("date"),
            features=Features(two_step=True, prominence=2),
        )


def matching_dates(kb: FactBase) -> Iterator[Draft]:
    for number, chosen in enumerate(_distinct_date_sets(kb, 4, "match-dates", 3)):
        chosen = sorted(chosen, key=lambda e: stable_int("match-dates", str(number), e.key))
        yield Draft(
            uid=f"matching-dates/{number}",
            kind=Kind.MATCHING,
            topic=Topic.CHRONOLOGY,
            prompt=MATCH_DATES,
            pairs=tuple((event_item(kb, e), pick.date_option(e.date)) for e in chosen),
            explanation=Text.build(
                lambda lang, c=chosen: " ".join(
                    dated_event_sentence(kb, e)[lang] for e in sorted(c, key=lambda e: e.date)
                )
            ),
            citations=merge_citations(*(e.citations for e in chosen)),
            facts=tuple(f"event:{e.key}" for e in chosen),
            query=Query("date"),
            features=Features(two_step=True, prominence=2),
        )


def matching_people(kb: FactBase) -> Iterator[Draft]:
    """Deeds (roles held and dated events) against the people who did them."""
    from quizzes.generation.phrasing import role_predicate

    deeds: dict[str, list[tuple[str, Text, tuple, str]]] = {}
    for m in kb.memberships:
        if kb.role(m.role).single_holder:
            deeds.setdefault(m.person, []).append(
                (
                    f"membership:{m.key}",
                    role_predicate(kb, m.role, m.body),
                    m.citations,
                    f"role:{m.role}|body:{m.body}",
                )
            )
    for e in kb.events:
        if e.person:
            deeds.setdefault(e.person, []).append(
                (f"event:{e.key}", e.predicate, e.citations, f"event:{e.key}")
            )
    people = sorted(deeds)
    if len(people) < 3:
        return
    for number in range(3):
        uid = f"matching-people/{number}"
        chosen_people = sorted(people, key=lambda p: stable_int(uid, p))[:4]
        pairs, facts, citations, explanation = [], [], [], []
        for person in sorted(chosen_people, key=lambda p: stable_int(uid, "order", p)):
            options = deeds[person]
            fact, predicate, cites, ref = options[stable_int(uid, person) % len(options)]
            left = Option(
                ref=ref, text=Text.build(lambda lang, p=predicate: wording.capitalise(p[lang]))
            )
            pairs.append((left, person_option(kb, person)))
            facts.append(fact)
            citations.append(cites)
            explanation.append(
                frame(
                    Text("{person} {predicate}.", "{person} {predicate}."),
                    person=kb.person(person).name,
                    predicate=predicate,
                )
            )
        yield Draft(
            uid=uid,
            kind=Kind.MATCHING,
            topic=Topic.PEOPLE,
            prompt=MATCH_PEOPLE,
            pairs=tuple(pairs),
            explanation=Text.build(lambda lang, x=explanation: " ".join(t[lang] for t in x)),
            citations=merge_citations(*citations),
            facts=tuple(facts),
            query=Query("actor"),
            features=Features(reverse=True, prominence=2),
        )
