"""Questions about bodies: what each did or was, and which body elected which."""

from __future__ import annotations

from collections.abc import Iterator

from conference import wording
from quizzes.generation import distractors as pick
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, stable_int
from quizzes.generation.facts import FactBase, Text
from quizzes.generation.patterns import choice_and_statements
from quizzes.generation.phrasing import SELECT_ALL, cap, frame, join, merge_citations, sentence

WHICH_BODY = Text("Which body {predicate}?", "Quale organo {predicate}?")
STATEMENT = Text("{body} {predicate}.", "{body} {predicate}.")
# Italian questions about elections are passive, so that subject and object cannot swap:
# "Quale organo elesse il presidium?" could also be read the other way round.
WHO_ELECTED = Text("Which body elected {body}?", "Da quale organo fu {elected} {body}?")
ELECTED = Text("{elector} elected {body}.", "{elector} elesse {body}.")
WHAT_ELECTED = Text("Which bodies did {elector} elect?", "Quali organi furono eletti {by}?")
WHICH_ELECTED = Text(
    "Which of these bodies did {elector} elect?", "Quale di questi organi fu eletto {by}?"
)
MATCH_DEEDS = Text(
    "Match each statement with the body it is about.",
    "Abbina ogni affermazione all'organo a cui si riferisce.",
)


def _by(body) -> str:
    """ "dalla Conferenza panrussa dei Soviet" """
    return wording.with_preposition("it", "da", body.name.it)


def body_option(kb: FactBase, key: str, correct: bool = False) -> Option:
    return Option(ref=f"body:{key}", text=kb.label(f"body:{key}"), correct=correct)


def bodies_ranked(kb: FactBase, uid: str, keep) -> list[Option]:
    bodies = [b for b in kb.bodies if keep(f"body:{b.key}")]
    bodies.sort(key=lambda b: (-b.prominence, stable_int(uid, b.key)))
    return [body_option(kb, b.key) for b in bodies]


def deeds(kb: FactBase) -> Iterator[Draft]:
    for deed in kb.deeds:
        subject = f"bodyfact:{deed.key}"

        def state(option: Option, deed=deed) -> Text:
            body = kb.get(option.ref)
            return sentence(frame(STATEMENT, body=cap(body.name), predicate=deed.predicate))

        key = body_option(kb, deed.body, True)
        uid = f"body-which/{deed.key}"
        yield from choice_and_statements(
            uids=(uid, f"body-true/{deed.key}", f"body-false/{deed.key}"),
            prompt=frame(WHICH_BODY, predicate=deed.predicate),
            key=key,
            wrong=bodies_ranked(kb, uid, lambda ref, s=subject: kb.known_false(s, "deed_of", ref)),
            query=Query("deed_of", subject=subject),
            state=state,
            fact=lambda option, s=subject: Query("deed_of", subject=s, object=option.ref),
            choice_features=Features(reverse=True, prominence=deed.prominence),
            statement_features=Features(prominence=deed.prominence),
            topic=Topic.BODIES,
            explanation=state(key),
            citations=merge_citations(deed.citations),
            facts=(subject,),
        )


