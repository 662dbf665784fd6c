"""Extra time or an extra attempt for one student, the accommodation schools must offer: the
teacher adds, changes and removes them on the set's page; the student gets them on joining."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from quizzes.models import Accommodation, Attempt
from tests.factories import TeacherFactory, UserFactory
from tests.quizzes.teacher import published_set, take

pytestmark = pytest.mark.django_db


@pytest.fixture
def timed(question_bank):
    return published_set(time_limit_minutes=10, attempts_allowed=1)


def accommodations_url(question_set):
    return reverse("quizzes:set_accommodations", args=[question_set.pk])


def save(client, question_set, **fields):
    client.force_login(question_set.owner)
    data = {"nickname": "", "username": "", "extra_minutes": "0", "extra_attempts": "0"}
    data.update({name: str(value) for name, value in fields.items()})
    return client.post(accommodations_url(question_set), data, follow=True)


def join(question_set, nickname, *, student=None, user=None):
    """Join in the browser ``student`` (a new one by default), logged in as ``user``."""
    student = student or Client()
    if user is not None:
        student.force_login(user)
    student.get("/")
    return student.post(reverse("quizzes:join_set", args=[question_set.code]),
                        {"nickname": nickname})  # fmt: skip


def minutes_given(attempt) -> float:
    return (attempt.deadline - attempt.started_at) / datetime.timedelta(minutes=1)


def test_the_editor_and_the_results_lead_to_the_accommodations(timed, client):
    client.force_login(timed.owner)
    url = accommodations_url(timed)
    for page in ("quizzes:set_edit", "quizzes:set_results"):
        assert f'href="{url}"' in client.get(reverse(page, args=[timed.pk])).content.decode()
    html = client.get(url).content.decode()
    assert "Nobody has extra time or attempts in this quiz." in html
    assert "Time limit: 10 minutes." in html and "1 attempt allowed per student." in html


def test_a_student_with_extra_time_gets_a_later_deadline(timed, client):
    html = save(client, timed, nickname="Ann", extra_minutes=15).content.decode()
    assert "Saved the accommodation for Ann." in html
    join(timed, "ann")  # the nickname as it looks: case does not matter
    join(timed, "Bob")
    ann, bob = Attempt.objects.get(nickname="ann"), Attempt.objects.get(nickname="Bob")
    assert minutes_given(ann) == pytest.approx(25, abs=0.1)
    assert minutes_given(bob) == pytest.approx(10, abs=0.1)


def test_a_student_with_an_extra_attempt_can_start_once_more(timed, client):
    save(client, timed, nickname="Ann", extra_attempts=1)
    ann, bob = Client(), Client()
    for _ in range(2):
        assert join(timed, "Ann", student=ann).status_code == 302
    refused = join(timed, "Ann", student=ann).content.decode()
    assert "You have used all your 2 attempts at this quiz." in refused
    assert join(timed, "Bob", student=bob).status_code == 302
    refused = join(timed, "Bob", student=bob).content.decode()
    assert "You have used your one attempt at this quiz." in refused
    assert Attempt.objects.filter(nickname="Ann").count() == 2


def test_a_logged_in_student_gets_theirs_under_any_nickname(timed, client):
    pupil = UserFactory(username="pupil")
    html = save(client, timed, username="pupil", extra_attempts=1).content.decode()
    assert "Saved the accommodation for pupil." in html
    assert join(timed, "Pip", user=pupil).status_code == 302
    assert join(timed, "Pippa", user=pupil).status_code == 302
    assert Attempt.objects.filter(user=pupil).count() == 2


def test_an_accounts_extra_time_is_not_given_to_someone_typing_its_nickname(timed, client):
    pupil = UserFactory(username="pupil")
    save(client, timed, nickname="Pip", username="pupil", extra_minutes=20)
    join(timed, "Pip")  # another browser, not logged in, with the same nickname
    assert minutes_given(Attempt.objects.get(nickname="Pip")) == 10
    join(timed, "Pippa", user=pupil)
    assert minutes_given(Attempt.objects.get(user=pupil)) == 30


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        (
            {"extra_minutes": 10},
            "Give the student&#x27;s nickname, or the username of their account.",
        ),
        ({"nickname": "Ann"}, "Give extra minutes, extra attempts or both (more than 0)."),
        ({"nickname": "Ann", "extra_minutes": 301}, "less than or equal to 300"),
        ({"nickname": "Ann", "extra_attempts": 21}, "less than or equal to 20"),
        ({"nickname": "Ann", "extra_minutes": -5}, "greater than or equal to 0"),
        ({"nickname": "Ann", "extra_minutes": "ten"}, "Enter a whole number."),
        ({"nickname": "\u200b\u200d", "extra_minutes": 5}, "Give the student"),
        ({"nickname": "!!", "extra_minutes": 5}, "A nickname needs at least one letter or digit."),
        ({"username": "nobody", "extra_minutes": 5}, "No account has the username “nobody”."),
    ],
)
def test_bad_input_is_explained_and_nothing_is_stored(timed, client, fields, message):
    response = save(client, timed, **fields)
    assert response.status_code == 200
    html = response.content.decode()
    assert message in html
    if fields.get("nickname") == "Ann":  # what was typed stays in the form
        assert 'name="nickname" value="Ann"' in html
    assert not Accommodation.objects.exists()


def test_the_teacher_is_told_when_no_attempt_uses_the_nickname_yet(timed, client):
    take(timed, "Ann", [True, True, True])
    html = save(client, timed, nickname="Anne", extra_minutes=5).content.decode()
    assert "No attempt in this quiz uses the nickname “Anne” yet" in html
    assert "no attempt in this quiz uses it yet" in html
    html = save(client, timed, nickname="ANN", extra_minutes=5).content.decode()
    assert "No attempt in this quiz uses the nickname “ANN” yet" not in html


def test_extra_minutes_without_a_time_limit_are_pointed_out(question_bank, client):
    untimed = published_set(attempts_allowed=0)
    html = save(client, untimed, nickname="Ann", extra_minutes=5, extra_attempts=1).content
    assert "This quiz has no time limit" in html.decode()
    assert "This quiz allows any number of attempts" in html.decode()


def test_saving_again_for_the_same_student_changes_theirs(timed, client):
    save(client, timed, nickname="Ann", extra_minutes=5)
    save(client, timed, nickname="ann", extra_minutes=20, extra_attempts=1)
    accommodation = Accommodation.objects.get()
    assert (accommodation.nickname, accommodation.extra_minutes) == ("ann", 20)
    assert accommodation.extra_attempts == 1


def test_the_change_link_fills_in_the_form_and_saving_it_edits_that_row(timed, client):
    save(client, timed, nickname="Ann", extra_minutes=5)
    accommodation = Accommodation.objects.get()
    html = client.get(accommodations_url(timed), {"edit": accommodation.pk}).content.decode()
    assert "Change an accommodation" in html
    assert f'name="accommodation" value="{accommodation.pk}"' in html
    assert 'name="nickname" value="Ann"' in html and 'name="extra_minutes" value="5"' in html
    save(client, timed, accommodation=accommodation.pk, nickname="Anna", extra_minutes=7)
    accommodation.refresh_from_db()
    assert (accommodation.nickname, accommodation.extra_minutes) == ("Anna", 7)
    assert Accommodation.objects.count() == 1
    # An id that is not a number or not this set's is no edit.
    for value in ("x", "999999", "-1"):
        assert client.get(accommodations_url(timed), {"edit": value}).status_code == 200


def test_an_accommodation_is_removed_with_a_button(timed, client):
    save(client, timed, nickname="Ann", extra_minutes=5)
    accommodation = Accommodation.objects.get()
    response = client.post(accommodations_url(timed), {"delete": accommodation.pk}, follow=True)
    assert "The accommodation was removed." in response.content.decode()
    assert not Accommodation.objects.exists()
    assert client.post(accommodations_url(timed), {"delete": "nonsense"}).status_code == 302


def test_another_teacher_neither_reads_nor_changes_them(timed, client):
    save(client, timed, nickname="Ann", extra_minutes=5)
    accommodation = Accommodation.objects.get()
    other = Client()
    other.force_login(TeacherFactory(username="other"))
    assert other.get(accommodations_url(timed)).status_code == 404
    assert other.post(accommodations_url(timed), {"delete": accommodation.pk}).status_code == 404
    other_set = published_set(owner=TeacherFactory(username="third"))
    other.force_login(other_set.owner)
    # Deleting through one's own set never reaches another set's row.
    other.post(accommodations_url(other_set), {"delete": accommodation.pk})
    assert Accommodation.objects.filter(pk=accommodation.pk).exists()
