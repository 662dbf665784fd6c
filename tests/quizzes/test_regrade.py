"""Regrading a set after a fact correction: the teacher sees the changed questions and a dry
run of every attempt's old and new score, then applies it or leaves it; nothing changes a
past score silently, and the review says when and how an attempt was regraded."""

import pytest
from django.urls import reverse

from conference import models as facts
from quizzes import regrading, services, teaching
from quizzes.models import Attempt, Question, Response
from tests.factories import QuestionSetFactory, TeacherFactory

pytestmark = pytest.mark.django_db
DELEGATES = "count/delegates/number"
SOVIETS = "count/soviets/choice"


@pytest.fixture
def teacher(question_bank, client):
    user = TeacherFactory()
    client.force_login(user)
    return user


def active(uid: str) -> Question:
    return Question.objects.active().get(uid=uid)


def class_set(owner):
    question_set = QuestionSetFactory(owner=owner, behaviour="immediate")
    teaching.set_add(question_set=question_set, questions=[active(DELEGATES), active(SOVIETS)])
    return teaching.set_publish(question_set=question_set)


def take(question_set, nickname: str, answers: list[dict]) -> Attempt:
    attempt = teaching.set_start(
        question_set=question_set, nickname=nickname, owner_token=f"browser-{nickname}"
    )
    for position, answer in enumerate(answers):
        slot = attempt.slots.select_related("attempt", "question").get(position=position)
        services.answer_submit(slot=slot, answer=answer)
    attempt.refresh_from_db()
    return attempt


def option(uid: str, *, correct: bool) -> dict:
    payload = active(uid).payload
    return {"option": next(o["id"] for o in payload["options"] if o["correct"] == correct)}


@pytest.fixture
def corrected(teacher):
    """Ann gave the delegates' number as the articles had it, Ben a number 30 higher; then an
    admin corrects the number to Ben's."""
    question_set = class_set(teacher)
    true_number = active(DELEGATES).payload["number"]
    wrong_number = true_number + 30
    ann = take(question_set, "Ann", [{"value": true_number}, option(SOVIETS, correct=True)])
    ben = take(question_set, "Ben", [{"value": wrong_number}, option(SOVIETS, correct=False)])
    assert (ann.score, ben.score) == (2, 0)
    facts.Count.objects.filter(key="delegates").update(value=wrong_number)
    services.bank_refresh()
    return question_set, ann, ben


def test_a_correction_changes_no_score_by_itself(corrected):
    _question_set, ann, ben = corrected
    ann.refresh_from_db()
    ben.refresh_from_db()
    assert (ann.score, ben.score) == (2, 0)
    assert ann.regraded_at is None


def test_the_results_page_tells_the_teacher_and_links_to_the_dry_run(corrected, client):
    question_set, _ann, _ben = corrected
    html = client.get(reverse("quizzes:set_results", args=[question_set.pk])).content.decode()
    assert "2 questions of this quiz were corrected after students answered them" in html
    assert reverse("quizzes:set_regrade", args=[question_set.pk]) in html
    regrading.apply(question_set, now=_ann.finished_at)
    html = client.get(reverse("quizzes:set_results", args=[question_set.pk])).content.decode()
    assert "were corrected" not in html


def test_the_dry_run_lists_the_changed_question_and_each_attempts_old_and_new_score(
    corrected, client
):
    question_set, ann, _ben = corrected
    html = client.get(reverse("quizzes:set_regrade", args=[question_set.pk])).content.decode()
    # The number itself, and the choice question whose options include it as a distractor.
    assert "2 questions changed" in html
    assert "2 attempts" in html  # both answered the corrected questions
    assert "the same (the wording changed)" in html
    assert "Dry run" in html
    rows = {
        r.attempt.nickname: (r.old_score, r.new_score)
        for r in regrading.plan(question_set).attempts
    }
    assert rows == {"Ann": (2, 1), "Ben": (0, 1)}
    assert "<strong>1</strong>" in html  # the new scores
    assert Attempt.objects.get(pk=ann.pk).score == 2  # still nothing changed


def test_applying_the_regrade_rescores_and_the_review_says_so(corrected, client):
    question_set, ann, ben = corrected
    response = client.post(reverse("quizzes:set_regrade", args=[question_set.pk]), follow=True)
    assert "Regraded: 2 attempts have a new score." in response.content.decode()
    ann.refresh_from_db()
    ben.refresh_from_db()
    assert (ann.score, ann.score_before_regrade) == (1, 2)
    assert (ben.score, ben.score_before_regrade) == (1, 0)
    assert ann.regraded_at is not None
    stored = Response.objects.get(attempt=ann, position=0)
    assert stored.fraction == 0 and stored.fraction_before_regrade == 1
    assert stored.regraded_from.status == Question.Status.RETIRED
    assert stored.question == active(DELEGATES)
    # The choice question changed only a distractor: moved to the new version, same score.
    same = Response.objects.get(attempt=ann, position=1)
    assert same.regraded_from is not None and same.fraction == same.fraction_before_regrade == 1
    # The teacher's view of the attempt, and the student's results, say what happened.
    detail = client.get(reverse("quizzes:set_attempt", args=[question_set.pk, ann.pk]))
    assert "after a correction to the facts: from 2 to 1 point." in detail.content.decode()
    assert "100% of the credit before, 0% now" in detail.content.decode()
    # Nothing left to do: a second regrade changes nothing.
    again = client.get(reverse("quizzes:set_regrade", args=[question_set.pk])).content.decode()
    assert "there is nothing to regrade" in again