def elections(kb: FactBase) -> Iterator[Draft]:
    for body in kb.bodies:
        if not body.elected_by:
            continue
        subject = f"body:{body.key}"
        elector = kb.body(body.elected_by)

        def state(option: Option, body=body) -> Text:
            return sentence(frame(ELECTED, elector=cap(kb.get(option.ref).name), body=body.name))

        key = body_option(kb, elector.key, True)
        common = dict(
            topic=Topic.BODIES,
            explanation=state(key),
            citations=merge_citations(body.citations, elector.citations),
            facts=(subject,),
        )
        uid = f"elected-which/{body.key}"
        yield from choice_and_statements(
            uids=(uid, f"elected-true/{body.key}", f"elected-false/{body.key}"),
            prompt=frame(
                WHO_ELECTED,
                body=body.name,
                elected="eletta" if wording.italian_feminine(body.name.it) else "eletto",
            ),
            key=key,
            wrong=bodies_ranked(
                kb, uid, lambda ref, s=subject: ref != s and kb.known_false(s, "elected_by", ref)
            ),
            query=Query("elected_by", subject=subject),
            state=state,
            fact=lambda option, s=subject: Query("elected_by", subject=s, object=option.ref),
            choice_features=Features(prominence=body.prominence),
            statement_features=Features(prominence=body.prominence),
            **common,
        )

        # The other way round: which of these did the elector elect? (closed list)
        uid = f"elected-by-which/{body.key}"
        prompt = frame(WHICH_ELECTED, elector=elector.name, by=_by(elector))
        elector_ref = f"body:{elector.key}"
        wrong = bodies_ranked(
            kb,
            uid,
            lambda ref, e=elector_ref: ref != e and kb.known_false(ref, "elected_by", e),
        )
        options = pick.choose_any_rank(
            uid=uid, prompt=prompt, key=body_option(kb, body.key, True), candidates=wrong, size=4
        )
        if options:
            yield Draft(
                uid=uid,
                kind=Kind.SINGLE_CHOICE,
                prompt=prompt,
                options=tuple(options),
                query=Query("elected_by", object=elector_ref),
                features=Features(reverse=True, prominence=body.prominence),
                **common,
            )

    # Which bodies did X elect? The articles say what each body elected, so the list is closed.
    for elector in kb.bodies:
        elected = [b for b in kb.bodies if b.elected_by == elector.key]
        if len(elected) < 2:
            continue
        uid = f"elected-select/{elector.key}"
        elector_ref = f"body:{elector.key}"
        others = bodies_ranked(
            kb,
            uid,
            lambda ref, e=elector_ref: ref != e and kb.known_false(ref, "elected_by", e),
        )[:2]
        options = [body_option(kb, b.key, True) for b in elected] + others
        yield Draft(
            uid=uid,
            kind=Kind.MULTIPLE_RESPONSE,
            topic=Topic.BODIES,
            prompt=join(frame(WHAT_ELECTED, elector=elector.name, by=_by(elector)), SELECT_ALL),
            options=tuple(pick.natural_order(options, "en")),
            explanation=Text.build(
                lambda lang, e=elector, el=elected: " ".join(
                    sentence(frame(ELECTED, elector=cap(e.name), body=b.name))[lang] for b in el
                )
            ),
            citations=merge_citations(elector.citations, *(b.citations for b in elected)),
            facts=tuple(f"body:{b.key}" for b in elected),
            query=Query("elected_by", object=elector_ref),
            features=Features(reverse=True, prominence=2),
        )


def matching_deeds(kb: FactBase) -> Iterator[Draft]:
    """One statement about each of several bodies, against the bodies."""
    by_body: dict[str, list] = {}
    for deed in kb.deeds:
        by_body.setdefault(deed.body, []).append(deed)
    if len(by_body) < 3:
        return
    for number in range(3):
        uid = f"matching-bodies/{number}"
        chosen = [
            deeds[stable_int(uid, key) % len(deeds)] for key, deeds in sorted(by_body.items())
        ]
        chosen.sort(key=lambda d: stable_int(uid, "order", d.key))
        yield Draft(
            uid=uid,
            kind=Kind.MATCHING,
            topic=Topic.BODIES,
            prompt=MATCH_DEEDS,
            pairs=tuple(
                (Option(ref=f"bodyfact:{d.key}", text=cap(d.predicate)), body_option(kb, d.body))
                for d in chosen
            ),
            explanation=Text.build(
                lambda lang, c=chosen: " ".join(
                    sentence(
                        frame(STATEMENT, body=cap(kb.body(d.body).name), predicate=d.predicate)
                    )[lang]
                    for d in c
                )
            ),
            citations=merge_citations(*(d.citations for d in chosen)),
            facts=tuple(f"bodyfact:{d.key}" for d in chosen),
            query=Query("deed_of"),
            features=Features(prominence=2),
        )
