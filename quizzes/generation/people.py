"""Questions about people: their roles, the presidium, their parties."""

from __future__ import annotations

from collections.abc import Iterator

from conference import wording
from quizzes.generation import distractors as pick
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, stable_int
from quizzes.generation.facts import FactBase, Membership, Text
from quizzes.generation.patterns import choice_and_statements
from quizzes.generation.phrasing import (
    SELECT_ALL,
    TYPE_SURNAME,
    frame,
    join,
    merge_citations,
    party_names,
    party_plural,
    person_names,
    role_predicate,
    sentence,
)

WHO = Text("Who {predicate}?", "Chi {predicate}?")
STATEMENT = Text("{person} {predicate}.", "{person} {predicate}.")
# Italian "chi" takes a masculine singular verb whatever the group: "Chi di queste persone fu
# eletto ...", "qualcuno che fu eletto ...".
WHICH_OF_THESE = Text("Which of these people {predicate}?", "Chi di queste persone {predicate}?")
ANY_MEMBER = Text(
    "Type the surname of anyone who {predicate}.",
    "Scrivi il cognome di qualcuno che {predicate}.",
)
EVERY_MEMBER = Text(
    "The articles name every member of {body}: {names}.",
    "Gli articoli nominano tutti i membri {of_body}: {names}.",
)


def person_option(kb: FactBase, key: str, correct: bool = False) -> Option:
    return Option(ref=f"person:{key}", text=kb.person(key).name, correct=correct)


def people_ranked(kb: FactBase, uid: str, keep) -> list[Option]:
    """People for whom keep(ref) holds, the better known first, then in a stable shuffle."""
    people = [p for p in kb.people if keep(f"person:{p.key}")]
    people.sort(key=lambda p: (-p.prominence, stable_int(uid, p.key)))
    return [person_option(kb, p.key) for p in people]


def _profile(kb: FactBase, person_key: str) -> Text:
    """What else a student should remember about the person: their party, if stated."""
    person = kb.person(person_key)
    if not person.party:
        return Text("", "")
    return frame(
        Text("{person} was {member}.", "{person} era {member}."),
        person=person.name,
        member=kb.party(person.party).member,
    )


def _explain(kb: FactBase, membership: Membership) -> Text:
    main = frame(
        STATEMENT,
        person=kb.person(membership.person).name,
        predicate=role_predicate(kb, membership.role, membership.body),
    )
    extra = _profile(kb, membership.person)
    return Text.build(lambda lang: " ".join(t for t in (main[lang], extra[lang]) if t))


def single_holder_roles(kb: FactBase) -> Iterator[Draft]:
    """Who opened the Conference, who chaired the Petrograd Soviet, who spoke for a faction."""
    for membership in kb.memberships:
        if not kb.role(membership.role).single_holder:
            continue
        relation, body = f"role:{membership.role}", f"body:{membership.body}"
        predicate = role_predicate(kb, membership.role, membership.body)
        common = dict(
            topic=Topic.PEOPLE,
            explanation=_explain(kb, membership),
            citations=merge_citations(membership.citations),
            facts=(f"membership:{membership.key}",),
        )
        prompt = frame(WHO, predicate=predicate)
        uid = f"role-who/{membership.key}"
        yield from choice_and_statements(
            uids=(uid, f"role-true/{membership.key}", f"role-false/{membership.key}"),
            prompt=prompt,
            key=person_option(kb, membership.person, True),
            wrong=people_ranked(kb, uid, lambda ref, r=relation, b=body: kb.known_false(ref, r, b)),
            query=Query(relation, object=body),
            state=lambda option, p=predicate: frame(STATEMENT, person=option.text, predicate=p),
            fact=lambda option, r=relation, b=body: Query(r, subject=option.ref, object=b),
            choice_features=Features(reverse=True, prominence=membership.prominence),
            statement_features=Features(prominence=membership.prominence),
            **common,
        )
        yield Draft(
            uid=f"role-type/{membership.key}",
            kind=Kind.SHORT_ANSWER,
            prompt=join(prompt, TYPE_SURNAME),
            accepted=person_names(kb, membership.person),
            answer_text=kb.person(membership.person).name,
            query=Query(relation, object=body),
            features=Features(reverse=True, prominence=membership.prominence),
            **common,
        )


