"""Importing questions from GIFT and Moodle XML: every kind both formats share with ours, the
escapes, per-answer feedback, what cannot be imported (with the reason), our own exports read
back as the same questions, and the preview-then-confirm pages."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from quizzes import importers, scoring, selectors
from quizzes.authoring import written as w
from quizzes.exporters import gift as gift_export
from quizzes.exporters import moodle_xml as xml_export
from quizzes.exporters.common import from_questions
from quizzes.models import Question
from tests.factories import QuestionSetFactory, TeacherFactory

pytestmark = pytest.mark.django_db


def read(text: str | bytes, language: str = "en", fmt: str = ""):
    data = text.encode() if isinstance(text, str) else text
    return importers.read(data, fmt=fmt, language=language, topic="people")


def only(reading):
    assert not reading.skipped, reading.skipped
    (question,) = reading.questions
    return question


# -- GIFT ------------------------------------------------------------------------------------
GIFT_EVERY_KIND = r"""
// A comment line, and a category: neither is a question.
$CATEGORY: $course$/History/1917

::Chair::Who chaired the Petrograd Soviet? {
  =Chkheidze#Right: a Menshevik.
  ~Lenin#He was abroad until April 16.
  ~Kamenev#He spoke for the Bolsheviks.
####The chairman was Nikolay Chkheidze.}

::Parties::[html]Which parties <b>dominated</b> the Conference? {
  ~%50%Mensheviks
  ~%50%Socialist Revolutionaries
  ~%-100%Kadets#Not a socialist party.
}

::Opened::Lenin opened the Conference. {FALSE#No: Chkheidze did.#Yes, he did not.}

::Delegates::How many delegates came? {#480:20}

::Soviets::How many Soviets sent delegates? {#130..146}

::Typed::Who chaired the Petrograd Soviet? {=Chkheidze =Nikolay Chkheidze =chkheidze}

::Match::Match each person with their party. {
  =Lenin -> Bolsheviks
  =Chkheidze -> Mensheviks
  =Kamenev -> Bolsheviks
}

::Missing word::Lenin returned to {=Petrograd ~Moscow ~Kiev} on April 16, 1917.
"""


def test_gift_every_kind_is_read():
    reading = read(GIFT_EVERY_KIND)
    assert reading.skipped == []
    by_name = {q.name: q for q in reading.questions}
    assert all(q.usable for q in reading.questions), [q.problems for q in reading.questions]
    chair = by_name["Chair"].written
    assert chair.kind == "single_choice"
    assert [(c.text["en"], c.correct, c.feedback["en"]) for c in chair.options] == [
        ("Chkheidze", True, "Right: a Menshevik."),
        ("Lenin", False, "He was abroad until April 16."),
        ("Kamenev", False, "He spoke for the Bolsheviks."),
    ]
    assert chair.explanation["en"] == "The chairman was Nikolay Chkheidze."
    parties = by_name["Parties"].written
    assert parties.kind == "multiple_response"
    assert parties.prompt["en"] == "Which parties dominated the Conference?"
    assert [c.correct for c in parties.options] == [True, True, False]
    assert parties.options[2].feedback["en"] == "Not a socialist party."
    opened = by_name["Opened"]
    assert (opened.written.kind, opened.written.truth) == ("true_false", False)
    assert opened.notes == ["The feedback on each answer is not kept; the general feedback is."]
    delegates = by_name["Delegates"].written
    assert (delegates.kind, delegates.number, delegates.tolerance) == ("numeric", "480", "20")
    soviets = by_name["Soviets"].written
    assert (soviets.number, soviets.tolerance) == ("138", "8")
    typed = by_name["Typed"].written
    assert typed.kind == "short_answer"
    assert typed.accepted == {"en": ["Chkheidze", "Nikolay Chkheidze"]}
    match = by_name["Match"].written
    assert match.kind == "matching"
    assert [(left["en"], right["en"]) for left, right in match.pairs] == [
        ("Lenin", "Bolsheviks"), ("Chkheidze", "Mensheviks"), ("Kamenev", "Bolsheviks")
    ]  # fmt: skip
    missing = by_name["Missing word"].written
    assert missing.prompt["en"] == "Lenin returned to _____ on April 16, 1917."
    assert missing.kind == "single_choice"


def test_gift_escapes_are_read_back_as_the_characters():
    text = (
        r"::Esc\:aped::What do \~ \= \# \{ \} \: and \\ mean?\nSay it. {"
        r"=They are \{special\} \= 50\%#Right\: \#1"
        r" ~Nothing at all#Wrong \~ sorry}"
    )
    question = only(read(text))
    assert question.name == "Esc:aped"
    written = question.written
    assert written.prompt["en"] == "What do ~ = # { } : and \\ mean?\nSay it."
    assert written.options[0].text["en"] == "They are {special} = 50%"
    assert written.options[0].feedback["en"] == "Right: #1"
    assert written.options[1].feedback["en"] == "Wrong ~ sorry"


def test_gift_things_with_no_equivalent_here_are_listed_with_the_reason():
    text = (
        "::Essay::Write about the Conference. {}\n\n"
        "::Notice::Read the article first.\n\n"
        '::Picture::[html]Who is this? <img src="@@PLUGINFILE@@/lenin.jpg"> {=Lenin ~Kamenev}\n\n'
        "::Cloze::Lenin came {=back ~late} in {=April ~May}.\n\n"
        "::Good::Lenin came back in April 1917. {T}\n"
    )
    reading = read(text)
    reasons = {s.name: s.reason for s in reading.skipped}
    assert reasons == {
        "Essay": "An essay question: a teacher marks it, and questions here are marked by the site.",
        "Notice": "A description with no answers, not a question.",
        "Picture": "It shows an image or other media, which questions here cannot show.",
        "Cloze": "It has several sets of answers in its text (an embedded question).",
    }
    assert [q.name for q in reading.usable] == ["Good"]


def test_gift_partial_credit_it_cannot_keep_is_noted_and_the_question_still_imported():
    question = only(read("::P::Who chaired it? {=Chkheidze ~%50%Chkheidze's deputy ~Lenin}"))
    assert question.usable
    assert question.notes == ["Partial credit for a wrong option is not kept: it scores nothing."]


def test_a_gift_question_with_unclosed_braces_is_skipped_and_the_rest_read():
    reading = read("::Broken::Who? {=Lenin ~Kamenev\n\n::Fine::Lenin came back. {T}")
    assert [s.name for s in reading.skipped] == ["Broken"]
    assert "not closed" in reading.skipped[0].reason
    assert [q.name for q in reading.usable] == ["Fine"]


def test_a_gift_question_that_would_be_unusable_is_marked_with_the_forms_reason():
    question = only(read("::Same::Who? {=Lenin ~lenin ~Kamenev}"))
    assert not question.usable
    assert question.problems == ["The same as row 1: two rows must differ."]


# -- Moodle XML ------------------------------------------------------------------------------
XML_EVERY_KIND = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category"><category><text>$course$/History</text></category></question>
  <question type="multichoice">
    <name><text>Chair</text></name>
    <questiontext format="html"><text><![CDATA[<p>Who chaired the <em>Petrograd</em> Soviet &amp; its council?</p>]]></text></questiontext>
    <generalfeedback format="html"><text>&lt;p&gt;Chkheidze&amp;nbsp;did.&lt;/p&gt;</text></generalfeedback>
    <single>true</single>
    <shuffleanswers>false</shuffleanswers>
    <answer fraction="100" format="html"><text>Chkheidze</text><feedback format="html"><text>Yes.</text></feedback></answer>
    <answer fraction="0" format="html"><text><![CDATA[Lenin & Kamenev]]></text><feedback format="html"><text>They were Bolsheviks.</text></feedback></answer>
  </question>
  <question type="multichoice">
    <name><text>Parties</text></name>
    <questiontext format="plain_text"><text>Which parties dominated?</text></questiontext>
    <single>false</single>
    <answer fraction="50"><text>Mensheviks</text></answer>
    <answer fraction="50"><text>Socialist Revolutionaries</text></answer>
    <answer fraction="-100"><text>Kadets</text><feedback><text>Not socialist.</text></feedback></answer>
  </question>
  <question type="truefalse">
    <name><text>Opened</text></name>
    <questiontext format="html"><text>Lenin opened the Conference.</text></questiontext>
    <answer fraction="0"><text>true</text></answer>
    <answer fraction="100"><text>false</text></answer>
  </question>
  <question type="numerical">
    <name><text>Delegates</text></name>
    <questiontext format="html"><text>How many delegates came?</text></questiontext>
    <answer fraction="100"><text>480</text><tolerance>20</tolerance></answer>
  </question>
  <question type="shortanswer">
    <name><text>Typed</text></name>
    <questiontext format="html"><text>Who chaired the Petrograd Soviet?</text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100"><text>Chkheidze</text></answer>
    <answer fraction="100"><text>Nikolay Chkheidze</text></answer>
  </question>
  <question type="matching">
    <name><text>Match</text></name>
    <questiontext format="html"><text>Match each person with their party.</text></questiontext>
    <subquestion format="html"><text>Lenin</text><answer><text>Bolsheviks</text></answer></subquestion>
    <subquestion format="html"><text>Chkheidze</text><answer><text>Mensheviks</text></answer></subquestion>
    <subquestion format="html"><text></text><answer><text>Kadets</text></answer></subquestion>
  </question>
  <question type="ordering">
    <name><text>Order</text></name>
    <questiontext format="html"><text>Put these in order.</text></questiontext>
    <answer fraction="2"><text>Lenin arrives</text></answer>
    <answer fraction="1"><text>The Conference opens</text></answer>
  </question>
  <question type="essay">
    <name><text>Essay</text></name>
    <questiontext format="html"><text>Write about it.</text></questiontext>
  </question>
  <question type="calculated">
    <name><text>Sum</text></name>
    <questiontext format="html"><text>What is {a} + {b}?</text></questiontext>
  </question>
  <question type="multichoice">
    <name><text>Picture</text></name>
    <questiontext format="html"><text><![CDATA[Who is this? <img src="@@PLUGINFILE@@/x.png">]]></text>
      <file name="x.png" encoding="base64">iVBORw0KGgo=</file></questiontext>
    <single>true</single>
    <answer fraction="100"><text>Lenin</text></answer>
    <answer fraction="0"><text>Kamenev</text></answer>
  </question>
</quiz>
"""


def test_moodle_xml_every_kind_is_read_with_cdata_and_entities():
    reading = read(XML_EVERY_KIND)
    by_name = {q.name: q for q in reading.questions}
    assert all(q.usable for q in reading.questions), [q.problems for q in reading.questions]
    chair = by_name["Chair"].written
    assert chair.prompt["en"] == "Who chaired the Petrograd Soviet & its council?"
    assert chair.explanation["en"] == "Chkheidze\u00a0did." or chair.explanation["en"] == (
        "Chkheidze did."
    )
    assert [(c.text["en"], c.correct, c.feedback["en"]) for c in chair.options] == [
        ("Chkheidze", True, "Yes."), ("Lenin & Kamenev", False, "They were Bolsheviks.")
    ]  # fmt: skip
    assert chair.keep_order
    parties = by_name["Parties"].written
    assert parties.kind == "multiple_response"
    assert [c.correct for c in parties.options] == [True, True, False]
    assert parties.options[2].feedback["en"] == "Not socialist."
    assert by_name["Opened"].written.truth is False
    delegates = by_name["Delegates"].written
    assert (delegates.number, delegates.tolerance) == ("480", "20")
    assert by_name["Typed"].written.accepted == {"en": ["Chkheidze", "Nikolay Chkheidze"]}
    match = by_name["Match"]
    assert [(left["en"], right["en"]) for left, right in match.written.pairs] == [
        ("Lenin", "Bolsheviks"), ("Chkheidze", "Mensheviks")
    ]  # fmt: skip
    assert match.notes == ["The extra wrong match “Kadets” is not kept."]
    order = by_name["Order"].written
    assert [item["en"] for item in order.items] == ["The Conference opens", "Lenin arrives"]
    reasons = {s.name: s.reason for s in reading.skipped}
    assert reasons == {
        "Essay": "An essay question: a teacher marks it, and questions here are marked by the site.",
        "Sum": "A calculated question, a type questions here do not have.",
        "Picture": "It shows an image or other media, which questions here cannot show.",
    }


def test_moodle_xml_losses_are_noted():
    xml = """<quiz><question type="shortanswer"><name><text>Typed</text></name>
      <questiontext format="html"><text>Who?</text></questiontext><usecase>1</usecase>
      <answer fraction="100"><text>Chkheidze</text><feedback><text>Yes</text></feedback></answer>
      <answer fraction="100"><text>Chk*</text></answer>
      <answer fraction="50"><text>Cheidze</text></answer></question></quiz>"""
    question = only(read(xml))
    assert question.usable and question.written.accepted == {"en": ["Chkheidze"]}
    assert question.notes == [
        "Partly right answers are not kept: they score nothing.",
        "The feedback on each typed answer is not kept.",
        "Answers were case-sensitive; here case never counts.",
        "Answers with the wildcard * are not kept: Chk*",
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<quiz><question>", "This is not a well-formed XML file"),
        (b"<html><body>Hello</body></html>", "not a Moodle question export"),
        (
            b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><quiz>&b;</quiz>',
            "declares entities or a document type",
        ),
        (
            b'<?xml version="1.0"?><!DOCTYPE quiz [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
            b"<quiz><question type='truefalse'><name><text>&x;</text></name></question></quiz>",
            "declares entities or a document type",
        ),
    ],
    ids=["unclosed", "not-moodle", "entity-expansion", "external-entity"],
)
def test_a_malformed_or_hostile_xml_file_is_refused_with_a_reason(content, message):
    with pytest.raises(importers.ImportRefused, match=message):
        read(content, fmt="moodlexml")


def test_a_file_over_one_megabyte_is_refused():
    with pytest.raises(importers.ImportRefused, match="larger than 1 MB"):
        read("::Q::x {T}\n\n" * 100_000)


def test_a_file_that_is_not_utf8_text_is_refused():
    with pytest.raises(importers.ImportRefused, match="not text in UTF-8"):
        read(b"::Q::\xff\xfe caf\xe9 {T}")


def test_only_the_first_500_questions_of_a_file_are_read():
    reading = read("\n\n".join(f"::Q{n}::Statement {n}. {{T}}" for n in range(510)))
    assert len(reading.questions) == 500
    assert reading.skipped[-1].reason == "Only the first 500 questions of the file are read."


# -- our own exports, read back --------------------------------------------------------------
def _same(question: Question, imported, language: str):
    """What a student sees and is scored against, in the exported language."""
    payload = question.payload
    back = w.payload(imported.written, "teacher/x")
    assert back["kind"] == payload["kind"], question.uid
    assert back["prompt"][language] == payload["prompt"][language], question.uid
    assert back["explanation"][language] == payload["explanation"][language], question.uid
    assert back["sources"] and back["sources"][0]["title"].startswith(
        payload["sources"][0]["title"]
    )
    kind = payload["kind"]
    if kind in ("single_choice", "multiple_response"):

        def options(p):
            by_id = {o["id"]: o for o in p["options"]}
            return [
                (by_id[i]["text"][language], by_id[i]["correct"],
                 (by_id[i]["feedback"] or {}).get(language, ""))
                for i in p["order"][language]
            ]  # fmt: skip

        assert options(back) == options(payload), question.uid
    elif kind == "true_false":
        assert back["truth"] is payload["truth"]
    elif kind == "numeric":
        assert (back["number"], back["tolerance"]) == (payload["number"], payload["tolerance"])
    elif kind == "ordering":
        assert [i["text"][language] for i in back["items"]] == [
            i["text"][language] for i in payload["items"]
        ]
    elif kind == "matching":

        def pairs(p):
            rights = {r["id"]: r["text"][language] for r in p["rights"]}
            return [(left["text"][language], rights[left["match"]]) for left in p["lefts"]]

        assert pairs(back) == pairs(payload)
    else:
        assert back["answer_text"][language] == payload["answer_text"][language]
        for typed in payload["accepted"]:
            assert scoring.score(back, {"text": typed}) == 1.0, (question.uid, typed)


@pytest.mark.parametrize("language", ["en", "it"])
@pytest.mark.parametrize("exporter", [gift_export, xml_export], ids=["gift", "moodlexml"])
def test_our_export_of_the_whole_bank_imports_as_the_same_questions(
    question_bank, exporter, language
):
    questions = list(Question.objects.bank().order_by("uid"))
    text = exporter.export(from_questions(questions, language), language)
    reading = read(text, language=language)
    assert reading.skipped == [] and len(reading.usable) == len(questions)
    assert all(not q.notes for q in reading.questions), [q.notes for q in reading.questions]
    for question, imported in zip(questions, reading.questions, strict=True):
        _same(question, imported, language)


def test_a_teachers_own_set_exported_and_imported_gives_the_same_questions(question_bank, client):
    from tests.quizzes.authoring import KINDS, own_question

    teacher = TeacherFactory()
    question_set = QuestionSetFactory(owner=teacher)
    for kind in KINDS:
        own_question(teacher, kind, question_set=question_set, source="Class notes")
    client.force_login(teacher)
    for fmt in ("gift", "moodlexml"):
        exported = client.get(reverse("quizzes:set_export", args=[question_set.pk, fmt]))
        reading = read(exported.content)
        originals = selectors.set_questions_for_attempt(question_set)
        assert [q.written.kind for q in reading.usable] == list(KINDS)
        for question, imported in zip(originals, reading.questions, strict=True):
            back = w.payload(imported.written, "teacher/x")
            assert back["sources"] == [{"title": "Class notes", "language": "", "paragraph": None}]
            assert back["prompt"]["en"] == question.payload["prompt"]["en"]


# -- the pages -------------------------------------------------------------------------------
@pytest.fixture
def teacher(question_bank, client):
    user = TeacherFactory(username="ms-rossi")
    client.force_login(user)
    return user


def _upload(content: str, name: str = "questions.txt"):
    return SimpleUploadedFile(name, content.encode(), content_type="text/plain")


def test_an_import_is_previewed_with_problems_marked_then_confirmed(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    url = reverse("quizzes:question_import")
    content = GIFT_EVERY_KIND + "\n\n::Essay::Write. {}\n\n::Same::Who? {=Lenin ~lenin}\n"
    response = client.post(url, {"file": _upload(content), "topic": "people", "language": "en",
                                 "format": "", "set": str(question_set.pk)})  # fmt: skip
    html = response.content.decode()
    assert response.status_code == 200 and not Question.objects.filter(author=teacher).exists()
    assert "8 questions can be imported." in html
    assert "“Same” cannot be imported:" in html and "two rows must differ" in html
    assert "An essay question" in html
    assert "The feedback on each answer is not kept" in html
    assert html.count('name="chosen"') == 8
    packed = html.split('name="content" value="')[1].split('"')[0]
    response = client.post(url, {"content": packed, "topic": "people", "language": "en",
                                 "format": "", "set": str(question_set.pk), "confirm": "1",
                                 "chosen": ["1", "2", "4"]})  # fmt: skip
    assert response["Location"].startswith(reverse("quizzes:set_edit", args=[question_set.pk]))
    stored = Question.objects.filter(author=teacher).order_by("pk")
    assert [q.kind for q in stored] == ["single_choice", "multiple_response", "numeric"]
    assert all(not q.in_bank for q in stored)
    assert question_set.items.count() == 3


def test_an_import_without_a_file_or_with_a_bad_one_says_so_in_the_page(teacher, client):
    url = reverse("quizzes:question_import")
    html = client.post(url, {"topic": "people", "language": "en"}).content.decode()
    assert "Choose a file to import." in html
    bomb = _upload('<!DOCTYPE q [<!ENTITY a "x">]><quiz>&a;</quiz>', "q.xml")
    html = client.post(url, {"file": bomb, "topic": "people", "language": "en"}).content.decode()
    assert "declares entities or a document type" in html


def test_a_tampered_confirmation_is_refused_not_a_server_error(teacher, client):
    url = reverse("quizzes:question_import")
    for packed in ("not base64!", importers.pack(b"x" * 10)[:-4] + "AAAA", ""):
        response = client.post(url, {"content": packed, "topic": "people", "language": "en",
                                     "confirm": "1", "chosen": ["1"]})  # fmt: skip
        assert response.status_code == 200
    assert not Question.objects.filter(author=teacher).exists()


def test_a_packed_file_cannot_unpack_beyond_the_size_limit():
    import base64
    import zlib

    bomb = base64.b64encode(zlib.compress(b"\n" * (importers.common.MAX_BYTES * 4))).decode()
    with pytest.raises(importers.ImportRefused, match="larger than 1 MB"):
        importers.unpack(bomb)
