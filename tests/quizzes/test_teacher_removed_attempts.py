"""A teacher removes a junk attempt from a set's results (probe #9): asked first, on a page
that works without JavaScript; the attempt is kept and marked, listed apart with a button to
restore it, and counts in no statistics, grade, grid or CSV."""

import csv
import io

import pytest
from django.test import Client
from django.urls import reverse

from quizzes import selectors
from quizzes.models import Attempt
from tests.factories import SuperUserFactory, TeacherFactory
from tests.quizzes.student import set_session
from tests.quizzes.teacher import published_set, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def junk(question_bank):
    """Ann and Bob took the quiz; "xx" is a junk attempt that scored nothing."""
    question_set = published_set()
    take(question_set, "Ann", [True, True, True])
    take(question_set, "Bob", [True, False, False])
    return take(question_set, "xx", [False, False, False])


def remove_url(attempt):
    return reverse("quizzes:set_attempt_remove", args=[attempt.question_set_id, attempt.pk])


def results_html(client, question_set) -> str:
    return client.get(reverse("quizzes:set_results", args=[question_set.pk])).content.decode()


def test_the_attempt_page_leads_to_a_confirmation_that_removes_nothing_by_itself(junk, client):
    client.force_login(junk.question_set.owner)
    detail = client.get(reverse("quizzes:set_attempt", args=[junk.question_set_id, junk.pk]))
    assert f'href="{remove_url(junk)}"' in detail.content.decode()
    confirm = client.get(remove_url(junk)).content.decode()
    assert "Remove this attempt from the results?" in confirm
    assert f'<form method="post" action="{remove_url(junk)}">' in confirm
    junk.refresh_from_db()
    assert junk.removed is False


def test_removing_keeps_the_attempt_and_takes_it_out_of_every_figure(junk, client):
    question_set = junk.question_set
    client.force_login(question_set.owner)
    before = selectors.set_results(question_set)
    assert before.summary.count == 3
    response = client.post(remove_url(junk))
    assert response.status_code == 302
    assert response["Location"] == reverse("quizzes:set_results", args=[question_set.pk])
    junk.refresh_from_db()
    assert junk.removed and Attempt.objects.filter(pk=junk.pk).exists()
    after = selectors.set_results(question_set)
    assert after.summary.count == 2 and after.summary.mean == pytest.approx(2.0)
    assert [row.attempt.nickname for row in after.rows] == ["Bob", "Ann"]
    assert [student.name for student in after.students] == ["Ann", "Bob"]
    assert [row.attempt.pk for row in after.removed] == [junk.pk]
    assert sum(o.count for o in after.items[0].options) == 2
    html = results_html(client, question_set)
    assert "The attempt of xx was removed from the results." in html
    removed = html[html.index('id="removed-title"') :]
    assert "<bdi>xx</bdi>" in removed and "Restore" in removed
    assert "<bdi>xx</bdi>" not in html[: html.index('id="removed-title"')]
    csv_text = client.get(reverse("quizzes:set_results_csv", args=[question_set.pk]))
    rows = list(csv.reader(io.StringIO(csv_text.content.decode("utf-8-sig"))))
    assert [row[0] for row in rows[1:]] == ["Ann", "Bob"]


def test_a_removed_attempt_can_be_restored(junk, client):
    question_set = junk.question_set
    client.force_login(question_set.owner)
    client.post(remove_url(junk))
    detail_url = reverse("quizzes:set_attempt", args=[question_set.pk, junk.pk])
    detail = client.get(detail_url).content.decode()
    assert "This attempt is removed from the results" in detail
    restore = reverse("quizzes:set_attempt_restore", args=[question_set.pk, junk.pk])
    response = client.post(restore, {"next": detail_url})
    assert response.status_code == 302 and response["Location"] == detail_url
    junk.refresh_from_db()
    assert junk.removed is False
    assert selectors.set_results(question_set).summary.count == 3
    # Restoring goes back to the results by default, and never to another site.
    response = client.post(restore, {"next": "https://evil.example/"})
    assert response["Location"] == reverse("quizzes:set_results", args=[question_set.pk])


def test_a_removed_attempt_still_counts_towards_the_attempts_allowed(junk, client):
    question_set = junk.question_set
    client.force_login(question_set.owner)
    client.post(remove_url(junk))
    student = Client()
    set_session(student, quiz_owner="browser-of-xx")
    response = student.post(
        reverse("quizzes:join_set", args=[question_set.code]), {"nickname": "xx"}
    )
    assert "You have used your one attempt at this quiz." in response.content.decode()


def test_only_the_sets_owner_and_admins_remove_or_restore(junk):
    url = remove_url(junk)
    restore = reverse("quizzes:set_attempt_restore", args=[junk.question_set_id, junk.pk])
    other = Client()
    other.force_login(TeacherFactory(username="other"))
    assert other.get(url).status_code == 404
    assert other.post(url).status_code == 404
    assert Client().post(url)["Location"].startswith("/accounts/login/")
    junk.refresh_from_db()
    assert junk.removed is False
    admin = Client()
    admin.force_login(SuperUserFactory())
    assert admin.post(url).status_code == 302
    junk.refresh_from_db()
    assert junk.removed is True
    assert other.post(restore).status_code == 404
    junk.refresh_from_db()
    assert junk.removed is True


def test_an_attempt_of_another_set_is_not_found(junk, client):
    other_set = published_set(owner=junk.question_set.owner)
    client.force_login(other_set.owner)
    url = reverse("quizzes:set_attempt_remove", args=[other_set.pk, junk.pk])
    assert client.post(url).status_code == 404
    junk.refresh_from_db()
    assert junk.removed is False
