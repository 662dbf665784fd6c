"""A live session's state changes (quizzes/live/services.py): start, show, close, reveal,
next, end; removing and renaming a student; and students joining it."""

import datetime

import pytest
from django.utils import timezone

from quizzes import selectors, services, teaching
from quizzes.live import services as live
from quizzes.models import Attempt, LiveSession, Question, Response
from tests.factories import QuestionSetFactory
from tests.quizzes.live import fresh, live_session, student
from tests.quizzes.student import slot
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db
Step = LiveSession.Step


@pytest.fixture
def session(question_bank):
    return live_session()


def at_question(session, position):
    """Walk the session to the question at ``position``, answers open."""
    live.live_show(session=session)
    for index in range(position):
        live.live_close(session=session, at=index)
        live.live_reveal(session=session, at=index)
        live.live_next(session=session, at=index)
    return fresh(session)


# -- start ---------------------------------------------------------------------------------
def test_running_a_published_set_live_opens_a_lobby_with_its_questions(question_bank):
    question_set = published_set(kinds=("true_false", "numeric"))
    session = live.live_start(question_set=question_set)
    assert session.step == Step.LOBBY and session.position == 0
    expected = [q.pk for q in selectors.set_questions_to_start(question_set)]
    assert session.questions == expected and session.question_count == 2
    assert session.seconds_per_question is None and session.leaderboard is False


def test_running_it_live_again_returns_the_session_already_running(session):
    again = live.live_start(question_set=session.question_set, leaderboard=True)
    assert again.pk == session.pk
    assert LiveSession.objects.count() == 1


def test_a_draft_or_closed_set_cannot_run_live(question_bank):
    draft = QuestionSetFactory()
    with pytest.raises(services.StartRefused, match="Publish the quiz"):
        live.live_start(question_set=draft)
    closed = published_set()
    teaching.set_close(question_set=closed)
    closed.refresh_from_db()
    with pytest.raises(services.StartRefused):
        live.live_start(question_set=closed)
    assert not LiveSession.objects.exists()


def test_a_new_session_can_run_once_the_last_one_ended(session):
    live.live_end(session=session)
    second = live.live_start(question_set=session.question_set)
    assert second.pk != session.pk and second.step == Step.LOBBY


# -- show, close, reveal, next -------------------------------------------------------------
def test_start_shows_the_first_question_with_its_answers_open(session):
    assert live.live_show(session=session)
    assert (session.step, session.position, session.closes_at) == (Step.QUESTION, 0, None)


def test_start_twice_shows_the_first_question_once(session):
    live.live_show(session=session)
    version = session.version
    assert not live.live_show(session=session)
    assert fresh(session).version == version


def test_a_timer_closes_the_answers_by_itself(question_bank):
    session = live_session(seconds_per_question=30)
    now = timezone.now()
    live.live_show(session=session, now=now)
    assert session.closes_at == now + datetime.timedelta(seconds=30)
    assert session.step_at(now + datetime.timedelta(seconds=29)) == Step.QUESTION
    assert session.step_at(now + datetime.timedelta(seconds=30)) == Step.CLOSED


def test_close_closes_the_answers_of_the_question_shown(session):
    live.live_show(session=session)
    assert live.live_close(session=session, at=0)
    assert session.step == Step.CLOSED and session.closed_at is not None


def test_a_close_from_a_stale_page_changes_nothing(session):
    at_question(session, 1)
    assert not live.live_close(session=session, at=0)  # the page still showed question 1
    assert fresh(session).step == Step.QUESTION


def test_reveal_closes_the_answers_if_they_were_open(session):
    live.live_show(session=session)
    assert live.live_reveal(session=session, at=0)
    assert session.step == Step.REVEALED and session.closed_at is not None


def test_a_timed_question_closed_by_its_timer_keeps_the_timers_closing_time(question_bank):
    session = live_session(seconds_per_question=20)
    start = timezone.now()
    live.live_show(session=session, now=start)
    live.live_reveal(session=session, at=0, now=start + datetime.timedelta(seconds=50))
    assert session.closed_at == start + datetime.timedelta(seconds=20)


def test_next_shows_the_next_question_once_the_answers_are_closed(session):
    live.live_show(session=session)
    assert not live.live_next(session=session, at=0)  # answers still open: close them first
    live.live_close(session=session, at=0)
    assert live.live_next(session=session, at=0)
    assert (session.step, session.position) == (Step.QUESTION, 1)


def test_next_twice_moves_on_by_one_question(session):
    live.live_show(session=session)
    live.live_reveal(session=session, at=0)
    live.live_next(session=session, at=0)
    assert not live.live_next(session=session, at=0)
    assert fresh(session).position == 1


def test_there_is_no_next_after_the_last_question(session):
    at_question(session, 2)
    live.live_reveal(session=session, at=2)
    assert not live.live_next(session=session, at=2)
    assert (fresh(session).step, session.position) == (Step.REVEALED, 2)


def test_every_change_counts_in_the_version_the_projector_follows(session):
    versions = [session.version]
    live.live_show(session=session)
    versions.append(session.version)
    live.live_close(session=session, at=0)
    versions.append(session.version)
    live.live_leaderboard(session=session, shown=True)
    versions.append(session.version)
    assert versions == sorted(set(versions)) and session.leaderboard is True


