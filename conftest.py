"""Settings every test shares: plain HTTP and plain static storage.

Production settings (DEBUG off) redirect to HTTPS, mark cookies Secure and serve hashed
static files from a collectstatic manifest; the test client speaks plain HTTP to an
uncollected tree. tests/test_settings.py checks the production settings themselves.
"""

import pytest


@pytest.fixture(autouse=True)
def _test_transport(settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.SESSION_COOKIE_SECURE = False
    settings.CSRF_COOKIE_SECURE = False
    # Tests create many accounts: a fast hasher (production keeps Django's default).
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
