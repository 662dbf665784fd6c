"""Signed-cookie sessions whose signature is checked once per cookie in each process.

A student sends the same session cookie with every answer, and Django's signed_cookies
backend checks its HMAC and decodes it each time. This backend remembers, for the last
4,096 cookies this process has verified, the verified payload and when it was signed.
Everything else is as in Django: the age is checked on every request, the data is decoded
anew for each (no request sees another's dictionary), and a cookie not verified before, a
forged one included, goes through Django's own check. A changed SECRET_KEY is part of the
remembered key, so it ends every session at once, as in Django.
"""

from __future__ import annotations

import functools
import time

from django.conf import settings
from django.contrib.sessions.backends import signed_cookies
from django.core import signing

SALT = "django.contrib.sessions.backends.signed_cookies"  # Django's, so cookies carry over


class _Verbatim:
    """A serializer that hands back the verified bytes, to be decoded per request."""

    def loads(self, data: bytes) -> bytes:
        return data


@functools.lru_cache(maxsize=4096)
def _verified(session_key: str, secret: str, fallbacks: tuple) -> tuple[int, bytes]:
    """When the cookie was signed, and its payload; raises if its signature is wrong."""
    payload = signing.loads(
        session_key, key=secret, fallback_keys=list(fallbacks), salt=SALT, serializer=_Verbatim
    )
    signed_at = signing.b62_decode(session_key.rsplit(":", 2)[1])
    return signed_at, payload


class SessionStore(signed_cookies.SessionStore):
    def load(self):
        try:
            signed_at, payload = _verified(
                self.session_key, settings.SECRET_KEY, tuple(settings.SECRET_KEY_FALLBACKS)
            )
            if time.time() - signed_at > self.get_session_cookie_age():
                raise signing.SignatureExpired("the session has expired")
            return self.serializer().loads(payload)
        except Exception:
            # As Django's: a bad signature, an expired or unreadable cookie starts afresh.
            self.create()
        return {}
