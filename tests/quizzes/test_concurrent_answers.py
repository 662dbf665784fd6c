"""Answers sent at the same moment: each question gets exactly one response, and the attempt's
position and score agree with the responses stored."""

import threading

import pytest
from django.db import IntegrityError, connection
from django.utils import timezone

from quizzes import selectors, services
from quizzes.models import Response
from tests.quizzes.student import start

pytestmark = pytest.mark.django_db(transaction=True)


def answer_in_threads(attempt, answers: list[dict]) -> list:
    """Each answer from its own thread (its own database connection), all released at once;
    what each got back: an Outcome or the AnswerRefused."""
    barrier = threading.Barrier(len(answers))
    results: list = [None] * len(answers)

    def send(index: int, answer: dict) -> None:
        try:
            slot = selectors.slot_for(
                attempt_id=attempt.pk, owner_token=attempt.owner_token, user=None
            )
            barrier.wait(timeout=10)
            results[index] = services.answer_submit(slot=slot, answer=answer)
        except services.AnswerRefused as refusal:
            results[index] = refusal
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=item) for item in enumerate(answers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return results


def test_the_same_answer_sent_four_times_at_once_is_recorded_once(question_bank, client):
    attempt = start(client, kinds=["true_false", "true_false"], behaviour="immediate")
    results = answer_in_threads(attempt, [{"value": True}] * 4)
    assert all(isinstance(r, services.Outcome) for r in results), results
    assert sum(not r.replayed for r in results) == 1  # one stored, three replays of it
    assert len({r.response.pk for r in results}) == 1
    attempt.refresh_from_db()
    stored = Response.objects.get(attempt=attempt)
    assert attempt.position == 1 and attempt.score == stored.points


def test_different_answers_sent_at_once_keep_the_first_recorded_and_refuse_the_rest(
    question_bank, client
):
    attempt = start(client, kinds=["true_false", "true_false"], behaviour="immediate")
    results = answer_in_threads(attempt, [{"value": True}, {"value": False}] * 2)
    accepted = [r for r in results if isinstance(r, services.Outcome)]
    refused = [r for r in results if isinstance(r, services.AnswerRefused)]
    stored = Response.objects.get(attempt=attempt)
    assert all(r.response.answer == stored.answer for r in accepted)
    assert len(refused) == 2  # the two answers that differ from the stored one
    assert all("already answered" in r.reason for r in refused)


def test_an_answer_whose_insert_fails_leaves_the_attempt_where_it_was(question_bank, client):
    attempt = start(client, kinds=["true_false", "true_false"])
    slot = selectors.slot_for(attempt_id=attempt.pk, owner_token=attempt.owner_token, user=None)
    # A response already at this position, as a crashed double post might leave it: the
    # unique (attempt, position) refuses the INSERT, and the UPDATE must go with it.
    Response.objects.create(attempt=attempt, slot=slot, position=0, question=slot.question,
                            answer={}, fraction=0, points=0)  # fmt: skip
    with pytest.raises(IntegrityError):
        services.answer_submit(slot=slot, answer={"value": True}, now=timezone.now())
    attempt.refresh_from_db()
    assert attempt.position == 0 and attempt.score == 0


def test_submit_all_sent_four_times_at_once_scores_the_attempt_once(question_bank, client):
    """Deferred feedback: a student double-clicks "Submit all and finish" on a slow network."""
    from quizzes.behaviours import deferred

    attempt = start(client, kinds=["true_false", "true_false"], behaviour="deferred")
    for slot in attempt.slots.all():
        slot.draft = {"value": True}
        slot.save(update_fields=["draft"])
    barrier = threading.Barrier(4)
    finished = []

    def send() -> None:
        try:
            barrier.wait(timeout=10)
            finished.append(deferred.submit(attempt=type(attempt).objects.get(pk=attempt.pk),
                                            now=timezone.now()))  # fmt: skip
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(finished) == [False, False, False, True]
    assert Response.objects.filter(attempt=attempt).count() == 2
    attempt.refresh_from_db()
    assert attempt.score == sum(
        Response.objects.filter(attempt=attempt).values_list("points", flat=True)
    )
