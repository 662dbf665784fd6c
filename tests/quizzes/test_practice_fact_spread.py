"""A practice quiz asks one question per fact, and when it is longer than its topic has
facts, never two questions on one fact in a row."""

import itertools
import random
from types import SimpleNamespace

import pytest

from quizzes import selectors

pytestmark = pytest.mark.django_db


def asked_twice_in_a_row(questions) -> list:
    return [(a.uid, b.uid) for a, b in itertools.pairwise(questions) if set(a.facts) & set(b.facts)]


def test_questions_on_one_fact_are_kept_apart_whenever_they_can_be():
    # Three questions on "opened", two on "chairman", one elsewhere: an order with no two
    # neighbours on one fact exists (o c o c o x would do), and is found every time.
    facts = [["opened"], ["opened"], ["opened"], ["chairman"], ["chairman"], ["delegates"]]
    questions = [SimpleNamespace(uid=f"q{i}", facts=f) for i, f in enumerate(facts)]
    for seed in range(50):
        order = selectors.spread(questions, rng=random.Random(seed))
        assert sorted(q.uid for q in order) == sorted(q.uid for q in questions)
        assert asked_twice_in_a_row(order) == []


def test_when_no_order_keeps_them_apart_the_fewest_meet():
    questions = [SimpleNamespace(uid=f"q{i}", facts=["same"]) for i in range(3)]
    order = selectors.spread(questions, rng=random.Random(1))
    assert len(order) == 3


@pytest.mark.parametrize("round_", range(3))
def test_a_quiz_from_all_topics_asks_each_fact_once(question_bank, round_):
    questions = selectors.practice_questions(length=10, topic="", avoid=set())
    facts = [f for q in questions for f in q.facts]
    assert len(questions) == 10 and len(facts) == len(set(facts))


@pytest.mark.parametrize("topic", ["people", "bodies", "composition", "chronology"])
def test_a_quiz_longer_than_its_topics_facts_never_asks_one_fact_twice_in_a_row(
    question_bank, topic
):
    for _round in range(8):
        questions = selectors.practice_questions(length=10, topic=topic, avoid=set())
        facts = [f for q in questions for f in q.facts]
        assert len(facts) > len(set(facts)), "the topic has fewer facts than the quiz"
        assert asked_twice_in_a_row(questions) == []
