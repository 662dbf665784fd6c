"""The bank in Moodle's GIFT format (docs.moodle.org/en/GIFT_format).

Every kind maps to a GIFT question type; ordering, which GIFT lacks, becomes matching
(each item against its place). GIFT's control characters ~ = # { } : are escaped with a
backslash wherever they occur in text, and the explanation is the general feedback (####);
why a wrong choice is wrong is that answer's own feedback (~answer#feedback).
"""

from __future__ import annotations

from conference import wording
from quizzes.exporters.common import Exported

SPECIAL = "~=#{}:\\"

PLACE = {"en": "Place in time (1 = earliest)", "it": "Posto nel tempo (1 = il primo)"}
ORDER_HINT = {
    "en": "Give each event its place in time, 1 being the earliest.",
    "it": "Assegna a ogni evento il suo posto nel tempo: 1 è il primo.",
}
TRUE_FALSE = {True: "TRUE", False: "FALSE"}


def escape(text: str) -> str:
    escaped = "".join(f"\\{ch}" if ch in SPECIAL else ch for ch in text)
    return escaped.replace("\r", "").replace("\n", "\\n")


def moodle_fraction(share: float) -> str:
    """A Moodle grade percentage, written as its importer expects (5 decimals at most)."""
    text = f"{share * 100:.5f}".rstrip("0").rstrip(".")
    return text


def _with_feedback(q: Exported, option: dict) -> str:
    """An answer's text and, after #, why it is wrong (GIFT's per-answer feedback)."""
    feedback = q.feedback(option)
    text = escape(q.t(option["text"]))
    return f"{text}#{escape(feedback)}" if feedback else text


def _answers(q: Exported) -> str:
    p = q.payload
    if q.kind == "single_choice":
        return " ".join(
            ("=" if o["correct"] else "~") + _with_feedback(q, o) for o in q.options_in_order()
        )
    if q.kind == "multiple_response":
        right = sum(1 for o in p["options"] if o["correct"])
        weight = moodle_fraction(1 / right)
        return " ".join(
            f"~%{weight if o['correct'] else '-' + weight}%{_with_feedback(q, o)}"
            for o in q.options_in_order()
        )
    if q.kind == "true_false":
        return TRUE_FALSE[p["truth"]]
    if q.kind == "numeric":
        return f"#{p['number']}:{p['tolerance']}"
    if q.kind == "matching":
        return " ".join(f"={escape(left)} -> {escape(right)}" for left, right in q.pairs())
    if q.kind == "ordering":
        return " ".join(
            f"={escape(q.t(item['text']))} -> {index}"
            for index, item in enumerate(p["items"], start=1)
        )
    accepted = []
    for answer in q.accepted():
        for form in (answer, wording.fold(answer)):
            if form not in accepted:
                accepted.append(form)
    return " ".join(f"={escape(a)}" for a in accepted)


def question(q: Exported) -> str:
    prompt = q.prompt
    if q.kind == "ordering":
        prompt = f"{prompt} {ORDER_HINT[q.language]}"
    feedback = q.general_feedback
    return (
        f"// {q.name} ({q.kind})\n"
        f"::{escape(q.name)}::[plain]{escape(prompt)} "
        f"{{{_answers(q)} ####{escape(feedback)}}}\n"
    )


def export(questions: list[Exported], language: str) -> str:
    header = (
        f"// Conference quiz: question bank ({language}), GIFT format for Moodle.\n"
        f"$CATEGORY: $course$/Conference quiz/{language}\n\n"
    )
    return header + "\n".join(question(q) for q in questions)