def listed_members(kb: FactBase) -> Iterator[Draft]:
    """Bodies whose members are listed in full (the presidium): a closed list."""
    for body in kb.bodies:
        if not body.listed_in_full:
            continue
        members = [m for m in kb.memberships if m.body == body.key]
        if not members:
            continue
        role_key = members[0].role
        relation, body_ref = f"role:{role_key}", f"body:{body.key}"
        predicate = role_predicate(kb, role_key, body.key)
        citations = merge_citations(body.citations, *(m.citations for m in members))
        outsiders = [p for p in kb.people if kb.known_false(f"person:{p.key}", relation, body_ref)]
        outsider_refs = {f"person:{p.key}" for p in outsiders}
        all_facts = tuple(f"membership:{m.key}" for m in members)
        explanation = frame(
            EVERY_MEMBER,
            body=body.name,
            of_body=wording.with_preposition("it", "di", body.name.it),
            names=Text.build(
                lambda lang: ", ".join(kb.person(m.person).name[lang] for m in members)
            ),
        )
        common = dict(topic=Topic.PEOPLE, explanation=explanation, citations=citations)

        # Select all that apply, in a few variants with different members.
        for variant in range(4):
            uid = f"members-select/{body.key}/{variant}"
            chosen_members = sorted(members, key=lambda m: stable_int(uid, m.person))
            keys = 2 + stable_int(uid, "count") % 2
            wrong = sorted(outsiders, key=lambda p: stable_int(uid, p.key))[: 5 - keys]
            if not wrong:
                break
            options = [person_option(kb, m.person, True) for m in chosen_members[:keys]]
            options += [person_option(kb, p.key) for p in wrong]
            yield Draft(
                uid=uid,
                kind=Kind.MULTIPLE_RESPONSE,
                prompt=join(frame(WHO, predicate=predicate), SELECT_ALL),
                options=tuple(pick.natural_order(options, "en")),
                facts=tuple(f"membership:{m.key}" for m in chosen_members[:keys]),
                query=Query(relation, object=body_ref),
                features=Features(reverse=True, prominence=2),
                **common,
            )

        for membership in members:
            fact = (f"membership:{membership.key}",)
            uid = f"members-which/{membership.key}"
            prompt = frame(WHICH_OF_THESE, predicate=predicate)
            wrong = people_ranked(kb, uid, lambda ref: ref in outsider_refs)
            options = pick.choose(
                uid=uid,
                prompt=prompt,
                key=person_option(kb, membership.person, True),
                candidates=wrong,
                size=min(4, len(wrong) + 1),
            )
            if options and len(options) >= 3:
                yield Draft(
                    uid=uid,
                    kind=Kind.SINGLE_CHOICE,
                    prompt=prompt,
                    options=tuple(options),
                    facts=fact,
                    query=Query(relation, object=body_ref),
                    features=Features(reverse=True, prominence=membership.prominence),
                    **common,
                )
            yield Draft(
                uid=f"members-true/{membership.key}",
                kind=Kind.TRUE_FALSE,
                prompt=frame(
                    STATEMENT, person=kb.person(membership.person).name, predicate=predicate
                ),
                truth=True,
                facts=fact,
                query=Query(relation, subject=f"person:{membership.person}", object=body_ref),
                features=Features(prominence=membership.prominence),
                **common,
            )
        for outsider in outsiders:
            yield Draft(
                uid=f"members-false/{body.key}/{outsider.key}",
                kind=Kind.TRUE_FALSE,
                prompt=frame(STATEMENT, person=outsider.name, predicate=predicate),
                truth=False,
                facts=all_facts,
                query=Query(relation, subject=f"person:{outsider.key}", object=body_ref),
                features=Features(prominence=2),
                **common,
            )
        yield Draft(
            uid=f"members-type/{body.key}",
            kind=Kind.SHORT_ANSWER,
            prompt=frame(ANY_MEMBER, predicate=predicate),
            accepted=tuple(name for m in members for name in person_names(kb, m.person)),
            answer_text=Text.build(
                lambda lang: ", ".join(
                    wording.surname(kb.person(m.person).name[lang]) for m in members
                )
            ),
            facts=all_facts,
            query=Query(relation, object=body_ref),
            features=Features(reverse=True, prominence=2),
            **common,
        )


