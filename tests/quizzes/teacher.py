"""Helpers for teacher tests: a published set with questions of chosen kinds, and students
taking it with the outcomes a test needs."""

from django.utils import timezone

from quizzes import behaviours, services, teaching
from quizzes.models import Attempt, Question
from tests.factories import QuestionSetFactory, TeacherFactory


def published_set(*, kinds=("single_choice", "true_false", "numeric"), owner=None, **settings):
    owner = owner or TeacherFactory()
    question_set = QuestionSetFactory(owner=owner, **settings)
    questions = [Question.objects.active().filter(kind=k).order_by("uid").first() for k in kinds]
    teaching.set_add(question_set=question_set, questions=questions)
    return teaching.set_publish(question_set=question_set)


PARTLY = "partly"


def answer_for(payload: dict, outcome) -> dict:
    """The answer, as the server parses it, that is right (True), wrong (False) or, for a
    multiple-response question, partly right (PARTLY: one of its right options only)."""
    kind = payload["kind"]
    if kind == "single_choice":
        ids = [o["id"] for o in payload["options"] if o["correct"] == bool(outcome)]
        return {"option": ids[0]}
    if kind == "true_false":
        return {"value": payload["truth"] if outcome else not payload["truth"]}
    if kind == "numeric":
        return {"value": payload["number"] if outcome else payload["number"] + 1000}
    if kind == "multiple_response":
        right = sorted(o["id"] for o in payload["options"] if o["correct"])
        wrong = sorted(o["id"] for o in payload["options"] if not o["correct"])
        if outcome == PARTLY:
            return {"options": right[:1]}
        return {"options": right if outcome else wrong[:1]}
    raise ValueError(f"no answer built for {kind}")


def take(question_set, nickname, outcomes, *, browser=None, user=None, finish=True) -> Attempt:
    """A student's attempt at the set, answering question after question with ``outcomes``
    (None leaves a question unanswered, in a quiz with deferred feedback); ``finish``
    submits a deferred attempt at the end. The browser defaults to one per nickname."""
    attempt = teaching.set_start(
        question_set=question_set,
        nickname=nickname,
        owner_token=browser or f"browser-of-{nickname}",
        user=user,
    )
    slots = attempt.slots.select_related("attempt", "question").order_by("position")
    for slot, outcome in zip(slots, outcomes, strict=False):
        if outcome is not None:
            services.answer_submit(slot=slot, answer=answer_for(slot.question.payload, outcome))
    attempt.refresh_from_db()
    if finish and attempt.behaviour == Attempt.Behaviour.DEFERRED:
        behaviours.of(attempt).submit(attempt=attempt, now=timezone.now())
        attempt.refresh_from_db()
    return attempt
