"""Guessing join codes and passwords: one address is stopped, everyone else goes on working.

The join-code limiter counts in the database (RateCounter) or in Redis, per minute. "Sent
quickly" means within that minute: the limiter's clock is held at one moment for the whole
flood, so that the result does not depend on where in the minute the test happens to run.
"""

from __future__ import annotations

import datetime
import random
from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes import ratelimit, teaching
from quizzes.models import Attempt, RateCounter
from quizzes.views import accounts, student
from tests.factories import SuperUserFactory, TeacherFactory
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
ATTACKER, CLASSROOM = "203.0.113.7", "198.51.100.20"


def wrong_codes(count: int, real: str) -> list[str]:
    rng = random.Random(1917)
    codes = set()
    while len(codes) < count:
        code = "".join(rng.choice(teaching.CODE_ALPHABET) for _ in range(teaching.CODE_LENGTH))
        if code != real:
            codes.add(code)
    return sorted(codes)


@pytest.fixture
def frozen_limiter():
    """The rate limiter's clock, held at one moment in the middle of a window."""
    moment = timezone.now().replace(second=30)
    with mock.patch.object(ratelimit, "timezone", SimpleNamespace(now=lambda: moment)):
        yield moment


def test_a_thousand_wrong_codes_from_one_address_are_refused_while_a_class_joins(
    question_bank, frozen_limiter
):
    question_set = published_set()
    attacker = Client(REMOTE_ADDR=ATTACKER)
    classmate = Client(REMOTE_ADDR=CLASSROOM)
    statuses = []
    joined = None
    for number, code in enumerate(wrong_codes(1000, question_set.code)):
        if number % 2:  # both ways of sending a code count: the form and the share link
            response = attacker.post(reverse("quizzes:join"), {"code": code})
        else:
            response = attacker.get(reverse("quizzes:join_set", args=[code]))
        statuses.append(response.status_code)
        if response.status_code == 429:
            assert response["Retry-After"] == "60"
        if number == 500:  # meanwhile, a real student in the classroom joins
            found = classmate.post(reverse("quizzes:join"), {"code": question_set.code.lower()})
            assert found.status_code == 302
            assert found["Location"] == reverse("quizzes:join_set", args=[question_set.code])
            joined = classmate.post(found["Location"], {"nickname": "Natasha"})
    refused = statuses.count(429)
    answered = len(statuses) - refused
    assert {*statuses} <= {200, 404, 429}, sorted({*statuses})
    assert joined is not None and joined.status_code == 302, "the real student could not join"
    attempt = Attempt.objects.get(question_set=question_set, nickname="Natasha")
    assert joined["Location"] == reverse("quizzes:take", args=[attempt.pk])
    assert refused >= 990, (
        f"only {refused} of 1000 wrong codes ({refused / 10:.1f} %) got 429: {answered} were "
        f"looked up and answered before the limit of {student.WRONG_CODES['limit']} per "
        f"{student.WRONG_CODES['window_seconds']} s blocked the address (at least 99 % "
        f"means at most 10 answered)"
    )


def test_an_address_over_the_limit_is_refused_even_with_the_right_code(
    question_bank, frozen_limiter
):
    question_set = published_set()
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for code in wrong_codes(student.WRONG_CODES["limit"] + 5, question_set.code):
        attacker.post(reverse("quizzes:join"), {"code": code})
    response = attacker.post(reverse("quizzes:join"), {"code": question_set.code})
    assert response.status_code == 429
    assert "Too many wrong codes from this device" in response.content.decode()
    assert RateCounter.objects.get(key=f"join:{ATTACKER}").count > student.WRONG_CODES["limit"]
    classmate = Client(REMOTE_ADDR=CLASSROOM)
    assert classmate.post(reverse("quizzes:join"), {"code": question_set.code}).status_code == 302


def test_the_limit_counts_per_address_not_per_session(question_bank, frozen_limiter):
    question_set = published_set()
    for code in wrong_codes(student.WRONG_CODES["limit"] + 2, question_set.code):
        Client(REMOTE_ADDR=ATTACKER).post(reverse("quizzes:join"), {"code": code})  # new cookies
    fresh = Client(REMOTE_ADDR=ATTACKER)
    assert fresh.post(reverse("quizzes:join"), {"code": "ABCDEF"}).status_code == 429


