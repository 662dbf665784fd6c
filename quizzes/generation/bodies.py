"""Questions about bodies: what each did or was, and which body elected which.

Wrong answers and false statements name only bodies of a kind that could have done the
thing (a committee for a committee, a meeting for a meeting): "the Provisional Government
elected the presidium" is rejected without knowing any history, so it teaches nothing. A
false statement of what a body did goes further: it swaps in only a body the articles rule
out, one elected by a body the statement itself names, which did not exist yet ("the
All-Russian Central Executive Committee was given the task of convening the First
Congress" that elected it). Where no body is ruled out so, the fact is stated true only.

"Which body did this?" offers only bodies that are the answer to another such question: a
body that is never the answer (the presidium, which the bank asks nothing about) is the one
a test-wise student rules out, so with fewer than three such bodies it is not asked.
"""

from __future__ import annotations

from collections.abc import Iterator

from conference import wording
from quizzes.generation import distractors as pick
from quizzes.generation import explaining
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, stable_int
from quizzes.generation.facts import FactBase, Text
from quizzes.generation.patterns import single_choice, statements, with_feedback
from quizzes.generation.phrasing import SELECT_ALL, cap, frame, join, merge_citations, sentence

WHICH_BODY = Text("Which body {predicate}?", "Quale organo {predicate}?")
STATEMENT = Text("{body} {predicate}.", "{body} {predicate}.")
# Italian questions about elections are passive, so that subject and object cannot swap:
# "Quale organo elesse il Comitato?" could also be read the other way round.
WHO_ELECTED = Text("Which body elected {body}?", "Da quale organo fu {elected} {body}?")
ELECTED = Text("{elector} elected {body}.", "{elector} elesse {body}.")
WHAT_ELECTED = Text("Which bodies did {elector} elect?", "Quali organi furono eletti {by}?")
MATCH_DEEDS = Text(
    "Match each statement with the body it is about.",
    "Abbina ogni affermazione all'organo a cui si riferisce.",
)

# Kinds of body that could stand in for one another in a question.
ALIKE = {
    "meeting": {"meeting", "council"},
    "council": {"council", "meeting"},
    "committee": {"committee"},
    "faction": {"faction"},
    "government": {"government"},
    "assembly": {"assembly", "meeting"},
}


def body_option(kb: FactBase, key: str, correct: bool = False) -> Option:
    return Option(ref=f"body:{key}", text=kb.label(f"body:{key}"), correct=correct)


def bodies_like(kb: FactBase, uid: str, kind: str, keep) -> list[Option]:
    """Bodies of a kind like ``kind`` for which keep(ref) holds, better known first."""
    bodies = [b for b in kb.bodies if b.kind in ALIKE.get(kind, {kind}) and keep(f"body:{b.key}")]
    bodies.sort(key=lambda b: (-b.prominence, stable_int(uid, b.key)))
    return [body_option(kb, b.key) for b in bodies]


def deeds(kb: FactBase) -> Iterator[Draft]:
    answers = {f"body:{d.body}" for d in kb.deeds if d.body != kb.conference}
    for deed in kb.deeds:
        fact = f"bodyfact:{deed.key}"
        body = kb.body(deed.body)
        predicate = kb.fill(deed.predicate)

        def state(ref: str, predicate=predicate) -> Text:
            return sentence(frame(STATEMENT, body=cap(kb.get(ref).name), predicate=predicate))

        uid = f"body-which/{deed.key}"
        wrong = bodies_like(
            kb, uid, body.kind, lambda ref, f=fact: kb.known_false(f, "deed_of", ref)
        )
        lead = state(f"body:{body.key}")
        prompt = frame(WHICH_BODY, predicate=predicate)
        common = dict(topic=Topic.BODIES, citations=merge_citations(deed.citations), facts=(fact,))
        # "Which body was the first meeting ...?" has the Conference itself as its answer:
        # the quiz is about it, so the question gives itself away.
        if deed.body != kb.conference:
            yield from single_choice(
                kb,
                uid=uid,
                prompt=prompt,
                key=body_option(kb, body.key, True),
                candidates=[o for o in wrong if o.ref in answers],
                query=Query("deed_of", subject=fact),
                features=Features(reverse=True, prominence=deed.prominence),
                explanation=explaining.explanation(kb, lead, (fact,), avoid=(prompt,)),
                min_options=3,
                **common,
            )
        later = [o for o in wrong if _came_after(kb, o.ref, predicate)]
        other = later[0] if later else None
        said = explaining.about(kb, other.ref, tested=(fact,)) if other else None
        yield from statements(
            uid=f"deed/{deed.key}",
            true=lead,
            false=state(other.ref) if other else None,
            true_query=Query("deed_of", subject=fact, object=f"body:{body.key}"),
            false_query=Query("deed_of", subject=fact, object=other.ref) if other else None,
            true_explanation=explaining.explanation(kb, lead, (fact,), avoid=(lead,)),
            false_explanation=explaining.explanation(
                kb, lead, (fact,), first=(said,) if said else ()
            ),
            features=Features(prominence=deed.prominence),
            **common,
        )


def _came_after(kb: FactBase, ref: str, predicate: Text) -> bool:
    """Whether a body was elected by a body the predicate names, so that it cannot have done
    what the predicate says (the Central Executive Committee, elected by the First Congress,
    did not convene it, nor lead the Soviets until it met)."""
    elector = kb.get(ref).elected_by
    if not elector:
        return False
    name = kb.body(elector).name
    return all(
        wording.fold(wording.without_article(lang, name[lang])) in wording.fold(predicate[lang])
        for lang in ("en", "it")
    )


