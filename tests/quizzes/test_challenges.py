"""Students challenge a question they think is wrong; admins resolve it in the admin."""

import pytest
from django.urls import reverse

from quizzes import challenges, services
from quizzes.models import Challenge, Question
from tests.factories import ChallengeFactory, ResponseFactory

pytestmark = pytest.mark.django_db


def answered(question: Question, *, token: str = "student-1"):
    attempt = services.attempt_start(
        questions=[question], nickname="Ann", language="en", owner_token=token
    )
    slot = attempt.slots.get()
    ResponseFactory(attempt=attempt, slot=slot, position=0, question=question)
    return attempt


@pytest.fixture
def question(question_bank):
    return Question.objects.active().get(uid="understand/lenin-too-late")


def test_a_question_can_be_challenged_only_once_answered(question):
    attempt = services.attempt_start(
        questions=[question], nickname="Ann", language="en", owner_token="early"
    )
    with pytest.raises(challenges.ChallengeRefused):
        challenges.challenge_submit(
            attempt=attempt, position=0, owner_token="early", reason="wrong_key", comment=""
        )
    assert not Challenge.objects.exists()


def test_sending_a_challenge_again_changes_it_instead_of_counting_twice(question):
    attempt = answered(question)
    for comment in ("The date is wrong.", "The date is wrong: it was April 17."):
        challenges.challenge_submit(
            attempt=attempt,
            position=0,
            owner_token="student-1",
            reason="wrong_fact",
            comment=comment,
        )
    (challenge,) = Challenge.objects.all()
    assert challenge.comment == "The date is wrong: it was April 17."
    assert challenge.question == question and challenge.status == Challenge.Status.OPEN


def test_the_queue_counts_students_who_challenged_a_question_and_how_it_was_answered(
    question, admin_client
):
    for n in range(3):
        attempt = answered(question, token=f"student-{n}")
        challenges.challenge_submit(
            attempt=attempt,
            position=0,
            owner_token=f"student-{n}",
            reason="ambiguous",
            comment=f"<script>alert({n})</script>",
        )
    html = admin_client.get(reverse("admin:quizzes_challenge_changelist")).content.decode()
    # The queue shows the question as students read it, and how many challenged it.
    assert "Why could Lenin and his April Theses not shape" in html
    assert html.count('<td class="field-students">3</td>') == 3
    challenge = Challenge.objects.first()
    html = admin_client.get(
        reverse("admin:quizzes_challenge_change", args=[challenge.pk])
    ).content.decode()
    assert "understand/lenin-too-late" in html
    assert "3 of 3" in html  # answered right, by the three students
    assert "<script>alert" not in html and "&lt;script&gt;alert(" in html
    # Found by the question's id too.
    html = admin_client.get(
        reverse("admin:quizzes_challenge_changelist"), {"q": "lenin-too-late"}
    ).content.decode()
    assert "3 challenges" in html


def test_the_queue_lists_open_challenges_first_newest_first(question, admin_client):
    from datetime import timedelta

    from django.utils import timezone

    now = timezone.now()
    made = {}
    for name, status, hours_ago in (("old-open", "open", 50), ("new-answered", "answered", 1),
                                    ("new-open", "open", 2), ("corrected", "corrected", 3)):  # fmt: skip
        made[name] = ChallengeFactory(question=question, status=status, comment=name)
        Challenge.objects.filter(pk=made[name].pk).update(
            created_at=now - timedelta(hours=hours_ago)
        )
    html = admin_client.get(reverse("admin:quizzes_challenge_changelist")).content.decode()
    links = [
        reverse("admin:quizzes_challenge_change", args=[made[name].pk])
        for name in ("new-open", "old-open", "new-answered", "corrected")
    ]
    positions = [html.index(f'href="{link}"') for link in links]
    assert positions == sorted(positions)


def test_the_queue_names_the_languages_the_students_used(question, admin_client):
    ChallengeFactory(question=question, language="it")
    html = admin_client.get(reverse("admin:quizzes_challenge_changelist")).content.decode()
    assert 'href="?language__exact=it">Italiano</a>' in html and ">it</a>" not in html


def test_the_challenge_page_links_the_facts_the_question_tests(question, admin_client):
    attempt = answered(question)
    challenge = challenges.challenge_submit(
        attempt=attempt, position=0, owner_token="student-1", reason="wrong_key", comment=""
    )
    html = admin_client.get(
        reverse("admin:quizzes_challenge_change", args=[challenge.pk])
    ).content.decode()
    from conference.models import Event

    lenin = Event.objects.get(key="lenin-arrives")
    assert reverse("admin:conference_event_change", args=[lenin.pk]) in html
    assert "Why could Lenin and his April Theses not shape" in html
    assert "Perché Lenin e le sue Tesi di aprile" in html


def test_answering_a_challenge_needs_a_reply_and_records_who_and_when(question, admin_client):
    challenge = ChallengeFactory(question=question)
    url = reverse("admin:quizzes_challenge_change", args=[challenge.pk])
    response = admin_client.post(url, {"status": "answered", "reply": "  "})
    assert "Write the answer the student will read." in response.content.decode()
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.OPEN
    response = admin_client.post(
        url, {"status": "answered", "reply": "The articles date it April 16."}
    )
    assert response.status_code == 302
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.ANSWERED
    assert challenge.resolved_by.username == "root" and challenge.resolved_at is not None


def test_nobody_adds_a_challenge_in_the_admin(admin_client):
    assert admin_client.get(reverse("admin:quizzes_challenge_add")).status_code == 403
