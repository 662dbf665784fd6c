"""Guessing join codes and passwords, starting junk attempts: the guesser is stopped, everyone
else goes on working.

The join-code limiter counts in the database (RateCounter) or in Redis, per minute. "Sent
quickly" means within that minute: the limiter's clock is held at one moment for the whole
flood, so that the result does not depend on where in the minute the test happens to run.
"""

from __future__ import annotations

import datetime
import random
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from quizzes import ratelimit, teaching
from quizzes.models import Attempt, Question
from quizzes.views import accounts, limits
from tests.factories import SuperUserFactory, TeacherFactory
from tests.quizzes.teacher import published_set

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
ATTACKER, CLASSROOM = "203.0.113.7", "198.51.100.20"
CODES, PER_ADDRESS = limits.CODES_PER_BROWSER, limits.CODES_PER_ADDRESS


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
    moment = timezone.now().replace(second=30, microsecond=0)
    with mock.patch.object(ratelimit, "timezone", SimpleNamespace(now=lambda: moment)):
        yield moment


def test_a_thousand_wrong_codes_from_one_browser_are_refused_while_a_class_joins(
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
            assert 0 < int(response["Retry-After"]) <= 2 * CODES["window_seconds"]
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
        f"looked up and answered before the limit of {CODES['limit']} per "
        f"{CODES['window_seconds']} s blocked the browser (at least 99 % "
        f"means at most 10 answered)"
    )


def test_a_student_past_the_limit_is_told_how_long_to_wait(question_bank, frozen_limiter):
    question_set = published_set()
    student = Client(REMOTE_ADDR=CLASSROOM)
    for code in wrong_codes(CODES["limit"], question_set.code):
        assert student.post(reverse("quizzes:join"), {"code": code}).status_code == 200
    response = student.post(reverse("quizzes:join"), {"code": "ABCDEF"})
    assert response.status_code == 429
    seconds = int(response["Retry-After"])
    # At half past the minute, 11 codes in it: the count lasts the 30 s left of this minute,
    # then fades over the next until 10 of 11 remain, 60 / 11 s into it.
    assert seconds == 36
    html = response.content.decode()
    assert f"You have typed too many wrong codes. Wait {seconds} seconds, then try again." in html
    # Once the wait is over, the right code goes through.
    later = frozen_limiter + datetime.timedelta(seconds=seconds)
    with mock.patch.object(ratelimit, "timezone", SimpleNamespace(now=lambda: later)):
        assert student.post(reverse("quizzes:join"), {"code": question_set.code}).status_code == 302


def test_one_students_wrong_codes_never_keep_a_classmate_behind_the_same_address_out(
    question_bank, frozen_limiter
):
    """The probe: after 8 wrong codes from one school address, classmates got 429 for the
    right code. Wrong codes now count per browser first: the guesser waits, the class joins."""
    question_set = published_set()
    guesser = Client(REMOTE_ADDR=CLASSROOM)
    for code in wrong_codes(CODES["limit"] + 5, question_set.code):
        guesser.post(reverse("quizzes:join"), {"code": code})
    assert guesser.post(reverse("quizzes:join"), {"code": question_set.code}).status_code == 429
    for number in range(30):
        classmate = Client(REMOTE_ADDR=CLASSROOM)
        found = classmate.post(reverse("quizzes:join"), {"code": question_set.code})
        assert found.status_code == 302, number
        joined = classmate.post(found["Location"], {"nickname": f"Student {number}"})
        assert joined.status_code == 302, number
    assert Attempt.objects.filter(question_set=question_set).count() == 30


def flood_without_cookies(address: str, count: int, real: str) -> list[int]:
    """A script that throws its cookies away: every code from a new browser."""
    return [
        Client(REMOTE_ADDR=address).post(reverse("quizzes:join"), {"code": code}).status_code
        for code in wrong_codes(count, real)
    ]


