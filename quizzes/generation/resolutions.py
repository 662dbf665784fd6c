"""Questions about what the Conference's resolutions said, and the phrases they used."""

from __future__ import annotations

from collections.abc import Iterator

from conference import wording
from quizzes.generation import distractors as pick
from quizzes.generation.drafts import Draft, Features, Kind, Option, Query, Topic, stable_int
from quizzes.generation.facts import FactBase, Position, Text
from quizzes.generation.patterns import choice_and_statements
from quizzes.generation.phrasing import SELECT_ALL, cap, frame, join, merge_citations, sentence

WHICH = Text("Which resolution {predicate}?", "Quale risoluzione {predicate}?")
STATEMENT = Text("{resolution} {predicate}.", "{resolution} {predicate}.")
WHICH_PHRASE = Text(
    "Which resolution used the phrase {phrase}?", "Quale risoluzione usò l'espressione {phrase}?"
)
PHRASE_STATEMENT = Text(
    "{resolution} used the phrase {phrase}.", "{resolution} usò l'espressione {phrase}."
)
WHAT_SAID = Text("What did {resolution} say?", "Che cosa affermò {resolution}?")
MATCH = Text(
    "Match each position with the resolution that took it.",
    "Abbina ogni posizione alla risoluzione che la assunse.",
)


def resolution_option(kb: FactBase, key: str, correct: bool = False) -> Option:
    return Option(ref=f"resolution:{key}", text=kb.label(f"resolution:{key}"), correct=correct)


def quoted(phrase: Text) -> Text:
    return Text.build(lambda lang: wording.quote(lang, phrase[lang]))


def position_option(position: Position, correct: bool = False) -> Option:
    return Option(ref=f"position:{position.key}", text=cap(position.predicate), correct=correct)


def positions(kb: FactBase) -> Iterator[Draft]:
    for position in kb.positions:
        subject = f"position:{position.key}"
        resolution = kb.resolution(position.resolution)
        explanation = sentence(
            frame(STATEMENT, resolution=cap(resolution.title), predicate=position.predicate)
        )
        if position.phrase:
            explanation = Text.build(
                lambda lang, e=explanation, p=position: (
                    e[lang][:-1] + f" ({wording.quote(lang, p.phrase[lang])})."
                )
            )
        common = dict(
            topic=Topic.RESOLUTIONS,
            explanation=explanation,
            citations=merge_citations(position.citations, resolution.citations),
            facts=(subject,),
        )
        wrong = [
            resolution_option(kb, r.key)
            for r in sorted(kb.resolutions, key=lambda r: stable_int(subject, r.key))
            if kb.known_false(subject, "position_of", f"resolution:{r.key}")
        ]
        shared = dict(
            key=resolution_option(kb, resolution.key, True),
            wrong=wrong,
            query=Query("position_of", subject=subject),
            fact=lambda option, s=subject: Query("position_of", subject=s, object=option.ref),
            min_options=3,
            **common,
        )
        features = Features(prominence=position.prominence)
        yield from choice_and_statements(
            uids=tuple(f"resolution-{part}/{position.key}" for part in ("which", "true", "false")),
            prompt=frame(WHICH, predicate=position.predicate),
            state=lambda option, p=position: sentence(
                frame(STATEMENT, resolution=cap(kb.get(option.ref).title), predicate=p.predicate)
            ),
            choice_features=features,
            statement_features=features,
            **shared,
        )
        if not position.phrase:
            continue
        phrase = quoted(position.phrase)
        features = Features(prominence=max(1, position.prominence - 1))
        yield from choice_and_statements(
            uids=tuple(f"phrase-{part}/{position.key}" for part in ("which", "true", "false")),
            prompt=frame(WHICH_PHRASE, phrase=phrase),
            state=lambda option, p=phrase: sentence(
                frame(PHRASE_STATEMENT, resolution=cap(kb.get(option.ref).title), phrase=p)
            ),
            choice_features=features,
            statement_features=features,
            false_from_end=True,  # another wrong resolution than the position's own statement
            **shared,
        )


def what_each_said(kb: FactBase) -> Iterator[Draft]:
    """Select all that apply: the positions of one resolution among others'."""
    for resolution in kb.resolutions:
        own = [p for p in kb.positions if p.resolution == resolution.key]
        if len(own) < 2:
            continue
        uid = f"resolution-select/{resolution.key}"
        others = sorted(
            (
                p
                for p in kb.positions
                if kb.known_false(
                    f"position:{p.key}", "position_of", f"resolution:{resolution.key}"
                )
            ),
            key=lambda p: stable_int(uid, p.key),
        )[:2]
        options = [position_option(p, True) for p in own] + [position_option(p) for p in others]
        yield Draft(
            uid=uid,
            kind=Kind.MULTIPLE_RESPONSE,
            topic=Topic.RESOLUTIONS,
            prompt=join(frame(WHAT_SAID, resolution=resolution.title), SELECT_ALL),
            options=tuple(pick.natural_order(options, "en")),
            explanation=Text.build(
                lambda lang, r=resolution, o=own: " ".join(
                    sentence(frame(STATEMENT, resolution=cap(r.title), predicate=p.predicate))[lang]
                    for p in o
                )
            ),
            citations=merge_citations(resolution.citations, *(p.citations for p in own)),
            facts=tuple(f"position:{p.key}" for p in own),
            query=Query("position_of", object=f"resolution:{resolution.key}"),
            features=Features(reverse=True, prominence=2),
        )


def matching(kb: FactBase) -> Iterator[Draft]:
    """One position of each resolution against the resolutions."""
    by_resolution = {
        r.key: [p for p in kb.positions if p.resolution == r.key] for r in kb.resolutions
    }
    usable = {k: v for k, v in by_resolution.items() if v}
    if len(usable) < 3:
        return
    for number in range(3):
        uid = f"matching-resolutions/{number}"
        chosen = [ps[stable_int(uid, key) % len(ps)] for key, ps in sorted(usable.items())]
        chosen.sort(key=lambda p: stable_int(uid, "order", p.key))
        yield Draft(
            uid=uid,
            kind=Kind.MATCHING,
            topic=Topic.RESOLUTIONS,
            prompt=MATCH,
            pairs=tuple((position_option(p), resolution_option(kb, p.resolution)) for p in chosen),
            explanation=Text.build(
                lambda lang, c=chosen: " ".join(
                    sentence(
                        frame(
                            STATEMENT,
                            resolution=cap(kb.resolution(p.resolution).title),
                            predicate=p.predicate,
                        )
                    )[lang]
                    for p in c
                )
            ),
            citations=merge_citations(*(p.citations for p in chosen)),
            facts=tuple(f"position:{p.key}" for p in chosen),
            query=Query("position_of"),
            features=Features(two_step=False, prominence=2),
        )
