"""The bank as JSON, in the shape other systems read: format conference-quiz-bank/1."""

from __future__ import annotations

import json

from quizzes.exporters.common import Exported

FORMAT = "conference-quiz-bank/1"


def answer(q: Exported):
    p = q.payload
    if q.kind == "single_choice":
        return next(q.t(o["text"]) for o in q.options_in_order() if o["correct"])
    if q.kind == "multiple_response":
        return [q.t(o["text"]) for o in q.options_in_order() if o["correct"]]
    if q.kind == "true_false":
        return p["truth"]
    if q.kind == "numeric":
        return {"value": p["number"], "tolerance": p["tolerance"]}
    if q.kind == "ordering":
        return [q.t(item["text"]) for item in p["items"]]
    if q.kind == "matching":
        return [list(pair) for pair in q.pairs()]
    return q.accepted()


def question(q: Exported) -> dict:
    out = {
        "id": q.name,
        "kind": q.kind,
        "topic": q.topic,
        "p_correct": q.p_correct,
        "prompt": q.prompt,
    }
    if q.kind in ("single_choice", "multiple_response"):
        out["options"] = [q.t(o["text"]) for o in q.options_in_order()]
    elif q.kind == "ordering":
        out["options"] = [q.t(item["text"]) for item in q.items_to_order()]
    elif q.kind == "matching":
        out["pairs_left"] = [q.t(left["text"]) for left in q.payload["lefts"]]
        out["pairs_right"] = [q.t(right["text"]) for right in q.rights_in_order()]
    out["answer"] = answer(q)
    out["explanation"] = q.explanation
    out["sources"] = [
        {"title": s["title"], "language": s["language"], "paragraph": s["paragraph"]}
        for s in q.payload["sources"]
    ]
    return out


def export(questions: list[Exported], language: str) -> str:
    document = {
        "format": FORMAT,
        "language": language,
        "questions": [question(q) for q in questions],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
