"""Exports: JSON of the documented shape, GIFT and Moodle XML that Moodle's importers read."""

import dataclasses
import html
import io
import json
import re
import xml.etree.ElementTree as ET

import pytest
from django.core.management import call_command

from quizzes import services
from quizzes.exporters import gift, moodle_xml
from quizzes.exporters import json as json_export
from quizzes.exporters.common import Exported
from quizzes.generation.drafts import Kind
from quizzes.generation.facts import Text
from quizzes.generation.registry import generate
from tests.quizzes.gift_parser import parse
from tests.quizzes.kb_fixture import fact_base_from_fixture

KINDS = {k.value for k in Kind}


def exported(drafts, language):
    return [Exported(d.uid, str(d.kind), str(d.topic), 0.5, d.payload(), language) for d in drafts]


def validate_bank_json(document: dict, language: str) -> list[str]:
    """The shape promised in the issue, checked field by field."""
    problems = []
    if document.get("format") != "conference-quiz-bank/1" or document.get("language") != language:
        problems.append("format or language")
    for q in document["questions"]:
        where = q.get("id", "?")
        for field, kind in (
            ("id", str),
            ("kind", str),
            ("topic", str),
            ("p_correct", float),
            ("prompt", str),
            ("explanation", str),
            ("sources", list),
        ):
            if not isinstance(q.get(field), kind):
                problems.append(f"{where}: {field}")
        if q["kind"] not in KINDS or not 0 <= q["p_correct"] <= 1:
            problems.append(f"{where}: kind or p_correct")
        for source in q["sources"]:
            if set(source) != {"title", "language", "paragraph"} or not isinstance(
                source["paragraph"], int
            ):
                problems.append(f"{where}: source")
        kind, answer = q["kind"], q["answer"]
        has_options = kind in ("single_choice", "multiple_response", "ordering")
        if has_options != ("options" in q) or (kind == "matching") != ("pairs_left" in q):
            problems.append(f"{where}: options/pairs present for the wrong kind")
        checks = {
            "single_choice": lambda: answer in q["options"],
            "multiple_response": lambda: (
                isinstance(answer, list) and set(answer) <= set(q["options"])
            ),
            "true_false": lambda: isinstance(answer, bool),
            "numeric": lambda: set(answer) == {"value", "tolerance"},
            "ordering": lambda: sorted(answer) == sorted(q["options"]),
            "matching": lambda: (
                [a for a, _ in answer] == q["pairs_left"]
                and {b for _, b in answer} <= set(q["pairs_right"])
            ),
            "short_answer": lambda: (
                isinstance(answer, list) and all(isinstance(a, str) for a in answer)
            ),
        }
        if not checks[kind]():
            problems.append(f"{where}: answer {answer!r}")
    return problems


@pytest.fixture(scope="module")
def drafts():
    return generate(fact_base_from_fixture())


@pytest.mark.parametrize("language", ["en", "it"])
def test_json_export_has_exactly_the_documented_shape(drafts, language):
    document = json.loads(json_export.export(exported(drafts, language), language))
    assert validate_bank_json(document, language) == []
    assert len(document["questions"]) == len(drafts)


def test_json_ordering_options_do_not_give_the_order_away(drafts):
    document = json.loads(json_export.export(exported(drafts, "en"), "en"))
    for q in (q for q in document["questions"] if q["kind"] == "ordering"):
        assert q["options"] == sorted(q["options"], key=str.casefold)


@pytest.mark.parametrize("language", ["en", "it"])
def test_gift_export_parses_back_to_the_same_questions(drafts, language):
    items = exported(drafts, language)
    parsed = {q["name"]: q for q in parse(gift.export(items, language))}
    assert len(parsed) == len(items)
    for item in items:
        q = parsed[item.name]
        assert q["format"] == "plain"
        assert q["text"].startswith(item.prompt)
        assert q["general_feedback"].startswith(item.explanation)
        answers = q["answers"]
        if item.kind == "single_choice":
            right = [a["text"] for a in answers["answers"] if a["marker"] == "="]
            assert right == [json_export.answer(item)]
            assert len(answers["answers"]) == len(item.payload["options"])
        elif item.kind == "multiple_response":
            weights = [a["weight"] for a in answers["answers"]]
            assert sum(w for w in weights if w > 0) == pytest.approx(100, abs=0.01)
            assert {a["text"] for a in answers["answers"] if a["weight"] > 0} == set(
                json_export.answer(item)
            )
        elif item.kind == "true_false":
            assert answers == {"type": "truefalse", "value": item.payload["truth"]}
        elif item.kind == "numeric":
            assert answers["value"] == item.payload["number"]
            assert answers["tolerance"] == item.payload["tolerance"]
        elif item.kind == "matching":
            assert [(a["text"], a["match"]) for a in answers["answers"]] == item.pairs()
        elif item.kind == "ordering":
            assert [a["match"] for a in answers["answers"]] == [
                str(i) for i in range(1, len(item.payload["items"]) + 1)
            ]
        else:
            assert answers["type"] == "shortanswer"
            assert set(item.accepted()) <= {a["text"] for a in answers["answers"]}


@pytest.mark.parametrize("language", ["en", "it"])
def test_gift_carries_why_each_wrong_choice_is_wrong_as_its_answer_feedback(drafts, language):
    items = exported(drafts, language)
    parsed = {q["name"]: q for q in parse(gift.export(items, language))}
    checked = 0
    for item in (i for i in items if i.kind in ("single_choice", "multiple_response")):
        feedback = {a["text"]: a["feedback"] for a in parsed[item.name]["answers"]["answers"]}
        for option in item.payload["options"]:
            if not option["correct"]:
                assert feedback[item.t(option["text"])] == item.feedback(option) != ""
                checked += 1
    assert checked > 80