def test_a_script_that_drops_its_cookies_is_stopped_by_the_addresss_ceiling(
    question_bank, frozen_limiter
):
    question_set = published_set()
    statuses = flood_without_cookies(ATTACKER, 300, question_set.code)
    assert statuses.count(200) == PER_ADDRESS["limit"], statuses.count(200)
    assert statuses[PER_ADDRESS["limit"] :] == [429] * (300 - PER_ADDRESS["limit"])
    refused = Client(REMOTE_ADDR=ATTACKER).post(reverse("quizzes:join"), {"code": "ABCDEF"})
    assert "Too many wrong codes came from your network. Wait" in refused.content.decode()
    # A code nobody has used at that address is not looked up either: the script cannot
    # tell a real code from a wrong one by the answer.
    other = published_set()
    assert (
        Client(REMOTE_ADDR=ATTACKER).post(reverse("quizzes:join"), {"code": other.code})
    ).status_code == 429
    # Another address is not concerned.
    elsewhere = Client(REMOTE_ADDR=CLASSROOM)
    assert elsewhere.post(reverse("quizzes:join"), {"code": question_set.code}).status_code == 302


def test_a_class_joins_with_the_code_its_teacher_opened_even_while_a_script_floods_its_address(
    question_bank, frozen_limiter
):
    """A script behind the school's address sends wrong codes from a new browser each time,
    past the address's ceiling; the teacher opens the set from the classroom (publishing it
    does the same), and the class joins with its code all the same."""
    question_set = published_set()
    teaching.set_close(question_set=question_set)
    teacher = Client(REMOTE_ADDR=CLASSROOM)
    teacher.force_login(question_set.owner)
    assert teacher.post(reverse("quizzes:set_reopen", args=[question_set.pk])).status_code == 302
    flood_without_cookies(CLASSROOM, PER_ADDRESS["limit"] + 50, question_set.code)
    assert flood_without_cookies(CLASSROOM, 1, question_set.code) == [429]
    for number in range(5):
        classmate = Client(REMOTE_ADDR=CLASSROOM)
        found = classmate.post(reverse("quizzes:join"), {"code": question_set.code.lower()})
        assert found.status_code == 302, number
        assert classmate.get(found["Location"]).status_code == 200
        joined = classmate.post(found["Location"], {"nickname": f"Student {number}"})
        assert joined.status_code == 302, number


def test_a_set_published_from_the_classroom_is_joined_there_during_a_flood(
    question_bank, frozen_limiter
):
    from tests.factories import QuestionSetFactory

    draft = QuestionSetFactory(owner=TeacherFactory())
    teaching.set_add(question_set=draft, questions=[Question.objects.active().first()])
    teacher = Client(REMOTE_ADDR=CLASSROOM)
    teacher.force_login(draft.owner)
    teacher.post(reverse("quizzes:set_publish", args=[draft.pk]))
    draft.refresh_from_db()
    flood_without_cookies(CLASSROOM, PER_ADDRESS["limit"] + 10, draft.code)
    student = Client(REMOTE_ADDR=CLASSROOM)
    assert student.post(reverse("quizzes:join"), {"code": draft.code}).status_code == 302


def test_a_code_classmates_joined_with_still_joins_while_a_script_floods_the_address(
    question_bank, frozen_limiter
):
    question_set = published_set()
    first = Client(REMOTE_ADDR=CLASSROOM)
    first.post(reverse("quizzes:join_set", args=[question_set.code]), {"nickname": "Early"})
    flood_without_cookies(CLASSROOM, PER_ADDRESS["limit"] + 50, question_set.code)
    late = Client(REMOTE_ADDR=CLASSROOM)
    joined = late.post(reverse("quizzes:join_set", args=[question_set.code]), {"nickname": "Late"})
    assert joined.status_code == 302
    assert Attempt.objects.filter(question_set=question_set).count() == 2


def test_the_address_may_join_again_once_the_flood_is_over(question_bank, frozen_limiter):
    question_set = published_set()
    flood_without_cookies(ATTACKER, PER_ADDRESS["limit"] + 2, question_set.code)
    attacker = Client(REMOTE_ADDR=ATTACKER)
    assert attacker.post(reverse("quizzes:join"), {"code": question_set.code}).status_code == 429
    later = frozen_limiter + datetime.timedelta(seconds=2 * PER_ADDRESS["window_seconds"])
    with mock.patch.object(ratelimit, "timezone", SimpleNamespace(now=lambda: later)):
        response = attacker.post(reverse("quizzes:join"), {"code": question_set.code})
    assert response.status_code == 302