# -- end -----------------------------------------------------------------------------------
def test_end_finishes_every_attempt_as_a_normal_attempt_of_the_set(session):
    _client, ann = student(session, "Ann")
    _client, bob = student(session, "Bob")
    live.live_show(session=session)
    services.answer_submit(slot=slot(ann, 0), answer={"option": _key(ann, 0)})
    assert live.live_end(session=session)
    assert session.step == Step.ENDED and session.ended_at is not None
    for attempt in (ann, bob):
        attempt.refresh_from_db()
        assert attempt.state == Attempt.State.FINISHED
        assert attempt.ending == Attempt.Ending.COMPLETED and attempt.finished_at
    assert (ann.score, bob.score) == (1.0, 0.0)
    results = selectors.set_results(session.question_set)
    assert results.summary.count == 2 and len(results.rows) == 2


def test_end_twice_ends_once(session):
    live.live_end(session=session)
    ended_at = session.ended_at
    assert not live.live_end(session=session)
    assert fresh(session).ended_at == ended_at


# -- students ------------------------------------------------------------------------------
def test_joining_a_set_that_runs_live_joins_the_session(session):
    _client, attempt = student(session, "Ann", language="it")
    assert attempt.live == session and attempt.behaviour == "live"
    assert attempt.question_set == session.question_set
    assert attempt.language == "it"  # the student's own, not the set's
    positions = list(attempt.slots.order_by("position").values_list("question_id", flat=True))
    assert positions == session.questions


def test_a_phone_that_joins_again_gets_its_attempt_back(session):
    _client, first = student(session, "Ann")
    again = teaching.set_start(
        question_set=session.question_set, nickname="Ann", owner_token="browser-of-Ann"
    )
    assert again.pk == first.pk and Attempt.objects.count() == 1


def test_the_sets_attempts_allowed_do_not_keep_a_student_out_of_the_live_quiz(question_bank):
    question_set = published_set(attempts_allowed=1)
    teaching.set_start(question_set=question_set, nickname="Ann", owner_token="browser-of-Ann")
    session = live.live_start(question_set=question_set)
    _client, attempt = student(session, "Ann")
    assert attempt.live == session


def test_a_nickname_that_looks_like_a_classmates_is_refused(session):
    student(session, "Anna")
    with pytest.raises(teaching.JoinRefused, match="already uses"):
        student(session, "Аnna")  # Cyrillic А


def test_the_session_keeps_its_question_versions_when_a_fact_changes(session):
    first = Question.objects.get(pk=session.questions[0])
    Question.objects.filter(pk=first.pk).update(status=Question.Status.RETIRED)
    Question.objects.create(
        **{f.name: getattr(first, f.name) for f in Question._meta.concrete_fields if f.name
           not in ("id", "version", "status")},
        version=first.version + 1,
    )  # fmt: skip
    _client, attempt = student(session, "Ann")
    assert slot(attempt, 0).question_id == first.pk


def test_remove_takes_a_student_out_and_keeps_their_attempt(session):
    _client, ann = student(session, "Ann")
    version = session.version
    live.live_remove(session=session, attempt_id=ann.pk)
    ann.refresh_from_db()
    assert ann.removed and Attempt.objects.filter(pk=ann.pk).exists()
    assert fresh(session).version == version + 1


def test_a_removed_student_cannot_join_again_from_the_same_phone(session):
    _client, ann = student(session, "Ann")
    live.live_remove(session=session, attempt_id=ann.pk)
    with pytest.raises(teaching.JoinRefused, match="removed you"):
        student(session, "Ann")


def test_rename_gives_a_student_another_nickname(session):
    _client, ann = student(session, "Ann")
    version = session.version
    live.live_rename(session=session, attempt_id=ann.pk, nickname="Student 1")
    ann.refresh_from_db()
    assert ann.nickname == "Student 1" and fresh(session).version == version + 1


def test_rename_refuses_a_classmates_nickname(session):
    _client, ann = student(session, "Ann")
    student(session, "Bob")
    with pytest.raises(teaching.JoinRefused):
        live.live_rename(
            session=session, attempt_id=ann.pk, nickname="bob"
        )  # case does not tell them apart
    ann.refresh_from_db()
    assert ann.nickname == "Ann"


def test_a_student_of_another_session_cannot_be_renamed_or_removed(session, question_bank):
    other = live_session()
    _client, stranger = student(other, "Zed")
    with pytest.raises(teaching.JoinRefused):
        live.live_remove(session=session, attempt_id=stranger.pk)
    with pytest.raises(teaching.JoinRefused):
        live.live_rename(session=session, attempt_id=stranger.pk, nickname="X")
    stranger.refresh_from_db()
    assert not stranger.removed and stranger.nickname == "Zed"


def _key(attempt, position):
    """The stored id of the key of a single-choice question (what the service stores)."""
    payload = slot(attempt, position).question.payload
    return next(o["id"] for o in payload["options"] if o["correct"])


def test_answers_recorded_are_ordinary_responses(session):
    _client, ann = student(session, "Ann")
    live.live_show(session=session)
    services.answer_submit(slot=slot(ann, 0), answer={"option": _key(ann, 0)})
    response = Response.objects.get(attempt=ann)
    assert (response.position, response.fraction, response.points) == (0, 1.0, 1.0)
