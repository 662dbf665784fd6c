"""Questions from Moodle XML (docs.moodle.org/en/Moodle_XML_format). Pure.

Read with defusedxml, which refuses entity declarations (the "billion laughs"), external
entities and DTDs: a file is a teacher's upload, and may be hostile. Text comes out of CDATA
and entities by the parser, out of HTML by quizzes.importers.common.plain. Reads
multichoice (single and multiple), truefalse, numerical, shortanswer, matching and
Moodle's ordering type, with each answer's feedback; what has no equivalent here is
skipped with the reason.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from decimal import Decimal, InvalidOperation

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from quizzes.authoring import written as w
from quizzes.generation.drafts import Kind
from quizzes.importers import common
from quizzes.importers.common import Imported, ImportRefused, Reading, Skipped, texts

OURS = "$course$/Conference quiz/"

NO_SUCH_TYPE = gettext_lazy("A %(type)s question, a type questions here do not have.")
UNSUPPORTED = {
    "essay": gettext_lazy(
        "An essay question: a teacher marks it, and questions here are marked by the site."
    ),
    "description": gettext_lazy("A description, not a question."),
    "multianswer": gettext_lazy("An embedded (cloze) question, a type questions here do not have."),
    "random": gettext_lazy("A random question, drawn from a category: not a question of its own."),
}
# Moodle types with no equivalent here, and what a teacher calls them.
OTHER_TYPES = {
    "calculated": gettext_lazy("calculated"),
    "calculatedsimple": gettext_lazy("calculated"),
    "calculatedmulti": gettext_lazy("calculated"),
    "randomsamatch": gettext_lazy("random short-answer matching"),
    "ddwtos": gettext_lazy("drag-and-drop"),
    "ddimageortext": gettext_lazy("drag-and-drop"),
    "ddmarker": gettext_lazy("drag-and-drop"),
    "gapselect": gettext_lazy("select-missing-words"),
}
KNOWN = {"multichoice", "truefalse", "numerical", "shortanswer", "matching", "ordering"}


def _child_text(element, path: str) -> str:
    found = element.find(path)
    return (found.text or "") if found is not None else ""


def _fraction(element) -> Decimal:
    try:
        value = Decimal((element.get("fraction") or "0").strip())
    except InvalidOperation:
        return Decimal(0)
    return value if value.is_finite() else Decimal(0)


class Reader:
    def __init__(self, language: str, topic: str, ours: bool):
        self.language, self.topic, self.ours = language, topic, ours
        self.images = 0

    def text(self, element, fmt: str | None = None) -> str:
        """The plain text of an element with a format and a <text> child (or its own text)."""
        if element is None:
            return ""
        fmt = fmt or element.get("format", "html")
        inner = element.find("text")
        raw = (inner.text if inner is not None else element.text) or ""
        if element.find("file") is not None:
            self.images += 1
        text, images = common.plain(raw, fmt)
        self.images += images
        return text

    def question(self, number: int, element) -> Imported | Skipped | None:
        kind = element.get("type", "")
        name = " ".join(_child_text(element, "name/text").split())[:200] or _(
            "Question %(number)d"
        ) % {"number": number}
        if kind == "category":
            return None
        if kind not in KNOWN:
            reason = UNSUPPORTED.get(kind) or NO_SUCH_TYPE % {
                "type": OTHER_TYPES.get(kind) or f"“{kind[:40]}”"
            }
            return Skipped(number, name, str(reason))
        self.images = 0
        imported = common.begun(
            number,
            name,
            prompt=self.text(element.find("questiontext")),
            feedback=self.text(element.find("generalfeedback")),
            language=self.language,
            topic=self.topic,
            ours=self.ours,
        )
        getattr(self, kind)(imported, element)
        if self.images:
            return Skipped(number, name, common.image_reason())
        return common.checked(imported)

    def _answers(self, element):
        return [
            (answer, self.text(answer), self.text(answer.find("feedback")), _fraction(answer))
            for answer in element.findall("answer")
        ]

    def multichoice(self, imported: Imported, element) -> None:
        single = _child_text(element, "single").strip().lower() in ("true", "1")
        answers = self._answers(element)
        question = imported.written
        question.kind = (Kind.SINGLE_CHOICE if single else Kind.MULTIPLE_RESPONSE).value
        question.keep_order = _child_text(element, "shuffleanswers").strip().lower() in (
            "false", "0"
        )  # fmt: skip
        if single:
            best = max((fraction for *_rest, fraction in answers), default=Decimal(0))
            correct = [fraction == best and best > 0 for *_rest, fraction in answers]
            if sum(correct) > 1:
                question.kind = Kind.MULTIPLE_RESPONSE.value
                imported.notes.append(
                    _("Several options were each fully right: here it is a “select all that "
                      "apply” question.")
                )  # fmt: skip
            elif any(0 < fraction < best for *_rest, fraction in answers):
                imported.notes.append(
                    _("Partial credit for a wrong option is not kept: it scores nothing.")
                )
        else:
            correct = [fraction > 0 for *_rest, fraction in answers]
            if len({fraction for *_rest, fraction in answers if fraction > 0}) > 1:
                imported.notes.append(
                    _("The right options had different weights: here each counts the same.")
                )
        question.options = [
            w.Choice(texts(text, self.language), right, texts(feedback, self.language))
            for (_a, text, feedback, _f), right in zip(answers, correct, strict=True)
        ]

    def truefalse(self, imported: Imported, element) -> None:
        imported.written.kind = Kind.TRUE_FALSE.value
        truth = None
        for _answer, text, feedback, fraction in self._answers(element):
            if fraction > 0 and text.strip().lower() in ("true", "false"):
                truth = text.strip().lower() == "true"
            if feedback:
                kept_out = _("The feedback on each answer is not kept; the general feedback is.")
                if kept_out not in imported.notes:
                    imported.notes.append(kept_out)
        imported.written.truth = truth

    def numerical(self, imported: Imported, element) -> None:
        imported.written.kind = Kind.NUMERIC.value
        answers = element.findall("answer")
        full = [a for a in answers if _fraction(a) == 100]
        if len(answers) > len(full[:1]):
            imported.notes.append(
                _("Only the fully right number is kept; partly right ones are not.")
            )
        if element.find("units/unit") is not None:
            imported.notes.append(_("Units are not kept: students type the number alone."))
        if full:
            imported.written.number = self.text(full[0], "plain_text")
            tolerance = _child_text(full[0], "tolerance").strip()
            imported.written.tolerance = "" if tolerance in ("", "0") else tolerance

    def shortanswer(self, imported: Imported, element) -> None:
        imported.written.kind = Kind.SHORT_ANSWER.value
        answers = self._answers(element)
        full = [text for _a, text, _f, fraction in answers if fraction == 100]
        if len(full) < len(answers):
            imported.notes.append(_("Partly right answers are not kept: they score nothing."))
        if any(feedback for _a, _t, feedback, _f in answers):
            imported.notes.append(_("The feedback on each typed answer is not kept."))
        if _child_text(element, "usecase").strip() == "1":
            imported.notes.append(_("Answers were case-sensitive; here case never counts."))
        wild = [text for text in full if "*" in text]
        if wild:
            imported.notes.append(
                _("Answers with the wildcard * are not kept: %(answers)s")
                % {"answers": ", ".join(wild)}
            )
        accepted = [text for text in full if "*" not in text]
        imported.written.accepted = {self.language: common.unique_answers(accepted)}

    def matching(self, imported: Imported, element) -> None:
        pairs = [
            (self.text(sub, sub.get("format", "html")), self.text(sub.find("answer"), "plain_text"))
            for sub in element.findall("subquestion")
        ]
        common.matched(imported, pairs, self.language, self.ours)

    def ordering(self, imported: Imported, element) -> None:
        """Moodle's ordering type: the answers in their right order (by fraction, which
        holds each one's place, else as listed)."""
        answers = self._answers(element)
        places = [fraction for *_rest, fraction in answers]
        if len(set(places)) == len(places):
            answers = sorted(answers, key=lambda answer: answer[3])
        imported.written.kind = Kind.ORDERING.value
        imported.written.items = [texts(text, self.language) for _a, text, _f, _p in answers]


def parse(content: bytes):
    """The document's root element, or ImportRefused with the reason in words."""
    try:
        root = fromstring(content)
    except DefusedXmlException:
        raise ImportRefused(
            _("The file declares entities or a document type, which an import refuses.")
        ) from None
    except (ET.ParseError, ValueError, LookupError) as error:
        raise ImportRefused(
            _("This is not a well-formed XML file (%(error)s).") % {"error": str(error)[:200]}
        ) from None
    if root.tag != "quiz":
        raise ImportRefused(_("This XML file is not a Moodle question export (no <quiz>)."))
    return root


def read(content: bytes, *, language: str, topic: str) -> Reading:
    root = parse(content)
    ours = any(
        OURS in (_child_text(q, "category/text"))
        for q in root.findall("question")
        if q.get("type") == "category"
    )
    reader = Reader(language, topic, ours)
    reading = Reading("moodlexml")
    number = 0
    for element in root.findall("question"):
        if element.get("type") == "category":
            continue
        number += 1
        if not reading.room_for(number):
            break
        reading.add(reader.question(number, element))
    return reading
