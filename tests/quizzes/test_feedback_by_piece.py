"""Feedback on matching, ordering and multiple response marks each piece of the answer,
with the right one beside a wrong one; partly right is not wrong."""

import re

import pytest
from django.urls import reverse

from quizzes.presenting import answer_parts
from tests.quizzes.student import answer_data, slot, start
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db
MATCHING = {
    "kind": "matching",
    "lefts": [
        {"id": "l1", "text": {"en": "Chkheidze"}, "match": "r1"},
        {"id": "l2", "text": {"en": "Kamenev"}, "match": "r2"},
    ],
    "rights": [
        {"id": "r1", "text": {"en": "Menshevik"}},
        {"id": "r2", "text": {"en": "Bolshevik"}},
    ],
}
ORDERING = {
    "kind": "ordering",
    "items": [{"id": f"i{n}", "text": {"en": text}} for n, text in enumerate("ABC", start=1)],
}
MULTIPLE = {
    "kind": "multiple_response",
    "order": {"en": ["o1", "o2", "o3", "o4"]},
    "options": [
        {"id": "o1", "text": {"en": "right, picked"}, "correct": True},
        {"id": "o2", "text": {"en": "wrong, picked"}, "correct": False},
        {"id": "o3", "text": {"en": "right, missed"}, "correct": True},
        {"id": "o4", "text": {"en": "wrong, left"}, "correct": False},
    ],
}


def test_each_pair_of_a_matching_answer_is_marked_with_the_right_match_beside_it():
    parts = answer_parts(MATCHING, {"pairs": {"l1": "r1", "l2": "r1"}}, "en")
    assert [(p.label, p.given, p.right, p.key) for p in parts] == [
        ("Chkheidze", "Menshevik", True, "Menshevik"),
        ("Kamenev", "Menshevik", False, "Bolshevik"),
    ]


def test_each_place_of_an_ordering_answer_is_marked_with_the_event_that_belongs_there():
    parts = answer_parts(ORDERING, {"order": ["i1", "i3", "i2"]}, "en")
    assert [(p.label, p.given, p.right, p.key) for p in parts] == [
        ("1", "A", True, "A"),
        ("2", "C", False, "B"),
        ("3", "B", False, "C"),
    ]


def test_a_multiple_response_answer_says_which_picks_were_right_and_what_was_missed():
    parts = answer_parts(MULTIPLE, {"options": ["o1", "o2"]}, "en")
    assert [(p.given, p.right, p.picked) for p in parts] == [
        ("right, picked", True, True),
        ("wrong, picked", False, True),
        ("right, missed", True, False),
    ]


def matching_half_right(attempt) -> dict:
    data = answer_data(attempt, 0)
    payload = slot(attempt, 0).question.payload
    pairs = [k for k in data if k.startswith("pair_")]
    # The last two matches swapped: the first pair stays right.
    data[pairs[-1]], data[pairs[-2]] = data[pairs[-2]], data[pairs[-1]]
    assert len(payload["lefts"]) >= 3
    return data


def test_the_feedback_on_a_partly_right_matching_marks_each_pair(question_bank, client):
    attempt = start(client, kinds=["matching", "true_false"])
    client.post(reverse("quizzes:answer", args=[attempt.pk]), matching_half_right(attempt))
    html = client.get(reverse("quizzes:feedback", args=[attempt.pk, 1])).content.decode()
    assert "Partly right" in html and "review-item partly" in html
    assert len(re.findall(r'class="part right"', html)) == 1
    assert len(re.findall(r'class="part wrong"', html)) == 2
    assert html.count("Right match:") == 2
    assert " → " in html.split('class="key-list"')[1]  # the right pairs, one a line


def test_the_teachers_view_of_an_attempt_marks_each_pair_too(question_bank, client):
    question_set = published_set(kinds=("matching", "true_false"))
    from quizzes import teaching

    attempt = teaching.set_start(
        question_set=question_set, nickname="Ann", owner_token="test-owner-token"
    )
    from tests.quizzes.student import set_session

    set_session(client, quiz_owner="test-owner-token")
    client.post(reverse("quizzes:answer", args=[attempt.pk]), matching_half_right(attempt))
    client.force_login(question_set.owner)
    html = client.get(
        reverse("quizzes:set_attempt", args=[question_set.pk, attempt.pk])
    ).content.decode()
    assert html.count("Right match:") == 2 and 'class="part right"' in html
