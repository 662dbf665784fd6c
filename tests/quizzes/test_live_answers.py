"""Answers in a live quiz (quizzes/behaviours/live.py): only to the question on the screen,
only while its answers are open, once; scored by correctness with each kind's partial
credit, never by speed."""

import datetime
import threading

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from quizzes import services
from quizzes.behaviours import live as behaviour
from quizzes.live import services as live
from quizzes.models import Attempt, LiveSession, Response
from tests.quizzes.live import answer, fresh, live_session, poll, student
from tests.quizzes.student import answer_data, slot, visible

pytestmark = pytest.mark.django_db
Step = LiveSession.Step


@pytest.fixture
def session(question_bank):
    return live_session()


def stored(attempt) -> list[tuple[int, float]]:
    return list(Response.objects.filter(attempt=attempt).values_list("position", "fraction"))


def test_an_answer_to_the_question_on_the_screen_is_recorded(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    response = answer(client, ann)
    assert response.status_code == 200
    assert "Your answer is in" in response.content.decode()
    assert stored(ann) == [(0, 1.0)]
    ann.refresh_from_db()
    assert (ann.score, ann.position) == (1.0, 1)


def test_the_running_score_counts_an_answer_only_once_the_key_is_revealed(session):
    # "1 point so far" right after answering would tell the student they were right.
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    assert "0 points so far" in visible(answer(client, ann, right=True).content.decode())
    live.live_close(session=session, at=0)
    assert "0 points so far" in visible(poll(client, ann).content.decode())
    live.live_reveal(session=session, at=0)
    assert "1 point so far" in visible(poll(client, ann).content.decode())
    live.live_end(session=session)
    html = visible(poll(client, ann).content.decode())
    assert "so far" not in html and "1 of 3 points" in html


def test_the_answer_page_says_nothing_of_right_or_wrong_before_the_reveal(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    html = answer(client, ann, right=False).content.decode()
    payload = slot(ann, 0).question.payload
    key = next(o["text"]["en"] for o in payload["options"] if o["correct"])
    assert "Not quite" not in html and "Right!" not in html and key not in visible(html)
    assert payload["explanation"]["en"] not in html


def test_no_answer_is_taken_in_the_lobby(session):
    client, ann = student(session, "Ann")
    data = answer_data(ann, 0)
    response = client.post(
        reverse("quizzes:live_answer", args=[ann.pk]), data, HTTP_HX_REQUEST="true"
    )
    assert response.status_code == 409
    assert "has not started yet" in response.content.decode()
    assert stored(ann) == []


def test_an_answer_after_close_is_refused_with_a_clear_message(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    past = timezone.now() - datetime.timedelta(seconds=10)
    live.live_close(session=session, at=0, now=past)
    response = answer(client, ann)
    assert response.status_code == 409
    assert "Answers to this question are closed." in response.content.decode()
    assert stored(ann) == []


def test_without_javascript_a_refused_answer_comes_back_as_a_message_on_the_page(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    live.live_close(session=session, at=0, now=timezone.now() - datetime.timedelta(seconds=10))
    response = answer(client, ann, htmx=False)
    assert response.status_code == 302 and response["Location"].endswith(f"/quiz/{ann.pk}/live/")
    page = client.get(response["Location"]).content.decode()
    assert "Answers to this question are closed." in page


def test_an_answer_on_its_way_when_the_teacher_closes_still_counts(session):
    _client, ann = student(session, "Ann")
    live.live_show(session=session)
    closed = timezone.now()
    live.live_close(session=session, at=0, now=closed)
    outcome = services.answer_submit(
        slot=slot(ann, 0),
        answer={"option": _key(ann, 0)},
        now=closed + behaviour.GRACE - datetime.timedelta(milliseconds=100),
    )
    assert outcome.response is not None and stored(ann) == [(0, 1.0)]


def test_no_answer_is_taken_once_the_answer_is_revealed(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    live.live_reveal(session=session, at=0)  # at once: within what would be the grace
    response = answer(client, ann)
    assert response.status_code == 409 and stored(ann) == []


def test_an_answer_to_another_question_than_the_one_on_the_screen_is_refused(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    data = answer_data(ann, 1)  # question 2, not shown yet
    url = reverse("quizzes:live_answer", args=[ann.pk])
    response = client.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 409
    assert "not the question on the screen" in response.content.decode()
    assert stored(ann) == []


def test_a_timed_question_takes_answers_until_its_timer_and_its_grace_run_out(question_bank):
    session = live_session(seconds_per_question=20)
    _client, ann = student(session, "Ann")
    _client, bob = student(session, "Bob")
    start = timezone.now()
    live.live_show(session=session, now=start)
    in_time = start + datetime.timedelta(seconds=21)  # within the grace after the timer
    services.answer_submit(slot=slot(ann, 0), answer={"option": _key(ann, 0)}, now=in_time)
    late = start + datetime.timedelta(seconds=20) + behaviour.GRACE + datetime.timedelta(seconds=1)
    with pytest.raises(services.AnswerRefused, match="closed"):
        services.answer_submit(slot=slot(bob, 0), answer={"option": _key(bob, 0)}, now=late)
    assert stored(ann) == [(0, 1.0)] and stored(bob) == []


def test_the_same_answer_sent_twice_is_recorded_once_and_acknowledged_twice(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    first, second = answer(client, ann), answer(client, ann)
    assert first.status_code == second.status_code == 200
    assert stored(ann) == [(0, 1.0)]
    ann.refresh_from_db()
    assert (ann.score, ann.position) == (1.0, 1)


def test_a_second_different_answer_is_refused(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    answer(client, ann, right=True)
    response = answer(client, ann, right=False)
    assert response.status_code == 409
    assert "already answered this question" in response.content.decode()
    assert stored(ann) == [(0, 1.0)]
    with pytest.raises(services.AnswerRefused, match="already answered"):
        services.answer_submit(slot=slot(ann, 0), answer={"option": "o-not-it"})


def test_a_replay_of_an_answer_counted_in_time_is_acknowledged_after_close(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    answer(client, ann)
    live.live_close(session=session, at=0, now=timezone.now() - datetime.timedelta(seconds=10))
    outcome = services.answer_submit(slot=slot(ann, 0), answer={"option": _key(ann, 0)})
    assert outcome.replayed and stored(ann) == [(0, 1.0)]


def test_a_removed_student_can_no_longer_answer(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    live.live_remove(session=session, attempt_id=ann.pk)
    response = answer(client, ann)
    assert response.status_code == 409
    assert "removed you" in response.content.decode() and stored(ann) == []


def test_no_answer_is_taken_after_the_end(session):
    _client, ann = student(session, "Ann")
    live.live_show(session=session)
    live.live_end(session=session)
    with pytest.raises(services.AnswerRefused, match="ended"):
        services.answer_submit(slot=slot(ann, 0), answer={"option": _key(ann, 0)})
    assert stored(ann) == []


@pytest.mark.django_db(transaction=True)
def test_two_copies_of_an_answer_sent_at_once_are_recorded_once(question_bank):
    session = live_session()
    _client, ann = student(session, "Ann")
    live.live_show(session=session)
    outcomes, errors = [], []

    def send():
        try:
            outcomes.append(
                services.answer_submit(slot=slot(ann, 0), answer={"option": _key(ann, 0)})
            )
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=send) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == [] and len(outcomes) == 2
    assert sorted(o.replayed for o in outcomes) == [False, True]
    assert stored(ann) == [(0, 1.0)]
    ann.refresh_from_db()
    assert ann.score == 1.0


# -- scoring -------------------------------------------------------------------------------
def _key(attempt, position):
    payload = slot(attempt, position).question.payload
    return next(o["id"] for o in payload["options"] if o["correct"])


@pytest.mark.parametrize(
    ("kind", "answer_of", "fraction"),
    [
        ("multiple_response", lambda p: {"options": [_right(p)[0]]}, None),
        ("ordering", lambda p: {"order": _swapped_last([i["id"] for i in p["items"]])}, None),
        ("matching", lambda p: {"pairs": _one_wrong_pair(p)}, None),
        ("numeric", lambda p: {"value": p["number"]}, 1.0),
        ("short_answer", lambda p: {"text": p["accepted"][0].upper()}, 1.0),
    ],
)
def test_live_answers_earn_each_kinds_partial_credit(question_bank, kind, answer_of, fraction):
    from quizzes import scoring

    session = live_session(kinds=(kind,))
    _client, ann = student(session, "Ann")
    live.live_show(session=session)
    payload = slot(ann, 0).question.payload
    given = answer_of(payload)
    services.answer_submit(slot=slot(ann, 0), answer=given)
    expected = scoring.score(payload, given) if fraction is None else fraction
    assert stored(ann) == [(0, pytest.approx(expected))]
    if fraction is None:
        assert 0 < expected < 1  # partly right, and partly credited
    ann.refresh_from_db()
    assert ann.score == pytest.approx(expected)


def _right(payload):
    return [o["id"] for o in payload["options"] if o["correct"]]


def _swapped_last(ids):
    return [*ids[:-2], ids[-1], ids[-2]]


def _one_wrong_pair(payload):
    pairs = {left["id"]: left["match"] for left in payload["lefts"]}
    first, second = list(pairs)[:2]
    pairs[first], pairs[second] = pairs[second], pairs[first]
    return pairs


def test_scores_depend_on_correctness_never_on_speed(session):
    _client, fast = student(session, "Fast")
    _client, slow = student(session, "Slow")
    start = timezone.now()
    live.live_show(session=session, now=start)
    services.answer_submit(
        slot=slot(fast, 0),
        answer={"option": _key(fast, 0)},
        now=start + datetime.timedelta(seconds=1),
    )
    services.answer_submit(
        slot=slot(slow, 0),
        answer={"option": _key(slow, 0)},
        now=start + datetime.timedelta(seconds=55),
    )
    fast.refresh_from_db()
    slow.refresh_from_db()
    assert fast.score == slow.score == 1.0
    assert Attempt.objects.get(pk=fast.pk).max_score == 3.0


def test_points_per_question_of_the_set_apply(question_bank):
    session = live_session(points_per_question=4)
    _client, ann = student(session, "Ann")
    live.live_show(session=session)
    services.answer_submit(slot=slot(ann, 0), answer={"option": _key(ann, 0)})
    ann.refresh_from_db()
    assert (ann.score, ann.max_score) == (4.0, 12.0)


def test_questions_left_unanswered_score_nothing_at_the_end(session):
    client, ann = student(session, "Ann")
    live.live_show(session=session)
    answer(client, ann)
    for index in range(2):
        live.live_close(session=session, at=index)
        live.live_next(session=session, at=index)
    live.live_end(session=fresh(session))
    ann.refresh_from_db()
    assert (ann.score, ann.max_score, ann.state) == (1.0, 3.0, "finished")
