"""quizzes/slots.py reads and writes the answer path's rows with its own SQL: what it loads and
what it stores must be exactly what the ORM loads and stores."""

import datetime

import pytest
from django.db import IntegrityError
from django.utils import timezone

from quizzes import services, slots
from quizzes.models import AttemptQuestion, Question, Response
from tests.quizzes.student import start

pytestmark = pytest.mark.django_db


@pytest.fixture
def bank(question_bank):
    """The real bank (generated once per test database)."""


def fields(instance) -> dict:
    return {f.attname: getattr(instance, f.attname) for f in type(instance)._meta.concrete_fields}


def test_a_slot_its_attempt_and_question_load_as_the_orm_loads_them(bank, client):
    attempt = start(client, kinds=["matching", "ordering", "true_false"], minutes=20)
    found = slots.at(attempt_id=attempt.pk, owner_token=attempt.owner_token, user=None,
                     positions=[0, 1, 2])  # fmt: skip
    assert sorted(found) == [0, 1, 2]
    for position, slot in found.items():
        orm = AttemptQuestion.objects.select_related("attempt", "question").get(
            attempt=attempt, position=position
        )
        # Only what answering reads is loaded; the rest comes from the ORM when read.
        all_fields = {f.attname for f in Question._meta.concrete_fields}
        assert slot.question.get_deferred_fields() == all_fields - set(slots.QUESTION_FIELDS)
        assert fields(slot) == fields(orm)
        assert fields(slot.attempt) == fields(orm.attempt)
        assert fields(slot.question) == fields(orm.question)
        assert isinstance(slot.attempt.deadline, datetime.datetime)
        assert slot.attempt.deadline.tzinfo is not None
    assert found[0].attempt is found[1].attempt is found[2].attempt  # one instance
    loaded = found[0].attempt
    assert not loaded._state.adding and loaded._state.db == "default"
    loaded.nickname = "Renamed"
    loaded.save(update_fields=["nickname"])  # an UPDATE of the row it came from
    attempt.refresh_from_db()
    assert attempt.nickname == "Renamed"


def test_a_slot_of_another_visitor_is_not_loaded(bank, client):
    attempt = start(client, kinds=["true_false"])
    assert slots.current(attempt_id=attempt.pk, owner_token="someone else", user=None) is None
    assert slots.current(attempt_id=attempt.pk, owner_token="", user=None) is None


def test_the_response_returned_is_the_response_stored(bank, client):
    attempt = start(client, kinds=["matching", "true_false"], minutes=20)
    slot = slots.current(attempt_id=attempt.pk, owner_token=attempt.owner_token, user=None)
    answer = {"pairs": {"l1": "r1"}}
    now = timezone.now()
    returned = services.answer_submit(slot=slot, answer=answer, now=now).response
    stored = Response.objects.get(attempt=attempt, position=0)
    assert fields(returned) == fields(stored)
    assert stored.answer == answer and stored.answered_at == now
    assert not returned._state.adding
    attempt.refresh_from_db()
    assert attempt.position == 1 and attempt.score == stored.points


@pytest.mark.django_db(transaction=True)
def test_an_answer_whose_insert_fails_leaves_the_attempt_where_it_was(question_bank, client):
    attempt = start(client, kinds=["true_false", "true_false"])
    slot = slots.current(attempt_id=attempt.pk, owner_token=attempt.owner_token, user=None)
    # A response already at this position, as a crashed double post might leave it: the
    # unique (attempt, position) refuses the INSERT, and the UPDATE must go with it.
    Response.objects.create(attempt=attempt, slot=slot, position=0, question=slot.question,
                            answer={}, fraction=0, points=0)  # fmt: skip
    now = timezone.now()
    with pytest.raises(IntegrityError):
        slots.advance(slot=slot, answer={"choice": "x"}, fraction=1.0, points=1.0, now=now,
                      earliest_deadline=now, finish=False)  # fmt: skip
    attempt.refresh_from_db()
    assert attempt.position == 0 and attempt.score == 0
