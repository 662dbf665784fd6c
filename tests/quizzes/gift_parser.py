"""A small GIFT reader, enough to check what the exporter writes (Moodle's grammar); its
escapes are the importer's (quizzes.importers.gift).

Parses `::name::[format]question text {answers ####general feedback}` blocks, honouring
backslash escapes of ~ = # { } : and \\n, and returns plain dicts.
"""

from __future__ import annotations

import re

from quizzes.importers.gift import find_unescaped, split_unescaped, unescape


def parse(document: str) -> list[dict]:
    questions = []
    blocks = re.split(r"\n\s*\n", document)
    for block in blocks:
        lines = [line for line in block.splitlines() if not line.startswith("//")]
        body = " ".join(lines).strip()
        if not body or body.startswith("$CATEGORY"):
            continue
        assert body.startswith("::"), body
        end_name = find_unescaped(body, "::", 2)
        name = unescape(body[2:end_name])
        rest = body[end_name + 2 :]
        fmt = ""
        if rest.startswith("["):
            fmt, rest = rest[1 : rest.index("]")], rest[rest.index("]") + 1 :]
        open_at = find_unescaped(rest, "{")
        close_at = find_unescaped(rest, "}", open_at)
        assert open_at >= 0 and close_at > open_at, body
        assert rest[close_at + 1 :].strip() == "", f"text after the answers: {body}"
        text = unescape(rest[:open_at]).strip()
        inside = rest[open_at + 1 : close_at]
        general = ""
        split_at = find_unescaped(inside, "####")
        if split_at >= 0:
            inside, general = inside[:split_at], unescape(inside[split_at + 4 :]).strip()
        questions.append(
            {
                "name": name,
                "format": fmt,
                "text": text,
                "answers": parse_answers(inside.strip()),
                "general_feedback": general,
            }
        )
    return questions


def parse_answers(inside: str) -> dict:
    if inside in ("TRUE", "FALSE", "T", "F"):
        return {"type": "truefalse", "value": inside.startswith("T")}
    if inside.startswith("#"):
        value, _, tolerance = inside[1:].partition(":")
        return {"type": "numerical", "value": float(value), "tolerance": float(tolerance or 0)}
    pieces = [(m, p.strip()) for m, p in split_unescaped(inside, "=~") if m]
    answers = []
    for marker, piece in pieces:
        weight = None
        match = re.match(r"%(-?[\d.]+)%", piece)
        if match:
            weight, piece = float(match.group(1)), piece[match.end() :]
        feedback_at = find_unescaped(piece, "#")
        feedback = ""
        if feedback_at >= 0:
            piece, feedback = piece[:feedback_at], unescape(piece[feedback_at + 1 :])
        left, arrow, right = piece.partition(" -> ")
        answers.append(
            {
                "marker": marker,
                "weight": weight,
                "text": unescape(left).strip(),
                "match": unescape(right).strip() if arrow else None,
                "feedback": feedback,
            }
        )
    if all(a["match"] is not None for a in answers):
        kind = "matching"
    elif all(a["marker"] == "=" for a in answers):
        kind = "shortanswer"
    else:
        kind = "multichoice"
    return {"type": kind, "answers": answers}
