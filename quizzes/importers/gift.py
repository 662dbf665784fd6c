"""Questions from Moodle's GIFT format (docs.moodle.org/en/GIFT_format). Pure.

Reads what Moodle writes and what quizzes.exporters.gift writes: titles, [html], [plain],
[markdown] and [moodle] text, the answers of every type (multiple choice with = and ~ and
%weights%, true/false, numerical with a tolerance or a range, short answer, matching with
->, and the "missing word" form with text after the answers), per-answer feedback after #,
general feedback after ####, and the escapes \\~ \\= \\# \\{ \\} \\: \\\\ and \\n. What has no
equivalent here (an essay, a description, an embedded question) is skipped with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from quizzes.authoring import written as w
from quizzes.generation.drafts import Kind
from quizzes.importers import common
from quizzes.importers.common import Imported, Reading, Skipped, texts

OURS = "// Conference quiz:"


def unescape(text: str) -> str:
    out, i = [], 0
    while i < len(text):
        if text[i] == "\\" and i + 1 < len(text):
            nxt = text[i + 1]
            out.append("\n" if nxt == "n" else nxt)
            i += 2
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def find_unescaped(text: str, target: str, start: int = 0) -> int:
    i = start
    while i < len(text):
        if text[i] == "\\":
            i += 2
            continue
        if text.startswith(target, i):
            return i
        i += 1
    return -1


def split_unescaped(text: str, markers: str) -> list[tuple[str, str]]:
    """Pieces of text, each starting at an unescaped marker (the marker kept apart)."""
    pieces, current, marker, i = [], [], "", 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            current.append(text[i : i + 2])
            i += 2
            continue
        if ch in markers:
            pieces.append((marker, "".join(current)))
            marker, current = ch, []
        else:
            current.append(ch)
        i += 1
    pieces.append((marker, "".join(current)))
    return pieces


@dataclass
class Answer:
    marker: str  # "=" or "~"
    weight: Decimal | None
    text: str  # still escaped
    feedback: str  # unescaped


WEIGHT = re.compile(r"%(-?\d{1,3}(?:\.\d+)?)%")


def _answers(inside: str) -> list[Answer]:
    answers = []
    for marker, piece in split_unescaped(inside, "=~"):
        if not marker:
            if piece.strip():
                raise ValueError(_("Each answer must start with = or ~."))
            continue
        piece = piece.strip()
        weight = None
        match = WEIGHT.match(piece)
        if match:
            weight, piece = Decimal(match[1]), piece[match.end() :]
        feedback = ""
        at = find_unescaped(piece, "#")
        if at >= 0:
            piece, feedback = piece[:at], unescape(piece[at + 1 :]).strip()
        answers.append(Answer(marker, weight, piece.strip(), feedback))
    return answers


class Reader:
    def __init__(self, language: str, topic: str, ours: bool):
        self.language, self.topic, self.ours = language, topic, ours

    def text(self, raw: str, fmt: str) -> tuple[str, int]:
        return common.plain(unescape(raw), fmt)

    def question(self, number: int, block: str) -> Imported | Skipped | None:
        name, rest = "", block.strip()
        if rest.startswith("::"):
            end = find_unescaped(rest, "::", 2)
            if end < 0:
                raise ValueError(_("The title has no closing ::."))
            name, rest = unescape(rest[2:end]).strip(), rest[end + 2 :].lstrip()
        fmt = "moodle"
        match = re.match(r"\[(html|moodle|plain|markdown)\]", rest)
        if match:
            fmt, rest = match[1], rest[match.end() :]
        name = name[:200] or _("Question %(number)d") % {"number": number}
        open_at = find_unescaped(rest, "{")
        if open_at < 0:
            return Skipped(number, name, _("A description with no answers, not a question."))
        close_at = find_unescaped(rest, "}", open_at + 1)
        if close_at < 0:
            raise ValueError(_("The braces around the answers are not closed."))
        after = rest[close_at + 1 :].strip()
        if find_unescaped(after, "{") >= 0:
            return Skipped(
                number,
                name,
                _("It has several sets of answers in its text (an embedded question)."),
            )
        before = rest[:open_at].strip()
        prompt_raw = f"{before} _____ {after}" if after else before
        prompt, images = self.text(prompt_raw, fmt)
        inside = rest[open_at + 1 : close_at]
        general = ""
        split_at = find_unescaped(inside, "####")
        if split_at >= 0:
            inside, general = inside[:split_at], inside[split_at + 4 :]
        inside = inside.strip()
        explanation, feedback_images = self.text(general, fmt)
        if images or feedback_images:
            return Skipped(number, name, common.image_reason())
        if not inside:
            return Skipped(
                number, name, _("An essay question: a teacher marks it, and questions here are "
                                "marked by the site.")
            )  # fmt: skip
        imported = common.begun(
            number,
            name,
            prompt=prompt,
            feedback=explanation,
            language=self.language,
            topic=self.topic,
            ours=self.ours,
        )
        self.answers(imported, inside, fmt)
        return common.checked(imported)

    def answers(self, imported: Imported, inside: str, fmt: str) -> None:
        true_false = re.fullmatch(r"(TRUE|FALSE|T|F)\s*((?:#.*)?)", inside, re.DOTALL)
        if true_false:
            self.true_false(imported, true_false[1], true_false[2])
        elif inside.startswith("#"):
            self.numeric(imported, inside[1:].strip())
        else:
            answers = _answers(inside)
            arrows = [a for a in answers if find_unescaped(a.text, "->") >= 0]
            if arrows and len(arrows) == len(answers):
                self.matching(imported, answers, fmt)
            elif arrows:
                raise ValueError(_("Some answers match with -> and others do not."))
            elif all(a.marker == "=" for a in answers):
                self.short_answer(imported, answers, fmt)
            else:
                self.choices(imported, answers, fmt)

    def true_false(self, imported: Imported, value: str, feedback: str) -> None:
        imported.written.kind = Kind.TRUE_FALSE.value
        imported.written.truth = value.startswith("T")
        if any(unescape(part).strip() for _m, part in split_unescaped(feedback, "#")):
            imported.notes.append(
                _("The feedback on each answer is not kept; the general feedback is.")
            )

    def numeric(self, imported: Imported, body: str) -> None:
        imported.written.kind = Kind.NUMERIC.value
        if find_unescaped(body, "=") >= 0:
            answers = _answers(body)
            full = [a for a in answers if a.weight is None or a.weight == 100]
            if len(answers) > len(full[:1]):
                imported.notes.append(
                    _("Only the fully right number is kept; partly right ones are not.")
                )
            body = full[0].text if full else ""
        else:
            at = find_unescaped(body, "#")
            if at >= 0:
                body = body[:at]
        number, tolerance = _number_and_tolerance(unescape(body).strip())
        imported.written.number, imported.written.tolerance = number, tolerance

    def choices(self, imported: Imported, answers: list[Answer], fmt: str) -> None:
        right = [a for a in answers if a.marker == "=" and (a.weight is None or a.weight > 0)]
        weighted = [a for a in answers if a.marker == "~" and a.weight and a.weight > 0]
        question = imported.written
        if len(right) == 1:
            question.kind = Kind.SINGLE_CHOICE.value
            correct = [a is right[0] for a in answers]
            if weighted:
                imported.notes.append(
                    _("Partial credit for a wrong option is not kept: it scores nothing.")
                )
        else:
            question.kind = Kind.MULTIPLE_RESPONSE.value
            correct = [any(a is b for b in right + weighted) for a in answers]
            if len(right) > 1:
                imported.notes.append(
                    _("Several options were each fully right: here it is a “select all that "
                      "apply” question.")
                )  # fmt: skip
            elif len({a.weight for a in weighted}) > 1:
                imported.notes.append(
                    _("The right options had different weights: here each counts the same.")
                )
        question.keep_order = True
        question.options = [
            w.Choice(
                texts(self.text(a.text, fmt)[0], self.language),
                right_one,
                texts(common.plain(a.feedback, fmt)[0], self.language),
            )
            for a, right_one in zip(answers, correct, strict=True)
        ]

    def short_answer(self, imported: Imported, answers: list[Answer], fmt: str) -> None:
        imported.written.kind = Kind.SHORT_ANSWER.value
        full = [a for a in answers if a.weight is None or a.weight == 100]
        if len(full) < len(answers):
            imported.notes.append(_("Partly right answers are not kept: they score nothing."))
        if any(a.feedback for a in answers):
            imported.notes.append(_("The feedback on each typed answer is not kept."))
        accepted = common.unique_answers([self.text(a.text, fmt)[0] for a in full])
        imported.written.accepted = {self.language: accepted}

    def matching(self, imported: Imported, answers: list[Answer], fmt: str) -> None:
        pairs = []
        for answer in answers:
            at = find_unescaped(answer.text, "->")
            pairs.append(
                (self.text(answer.text[:at], fmt)[0], self.text(answer.text[at + 2 :], fmt)[0])
            )
        if any(a.feedback for a in answers):
            imported.notes.append(_("The feedback on each pair is not kept."))
        common.matched(imported, pairs, self.language, self.ours)


PLAIN_NUMBER = re.compile(r"-?\d{1,15}(?:\.\d{1,10})?")


def _number_and_tolerance(text: str) -> tuple[str, str]:
    """ "1917:2" or "1915..1919" as the number and its tolerance, as typed here; anything
    else as it was, for the form's check to refuse."""
    low, dots, high = text.partition("..")
    value, _colon, tolerance = text.partition(":")
    if dots and PLAIN_NUMBER.fullmatch(low.strip()) and PLAIN_NUMBER.fullmatch(high.strip()):
        low_value, high_value = Decimal(low.strip()), Decimal(high.strip())
        return _plain((low_value + high_value) / 2), _plain(abs(high_value - low_value) / 2)
    if PLAIN_NUMBER.fullmatch(value.strip()):
        return _plain(Decimal(value.strip())), tolerance.strip()
    return text, ""


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


def _blocks(text: str) -> list[str]:
    """The questions of a file: separated by blank lines, comments and categories dropped."""
    blocks, current = [], []
    for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"):
        stripped = line.strip()
        if stripped.startswith("//"):
            continue
        if not stripped:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        if stripped.startswith("$CATEGORY:") and not current:
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    return blocks


def read(text: str, *, language: str, topic: str) -> Reading:
    reading = Reading("gift")
    reader = Reader(language, topic, ours=text.lstrip("\ufeff").startswith(OURS))
    for number, block in enumerate(_blocks(text), start=1):
        if not reading.room_for(number):
            break
        try:
            found = reader.question(number, block)
        except ValueError as error:
            title = re.match(r"\s*::(.{1,200}?)::", block)
            name = unescape(title[1]) if title else _("Question %(number)d") % {"number": number}
            found = Skipped(number, name, _("It could not be read: %(error)s") % {"error": error})
        reading.add(found)
    return reading