def test_the_student_sees_the_regrade_on_their_results(corrected, client):
    question_set, ann, _ben = corrected
    regrading.apply(question_set, now=ann.finished_at)
    client.logout()
    session = client.session
    session["quiz_owner"] = "browser-Ann"
    session.save()
    from django.conf import settings

    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    html = client.get(reverse("quizzes:results", args=[ann.pk])).content.decode()
    assert "from 2 to 1 point." in html and "1 of 2 points" in html


def test_leaving_it_keeps_every_score(corrected, client):
    question_set, ann, _ben = corrected
    client.get(reverse("quizzes:set_regrade", args=[question_set.pk]))
    assert Attempt.objects.get(pk=ann.pk).score == 2
    assert not Response.objects.filter(regraded_from__isnull=False).exists()


def test_an_attempt_still_in_progress_is_not_regraded(teacher):
    question_set = class_set(teacher)
    number = active(DELEGATES).payload["number"]
    attempt = teaching.set_start(question_set=question_set, nickname="Cy", owner_token="b-cy")
    slot = attempt.slots.select_related("attempt", "question").get(position=0)
    services.answer_submit(slot=slot, answer={"value": number})
    facts.Count.objects.filter(key="delegates").update(value=number + 30)
    services.bank_refresh()
    plan = regrading.plan(question_set)
    assert plan.attempts == [] and plan.in_progress == 1
    regrading.apply(question_set, now=attempt.started_at)
    assert Attempt.objects.get(pk=attempt.pk).score == 1


def test_another_teacher_cannot_see_or_run_a_regrade(corrected, client):
    question_set, ann, _ben = corrected
    client.force_login(TeacherFactory())
    url = reverse("quizzes:set_regrade", args=[question_set.pk])
    assert client.get(url).status_code == 404
    assert client.post(url).status_code == 404
    assert Attempt.objects.get(pk=ann.pk).score == 2


# -- carrying an answer over to the new version ----------------------------------------------
OLD = {
    "kind": "single_choice",
    "options": [
        {"id": "o1", "ref": "a", "correct": True},
        {"id": "o2", "ref": "b", "correct": False},
        {"id": "o3", "ref": "c", "correct": False},
    ],
}


def test_a_choice_is_carried_over_by_what_it_stands_for_not_its_position():
    new = {**OLD, "options": [
        {"id": "o1", "ref": "c", "correct": False},
        {"id": "o2", "ref": "b", "correct": True},
        {"id": "o3", "ref": "a", "correct": False},
    ]}  # fmt: skip
    assert regrading.carry_over(OLD, new, {"option": "o2"}) == {"option": "o2"}
    assert regrading.carry_over(OLD, new, {"option": "o1"}) == {"option": "o3"}


def test_a_choice_that_is_gone_or_a_new_kind_cannot_be_carried_over():
    new = {**OLD, "options": [o for o in OLD["options"] if o["ref"] != "c"]}
    assert regrading.carry_over(OLD, new, {"option": "o3"}) is None
    assert (
        regrading.carry_over(OLD, {"kind": "true_false", "truth": True}, {"option": "o1"}) is None
    )


def test_matching_and_ordering_are_carried_over_by_refs():
    old = {"kind": "matching", "lefts": [{"id": "l1", "ref": "x"}, {"id": "l2", "ref": "y"}],
           "rights": [{"id": "r1", "ref": "p"}, {"id": "r2", "ref": "q"}]}  # fmt: skip
    new = {"kind": "matching", "lefts": [{"id": "l1", "ref": "y"}, {"id": "l2", "ref": "x"}],
           "rights": [{"id": "r1", "ref": "q"}, {"id": "r2", "ref": "p"}]}  # fmt: skip
    carried = regrading.carry_over(old, new, {"pairs": {"l1": "r1", "l2": "r2"}})
    assert carried == {"pairs": {"l2": "r2", "l1": "r1"}}
    old_order = {
        "kind": "ordering",
        "items": [{"id": "i1", "ref": "e1"}, {"id": "i2", "ref": "e2"}],
    }
    new_order = {
        "kind": "ordering",
        "items": [{"id": "i1", "ref": "e2"}, {"id": "i2", "ref": "e1"}],
    }
    assert regrading.carry_over(old_order, new_order, {"order": ["i1", "i2"]}) == {
        "order": ["i2", "i1"]
    }
