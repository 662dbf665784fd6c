"""Questions about numbers: the counts of delegates, the tallies, the presidium's size, days."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from conference import wording
from quizzes.generation import distractors as pick
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic
from quizzes.generation.facts import Citation, FactBase, Text
from quizzes.generation.patterns import choice_and_statements
from quizzes.generation.phrasing import cap, frame, join, merge_citations, sentence

WITHIN = Text(
    "Answers within {tolerance} of the figure are accepted.",
    "Sono accettate le risposte che si discostano di non più di {tolerance}.",
)
MATCH_COUNTS = Text(
    "Match each group with the number the articles give for it.",
    "Abbina ogni gruppo al numero che gli articoli riportano.",
)

TALLY_QUESTION = {
    "for": Text(
        "How many votes in favour did {motion} receive?", "Quanti voti a favore ricevette {motion}?"
    ),
    "against": Text(
        "How many votes against did {motion} receive?", "Quanti voti contrari ricevette {motion}?"
    ),
    "abstain": Text(
        "How many delegates abstained on {motion}?", "Quanti delegati si astennero su {motion}?"
    ),
}
TALLY_STATEMENT = {
    "for": Text(
        "{motion} received {number} votes in favour.", "{motion} ricevette {number} voti a favore."
    ),
    "against": Text(
        "{motion} received {number} votes against.", "{motion} ricevette {number} voti contrari."
    ),
    "abstain": Text("{motion} had {number} abstentions.", "{motion} ebbe {number} astensioni."),
}
OUTCOME = {
    "adopted": Text("{motion} was adopted.", "{motion} fu approvata."),
    "rejected": Text("{motion} was rejected.", "{motion} fu respinta."),
}
MEMBERS_QUESTION = Text(
    "How many people were elected to {body}?", "Quante persone furono elette {in_body}?"
)
MEMBERS_STATEMENT = Text(
    "{number} people were elected to {body}.", "{in_body_cap} furono elette {number} persone."
)
DURATION_QUESTION = Text(
    "For how many days did {body} meet, counting its first and its last day?",
    "Per quanti giorni si riunì {body}, contando il primo e l'ultimo?",
)
DURATION_STATEMENT = Text(
    "{body} met for {number} days, counting its first and its last day.",
    "{body} si riunì per {number} giorni, contando il primo e l'ultimo.",
)


@dataclass(frozen=True)
class Figure:
    """A number the fact base states or implies, with what a question needs to ask for it."""

    uid: str
    subject: str
    relation: str
    value: int
    question: Text
    statement: Text  # with {number}
    citations: tuple[Citation, ...]
    facts: tuple[str, ...]
    topic: Topic
    prominence: int
    tolerance: int = 0
    label: Text | None = None  # for matching: "delegates"
    two_step: bool = False

    def say(self, number: int) -> Text:
        return sentence(frame(self.statement, number=str(number)))


def figures(kb: FactBase) -> list[Figure]:
    out = []
    for count in kb.counts:
        out.append(
            Figure(
                uid=f"count/{count.key}",
                subject=f"count:{count.key}",
                relation="value",
                value=count.value,
                question=count.question,
                statement=count.statement,
                citations=count.citations,
                facts=(f"count:{count.key}",),
                topic=Topic.COMPOSITION,
                prominence=count.prominence,
                tolerance=count.tolerance,
                label=cap(count.label),
            )
        )
    for vote in kb.votes:
        motion = vote.motion
        for choice, number in vote.tallies:
            out.append(
                Figure(
                    uid=f"tally/{vote.key}/{choice}",
                    subject=f"vote:{vote.key}",
                    relation=f"tally:{choice}",
                    value=number,
                    question=frame(TALLY_QUESTION[choice], motion=motion),
                    statement=frame(TALLY_STATEMENT[choice], motion=cap(motion), number="{number}"),
                    citations=vote.citations,
                    facts=(f"tally:{vote.key}/{choice}",),
                    topic=Topic.CHRONOLOGY,
                    prominence=vote.prominence,
                )
            )
    for body_key, size in kb.listed_sizes.items():
        body = kb.body(body_key)
        in_body = wording.with_preposition("it", "in", body.name.it)
        members = tuple(f"membership:{m.key}" for m in kb.memberships if m.body == body_key)
        out.append(
            Figure(
                uid=f"members-count/{body_key}",
                subject=f"body:{body_key}",
                relation="member_count",
                value=size,
                question=frame(MEMBERS_QUESTION, body=body.name, in_body=in_body),
                statement=frame(
                    MEMBERS_STATEMENT,
                    body=body.name,
                    in_body_cap=wording.capitalise(in_body),
                    number="{number}",
                ),
                citations=body.citations,
                facts=members,
                topic=Topic.PEOPLE,
                prominence=2,
                two_step=True,
            )
        )
    for body_key, days in kb.durations.items():
        body = kb.body(body_key)
        events = [e for e in kb.events if e.body == body_key]
        out.append(
            Figure(
                uid=f"duration/{body_key}",
                subject=f"body:{body_key}",
                relation="duration",
                value=days,
                question=frame(DURATION_QUESTION, body=body.name),
                statement=frame(DURATION_STATEMENT, body=cap(body.name), number="{number}"),
                citations=merge_citations(*(e.citations for e in events)),
                facts=tuple(f"event:{e.key}" for e in events),
                topic=Topic.CHRONOLOGY,
                prominence=2,
                two_step=True,
            )
        )
    return out


def numbers(kb: FactBase) -> Iterator[Draft]:
    known = kb.numbers()
    for figure in figures(kb):
        common = dict(
            topic=figure.topic,
            explanation=figure.say(figure.value),
            citations=merge_citations(figure.citations),
            facts=figure.facts,
        )
        query = Query(figure.relation, subject=figure.subject)
        uid = f"{figure.uid}/choice"

        def features(options, f=figure) -> Features:
            others = [int(o.text.en) for o in options if not o.correct]
            closeness = pick.closeness_of_numbers(f.value, others)
            return Features(two_step=f.two_step, closeness=closeness, prominence=f.prominence)

        yield from choice_and_statements(
            uids=(uid, f"{figure.uid}/true", f"{figure.uid}/false"),
            prompt=figure.question,
            key=pick.number_option(figure.value, correct=True),
            wrong=[
                pick.number_option(n)
                for n in pick.number_candidates(
                    figure.value, tolerance=figure.tolerance, known=known, uid=uid
                )
                if kb.known_false(figure.subject, figure.relation, f"number:{n}")
            ],
            query=query,
            state=lambda option, f=figure: f.say(int(option.text.en)),
            fact=lambda option, f=figure: Query(f.relation, subject=f.subject, object=option.ref),
            choice_features=features,
            statement_features=lambda option: features([option]),
            **common,
        )
        prompt = figure.question
        if figure.tolerance:
            prompt = join(prompt, frame(WITHIN, tolerance=str(figure.tolerance)))
        yield Draft(
            uid=f"{figure.uid}/number",
            kind=Kind.NUMERIC,
            prompt=prompt,
            number=figure.value,
            tolerance=figure.tolerance,
            query=query,
            features=Features(
                two_step=figure.two_step, closeness=1.0, prominence=figure.prominence
            ),
            **common,
        )


def outcomes(kb: FactBase) -> Iterator[Draft]:
    """Whether a motion passed, read off its tallies (a two-step question)."""
    for vote in kb.votes:
        outcome = kb.outcome(vote)
        if not outcome:
            continue
        other = "adopted" if outcome == "rejected" else "rejected"
        motion = cap(vote.motion)
        tallies = dict(vote.tallies)
        explanation = frame(
            Text(
                "{motion} was {outcome}: {yes} votes in favour, {no} against.",
                "{motion} fu {outcome_it}: {yes} voti a favore, {no} contrari.",
            ),
            motion=motion,
            outcome=outcome,
            outcome_it="approvata" if outcome == "adopted" else "respinta",
            yes=str(tallies["for"]),
            no=str(tallies["against"]),
        )
        for truth, said in ((True, outcome), (False, other)):
            yield Draft(
                uid=f"outcome/{vote.key}/{'true' if truth else 'false'}",
                kind=Kind.TRUE_FALSE,
                topic=Topic.CHRONOLOGY,
                prompt=frame(OUTCOME[said], motion=motion),
                truth=truth,
                explanation=explanation,
                citations=merge_citations(vote.citations),
                # The outcome is read off the tallies: those are the facts it tests.
                facts=tuple(f"tally:{vote.key}/{choice}" for choice, _ in vote.tallies),
                query=Query("outcome", subject=f"vote:{vote.key}", object=f"outcome:{said}"),
                features=Features(two_step=True, prominence=vote.prominence),
            )


def matching_counts(kb: FactBase) -> Iterator[Draft]:
    counted = [f for f in figures(kb) if f.label is not None]
    by_value: dict[int, list[Figure]] = {}
    for figure in counted:
        by_value.setdefault(figure.value, []).append(figure)
    unique = [f for f in counted if len(by_value[f.value]) == 1]  # equal numbers would be ambiguous
    if len(unique) < 3:
        return
    chosen = unique[:5]
    yield Draft(
        uid="matching-counts",
        kind=Kind.MATCHING,
        topic=Topic.COMPOSITION,
        prompt=MATCH_COUNTS,
        pairs=tuple(
            (Option(ref=f.subject, text=f.label), pick.number_option(f.value)) for f in chosen
        ),
        explanation=Text.build(lambda lang: " ".join(f.say(f.value)[lang] for f in chosen)),
        citations=merge_citations(*(f.citations for f in chosen)),
        facts=tuple(fact for f in chosen for fact in f.facts),
        query=Query("value"),
        features=Features(prominence=2),
    )
