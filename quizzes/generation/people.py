"""Questions about people: who opened the Conference, chaired the Petrograd Soviet, spoke
for the Bolsheviks; which party a person belonged to; which parties dominated.

A list of names the articles give without saying it is complete (the presidium) asks
nothing: every answer here depends on what the articles state, never on someone's absence.

A name that is never the answer gives itself away: "rule out the name I have never heard
of" would beat chance. So a who-question offers only the people the articles show doing
something at the Conference, each of them the answer equally often, and a party question
only the parties someone belonged to.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterator

from conference import wording
from quizzes.generation import distractors as pick
from quizzes.generation import explaining
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, stable_int
from quizzes.generation.facts import FactBase, Text
from quizzes.generation.patterns import single_choice, statements, with_feedback
from quizzes.generation.phrasing import (
    TYPE_SURNAME,
    frame,
    join,
    merge_citations,
    party_plural,
    person_names,
    role_predicate,
)

WHO = Text("Who {predicate}?", "Chi {predicate}?")
STATEMENT = Text("{person} {predicate}.", "{person} {predicate}.")
PARTY = Text("Which party did {person} belong to?", "A quale partito apparteneva {person}?")
MEMBER = Text("{person} was {member}.", "{person} era {member}.")
DOMINANT = Text(
    "Which parties dominated among the participants of the Conference? Select all that apply.",
    "Quali partiti dominavano tra i partecipanti alla Conferenza? "
    "Seleziona tutte le risposte giuste.",
)
# Why a wrong party is wrong for a person: who in the articles belonged to it, if anyone.
OTHER_MEMBER = Text(
    "{other} was {other_member}; {person} was {member}.",
    "{other} era {other_member}; {person} era {member}.",
)
NO_MEMBER = Text(
    "The articles name no {other}; {person} was {member}.",
    "Gli articoli non nominano alcun {other}; {person} era {member}.",
)
DOMINATED = Text(
    "{party} were one of the parties that dominated the Conference.",
    "{party} erano uno dei partiti che dominavano la Conferenza.",
)


def person_option(kb: FactBase, key: str, correct: bool = False) -> Option:
    return Option(ref=f"person:{key}", text=kb.person(key).name, correct=correct)


def people_ranked(kb: FactBase, uid: str, keep) -> list[Option]:
    """People for whom keep(ref) holds, the better known first, then in a stable shuffle."""
    people = [p for p in kb.people if keep(f"person:{p.key}")]
    people.sort(key=lambda p: (-p.prominence, stable_int(uid, p.key)))
    return [person_option(kb, p.key) for p in people]


def deeds_by_person(kb: FactBase) -> dict[str, list[tuple[str, Text, tuple, str]]]:
    """What each person did at the Conference, as the articles tell it: the roles only one
    person held and the dated events, by person: (fact, predicate, citations, ref of the
    deed)."""
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
                (f"event:{e.key}", kb.fill(e.predicate), e.citations, f"event:{e.key}")
            )
    return deeds


def doers(kb: FactBase) -> set[str]:
    """The people who did something at the Conference: the only names a who-question
    offers, since each of them is the answer to one."""
    return {f"person:{person}" for person in deeds_by_person(kb)}


def who_is_asked(kb: FactBase) -> set[str]:
    """The deeds a who-question asks about: as many of each person's as of anyone's, the
    most prominent first, then the earliest, so that no name is the answer more often than
    another (a name that is the answer more often is the one a shortcut such as "pick the
    name you have heard of least" may find)."""
    by_person = deeds_by_person(kb)
    if not by_person:
        return set()

    def rank(fact: str) -> tuple:
        deed = kb.by_ref[fact]
        return (-deed.prominence, getattr(deed, "date", datetime.date.min), fact)

    each = min(len(deeds) for deeds in by_person.values())
    return {
        fact
        for deeds in by_person.values()
        for fact in sorted((fact for fact, *_ in deeds), key=rank)[:each]
    }


def named_in(kb: FactBase, text: Text) -> set[str]:
    """People whose name a text already shows: never a wrong answer to it."""
    return {
        f"person:{p.key}"
        for p in kb.people
        if any(wording.fold(p.name[lang]) in wording.fold(text[lang]) for lang in ("en", "it"))
    }


def single_holder_roles(kb: FactBase) -> Iterator[Draft]:
    """Who opened the Conference, who chaired the Petrograd Soviet, who spoke for a faction."""
    asked = who_is_asked(kb)
    offered = doers(kb)
    for membership in kb.memberships:
        if not kb.role(membership.role).single_holder:
            continue
        fact = f"membership:{membership.key}"
        relation, body = f"role:{membership.role}", f"body:{membership.body}"
        predicate = role_predicate(kb, membership.role, membership.body)
        name = kb.person(membership.person).name
        prompt = frame(WHO, predicate=predicate)
        uid = f"role-who/{membership.key}"
        shown = named_in(kb, prompt)
        wrong = people_ranked(
            kb, uid, lambda ref, r=relation, b=body: ref not in shown and kb.known_false(ref, r, b)
        )
        lead = frame(STATEMENT, person=name, predicate=predicate)
        common = dict(citations=merge_citations(membership.citations), facts=(fact,))
        explanation = explaining.explanation(kb, lead, (fact,), avoid=(prompt,))
        if fact in asked:
            yield from single_choice(
                kb,
                uid=uid,
                prompt=prompt,
                key=person_option(kb, membership.person, True),
                candidates=[o for o in wrong if o.ref in offered],
                query=Query(relation, object=body),
                features=Features(reverse=True, prominence=membership.prominence),
                topic=Topic.PEOPLE,
                explanation=explanation,
                min_options=3,
                # Closed only when it offers every doer, like the rest of its family.
                closed={f"person:{membership.person}", *(o.ref for o in wrong if o.ref in offered)}
                == offered,
                **common,
            )
        if membership.prominence >= 3:
            yield Draft(
                uid=f"role-type/{membership.key}",
                kind=Kind.SHORT_ANSWER,
                topic=Topic.PEOPLE,
                prompt=join(prompt, TYPE_SURNAME),
                accepted=person_names(kb, membership.person),
                answer_text=name,
                query=Query(relation, object=body),
                features=Features(reverse=True, prominence=membership.prominence),
                explanation=explanation,
                **common,
            )
        # The false version names another well-known person in the role: a mistake a student
        # could make, not an absurd one.
        other = wrong[0] if wrong else None
        false = frame(STATEMENT, person=other.text, predicate=predicate) if other else None
        yield from statements(
            uid=f"role/{membership.key}",
            true=lead,
            false=false,
            true_query=Query(relation, subject=f"person:{membership.person}", object=body),
            false_query=Query(relation, subject=other.ref, object=body) if other else None,
            true_explanation=explaining.explanation(kb, lead, (fact,), avoid=(lead,)),
            false_explanation=_corrected(kb, lead, fact, other.ref if other else None),
            topic=Topic.PEOPLE,
            features=Features(prominence=membership.prominence),
            **common,
        )


def _corrected(kb: FactBase, lead: Text, fact: str, swapped: str | None) -> Text:
    """A false statement's explanation: the true one, then what the swapped-in person did."""
    said = explaining.about(kb, swapped, tested=(fact,)) if swapped else None
    return explaining.explanation(kb, lead, (fact,), first=(said,) if said else ())


def parties(kb: FactBase) -> Iterator[Draft]:
    """Which party a person belonged to, where the articles say so."""
    labels = {p.key: kb.label(f"party:{p.key}") for p in kb.parties}
    held = {p.party for p in kb.people if p.party}
    for person in kb.people:
        if not person.party:
            continue
        fact = f"person:{person.key}"
        party = kb.party(person.party)
        prompt = frame(PARTY, person=person.name)
        lead = frame(MEMBER, person=person.name, member=party.member)
        others = [
            Option(
                ref=f"party:{p.key}",
                text=labels[p.key],
                feedback=_other_party(kb, person, p, party.member),
            )
            for p in sorted(kb.parties, key=lambda p: (-p.prominence, stable_int(fact, p.key)))
            if kb.known_false(fact, "party", f"party:{p.key}")
        ]
        common = dict(
            citations=merge_citations(person.citations, party.citations),
            facts=(fact,),
            topic=Topic.COMPOSITION,
        )
        key = Option(ref=f"party:{party.key}", text=labels[party.key], correct=True)
        # Only parties someone belonged to: one that is never the answer (the Socialist
        # Revolutionaries, whom the articles give no member) is the one to rule out.
        yield from single_choice(
            kb,
            uid=f"party-which/{person.key}",
            prompt=prompt,
            key=key,
            candidates=[o for o in others if o.ref.removeprefix("party:") in held],
            query=Query("party", subject=fact),
            features=Features(prominence=person.prominence),
            explanation=explaining.explanation(kb, lead, (fact,), avoid=(prompt,)),
            min_options=2,
            **common,
        )
        other = others[0] if others else None
        yield from statements(
            uid=f"party/{person.key}",
            true=lead,
            false=frame(MEMBER, person=person.name, member=kb.get(other.ref).member)
            if other
            else None,
            true_query=Query("party", subject=fact, object=key.ref),
            false_query=Query("party", subject=fact, object=other.ref) if other else None,
            true_explanation=explaining.explanation(kb, lead, (fact,), avoid=(lead,)),
            false_explanation=explaining.explanation(kb, lead, (fact,)),
            features=Features(prominence=person.prominence),
            **common,
        )


def _other_party(kb: FactBase, person, party, member: Text) -> Text:
    """ "Lev Kamenev was a Bolshevik; Nikolay Chkheidze was a Menshevik." """
    others = sorted(
        (p for p in kb.people if p.party == party.key and p.key != person.key),
        key=lambda p: (-p.prominence, p.key),
    )
    if others:
        return frame(
            OTHER_MEMBER,
            other=others[0].name,
            other_member=party.member,
            person=person.name,
            member=member,
        )
    bare = Text.build(lambda lang: party.member[lang].split(" ", 1)[-1])  # without a/un
    return frame(NO_MEMBER, other=bare, person=person.name, member=member)


def dominant_parties(kb: FactBase) -> Iterator[Draft]:
    """Which parties dominated the Conference: the articles say it of each party."""
    if not any(p.dominated for p in kb.parties) or all(p.dominated for p in kb.parties):
        return
    conference = f"body:{kb.conference}"
    facts = tuple(f"party:{p.key}" for p in kb.parties)
    lead = explaining.dominant_parties(kb)
    common = dict(
        topic=Topic.COMPOSITION,
        citations=merge_citations(*(p.citations for p in kb.parties)),
        facts=facts,
    )
    options = [
        Option(ref=f"party:{p.key}", text=kb.label(f"party:{p.key}"), correct=p.dominated)
        for p in kb.parties
    ]
    yield Draft(
        uid="parties-dominant",
        kind=Kind.MULTIPLE_RESPONSE,
        prompt=DOMINANT,
        options=tuple(with_feedback(kb, pick.natural_order(options, "en"), tested=facts)),
        query=Query("dominated", object=conference),
        features=Features(reverse=True, prominence=2),
        explanation=explaining.explanation(kb, lead, facts, avoid=(DOMINANT,)),
        **common,
    )
    # One statement: that a dominant party dominated, or that another one did.
    dominant = sorted((p for p in kb.parties if p.dominated), key=lambda p: -p.prominence)
    other = sorted((p for p in kb.parties if not p.dominated), key=lambda p: -p.prominence)

    def said(party) -> Text:
        return frame(
            DOMINATED,
            party=Text.build(lambda lang: wording.capitalise(party_plural(lang, party.name[lang]))),
        )

    yield from statements(
        uid="parties-dominated",
        true=said(dominant[0]),
        false=said(other[0]),
        true_query=Query("dominated", subject=f"party:{dominant[0].key}", object=conference),
        false_query=Query("dominated", subject=f"party:{other[0].key}", object=conference),
        true_explanation=explaining.explanation(kb, lead, facts),
        false_explanation=explaining.explanation(kb, lead, facts),
        features=Features(prominence=2),
        **common,
    )