def test_the_address_may_join_again_once_the_flood_is_over(question_bank, frozen_limiter):
    question_set = published_set()
    attacker = Client(REMOTE_ADDR=ATTACKER)
    for code in wrong_codes(student.WRONG_CODES["limit"] + 2, question_set.code):
        attacker.post(reverse("quizzes:join"), {"code": code})
    assert attacker.post(reverse("quizzes:join"), {"code": "ABCDEF"}).status_code == 429
    later = frozen_limiter + datetime.timedelta(seconds=2 * student.WRONG_CODES["window_seconds"])
    with mock.patch.object(ratelimit, "timezone", SimpleNamespace(now=lambda: later)):
        response = attacker.post(reverse("quizzes:join"), {"code": question_set.code})
    assert response.status_code == 302


# -- passwords (django-axes) -------------------------------------------------------------


def login(client, username, password=PASSWORD, url="login"):
    return client.post(reverse(url), {"username": username, "password": password})


def test_the_sixth_login_after_five_wrong_passwords_is_locked_out_even_when_right(db):
    TeacherFactory(username="rossi")
    guesser = Client(REMOTE_ADDR=ATTACKER)
    statuses = [login(guesser, "rossi", f"guess-{n}").status_code for n in range(5)]
    assert statuses == [200, 200, 200, 200, 429], statuses  # the fifth failure locks
    locked = login(guesser, "rossi")
    assert locked.status_code == 429
    assert "locked on this device for 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in guesser.session


def test_a_lock_out_holds_one_username_at_one_address_only(db):
    TeacherFactory(username="rossi")
    TeacherFactory(username="verdi")
    guesser = Client(REMOTE_ADDR=ATTACKER)
    for attempt in range(5):
        login(guesser, "rossi", f"guess-{attempt}")
    assert login(guesser, "rossi").status_code == 429
    assert login(guesser, "verdi").status_code == 302  # another username, same address
    elsewhere = Client(REMOTE_ADDR=CLASSROOM)
    response = login(elsewhere, "rossi")  # the same username, another address
    assert response.status_code == 302 and response["Location"] == reverse("quizzes:teach")


def test_four_wrong_passwords_do_not_lock_the_account(db):
    TeacherFactory(username="rossi")
    guesser = Client(REMOTE_ADDR=ATTACKER)
    for attempt in range(4):
        login(guesser, "rossi", f"guess-{attempt}")
    assert login(guesser, "rossi").status_code == 302


def test_the_admins_login_page_locks_out_the_same_way(db):
    SuperUserFactory()
    guesser = Client(REMOTE_ADDR=ATTACKER)
    statuses = [
        login(guesser, "root", f"guess-{n}", url="admin:login").status_code for n in range(5)
    ]
    assert statuses == [200, 200, 200, 200, 429], statuses
    assert login(guesser, "root", url="admin:login").status_code == 429
    response = login(Client(REMOTE_ADDR=CLASSROOM), "root", url="admin:login")  # elsewhere
    assert response.status_code == 302 and "/login/" not in response["Location"]


# -- sign-ups ------------------------------------------------------------------------------


def test_sign_ups_from_one_address_stop_after_the_hourly_limit(db, frozen_limiter):
    client = Client(REMOTE_ADDR=ATTACKER)
    limit = accounts.SIGNUPS["limit"]
    statuses = []
    for number in range(limit + 2):
        data = {
            "username": f"applicant{number}",
            "first_name": "Anna",
            "last_name": "Bianchi",
            "email": f"a{number}@example.org",
            "school": "Liceo",
            "password1": "Another-long-pass-42",
            "password2": "Another-long-pass-42",
        }
        statuses.append(client.post(reverse("signup"), data).status_code)
    assert statuses == [302] * limit + [429, 429], statuses
    other = Client(REMOTE_ADDR=CLASSROOM)
    data = {
        "username": "colleague",
        "first_name": "Carla",
        "last_name": "Neri",
        "email": "c@example.org",
        "school": "Liceo",
        "password1": "Another-long-pass-42",
        "password2": "Another-long-pass-42",
    }
    assert other.post(reverse("signup"), data).status_code == 302


