"""The bank in Moodle XML (docs.moodle.org/en/Moodle_XML_format), one <question> a version.

Kinds map to multichoice (single or multiple), truefalse, numerical, shortanswer and
matching; ordering becomes matching (each item against its place), since Moodle's ordering
type is a plugin that not every site has. Text is escaped by the XML writer. Each choice
carries its feedback (why it is wrong), as Moodle's answers do.
"""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from conference import wording
from quizzes.exporters.common import Exported
from quizzes.exporters.gift import ORDER_HINT, moodle_fraction

TYPES = {
    "single_choice": "multichoice",
    "multiple_response": "multichoice",
    "true_false": "truefalse",
    "numeric": "numerical",
    "short_answer": "shortanswer",
    "matching": "matching",
    "ordering": "matching",
}


def _text(parent, tag: str, text: str, *, fmt: str = "html", **attrs):
    """<tag format="html"><text>...</text></tag>; html text is escaped as HTML too."""
    element = ET.SubElement(parent, tag, {**attrs, "format": fmt})
    ET.SubElement(element, "text").text = html.escape(text, quote=False) if fmt == "html" else text
    return element


def _answer(parent, fraction: str, text: str, feedback: str = ""):
    plain = parent.get("type") in ("numerical", "shortanswer")
    answer = _text(parent, "answer", text, fmt="plain_text" if plain else "html", fraction=fraction)
    _text(answer, "feedback", feedback)
    return answer


def question(root, q: Exported) -> None:
    kind = TYPES[q.kind]
    element = ET.SubElement(root, "question", {"type": kind})
    ET.SubElement(ET.SubElement(element, "name"), "text").text = q.name
    prompt = q.prompt
    if q.kind == "ordering":
        prompt = f"{prompt} {ORDER_HINT[q.language]}"
    _text(element, "questiontext", prompt)
    _text(element, "generalfeedback", q.general_feedback)
    ET.SubElement(element, "defaultgrade").text = "1"
    ET.SubElement(element, "penalty").text = "0"
    ET.SubElement(element, "hidden").text = "0"
    ET.SubElement(element, "idnumber").text = q.name
    p = q.payload
    if kind == "multichoice":
        single = q.kind == "single_choice"
        ET.SubElement(element, "single").text = "true" if single else "false"
        ET.SubElement(element, "shuffleanswers").text = "false"
        ET.SubElement(element, "answernumbering").text = "abc"
        right = sum(1 for o in p["options"] if o["correct"])
        for option in q.options_in_order():
            if single:
                fraction = "100" if option["correct"] else "0"
            else:
                weight = moodle_fraction(1 / right)
                fraction = weight if option["correct"] else f"-{weight}"
            _answer(element, fraction, q.t(option["text"]), q.feedback(option))
    elif kind == "truefalse":
        _answer(element, "100" if p["truth"] else "0", "true")
        _answer(element, "0" if p["truth"] else "100", "false")
    elif kind == "numerical":
        answer = _answer(element, "100", str(p["number"]))
        ET.SubElement(answer, "tolerance").text = str(p["tolerance"])
    elif kind == "shortanswer":
        ET.SubElement(element, "usecase").text = "0"
        seen = []
        for accepted in q.accepted():
            for form in (accepted, wording.fold(accepted)):
                if form not in seen:
                    seen.append(form)
                    _answer(element, "100", form)
    else:  # matching, and ordering as matching
        ET.SubElement(element, "shuffleanswers").text = "true"
        if q.kind == "matching":
            pairs = q.pairs()
        else:
            pairs = [(q.t(item["text"]), str(index)) for index, item in enumerate(p["items"], 1)]
        for left, right in pairs:
            sub = _text(element, "subquestion", left)
            ET.SubElement(ET.SubElement(sub, "answer"), "text").text = right


def export(questions: list[Exported], language: str) -> str:
    root = ET.Element("quiz")
    category = ET.SubElement(root, "question", {"type": "category"})
    category_name = ET.SubElement(ET.SubElement(category, "category"), "text")
    category_name.text = f"$course$/Conference quiz/{language}"
    for q in questions:
        question(root, q)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