def parties(kb: FactBase) -> Iterator[Draft]:
    """Which party a person belonged to, where the articles say so."""
    party_options = {
        p.key: Option(ref=f"party:{p.key}", text=kb.label(f"party:{p.key}")) for p in kb.parties
    }
    for person in kb.people:
        if not person.party:
            continue
        subject = f"person:{person.key}"
        party = kb.party(person.party)
        statement = Text("{person} was {member}.", "{person} era {member}.")
        explanation = frame(statement, person=person.name, member=party.member)
        common = dict(
            topic=Topic.COMPOSITION,
            explanation=explanation,
            citations=merge_citations(person.citations, party.citations),
            facts=(f"person:{person.key}",),
        )
        prompt = frame(
            Text("Which party did {person} belong to?", "A quale partito apparteneva {person}?"),
            person=person.name,
        )
        others = [o for k, o in party_options.items() if kb.known_false(subject, "party", o.ref)]
        key = Option(ref=f"party:{party.key}", text=party_options[party.key].text, correct=True)
        options = pick.natural_order([key, *others[:3]], "en")
        if len(options) >= 3 and pick.acceptable(prompt, options):
            yield Draft(
                uid=f"party-which/{person.key}",
                kind=Kind.SINGLE_CHOICE,
                prompt=prompt,
                options=tuple(options),
                query=Query("party", subject=subject),
                features=Features(prominence=person.prominence),
                **common,
            )
        yield Draft(
            uid=f"party-type/{person.key}",
            kind=Kind.SHORT_ANSWER,
            prompt=Text.build(
                lambda lang: (
                    prompt[lang] + (" Type its name." if lang == "en" else " Scrivine il nome.")
                )
            ),
            accepted=party_names(kb, party.key),
            answer_text=party_options[party.key].text,
            query=Query("party", subject=subject),
            features=Features(prominence=person.prominence),
            **common,
        )
        yield Draft(
            uid=f"party-true/{person.key}",
            kind=Kind.TRUE_FALSE,
            prompt=explanation,
            truth=True,
            query=Query("party", subject=subject, object=key.ref),
            features=Features(prominence=person.prominence),
            **common,
        )
        for other in others:
            yield Draft(
                uid=f"party-false/{person.key}/{other.ref.split(':')[1]}",
                kind=Kind.TRUE_FALSE,
                prompt=frame(statement, person=person.name, member=kb.get(other.ref).member),
                truth=False,
                query=Query("party", subject=subject, object=other.ref),
                features=Features(prominence=person.prominence),
                **common,
            )


def dominant_parties(kb: FactBase) -> Iterator[Draft]:
    """Which parties dominated the Conference: a list the articles give in full."""
    if not kb.parties or not any(p.dominated for p in kb.parties):
        return
    conference = f"body:{kb.conference}"
    dominant = [p for p in kb.parties if p.dominated]
    names = Text.build(
        lambda lang: _and(lang, [party_plural(lang, p.name[lang]) for p in dominant])
    )
    explanation = sentence(
        frame(
            Text(
                "The participants of the Conference were dominated by {names}",
                "Tra i partecipanti alla Conferenza dominavano {names}",
            ),
            names=names,
        )
    )
    citations = merge_citations(*(p.citations for p in dominant))
    common = dict(topic=Topic.COMPOSITION, explanation=explanation, citations=citations)
    yield Draft(
        uid="parties-dominant",
        kind=Kind.MULTIPLE_RESPONSE,
        prompt=Text(
            "Which parties dominated the participants of the Conference? Select all that apply.",
            "Quali partiti dominavano tra i partecipanti alla Conferenza? "
            "Seleziona tutte le risposte giuste.",
        ),
        options=tuple(
            pick.natural_order(
                [
                    Option(
                        ref=f"party:{p.key}", text=kb.label(f"party:{p.key}"), correct=p.dominated
                    )
                    for p in kb.parties
                ],
                "en",
            )
        ),
        facts=tuple(f"party:{p.key}" for p in kb.parties),
        query=Query("dominated", object=conference),
        features=Features(reverse=True, prominence=2),
        **common,
    )
    statement = Text(
        "{party} were one of the parties that dominated the participants of the Conference.",
        "{party} erano uno dei partiti che dominavano tra i partecipanti alla Conferenza.",
    )
    for party in kb.parties:
        yield Draft(
            uid=f"parties-{'true' if party.dominated else 'false'}/{party.key}",
            kind=Kind.TRUE_FALSE,
            prompt=frame(
                statement,
                party=Text.build(
                    lambda lang, p=party: wording.capitalise(party_plural(lang, p.name[lang]))
                ),
            ),
            truth=party.dominated,
            facts=(f"party:{party.key}",),
            query=Query("dominated", subject=f"party:{party.key}", object=conference),
            features=Features(prominence=party.prominence),
            **common,
        )


def _and(lang: str, items: list[str]) -> str:
    conjunction = " and " if lang == "en" else " e "
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + conjunction + items[-1]
