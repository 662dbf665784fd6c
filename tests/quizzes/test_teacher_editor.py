"""The set editor as a newcomer uses it: the bank shows a question in full before it is
added and says "Added" after; Remove and Move say where the keyboard goes next; saving the
settings renames the page; preview, print and a student's attempt read right."""

import re

import pytest
from django.urls import reverse
from django.utils.html import escape

from quizzes import teaching
from quizzes.models import Question
from quizzes.presenting import key_text
from quizzes.views.teacher import bank_rows
from tests.factories import QuestionSetFactory, TeacherFactory
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def teacher(question_bank, client):
    user = TeacherFactory(username="ms-rossi")
    client.force_login(user)
    return user


def bank_item(html: str, question) -> str:
    end = r'(?=\s*<li id="bank-q|\s*</ul>\s*</div>|\s*$)'
    match = re.search(rf'<li id="bank-q{question.pk}".*?</li>{end}', html, re.S)
    assert match, question.uid
    return match[0]


def test_a_bank_question_opens_to_its_options_key_and_explanation(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    question = Question.objects.bank().filter(kind="single_choice").order_by("topic", "uid").first()
    html = client.get(
        reverse("quizzes:set_bank", args=[question_set.pk]),
        {"kind": "single_choice", "topic": question.topic, "language": "en"},
        **HTMX,
    ).content.decode()
    item = bank_item(html, question)
    assert "<details" in item and "Show the answer and explanation" in item
    for option in question.payload["options"]:
        assert option["text"]["en"] in item
    right = next(o for o in question.payload["options"] if o["correct"])
    assert f'<li class="right"><span aria-hidden="true">✔</span> {right["text"]["en"]}' in item
    assert key_text(question.payload, "en") in item
    assert question.payload["explanation"]["en"] in item


def test_a_question_in_the_set_shows_added_in_the_bank_instead_of_a_button(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    question = Question.objects.bank().filter(kind="true_false").order_by("topic", "uid").first()
    teaching.set_add(question_set=question_set, questions=[question])
    html = client.get(
        reverse("quizzes:set_bank", args=[question_set.pk]),
        {"kind": "true_false", "topic": question.topic},
        **HTMX,
    ).content.decode()
    item = bank_item(html, question)
    assert "Added" in item and "<button" not in item


def test_two_questions_of_the_same_wording_are_told_apart(teacher):
    questions = list(Question.objects.bank().filter(kind="single_choice")[:2])
    for question in questions:
        question.payload["prompt"]["en"] = "Who chaired the Conference?"
    rows = bank_rows(questions, "en", set())
    assert all(row.differs_by for row in rows)
    assert rows[0].differs_by != rows[1].differs_by
    # A question whose wording no other shares needs no such line.
    assert not bank_rows(questions[:1], "en", set())[0].differs_by


def test_adding_without_javascript_comes_back_to_the_bank_row_with_the_filters(teacher, client):
    question_set = QuestionSetFactory(owner=teacher)
    question = Question.objects.bank().filter(kind="numeric").first()
    response = client.post(
        reverse("quizzes:set_add", args=[question_set.pk]),
        {"uid": question.uid, "filters": "kind=numeric&evil=1&q=delegates"},
    )
    edit = reverse("quizzes:set_edit", args=[question_set.pk])
    assert response["Location"] == f"{edit}?kind=numeric&q=delegates#bank-q{question.pk}"


def test_removing_a_question_sends_the_keyboard_to_the_next_one(teacher, client):
    question_set = published_set(owner=teacher, kinds=("single_choice", "true_false", "numeric"))
    first, second, third = question_set.items.order_by("position")
    url = reverse("quizzes:set_remove", args=[question_set.pk])
    html = client.post(url, {"item": first.pk}, **HTMX).content.decode()
    focused = re.findall(r'<li id="item-(\d+)">(?:(?!</li>).)*data-focus', html, re.S)
    assert focused == [str(second.pk)]
    assert "set-changed" in client.post(url, {"item": third.pk}, **HTMX)["HX-Trigger"]
    # The last one gone: the sentence that says the list is empty takes the focus.
    html = client.post(url, {"item": second.pk}, **HTMX).content.decode()
    assert 'id="no-questions" tabindex="-1" data-focus' in html


def test_moving_a_question_keeps_the_keyboard_on_its_button(teacher, client):
    question_set = published_set(owner=teacher, kinds=("single_choice", "true_false", "numeric"))
    last = question_set.items.order_by("position").last()
    url = reverse("quizzes:set_move", args=[question_set.pk])
    html = client.post(url, {"item": last.pk, "direction": "up"}, **HTMX).content.decode()
    item = re.search(rf'<li id="item-{last.pk}">.*?</li>', html, re.S)[0]
    assert re.search(r'data-focus><span aria-hidden="true">↑', item)


def test_saving_the_settings_renames_the_heading_and_the_tab_in_place(teacher, client):
    question_set = QuestionSetFactory(owner=teacher, title="Old title")
    data = {"title": "Class 3B", "description": "", "language": "en", "behaviour": "immediate",
            "attempts_allowed": "1", "points_per_question": "1", "tries": "3",
            "penalty": "0.5", "grace_seconds": "60", "grading_method": "highest"}  # fmt: skip
    response = client.post(reverse("quizzes:set_edit", args=[question_set.pk]), data, **HTMX)
    html = response.content.decode()
    assert html.startswith("<title>Class 3B · Conference quiz</title>")
    assert '<h1 id="set-heading" hx-swap-oob="true">Class 3B' in html
    assert "Old title" not in html


def test_the_note_on_corrected_questions_says_which(teacher, client):
    question_set = published_set(owner=teacher, kinds=("single_choice", "true_false", "numeric"))
    item = question_set.items.order_by("position")[1]
    Question.objects.filter(pk=item.question_id).update(status=Question.Status.RETIRED)
    html = client.get(reverse("quizzes:set_edit", args=[question_set.pk])).content.decode()
    assert "One question was updated after a fact was corrected" in html
    prompt = item.question.payload["prompt"]["en"].split()[0]
    assert re.search(rf'<a href="#item-{item.pk}">Question 2</a>: <span lang="en">{prompt}', html)


def test_preview_shows_the_answers_when_asked(teacher, client):
    question_set = published_set(owner=teacher, kinds=("single_choice", "numeric"))
    url = reverse("quizzes:set_preview", args=[question_set.pk])
    payload = question_set.items.get(question__kind="numeric").question.payload
    assert "The right answer" not in client.get(url).content.decode()
    html = client.get(url, {"answers": "1"}).content.decode()
    assert html.count("The right answer") == 2
    assert escape(key_text(payload, "en")) in html and escape(payload["explanation"]["en"]) in html


def test_print_gives_matching_two_lettered_columns_and_ordering_events_to_number(teacher, client):
    question_set = published_set(owner=teacher, kinds=("matching", "ordering", "numeric"))
    url = reverse("quizzes:set_print", args=[question_set.pk])
    html = client.get(url).content.decode()
    assert "Choose…" not in html and "<select" not in html  # no closed drop-downs on paper
    assert "Use the buttons" not in html and "<button" not in html.split("<h1>")[1]
    assert '<ol class="rights" type="A">' in html and '<ol class="print-ordering" type="a">' in html
    matching = question_set.items.get(question__kind="matching").question.payload
    assert all(left["text"]["en"] in html for left in matching["lefts"])


def test_the_printed_key_is_one_entry_per_question_in_the_letters_written(teacher, client):
    question_set = published_set(owner=teacher, kinds=("matching", "ordering", "numeric"))
    html = client.get(reverse("quizzes:set_print", args=[question_set.pk]), {"key": "1"})
    html = html.content.decode()
    key = html[html.index('<section class="answer-key">') :]
    assert key.count("<dt>Question ") == 3
    numeric = question_set.items.get(question__kind="numeric").question.payload
    # The figure stands after "Answer:", never where an item number would be.
    assert f"Answer: <strong>{escape(key_text(numeric, 'en'))}</strong>" in key
    letters = re.findall(r'<strong class="key-letters">([^<]+)</strong>', key)
    assert len(letters) == 2
    assert re.fullmatch(r"1 [A-Z](, \d [A-Z])*", letters[0])
    assert re.fullmatch(r"a \d(, [a-z] \d)*", letters[1])


def test_the_teacher_reads_the_students_answer_not_your_answer(teacher, client):
    question_set = published_set(owner=teacher, kinds=("true_false",))
    attempt = teaching.set_start(question_set=question_set, nickname="Ann", owner_token="ann")
    html = client.get(
        reverse("quizzes:set_attempt", args=[question_set.pk, attempt.pk])
    ).content.decode()
    assert "The student’s answer" in html and "Your answer" not in html
    assert "0 of 1 point)" in html  # one point: singular


@pytest.mark.parametrize(("added", "message"), [
    (1, "Only 1 more question fits: the others would repeat facts"),
    (3, "Only 3 more questions fit: the others would repeat facts"),
])  # fmt: skip
def test_adding_random_questions_says_how_many_more_fit_in_a_proper_plural(
    teacher, client, monkeypatch, added, message
):
    question_set = QuestionSetFactory(owner=teacher)
    # The bank runs short of new facts after `added` questions.
    monkeypatch.setattr(teaching, "set_add_random", lambda **kwargs: added)
    response = client.post(
        reverse("quizzes:set_add_random", args=[question_set.pk]),
        {"topic": "composition", "count": "10"},
        follow=True,
    )
    assert message in response.content.decode()