@pytest.mark.parametrize("language", ["en", "it"])
def test_moodle_xml_carries_why_each_wrong_choice_is_wrong(drafts, language):
    items = exported(drafts, language)
    root = ET.fromstring(moodle_xml.export(items, language).encode())
    by_name = {q.find("name/text").text: q for q in root.findall("question")[1:]}
    item = next(i for i in items if i.id == "understand/lenin-too-late")
    answers = {
        html.unescape(a.find("text").text): html.unescape(a.find("feedback/text").text or "")
        for a in by_name[item.name].findall("answer")
    }
    for option in item.payload["options"]:
        assert answers[item.t(option["text"])] == item.feedback(option)
    assert sum(1 for feedback in answers.values() if feedback) == 3


def test_gift_special_characters_survive_the_round_trip(drafts):
    kb = fact_base_from_fixture()
    tricky = "Kam{e}nev ~=#:\\"
    people = tuple(
        dataclasses.replace(p, name=Text(tricky, tricky)) if p.key == "kamenev" else p
        for p in kb.people
    )
    items = exported(generate(dataclasses.replace(kb, people=people)), "en")
    text = gift.export(items, "en")
    parsed = {q["name"]: q for q in parse(text)}
    names = {item.id: item.name for item in items}
    question = parsed[names["role-who/kamenev/representative/bolshevik-faction"]]
    assert tricky in [a["text"] for a in question["answers"]["answers"]]
    statement = parsed[names["party/kamenev"]]
    assert statement["text"].startswith(tricky)


@pytest.mark.parametrize("fmt", ["json", "gift", "moodlexml"])
def test_exported_names_never_tell_the_answer(drafts, fmt):
    """Exports name questions by topic and number: an id such as role-who/chkheidze/... or
    .../true would give the answer to anyone who reads the file or the Moodle bank."""
    items = exported(drafts, "en")
    text = {"json": json_export, "gift": gift, "moodlexml": moodle_xml}[fmt].export(items, "en")
    names = [item.name for item in items]
    assert len(set(names)) == len(names)
    for name in names:
        assert re.fullmatch(r"[a-z]+-[0-9a-f]{8}", name), name
        assert name in text
    for word in ("chkheidze", "kamenev", "lenin", "/true", "/false", "role-who"):
        assert word not in " ".join(names)


@pytest.mark.parametrize("language", ["en", "it"])
def test_moodle_xml_is_well_formed_and_structured_as_moodle_expects(drafts, language):
    items = exported(drafts, language)
    root = ET.fromstring(moodle_xml.export(items, language).encode())
    assert root.tag == "quiz"
    questions = root.findall("question")
    assert questions[0].get("type") == "category"
    by_name = {q.find("name/text").text: q for q in questions[1:]}
    assert len(by_name) == len(items)
    for item in items:
        q = by_name[item.name]
        assert html.unescape(q.find("questiontext/text").text).startswith(item.prompt)
        assert q.find("questiontext").get("format") == "html"
        answers = q.findall("answer")
        fractions = [float(a.get("fraction")) for a in answers]
        kind = q.get("type")
        if item.kind == "single_choice":
            assert kind == "multichoice" and q.find("single").text == "true"
            assert sorted(fractions) == [0.0] * (len(fractions) - 1) + [100.0]
        elif item.kind == "multiple_response":
            assert q.find("single").text == "false"
            assert sum(f for f in fractions if f > 0) == pytest.approx(100, abs=0.01)
        elif item.kind == "true_false":
            assert kind == "truefalse" and sorted(fractions) == [0.0, 100.0]
        elif item.kind == "numeric":
            assert (
                kind == "numerical"
                and float(answers[0].find("tolerance").text) == item.payload["tolerance"]
            )
        elif item.kind in ("matching", "ordering"):
            assert kind == "matching" and len(q.findall("subquestion")) >= 3
        else:
            assert kind == "shortanswer" and fractions and set(fractions) == {100.0}


def test_moodle_xml_escapes_markup_in_fact_texts():
    kb = fact_base_from_fixture()
    people = tuple(
        dataclasses.replace(p, name=Text("<b>Lev</b> & Co", "<b>Lev</b> & Co"))
        if p.key == "kamenev"
        else p
        for p in kb.people
    )
    items = exported(generate(dataclasses.replace(kb, people=people)), "en")
    document = moodle_xml.export(items, "en")
    root = ET.fromstring(document.encode())
    texts = [t.text or "" for t in root.iter("text")]
    assert any("&lt;b&gt;Lev&lt;/b&gt; &amp; Co" in t for t in texts)
    assert "<b>Lev</b>" not in document


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["json", "gift", "moodlexml"])
def test_export_bank_command_writes_each_format(facts, fmt, tmp_path):
    services.bank_refresh()
    target = tmp_path / f"bank.{fmt}"
    call_command("export_bank", format=fmt, lang="it", output=str(target), stderr=io.StringIO())
    text = target.read_text(encoding="utf-8")
    assert "Conferenza panrussa dei Soviet" in text
    out = io.StringIO()
    call_command("export_bank", format=fmt, lang="en", stdout=out)
    assert "All-Russian Conference of Soviets" in out.getvalue()