def test_password_resets_for_one_account_stop_whatever_the_address(db, frozen_limiter, mailoutbox):
    TeacherFactory(username="carla", email="carla@example.org")
    statuses = [
        Client(REMOTE_ADDR=f"198.51.100.{n}")
        .post(reverse("password_reset"), {"email": "carla@example.org"})
        .status_code
        for n in range(accounts.PER_ACCOUNT["limit"] + 2)
    ]
    assert statuses == [302] * accounts.PER_ACCOUNT["limit"] + [429, 429]
    assert len(mailoutbox) == accounts.PER_ACCOUNT["limit"]
    refused = Client(REMOTE_ADDR="198.51.100.99").post(
        reverse("password_reset"), {"email": "carla@example.org"}
    )
    assert "Wait an hour" in refused.content.decode()


def test_password_resets_from_one_address_stop_after_the_hourly_limit(db, frozen_limiter):
    client = Client(REMOTE_ADDR=ATTACKER)
    statuses = [
        client.post(reverse("password_reset"), {"email": f"x{n}@example.org"}).status_code
        for n in range(accounts.RESETS["limit"] + 1)
    ]
    assert statuses == [302] * accounts.RESETS["limit"] + [429]
    other = Client(REMOTE_ADDR=CLASSROOM)
    assert other.post(reverse("password_reset"), {"email": "y@example.org"}).status_code == 302


def test_sign_ups_for_one_username_stop_whatever_the_address(db, frozen_limiter):
    statuses = []
    for n in range(accounts.PER_ACCOUNT["limit"] + 1):
        data = {
            "username": f"taken{n}",
            "first_name": "Anna",
            "last_name": "Bianchi",
            "email": "same@example.org",
            "school": "Liceo",
            "password1": "Another-long-pass-42",
            "password2": "Another-long-pass-42",
        }
        client = Client(REMOTE_ADDR=f"198.51.100.{n}")
        statuses.append(client.post(reverse("signup"), data).status_code)
    assert statuses == [302] * accounts.PER_ACCOUNT["limit"] + [429]


# -- behind a proxy: the address the trusted proxy saw -----------------------------------------


def test_behind_one_proxy_a_client_cannot_choose_its_own_address(settings):
    """The client writes X-Forwarded-For: 6.6.6.6; the proxy appends the real address."""
    from django.test import RequestFactory

    settings.PROXY_COUNT = 1
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {ATTACKER}", REMOTE_ADDR="10.0.0.1"
    )
    assert ratelimit.client_ip(request) == ATTACKER
    honest = RequestFactory().get("/", HTTP_X_FORWARDED_FOR=CLASSROOM, REMOTE_ADDR="10.0.0.1")
    assert ratelimit.client_ip(honest) == CLASSROOM


def test_behind_two_proxies_the_client_is_second_from_the_right(settings):
    from django.test import RequestFactory

    settings.PROXY_COUNT = 2
    request = RequestFactory().get(
        "/", HTTP_X_FORWARDED_FOR=f"6.6.6.6, {ATTACKER}, 10.0.0.2", REMOTE_ADDR="10.0.0.1"
    )
    assert ratelimit.client_ip(request) == ATTACKER


def test_without_a_proxy_a_forwarded_header_is_ignored(settings):
    from django.test import RequestFactory

    settings.PROXY_COUNT = 0
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="6.6.6.6", REMOTE_ADDR=ATTACKER)
    assert ratelimit.client_ip(request) == ATTACKER


def test_behind_a_proxy_wrong_passwords_lock_out_only_the_guesser(settings, client):
    """django-axes counts by the same address: five wrong passwords from one address behind
    the proxy do not lock the teacher out from the classroom's."""
    settings.PROXY_COUNT = 1
    teacher = TeacherFactory(username="lockme")
    url = reverse("login")
    for n in range(6):
        client.post(
            url,
            {"username": "lockme", "password": f"wrong-{n}"},
            HTTP_X_FORWARDED_FOR=f"9.9.9.{n}, {ATTACKER}",
            REMOTE_ADDR="10.0.0.1",
        )
    classroom = Client()
    response = classroom.post(
        url,
        {"username": teacher.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=CLASSROOM,
        REMOTE_ADDR="10.0.0.1",
    )
    assert response.status_code == 302  # logged in
    locked = Client().post(
        url,
        {"username": teacher.username, "password": PASSWORD},
        HTTP_X_FORWARDED_FOR=f"1.1.1.1, {ATTACKER}",
        REMOTE_ADDR="10.0.0.1",
    )
    assert locked.status_code != 302
