"""What the admin tells an admin: teacher sign-ups waiting, and counts in proper plurals."""

import pytest
from django.contrib.auth import get_user_model
from django.urls import reverse

from quizzes.models import TeacherSignup

pytestmark = pytest.mark.django_db


def signup(username):
    user = get_user_model().objects.create_user(username, password="x-long-pass", is_active=False)
    return TeacherSignup.objects.create(user=user, school="Liceo Galvani")


def test_the_admin_index_says_how_many_teacher_signups_wait(admin_client):
    assert (
        "waiting for your approval" not in admin_client.get(reverse("admin:index")).content.decode()
    )
    signup("bianchi")
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "One teacher sign-up is waiting for your approval." in html
    signup("verdi")
    html = admin_client.get(reverse("admin:index")).content.decode()
    assert "2 teacher sign-ups are waiting for your approval." in html
    assert reverse("admin:quizzes_teachersignup_changelist") + "?approval=waiting" in html


def test_the_signup_filter_reads_in_words_and_filters(admin_client):
    waiting, approved = signup("bianchi"), signup("verdi")
    TeacherSignup.objects.filter(pk=approved.pk).update(approved_at="2026-01-01T00:00Z")
    url = reverse("admin:quizzes_teachersignup_changelist")
    html = admin_client.get(url).content.decode()
    assert "Waiting for approval" in html and "Approved" in html
    assert "Not empty" not in html
    listed = admin_client.get(url, {"approval": "waiting"}).context["cl"].result_list
    assert list(listed) == [waiting]
    # The columns are in the admin's language.
    italian = admin_client.get("/it" + url).content.decode()
    assert ">Utente<" in italian and ">Iscrizione<" in italian
    assert ">User<" not in italian and ">Created at<" not in italian


@pytest.mark.parametrize(("count", "message"), [(1, "1 teacher account approved."),
                                                (2, "2 teacher accounts approved.")])  # fmt: skip
def test_approving_teachers_says_how_many_in_a_proper_plural(admin_client, count, message):
    signups = [signup(f"teacher{n}") for n in range(count)]
    response = admin_client.post(
        reverse("admin:quizzes_teachersignup_changelist"),
        {"action": "approve_teachers", "_selected_action": [s.pk for s in signups]},
        follow=True,
    )
    assert message in response.content.decode()


def test_promoting_one_question_says_it_in_the_singular(admin_client, facts):
    from tests.factories import TeacherFactory
    from tests.quizzes.authoring import own_question

    question = own_question(TeacherFactory())
    response = admin_client.post(
        reverse("admin:quizzes_question_changelist"),
        {"action": "promote_to_bank", "_selected_action": [question.pk]},
        follow=True,
    )
    assert "1 question is now in the shared bank" in response.content.decode()
