"""Questions about figures: how many delegates and Soviets, how the vote on Kamenev's
resolution went. Figures the articles give as detail (the army units) are asked about
through what they show (generation.connections), not one by one.
"""

from __future__ import annotations

from collections.abc import Iterator

from quizzes.generation import distractors as pick
from quizzes.generation import explaining
from quizzes.generation.drafts import Draft, Features, Kind, Query, Topic
from quizzes.generation.facts import FactBase, Text
from quizzes.generation.patterns import single_choice, statements
from quizzes.generation.phrasing import cap, frame, join, merge_citations, sentence

WITHIN = Text(
    "Answers within {tolerance} of the figure are accepted.",
    "Sono accettate le risposte che si discostano di non più di {tolerance}.",
)
TALLY_QUESTION = {
    "for": Text(
        "How many delegates voted for {motion}?", "Quanti delegati votarono a favore {of_motion}?"
    ),
    "against": Text(
        "How many delegates voted against {motion}?", "Quanti delegati votarono contro {motion}?"
    ),
}
OUTCOME = {
    "adopted": Text("{motion} was adopted.", "{motion} fu approvata."),
    "rejected": Text("{motion} was rejected.", "{motion} fu respinta."),
}


def _features(value: int, options, prominence: int) -> Features:
    others = [int(o.text.en) for o in options if not o.correct]
    return Features(closeness=pick.closeness_of_numbers(value, others), prominence=prominence)


def asked_figures(kb: FactBase) -> set[int]:
    """The figures that are the answer of a choice question: never offered as a wrong answer
    elsewhere, or how often an option is offered would point to the right one."""
    return {c.value for c in kb.counts if c.prominence >= 2} | {
        dict(v.tallies)["for"] for v in kb.votes if "for" in dict(v.tallies)
    }


def counts(kb: FactBase) -> Iterator[Draft]:
    """The counts that are main points (delegates, Soviets): a choice, a typed figure for the
    headline one, and a statement."""
    known = kb.numbers() - asked_figures(kb)
    for count in kb.counts:
        if count.prominence < 2:
            continue
        fact = f"count:{count.key}"
        uid = f"count/{count.key}"
        lead = sentence(frame(count.statement, number=str(count.value)))
        candidates = [
            n
            for n in pick.number_candidates(
                count.value, tolerance=count.tolerance, known=known, uid=uid
            )
            if kb.known_false(fact, "value", f"number:{n}")
        ]
        common = dict(
            topic=Topic.COMPOSITION, citations=merge_citations(count.citations), facts=(fact,)
        )
        explanation = explaining.explanation(kb, lead, (fact,), avoid=(count.question,))
        yield from single_choice(
            kb,
            uid=f"{uid}/choice",
            prompt=count.question,
            key=pick.number_option(count.value, correct=True),
            candidates=[pick.number_option(n) for n in candidates],
            query=Query("value", subject=fact),
            features=lambda options, c=count: _features(c.value, options, c.prominence),
            explanation=explanation,
            **common,
        )
        if count.prominence >= 3:
            prompt = count.question
            if count.tolerance:
                prompt = join(prompt, frame(WITHIN, tolerance=str(count.tolerance)))
            yield Draft(
                uid=f"{uid}/number",
                kind=Kind.NUMERIC,
                prompt=prompt,
                number=count.value,
                tolerance=count.tolerance,
                query=Query("value", subject=fact),
                features=Features(closeness=1.0, prominence=count.prominence),
                explanation=explanation,
                **common,
            )
        wrong = candidates[0] if candidates else None
        yield from statements(
            uid=uid,
            true=lead,
            false=sentence(frame(count.statement, number=str(wrong))) if wrong else None,
            true_query=Query("value", subject=fact, object=f"number:{count.value}"),
            false_query=Query("value", subject=fact, object=f"number:{wrong}") if wrong else None,
            true_explanation=explaining.explanation(kb, lead, (fact,), avoid=(lead,)),
            false_explanation=explaining.explanation(kb, lead, (fact,)),
            features=Features(prominence=count.prominence),
            **common,
        )


def votes(kb: FactBase) -> Iterator[Draft]:
    """A vote: the votes in favour as a choice, those against as a typed figure, and whether
    the motion passed as a statement read off the tallies."""
    from conference import wording

    for vote in kb.votes:
        tallies = dict(vote.tallies)
        facts = tuple(f"tally:{vote.key}/{choice}" for choice, _ in vote.tallies)
        lead = explaining.statement(kb, f"vote:{vote.key}")
        if lead is None:
            continue
        common = dict(
            topic=Topic.CHRONOLOGY, citations=merge_citations(vote.citations), facts=facts
        )
        explanation = explaining.explanation(kb, lead, facts)
        motion = vote.motion
        of_motion = wording.with_preposition("it", "di", motion.it)
        for choice in ("for", "against"):
            value = tallies[choice]
            fact = f"tally:{vote.key}/{choice}"
            prompt = frame(TALLY_QUESTION[choice], motion=motion, of_motion=of_motion)
            query = Query(f"tally:{choice}", subject=f"vote:{vote.key}")
            if choice == "for":
                uid = f"tally/{vote.key}/{choice}/choice"
                known = kb.numbers() - (asked_figures(kb) - {value})
                yield from single_choice(
                    kb,
                    uid=uid,
                    prompt=prompt,
                    key=pick.number_option(value, correct=True),
                    candidates=[
                        pick.number_option(n)
                        for n in pick.number_candidates(value, tolerance=0, known=known, uid=uid)
                        if kb.known_false(f"vote:{vote.key}", f"tally:{choice}", f"number:{n}")
                    ],
                    query=query,
                    features=lambda options, v=value, p=vote.prominence: _features(v, options, p),
                    **{**common, "facts": (fact,), "explanation": explanation},
                )
            else:
                yield Draft(
                    uid=f"tally/{vote.key}/{choice}/number",
                    kind=Kind.NUMERIC,
                    prompt=prompt,
                    number=value,
                    query=query,
                    features=Features(closeness=1.0, prominence=vote.prominence),
                    **{**common, "facts": (fact,), "explanation": explanation},
                )
        outcome = kb.outcome(vote)
        if not outcome:
            continue
        other = "adopted" if outcome == "rejected" else "rejected"
        yield from statements(
            uid=f"outcome/{vote.key}",
            true=frame(OUTCOME[outcome], motion=cap(motion)),
            false=frame(OUTCOME[other], motion=cap(motion)),
            true_query=Query("outcome", subject=f"vote:{vote.key}", object=f"outcome:{outcome}"),
            false_query=Query("outcome", subject=f"vote:{vote.key}", object=f"outcome:{other}"),
            true_explanation=explanation,
            false_explanation=explanation,
            features=Features(two_step=True, prominence=vote.prominence),
            **common,
        )
