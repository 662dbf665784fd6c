"""Understanding questions: what a connection between facts means, with the misconceptions
a student may hold as the wrong answers, each with why it is wrong.

Each connection gives a single-choice question (its right answer among its
misconceptions), a select-all question when it has a second right answer, and a
true/false statement ("True or false: asked 'Question?', a student who answers 'Answer' is
right."), offered with the right answer and with a misconception (the registry keeps one of
the two).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from conference import wording
from quizzes.generation import explaining
from quizzes.generation.distractors import fair_to_the_key, placed
from quizzes.generation.drafts import (
    Draft,
    Features,
    Kind,
    Level,
    Option,
    Query,
    stable_int,
    topic_of,
)
from quizzes.generation.facts import Connection, FactBase, Text
from quizzes.generation.phrasing import SELECT_ALL, frame, join, merge_citations

ANSWERED = Text(
    "True or false: asked “{question}”, a student who answers “{answer}” is right.",
    "Vero o falso: alla domanda «{question}» risponde bene chi dice «{answer}».",
)


def _options(kb: FactBase, connection: Connection, *, also: bool) -> list[Option]:
    ref = f"connection:{connection.key}"
    right = [Option(f"{ref}/answer", kb.fill(connection.statement, capital=True), True)]
    if also and connection.also:
        right.append(Option(f"{ref}/also", kb.fill(connection.also, capital=True), True))
    wrong = [
        Option(
            f"{ref}/misconception-{index}",
            kb.fill(m.statement, capital=True),
            False,
            kb.fill(m.correction, capital=True),
        )
        for index, m in enumerate(connection.misconceptions, start=1)
    ]
    return right + wrong


def connections(kb: FactBase) -> Iterator[Draft]:
    for connection in sorted(kb.connections, key=lambda c: c.key):
        if len(connection.misconceptions) < 2 or not connection.links:
            continue
        ref = f"connection:{connection.key}"
        question = kb.fill(connection.question, capital=True)
        common = dict(
            topic=topic_of(connection.links[0]),
            explanation=kb.fill(connection.explanation, capital=True),
            citations=merge_citations(connection.citations),
            # The linked facts too: a quiz never asks one of them beside this question,
            # which would give it away.
            facts=(ref, *connection.links),
            level=Level.UNDERSTANDING,
            features=Features(two_step=True, prominence=connection.prominence),
        )
        uid = f"understand/{connection.key}"
        options = _options(kb, connection, also=False)
        # An edit of a fact the wording refers to (a longer date, say) can make the answer
        # the one longest option: the question is then left out until the wording is mended.
        if fair_to_the_key(question, options):
            yield Draft(
                uid=uid,
                kind=Kind.SINGLE_CHOICE,
                prompt=question,
                options=tuple(placed(uid, options)),
                query=Query("answers", subject=ref),
                shuffled=True,
                **common,
            )
        if connection.also:
            uid = f"understand-select/{connection.key}"
            yield Draft(
                uid=uid,
                kind=Kind.MULTIPLE_RESPONSE,
                prompt=join(question, SELECT_ALL),
                options=tuple(placed(uid, _options(kb, connection, also=True))),
                query=Query("answers", subject=ref),
                shuffled=True,
                **common,
            )
        misconception = connection.misconceptions[
            stable_int(ref, "statement") % len(connection.misconceptions)
        ]
        for truth, answer in ((True, connection.statement), (False, misconception.statement)):
            explanation = common["explanation"]
            if not truth:
                correction = kb.fill(misconception.correction, capital=True)
                explanation = _corrected(correction, explanation)
            yield Draft(
                uid=f"understand/{connection.key}/{'true' if truth else 'false'}",
                kind=Kind.TRUE_FALSE,
                prompt=frame(ANSWERED, question=question, answer=_unstopped(kb.fill(answer))),
                truth=truth,
                query=Query(
                    "answers", subject=ref, object=f"{ref}/{'answer' if truth else 'misconception'}"
                ),
                group=f"understand-statement/{connection.key}",
                **{**common, "explanation": explanation},
            )


def _unstopped(text: Text) -> Text:
    """An answer quoted inside a sentence: capital first, no full stop of its own."""
    return Text.build(lambda lang: wording.capitalise(text[lang].rstrip().rstrip(".")))


def _corrected(correction: Text, explanation: Text) -> Text:
    """A false statement's explanation: the correction, then the sentences of the
    connection's explanation that do not say it again."""
    said = [correction]
    for sentence in _sentences(explanation):
        if explaining.adds_enough(sentence, tuple(said), share=1 / 2):
            said.append(sentence)
    return Text.build(lambda lang: " ".join(t[lang] for t in said))


def _sentences(text: Text) -> list[Text]:
    """A text cut after each full stop that ends a sentence, in both languages at once (the
    two are written sentence for sentence)."""
    split = {lang: re.split(r"(?<=[.!?])\s+", text[lang].strip()) for lang in ("en", "it")}
    if len(split["en"]) != len(split["it"]):
        return [text]
    return [Text(en, it) for en, it in zip(split["en"], split["it"], strict=True)]
