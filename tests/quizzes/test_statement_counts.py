"""SQL statements per request, pinned: the same for 5, 50 and 500 questions, and small.

Real transactions (transaction=True), so BEGIN and COMMIT are those a server sends. Counts
come from bench/statements.py's counter and from django_assert_num_queries, which sees
Django's own log of BEGIN and COMMIT too: both must agree.
"""

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from bench.statements import bank_of, count_statements
from quizzes import services, teaching
from quizzes.models import QuestionSet
from tests.factories import TeacherFactory
from tests.quizzes.student import answer_data, set_session

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def student(question_bank):
    client = Client()
    set_session(client, quiz_owner="pinned")
    return client


def quiz(size, behaviour="immediate"):
    return services.attempt_start(
        questions=bank_of(size),
        nickname="Ada",
        language="en",
        owner_token="pinned",
        behaviour=behaviour,
    )


# The read of the question and the next, then the write: BEGIN (IMMEDIATE on SQLite), the
# UPDATE of the sequence check, the INSERT of the response, COMMIT.
ANSWER = 5


@pytest.mark.parametrize("size", [5, 50, 500])
@pytest.mark.parametrize("behaviour", ["immediate", "interactive"])
def test_an_answer_costs_at_most_five_statements_counting_begin_and_commit(
    student, size, behaviour, django_assert_num_queries
):
    attempt = quiz(size, behaviour)
    url = reverse("quizzes:answer", args=[attempt.pk])
    data = answer_data(attempt, 0)
    with count_statements(connection) as sent, django_assert_num_queries(ANSWER):
        response = student.post(url, data, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and len(sent) == ANSWER
    attempt.refresh_from_db()
    assert attempt.position == 1 and attempt.responses.count() == 1  # it was recorded


def test_saving_an_answer_with_navigation_costs_the_same_whatever_the_quiz_size(student):
    """Deferred feedback: saving an answer and moving to the next question."""
    counts = []
    for size in (5, 50, 500):
        attempt = quiz(size, "deferred")
        data = {**answer_data(attempt, 0), "go": "next"}
        with count_statements(connection) as sent:
            response = student.post(
                reverse("quizzes:save", args=[attempt.pk]), data, HTTP_HX_REQUEST="true"
            )
        assert response.status_code == 200
        counts.append(len(sent))
        attempt.refresh_from_db()
        assert attempt.position == 1 and attempt.slots.get(position=0).draft is not None
    assert len(set(counts)) == 1, counts


@pytest.mark.parametrize("size", [5, 500])
def test_a_question_fragment_costs_one_query(student, size, django_assert_num_queries):
    attempt = quiz(size)
    with count_statements(connection) as sent, django_assert_num_queries(1):
        response = student.get(reverse("quizzes:take", args=[attempt.pk]), HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and len(sent) == 1


@pytest.mark.parametrize("size", [5, 50])
def test_the_teachers_results_cost_the_same_queries_whatever_the_class_size(
    question_bank, size, django_assert_num_queries
):
    owner = TeacherFactory(username=f"t{size}")
    question_set = QuestionSet.objects.create(owner=owner, title="Pinned")
    teaching.set_add(question_set=question_set, questions=bank_of(size))
    teaching.set_publish(question_set=question_set)
    for n in range(size // 5):  # a class growing with the quiz
        attempt = teaching.set_start(
            question_set=question_set, nickname=f"S{n}", owner_token=f"o{n}"
        )
        first = attempt.slots.select_related("attempt", "question").get(position=0)
        services.answer_submit(slot=first, answer={})
    teacher = Client()
    teacher.force_login(owner)
    url = reverse("quizzes:set_results", args=[question_set.pk])
    # The whole page also looks for corrected questions to regrade; the 5-second poll does not.
    for htmx, queries in (({}, 5), ({"HTTP_HX_REQUEST": "true"}, 4)):
        with count_statements(connection) as sent, django_assert_num_queries(queries):
            assert teacher.get(url, **htmx).status_code == 200
        assert len(sent) == queries


@pytest.mark.parametrize("size", [3, 30])
def test_grades_the_grid_and_removed_attempts_cost_no_query_per_student(
    question_bank, size, django_assert_num_queries
):
    """Students with several attempts, one from a shared browser, one removed: the results
    page, its all-attempts statistics and the CSV still cost a fixed number of statements."""
    from tests.quizzes.teacher import take

    owner = TeacherFactory(username=f"g{size}")
    question_set = QuestionSet.objects.create(owner=owner, title="Pinned", attempts_allowed=0)
    teaching.set_add(question_set=question_set, questions=bank_of(5))
    teaching.set_publish(question_set=question_set)
    for n in range(size):
        browser = "shared" if n < 2 else f"b{n}"
        for _ in range(2):
            take(question_set, f"S{n}", [True, False, True, False, True], browser=browser)
    junk = question_set.attempts.order_by("started_at").first()
    teaching.attempt_remove(question_set=question_set, attempt_id=junk.pk)
    teacher = Client()
    teacher.force_login(owner)
    results = reverse("quizzes:set_results", args=[question_set.pk])
    for params in ({}, {"attempts": "all"}):  # the whole page: 4 and the regrade check
        with django_assert_num_queries(5):
            assert teacher.get(results, params).status_code == 200
    with django_assert_num_queries(4):
        assert (
            teacher.get(reverse("quizzes:set_results_csv", args=[question_set.pk])).status_code
            == 200
        )
    accommodations = reverse("quizzes:set_accommodations", args=[question_set.pk])
    with django_assert_num_queries(5):
        assert teacher.get(accommodations).status_code == 200