def test_the_docs_give_the_limits_the_code_applies():
    """docs/teachers.md once said 20 wrong codes a minute while the code refused after 8."""
    doc = (Path(__file__).resolve().parents[2] / "docs" / "teachers.md").read_text()
    doc = " ".join(doc.split())
    assert f"{CODES['limit']} wrong codes a minute from one browser" in doc
    assert f"{PER_ADDRESS['limit']} a minute from one address" in doc
    assert f"{limits.STARTS_PER_BROWSER['limit']} quizzes a minute from one browser" in doc
    assert f"{limits.STARTS_PER_ADDRESS['limit']} from one address" in doc


# -- starting attempts (probe 9: 200 attempts joined and finished from one client in 15 s) --

STARTS, STARTS_PER_ADDRESS = limits.STARTS_PER_BROWSER, limits.STARTS_PER_ADDRESS
PRACTICE = {"nickname": "Ann", "length": "5", "topic": "", "language": "en", "time_limit": "",
            "behaviour": "immediate"}  # fmt: skip


def test_a_class_of_thirty_behind_one_address_all_start_within_a_minute(
    question_bank, frozen_limiter
):
    question_set = published_set()
    for number in range(30):
        student = Client(REMOTE_ADDR=CLASSROOM)
        joined = student.post(
            reverse("quizzes:join_set", args=[question_set.code]), {"nickname": f"S{number}"}
        )
        assert joined.status_code == 302, number
        # and each starts a practice quiz in the same minute, then tries again
        assert student.post(reverse("quizzes:start"), PRACTICE).status_code == 302, number
    assert Attempt.objects.filter(question_set=question_set).count() == 30
    assert Attempt.objects.filter(question_set=None).count() == 30


def test_a_script_starting_200_quizzes_in_one_browser_is_stopped(question_bank, frozen_limiter):
    script = Client(REMOTE_ADDR=ATTACKER)
    statuses = [script.post(reverse("quizzes:start"), PRACTICE).status_code for _ in range(200)]
    assert statuses == [302] * STARTS["limit"] + [429] * (200 - STARTS["limit"])
    assert Attempt.objects.count() == STARTS["limit"]
    refused = script.post(reverse("quizzes:start"), PRACTICE)
    assert "You have started many quizzes in a minute. Wait" in refused.content.decode()
    assert 0 < int(refused["Retry-After"]) <= 2 * STARTS["window_seconds"]
    # Nobody else is held up, not even at the same address.
    classmate = Client(REMOTE_ADDR=ATTACKER)
    assert classmate.post(reverse("quizzes:start"), PRACTICE).status_code == 302


def test_a_script_joining_without_cookies_is_stopped_at_the_addresss_ceiling(
    question_bank, frozen_limiter, monkeypatch
):
    """A new browser each time escapes the browser's limit; the address's ceiling holds it.
    The ceiling (a whole school's worth) is lowered here so that the test stays quick."""
    monkeypatch.setitem(limits.STARTS_PER_ADDRESS, "limit", 40)
    question_set = published_set()
    url = reverse("quizzes:join_set", args=[question_set.code])
    statuses = [
        Client(REMOTE_ADDR=ATTACKER).post(url, {"nickname": f"Junk {n}"}).status_code
        for n in range(60)
    ]
    limit = STARTS_PER_ADDRESS["limit"]
    assert statuses == [302] * limit + [429] * (60 - limit)
    assert Attempt.objects.filter(question_set=question_set).count() == limit
    refused = Client(REMOTE_ADDR=ATTACKER).post(url, {"nickname": "One more"})
    assert "Too many quizzes were started from your network in a minute" in (
        refused.content.decode()
    )
    elsewhere = Client(REMOTE_ADDR=CLASSROOM)
    assert elsewhere.post(url, {"nickname": "Natasha"}).status_code == 302


def test_try_again_counts_as_starting_a_quiz(question_bank, frozen_limiter):
    script = Client(REMOTE_ADDR=ATTACKER)
    for _ in range(STARTS["limit"]):
        script.post(reverse("quizzes:start"), PRACTICE)
    attempt = Attempt.objects.order_by("started_at").first()
    Attempt.objects.filter(pk=attempt.pk).update(state=Attempt.State.FINISHED)
    response = script.post(reverse("quizzes:again", args=[attempt.pk]))
    assert response.status_code == 429
    assert Attempt.objects.count() == STARTS["limit"]


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
