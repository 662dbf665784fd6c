"""Questions about what the Conference's resolutions said.

Never "which resolution said X?" (its wording names its subject, so the question answers
itself), never which label an article put in brackets: a statement of what a resolution
said, true or turned into the misreading a student might hold, and for each resolution a
select-all question on its positions. Why the resolutions said what they did is asked by
the connections (generation.connections).
"""

from __future__ import annotations

from collections.abc import Iterator

from quizzes.generation import distractors as pick
from quizzes.generation import explaining
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, stable_int
from quizzes.generation.facts import FactBase, Position, Text
from quizzes.generation.patterns import statements
from quizzes.generation.phrasing import SELECT_ALL, cap, frame, join, merge_citations, sentence

STATEMENT = Text("{resolution} {predicate}.", "{resolution} {predicate}.")
WHAT_SAID = Text("What did {resolution} say?", "Che cosa affermò {resolution}?")


def _said(kb: FactBase, position: Position, predicate: Text) -> Text:
    resolution = kb.resolution(position.resolution)
    return sentence(frame(STATEMENT, resolution=cap(resolution.title), predicate=predicate))


def positions(kb: FactBase) -> Iterator[Draft]:
    for position in kb.positions:
        fact = f"position:{position.key}"
        resolution = kb.resolution(position.resolution)
        lead = _said(kb, position, kb.fill(position.predicate))
        misreading = position.misconception
        yield from statements(
            uid=f"position/{position.key}",
            true=lead,
            false=_said(kb, position, kb.fill(misreading)) if misreading else None,
            true_query=Query("position_of", subject=fact, object=f"resolution:{resolution.key}"),
            # A misreading contradicts the position: the fact it gets wrong is the position.
            false_query=Query("misreading", subject=fact) if misreading else None,
            true_explanation=explaining.explanation(kb, lead, (fact,), avoid=(lead,)),
            false_explanation=explaining.explanation(kb, lead, (fact,)),
            topic=Topic.RESOLUTIONS,
            features=Features(prominence=position.prominence),
            citations=merge_citations(position.citations, resolution.citations),
            facts=(fact,),
        )


def what_each_said(kb: FactBase) -> Iterator[Draft]:
    """Select all that apply: a resolution's positions, one of them turned into its
    misreading. Every option is about the same resolution, so none is ruled out by its
    subject alone, and no option contradicts another one shown."""
    for resolution in kb.resolutions:
        own = [p for p in kb.positions if p.resolution == resolution.key]
        misread = [p for p in own if p.misconception]
        if len(own) < 3 or not misread:
            continue
        uid = f"resolution-select/{resolution.key}"
        turned = misread[stable_int(uid) % len(misread)]
        right = [p for p in own if p is not turned]
        options = [
            Option(ref=f"position:{p.key}", text=cap(kb.fill(p.predicate)), correct=True)
            for p in right
        ]
        options.append(
            Option(
                ref=f"misreading:{turned.key}",
                text=cap(kb.fill(turned.misconception)),
                feedback=_said(kb, turned, kb.fill(turned.predicate)),
            )
        )
        facts = tuple(f"position:{p.key}" for p in own)
        prompt = join(frame(WHAT_SAID, resolution=resolution.title), SELECT_ALL)
        lead = Text.build(
            lambda lang, r=right: " ".join(_said(kb, p, kb.fill(p.predicate))[lang] for p in r)
        )
        yield Draft(
            uid=uid,
            kind=Kind.MULTIPLE_RESPONSE,
            topic=Topic.RESOLUTIONS,
            prompt=prompt,
            options=tuple(pick.natural_order(options, "en")),
            explanation=explaining.explanation(kb, lead, facts, avoid=(prompt,)),
            citations=merge_citations(resolution.citations, *(p.citations for p in own)),
            facts=facts,
            query=Query("position_of", object=f"resolution:{resolution.key}"),
            features=Features(reverse=True, prominence=2),
        )
