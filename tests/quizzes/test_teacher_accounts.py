"""Teacher accounts: log in and out, passwords, signing up and approval, lock-out."""

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.urls import reverse

from quizzes.models import TeacherSignup
from tests.factories import TeacherFactory

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


def login(client, username, password=PASSWORD):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_a_teacher_logs_in_on_the_sites_own_page_and_lands_on_their_quizzes(client):
    TeacherFactory(username="rossi")
    page = client.get(reverse("login")).content.decode()
    assert "Teachers: log in" in page and 'class="site-header"' in page
    response = login(client, "rossi")
    assert response["Location"] == reverse("quizzes:teach")
    assert "My quizzes" in client.get(reverse("quizzes:teach")).content.decode()


def test_a_wrong_password_gets_a_clear_message(client):
    TeacherFactory(username="rossi")
    html = login(client, "rossi", "wrong").content.decode()
    assert "That username and password do not match." in html


def test_logging_out_is_a_post_and_ends_the_session(client):
    TeacherFactory(username="rossi")
    login(client, "rossi")
    assert client.get(reverse("logout")).status_code == 405
    client.post(reverse("logout"))
    assert client.get(reverse("quizzes:teach")).status_code == 302


def test_password_pages_are_styled_like_the_site(client):
    teacher = TeacherFactory(username="rossi", email="rossi@example.org")
    for name in ("password_reset", "password_reset_done", "password_reset_complete"):
        assert 'class="site-header"' in client.get(reverse(name)).content.decode()
    client.post(reverse("password_reset"), {"email": "rossi@example.org"})
    assert len(mail.outbox) == 1 and "/accounts/reset/" in mail.outbox[0].body
    client.force_login(teacher)
    html = client.get(reverse("password_change")).content.decode()
    assert "Change your password" in html and 'name="new_password1"' in html


def test_a_signup_waits_for_an_admin_and_then_works(admin_client):
    from django.test import Client

    client = Client()
    data = {"username": "bianchi", "first_name": "Anna", "last_name": "Bianchi", "email": "b@example.org",
            "school": "Liceo Galvani", "password1": "Another-long-pass-42", "password2": "Another-long-pass-42"}  # fmt: skip
    response = client.post(reverse("signup"), data)
    assert response["Location"] == reverse("signup_done")
    user = get_user_model().objects.get(username="bianchi")
    assert not user.is_active and TeacherSignup.objects.get(user=user).school == "Liceo Galvani"
    refused = login(client, "bianchi", "Another-long-pass-42")
    assert refused.status_code == 200
    assert "Your account is waiting for an admin's approval." in refused.content.decode()
    assert "do not match" not in refused.content.decode()

    signup = TeacherSignup.objects.get()
    admin_client.post(
        reverse("admin:quizzes_teachersignup_changelist"),
        {"action": "approve_teachers", "_selected_action": [signup.pk]},
    )
    user.refresh_from_db()
    assert user.is_active and user.groups.filter(name="Teachers").exists()
    response = login(client, "bianchi", "Another-long-pass-42")
    assert response["Location"] == reverse("quizzes:teach")


def test_five_wrong_passwords_lock_the_login_for_fifteen_minutes(client, caplog):
    TeacherFactory(username="rossi")
    for _ in range(5):
        login(client, "rossi", "wrong")
    locked = login(client, "rossi")  # even the right password, now
    assert locked.status_code == 429
    assert "locked on this device for 15 minutes" in locked.content.decode()
    assert any("AXES" in record.getMessage() for record in caplog.records)


def test_a_lock_out_is_per_user_and_address(client):
    from django.test import Client

    TeacherFactory(username="rossi")
    TeacherFactory(username="verdi")
    for _ in range(5):
        login(client, "rossi", "wrong")
    assert login(client, "verdi").status_code == 302  # another user from the same address
    assert login(Client(REMOTE_ADDR="10.1.1.1"), "rossi").status_code == 302  # another address


def waiting_teacher(username="bianchi"):
    user = get_user_model().objects.create_user(username, password=PASSWORD, is_active=False)
    TeacherSignup.objects.create(user=user, school="Liceo Galvani")
    return user


def test_a_waiting_teacher_with_a_wrong_password_is_told_only_that_it_is_wrong(client):
    waiting_teacher()
    html = login(client, "bianchi", "wrong").content.decode()
    assert "That username and password do not match." in html
    assert "approval" not in html


def test_an_account_an_admin_deactivated_is_not_said_to_wait_for_approval(client):
    user = waiting_teacher()
    TeacherSignup.objects.filter(user=user).update(approved_at="2026-01-01T00:00Z")
    html = login(client, "bianchi").content.decode()
    assert "That username and password do not match." in html and "approval" not in html


def test_waiting_for_approval_still_counts_towards_the_lock_out(client):
    waiting_teacher()
    for _ in range(3):
        login(client, "bianchi", "wrong")
    assert "waiting for an admin's approval" in login(client, "bianchi").content.decode()
    # The fifth failure, though the password is right: locked, and nothing said of the account.
    locked = login(client, "bianchi")
    assert locked.status_code == 429 and "approval" not in locked.content.decode()
