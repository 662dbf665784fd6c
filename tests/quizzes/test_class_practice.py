"""Probe 1 of issue 15: practice quizzes never show the keys of a class quiz still being taken.

The probe: on an unfinished class attempt, "Practise my mistakes" and "Try again" started a
practice quiz on the set's facts, whose results showed the keys; after a few rounds a student
had every fact of a 10-question set before answering question 1. Only a finished attempt may
start them, and while the class set is open no practice quiz starts from it at all: "Try
again" leads back to the class quiz under its own rules, "Practise my mistakes" waits until
the teacher closes the set.
"""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes import teaching
from quizzes.models import Attempt, Question, QuestionSet
from tests.factories import QuestionSetFactory, TeacherFactory
from tests.quizzes.student import answer_data
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db


@pytest.fixture
def class_set(question_bank):
    return published_set(kinds=("single_choice", "true_false", "numeric"), attempts_allowed=0)


@pytest.fixture
def varied_set(question_bank):
    """A class set of three questions on three different facts, so that the bank holds fresh
    questions on each of them to practise (the first questions by id may share a fact)."""
    chosen, facts = [], set()
    for kind in ("single_choice", "true_false", "numeric"):
        question = next(
            q
            for q in Question.objects.active().filter(kind=kind).order_by("uid")
            if not set(q.facts) & facts
        )
        chosen.append(question)
        facts |= set(question.facts)
    question_set = QuestionSetFactory(owner=TeacherFactory(), attempts_allowed=0)
    teaching.set_add(question_set=question_set, questions=chosen)
    return teaching.set_publish(question_set=question_set)


def joined(client, question_set, nickname="Ann") -> Attempt:
    client.post(reverse("quizzes:join_set", args=[question_set.code]), {"nickname": nickname})
    return Attempt.objects.filter(question_set=question_set).latest("started_at")


def finished(client, attempt, *, right=False) -> Attempt:
    for position in range(attempt.question_count):
        client.post(
            reverse("quizzes:answer", args=[attempt.pk]),
            answer_data(attempt, position, right=right),
        )
    attempt.refresh_from_db()
    assert attempt.finished
    return attempt


def practice_attempts():
    return Attempt.objects.filter(question_set=None)


@pytest.mark.parametrize("button", ["again", "mistakes"])
def test_an_unfinished_class_attempt_starts_no_practice_quiz_and_says_why(class_set, button):
    student = Client()
    attempt = joined(student, class_set)
    for _round in range(3):  # the probe pressed the buttons again and again
        response = student.post(reverse(f"quizzes:{button}", args=[attempt.pk]), follow=True)
        html = response.content.decode()
        assert "Finish this quiz first: then you can try again or practise your mistakes." in html
        assert response.redirect_chain[-1][0] == reverse("quizzes:take", args=[attempt.pk])
    assert not practice_attempts().exists()
    assert Attempt.objects.filter(question_set=class_set).count() == 1


@pytest.mark.parametrize("button", ["again", "mistakes"])
def test_an_unfinished_practice_attempt_starts_no_other_either(question_bank, button):
    student = Client()
    data = {"nickname": "Ann", "length": "5", "topic": "", "language": "en",
            "time_limit": "", "behaviour": "immediate"}  # fmt: skip
    student.post(reverse("quizzes:start"), data)
    attempt = Attempt.objects.get()
    response = student.post(reverse(f"quizzes:{button}", args=[attempt.pk]), follow=True)
    assert "Finish this quiz first" in response.content.decode()
    assert Attempt.objects.count() == 1


def test_mistakes_of_a_finished_attempt_wait_while_the_class_set_is_open(class_set):
    student = Client()
    attempt = finished(student, joined(student, class_set))
    results = student.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "Practise my mistakes" not in results
    assert "once your teacher has closed it" in results
    response = student.post(reverse("quizzes:mistakes", args=[attempt.pk]), follow=True)
    assert "You can practise the mistakes of a class quiz once your teacher has closed it." in (
        response.content.decode()
    )
    assert not practice_attempts().exists()


def test_try_again_on_a_finished_class_attempt_leads_back_to_the_class_quiz(class_set):
    student = Client()
    attempt = finished(student, joined(student, class_set))
    response = student.post(reverse("quizzes:again", args=[attempt.pk]))
    # The join page, with the student's nickname filled in (test_student_results).
    assert response["Location"].split("?")[0] == reverse("quizzes:join_set", args=[class_set.code])
    assert not practice_attempts().exists()


def test_a_class_set_past_its_closing_time_counts_as_closed(class_set):
    student = Client()
    attempt = finished(student, joined(student, class_set))
    QuestionSet.objects.filter(pk=class_set.pk).update(
        closes_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    response = student.post(reverse("quizzes:mistakes", args=[attempt.pk]))
    assert response.status_code == 302
    practice = practice_attempts().get()
    assert response["Location"] == reverse("quizzes:take", args=[practice.pk])


def test_once_the_teacher_closes_the_set_mistakes_practice_avoids_the_questions_asked(
    varied_set,
):
    student = Client()
    attempt = finished(student, joined(student, varied_set))
    QuestionSet.objects.filter(pk=varied_set.pk).update(status=QuestionSet.Status.CLOSED)
    results = student.get(reverse("quizzes:results", args=[attempt.pk])).content.decode()
    assert "Practise my mistakes" in results
    student.post(reverse("quizzes:mistakes", args=[attempt.pk]))
    practice = practice_attempts().get()
    asked = set(attempt.slots.values_list("question__uid", flat=True))
    assert not asked & set(practice.slots.values_list("question__uid", flat=True))
