"""Every teacher URL, for its owner, another teacher, a student account and an anonymous visitor."""

import pytest
from django.urls import reverse

from quizzes import services
from quizzes.models import Attempt
from tests.factories import TeacherFactory, UserFactory
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db

# name, extra args, method
URLS = [
    ("set_edit", [], "get"),
    ("set_bank", [], "get"),
    ("set_add", [], "post"),
    ("set_add_random", [], "post"),
    ("set_remove", [], "post"),
    ("set_move", [], "post"),
    ("set_preview", [], "get"),
    ("set_publish", [], "post"),
    ("set_close", [], "post"),
    ("set_reopen", [], "post"),
    ("set_duplicate", [], "post"),
    ("set_share", [], "get"),
    ("set_results", [], "get"),
    ("set_results_csv", [], "get"),
    ("set_attempt", ["attempt"], "get"),
    ("set_export", ["gift"], "get"),
    ("set_print", [], "get"),
    ("set_delete", [], "post"),
]


@pytest.fixture
def scene(question_bank):
    owner = TeacherFactory(username="owner")
    question_set = published_set(owner=owner)
    attempt = services.attempt_start(questions=[], nickname="Ann", language="en",
                                     owner_token="x", question_set=question_set)  # fmt: skip
    return owner, question_set, attempt


def url_for(name, extra, question_set, attempt):
    args = [question_set.pk] + [attempt.pk if a == "attempt" else a for a in extra]
    return reverse(f"quizzes:{name}", args=args)


@pytest.mark.parametrize(("name", "extra", "method"), URLS, ids=[u[0] for u in URLS])
def test_the_owner_may_use_every_teacher_url(scene, client, name, extra, method):
    owner, question_set, attempt = scene
    client.force_login(owner)
    response = getattr(client, method)(url_for(name, extra, question_set, attempt))
    assert response.status_code in (200, 302), response.status_code
    if response.status_code == 302:
        assert "/accounts/login/" not in response["Location"]


@pytest.mark.parametrize(("name", "extra", "method"), URLS, ids=[u[0] for u in URLS])
def test_another_teacher_gets_404(scene, client, name, extra, method):
    _owner, question_set, attempt = scene
    client.force_login(TeacherFactory(username="other"))
    response = getattr(client, method)(url_for(name, extra, question_set, attempt))
    assert response.status_code == 404


@pytest.mark.parametrize(("name", "extra", "method"), URLS, ids=[u[0] for u in URLS])
def test_a_student_account_gets_403(scene, client, name, extra, method):
    _owner, question_set, attempt = scene
    client.force_login(UserFactory(username="pupil"))
    response = getattr(client, method)(url_for(name, extra, question_set, attempt))
    assert response.status_code == 403


@pytest.mark.parametrize(("name", "extra", "method"), URLS, ids=[u[0] for u in URLS])
def test_an_anonymous_visitor_is_sent_to_the_login_page(scene, client, name, extra, method):
    _owner, question_set, attempt = scene
    response = getattr(client, method)(url_for(name, extra, question_set, attempt))
    assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")


def test_the_dashboard_lists_only_the_teachers_own_sets(scene, client):
    owner, question_set, _attempt = scene
    other = published_set(owner=TeacherFactory(username="other"), title="Someone else's")
    client.force_login(owner)
    html = client.get(reverse("quizzes:teach")).content.decode()
    assert question_set.title in html and other.title not in html


def test_an_admin_sees_every_set(scene, admin_client):
    _owner, question_set, _attempt = scene
    html = admin_client.get(reverse("quizzes:teach")).content.decode()
    assert question_set.title in html
    assert (
        admin_client.get(reverse("quizzes:set_results", args=[question_set.pk])).status_code == 200
    )


def test_the_dashboard_is_closed_to_students_and_anonymous(scene, client):
    assert client.get(reverse("quizzes:teach")).status_code == 302
    client.force_login(UserFactory(username="pupil"))
    assert client.get(reverse("quizzes:teach")).status_code == 403
    assert not Attempt.objects.exclude(nickname="Ann").exists()
