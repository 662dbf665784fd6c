"""Helpers for teacher tests: a published set with questions of chosen kinds."""

from quizzes import teaching
from quizzes.models import Question
from tests.factories import QuestionSetFactory, TeacherFactory


def published_set(*, kinds=("single_choice", "true_false", "numeric"), owner=None, **settings):
    owner = owner or TeacherFactory()
    question_set = QuestionSetFactory(owner=owner, **settings)
    questions = [Question.objects.active().filter(kind=k).order_by("uid").first() for k in kinds]
    teaching.set_add(question_set=question_set, questions=questions)
    return teaching.set_publish(question_set=question_set)
