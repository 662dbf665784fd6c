"""config/sessions: signed-cookie sessions, each cookie's signature checked once per process,
and otherwise what Django's signed_cookies backend does."""

from unittest import mock

import pytest
from django.conf import settings
from django.test import override_settings

from config import sessions

pytestmark = pytest.mark.skipif(
    settings.SESSION_ENGINE != "config.sessions", reason="sessions in Redis instead"
)


def signed(**data) -> str:
    store = sessions.SessionStore()
    store.update(data)
    store.save()
    return store.session_key


def loaded(cookie: str) -> dict:
    store = sessions.SessionStore(cookie)
    return dict(store.items())


def test_a_session_reads_back_and_each_request_gets_its_own_copy():
    cookie = signed(quiz_owner="abc", nested={"a": [1]})
    first = sessions.SessionStore(cookie)
    first["nested"]["a"].append(2)  # a request changing its copy
    assert loaded(cookie) == {"quiz_owner": "abc", "nested": {"a": [1]}}


def test_a_cookie_is_verified_once_and_read_from_memory_after():
    cookie = signed(quiz_owner="abc")
    with mock.patch.object(sessions.signing, "loads", wraps=sessions.signing.loads) as check:
        assert loaded(cookie) == loaded(cookie) == {"quiz_owner": "abc"}
    assert check.call_count == 1


def test_a_forged_or_altered_cookie_starts_an_empty_session():
    cookie = signed(quiz_owner="abc")
    loaded(cookie)  # verified once, and remembered
    payload, timestamp, signature = cookie.rsplit(":", 2)
    altered = f"{payload}:{timestamp}:{signature[:-2]}xx"
    assert loaded(altered) == {}
    assert loaded(f"{payload[:-1]}A:{timestamp}:{signature}") == {}


def test_an_expired_cookie_is_refused_even_once_verified():
    cookie = signed(quiz_owner="abc")
    assert loaded(cookie) == {"quiz_owner": "abc"}
    later = sessions.time.time() + settings.SESSION_COOKIE_AGE + 1
    with mock.patch.object(sessions.time, "time", return_value=later):
        assert loaded(cookie) == {}


def test_a_new_secret_key_ends_the_sessions_signed_with_the_old_one():
    cookie = signed(quiz_owner="abc")
    assert loaded(cookie) == {"quiz_owner": "abc"}
    with override_settings(SECRET_KEY="another secret key, long enough for the check" * 2):
        assert loaded(cookie) == {}
    # Rotated with the old key kept as a fallback, the session still reads.
    old = settings.SECRET_KEY
    with override_settings(SECRET_KEY="another secret key, long enough" * 2,
                           SECRET_KEY_FALLBACKS=[old]):  # fmt: skip
        assert loaded(cookie) == {"quiz_owner": "abc"}