def _by(body) -> str:
    """ "dalla Conferenza panrussa dei Soviet" """
    return wording.with_preposition("it", "da", body.name.it)


def elections(kb: FactBase) -> Iterator[Draft]:
    for body in kb.bodies:
        # Who elected a body is asked where it is a main point: that the Conference elected
        # its own presidium goes without saying (the select-all question below still lists it).
        if not body.elected_by or body.prominence < 2:
            continue
        fact = f"body:{body.key}"
        elector = kb.body(body.elected_by)

        def state(ref: str, body=body) -> Text:
            return sentence(frame(ELECTED, elector=cap(kb.get(ref).name), body=body.name))

        lead = state(f"body:{elector.key}")
        uid = f"elected-which/{body.key}"
        wrong = bodies_like(
            kb,
            uid,
            elector.kind,
            lambda ref, f=fact: ref != f and kb.known_false(f, "elected_by", ref),
        )
        prompt = frame(
            WHO_ELECTED,
            body=body.name,
            elected="eletta" if wording.italian_feminine(body.name.it) else "eletto",
        )
        common = dict(
            topic=Topic.BODIES,
            citations=merge_citations(body.citations, elector.citations),
            facts=(fact,),
        )
        # Which body elected X? Asked where the answer is not the Conference itself (that is
        # the select-all question below), so that the Conference is not the key of many.
        if elector.key != kb.conference:
            yield from single_choice(
                kb,
                uid=uid,
                prompt=prompt,
                key=body_option(kb, elector.key, True),
                candidates=wrong,
                query=Query("elected_by", subject=fact),
                features=Features(prominence=body.prominence),
                explanation=explaining.explanation(kb, lead, (fact,), avoid=(prompt,)),
                min_options=3,
                **common,
            )
        other = wrong[0] if wrong else None
        yield from statements(
            uid=f"elected/{body.key}",
            true=lead,
            false=state(other.ref) if other else None,
            true_query=Query("elected_by", subject=fact, object=f"body:{elector.key}"),
            false_query=Query("elected_by", subject=fact, object=other.ref) if other else None,
            true_explanation=explaining.explanation(kb, lead, (fact,), avoid=(lead,)),
            false_explanation=explaining.explanation(kb, lead, (fact,)),
            features=Features(prominence=body.prominence),
            **common,
        )

    # Which bodies did X elect? The articles say what each body elected.
    for elector in kb.bodies:
        elected = [b for b in kb.bodies if b.elected_by == elector.key]
        if len(elected) < 2:
            continue
        uid = f"elected-select/{elector.key}"
        elector_ref = f"body:{elector.key}"
        kinds = {b.kind for b in elected}
        others = [
            o
            for kind in sorted(kinds)
            for o in bodies_like(
                kb,
                uid,
                kind,
                lambda ref, e=elector_ref: ref != e and kb.known_false(ref, "elected_by", e),
            )
        ][:2]
        facts = tuple(f"body:{b.key}" for b in elected)
        options = [body_option(kb, b.key, True) for b in elected] + others
        names = Text.build(
            lambda lang, el=elected: explaining.and_list(lang, [b.name[lang] for b in el])
        )
        lead = sentence(frame(ELECTED, elector=cap(elector.name), body=names))
        prompt = join(frame(WHAT_ELECTED, elector=elector.name, by=_by(elector)), SELECT_ALL)
        yield Draft(
            uid=uid,
            kind=Kind.MULTIPLE_RESPONSE,
            topic=Topic.BODIES,
            prompt=prompt,
            options=tuple(with_feedback(kb, pick.natural_order(options, "en"), tested=facts)),
            explanation=explaining.explanation(kb, lead, facts, avoid=(prompt,)),
            citations=merge_citations(elector.citations, *(b.citations for b in elected)),
            facts=facts,
            query=Query("elected_by", object=elector_ref),
            features=Features(reverse=True, prominence=2),
        )


def matching_deeds(kb: FactBase) -> Iterator[Draft]:
    """One thing each of several bodies did, against the bodies."""
    by_body: dict[str, list] = {}
    for deed in kb.deeds:
        by_body.setdefault(deed.body, []).append(deed)
    if len(by_body) < 3:
        return
    uid = "matching-bodies"
    chosen = [deeds[stable_int(uid, key) % len(deeds)] for key, deeds in sorted(by_body.items())]
    chosen.sort(key=lambda d: stable_int(uid, "order", d.key))
    facts = tuple(f"bodyfact:{d.key}" for d in chosen)
    lead = Text.build(lambda lang: " ".join(explaining.statement(kb, fact)[lang] for fact in facts))
    yield Draft(
        uid=uid,
        kind=Kind.MATCHING,
        topic=Topic.BODIES,
        prompt=MATCH_DEEDS,
        pairs=tuple(
            (
                Option(ref=f"bodyfact:{d.key}", text=cap(kb.fill(d.predicate))),
                body_option(kb, d.body),
            )
            for d in chosen
        ),
        explanation=explaining.explanation(kb, lead, facts),
        citations=merge_citations(*(d.citations for d in chosen)),
        facts=facts,
        query=Query("deed_of"),
        features=Features(prominence=2),
    )
