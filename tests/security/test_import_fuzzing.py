"""Hostile files for the import, and hostile input to the question form and the sharing form:
a clear refusal or a list of problems, never a server error, never markup in the page.

The importers are pure: random and malformed files go straight at them (they may refuse a
file with ImportRefused, and nothing else may escape); the pages get the same through the
test client, as in test_fuzzing.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import example, given
from hypothesis import strategies as st

from quizzes import importers
from quizzes.authoring import written as w
from tests.security.test_fuzzing import FUZZ, HOSTILE, form, scalars, send

pytestmark = pytest.mark.django_db

GIFT_PIECES = ["{", "}", "=", "~", "#", "####", ":", "::", "\\", "\\n", "->", "%50%", "%-100%",
               "%x%", "T", "FALSE", "#1..", "..", ":5", "[html]", "[markdown]", "<img src=x>",
               "$CATEGORY: x", "// note", "\n", "\n\n", " ", "Lenin", "1917", "é", "\x00",
               "<script>alert(1)</script>", "1e999999999", "NaN", "-0"]  # fmt: skip
gift_files = st.lists(st.sampled_from(GIFT_PIECES) | st.text(max_size=8), max_size=60).map("".join)
XML_PIECES = ["<quiz>", "</quiz>", '<question type="multichoice">', '<question type="truefalse">',
              '<question type="matching">', '<question type="numerical">',
              '<question type="shortanswer">', '<question type="ordering">',
              '<question type="essay">', '<question type="bogus">', "</question>",
              "<questiontext format='html'><text>", "</text></questiontext>", "<answer fraction='100'>",
              "<answer fraction='x'>", "<answer fraction='1e999'>", "<answer fraction='NaN'>",
              "<answer>", "</answer>", "<text>", "</text>", "<subquestion>", "</subquestion>",
              "<single>true</single>", "<tolerance>abc</tolerance>", "<![CDATA[<b>x</b>]]>",
              "&amp;", "&lt;", "&#0;", "&#x1F600;", "&nbsp;", "<!DOCTYPE quiz>", "<?xml version='1.0'?>",
              "<file encoding='base64'>AAA</file>", "Lenin", "<script>alert(1)</script>"]  # fmt: skip
xml_files = st.lists(st.sampled_from(XML_PIECES) | st.text(max_size=8), max_size=60).map("".join)


def read_anything(data: bytes, fmt: str = "") -> None:
    """The importers either refuse the file or read it; what they read can be checked and,
    if usable, stored as a payload."""
    try:
        reading = importers.read(data, fmt=fmt, language="en", topic="people")
    except importers.ImportRefused as refusal:
        assert str(refusal)
        return
    for question in reading.usable:
        w.payload(question.written, "teacher/fuzz")
    for skipped in reading.skipped:
        assert skipped.reason


@FUZZ
@given(text=gift_files)
@example(text="::a::b {=c -> d ~e}")
@example(text="{#1..}")
@example(text="{#1e999999999:1}")
@example(text="::t::{" + "=a" * 2000 + "}")
@example(text="\\" * 5000)
def test_random_gift_files_are_read_or_refused_never_a_crash(text):
    read_anything(text.encode("utf-8", "surrogatepass"), "gift")


@FUZZ
@given(text=xml_files)
@example(text="<quiz>" + "<question type='truefalse'>" * 500 + "</quiz>")
@example(text="<quiz><question type='multichoice'><answer fraction='100'/></question></quiz>")
def test_random_xml_files_are_read_or_refused_never_a_crash(text):
    read_anything(text.encode("utf-8", "surrogatepass"), "moodlexml")


@FUZZ
@given(data=st.binary(max_size=2000))
def test_random_bytes_are_read_or_refused_never_a_crash(data):
    read_anything(data)


def test_the_billion_laughs_is_refused_before_any_expansion():
    laughs = ['<!ENTITY lol0 "lol">'] + [
        f'<!ENTITY lol{n} "{f"&lol{n - 1};" * 10}">' for n in range(1, 10)
    ]
    bomb = f'<?xml version="1.0"?><!DOCTYPE quiz [{"".join(laughs)}]><quiz>&lol9;</quiz>'
    with pytest.raises(importers.ImportRefused, match="declares entities"):
        importers.read(bomb.encode(), fmt="moodlexml", language="en", topic="people")


def test_places_that_are_digits_only_to_unicode_do_not_crash_our_ordering_reader():
    ours = (
        "<quiz><question type='category'><category><text>$course$/Conference quiz/en</text>"
        "</category></question><question type='matching'><questiontext><text>Order them. Give "
        "each event its place in time, 1 being the earliest.</text></questiontext>"
        "<subquestion><text>A</text><answer><text>²</text></answer></subquestion>"
        "<subquestion><text>B</text><answer><text>1</text></answer></subquestion>"
        "</question></quiz>"
    )
    read_anything(ours.encode(), "moodlexml")


def test_a_deeply_nested_xml_file_is_refused_or_read_never_a_crash():
    read_anything(b"<quiz>" + b"<a>" * 50_000 + b"</a>" * 50_000 + b"</quiz>", "moodlexml")


# -- the pages -------------------------------------------------------------------------------
@pytest.fixture
def scene(shared_scene):
    for client in shared_scene.clients.values():
        client.raise_request_exception = False
    return shared_scene


KIND = st.sampled_from(["single_choice", "multiple_response", "true_false", "numeric", "ordering",
                        "matching", "short_answer"])  # fmt: skip


@FUZZ
@given(
    data=form(
        kind=KIND,
        rows=st.sampled_from(["4", "12", "2", "-1", "999999999999", "x"]),
        prompt_en=st.just("Who?"),
        option_1_en=st.just("Lenin"),
        option_1_correct=st.just("on"),
        option_2_en=st.just("Kamenev"),
        left_1_en=st.just("Lenin"),
        right_1_en=st.just("Bolsheviks"),
        item_1_en=st.just("First"),
        number=st.sampled_from(["480", "1e309", "NaN", "4,5"]),
        tolerance=st.sampled_from(["", "5", "-1", "x"]),
        truth=st.sampled_from(["true", "false", "maybe"]),
        accepted_en=st.just("Lenin"),
        topic=st.sampled_from(["people", "", "nope"]),
        level=st.sampled_from(["recall", "understanding", "x"]),
        facts=st.sampled_from([["event:lenin-arrives"], ["x:y"], "event:lenin-arrives"]),
        more=st.sampled_from(["1", ""]),
        set=st.sampled_from(["", "1", "x", "-1", "99999999999999999999", "²"]),
    )
)
@example(data={"kind": "matching", "prompt_en": "<script>alert(1)</script>", "topic": "people",
               "left_1_en": "<img src=x onerror=alert(1)>"})  # fmt: skip
def test_the_question_form_survives_hostile_input(scene, data):
    response = send(scene.clients["set_owner"], "post", reverse("quizzes:question_new"), data)
    assert response.status_code in (200, 302, 404)


@FUZZ
@given(
    data=form(
        topic=st.sampled_from(["people", ""]),
        language=st.sampled_from(["en", "it", "xx"]),
        format=st.sampled_from(["", "gift", "moodlexml", "pdf"]),
        content=st.one_of(st.just(importers.pack(b"::Q::x {T}")), scalars),
        confirm=st.just("1"),
        chosen=st.sampled_from([["1"], ["x"], "1"]),
    )
)
def test_the_import_confirmation_survives_hostile_input(scene, data):
    send(scene.clients["set_owner"], "post", reverse("quizzes:question_import"), data)


@pytest.mark.parametrize("content", [b"\x00\x01\x02" * 100, b"<quiz>" * 200_000, b"{" * 300_000,
                                     b"::Q::<script>alert(1)</script> {T}"],
                         ids=["binary", "huge-xml", "braces", "markup"])  # fmt: skip
def test_hostile_uploads_are_answered_with_a_page(scene, content):
    upload = SimpleUploadedFile("quiz.txt", content, content_type="text/plain")
    data = {"file": upload, "topic": "people", "language": "en", "format": ""}
    response = send(scene.clients["set_owner"], "post", reverse("quizzes:question_import"), data)
    assert response.status_code == 200


@FUZZ
@given(data=form(username=scalars, remove=scalars))
def test_the_sharing_form_survives_hostile_input(scene, data):
    url = reverse("quizzes:set_teachers", args=[scene.question_set.pk])
    send(scene.clients["set_owner"], "post", url, data)


@FUZZ
@given(key=st.sampled_from(HOSTILE) | st.text(max_size=30))
def test_hostile_question_keys_are_a_404_never_an_error(scene, key):
    from urllib.parse import quote

    url = "/teach/questions/" + quote(key, safe="") + "/"
    response = send(scene.clients["set_owner"], "get", url, {})
    assert response.status_code in (200, 301, 404)
