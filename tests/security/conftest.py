"""Fixtures of the security tests."""

import pytest
from django.db import transaction
from django.test import override_settings

from conference.models import Person
from quizzes.models import Question
from tests.conftest import load_bank, load_facts
from tests.security.scene import Scene, build_scene

# What the root conftest.py sets for every test, needed while a module's scene is built.
TEST_TRANSPORT = {
    "SECURE_SSL_REDIRECT": False,
    "SESSION_COOKIE_SECURE": False,
    "CSRF_COOKIE_SECURE": False,
    "PASSWORD_HASHERS": ["django.contrib.auth.hashers.MD5PasswordHasher"],
}


@pytest.fixture(scope="module")
def shared_scene(django_db_setup, django_db_blocker) -> Scene:
    """Teacher A's published set, student A's attempts on it and in practice, a pupil with an
    attempt of their own, another teacher with a set of their own, and an admin.

    Built once for a whole module inside a transaction that is rolled back at its end (like
    TestCase.setUpTestData); tests undo their own requests' changes (scene.rolled_back)."""
    with django_db_blocker.unblock(), override_settings(**TEST_TRANSPORT), transaction.atomic():
        # Like the question_bank fixture: browser tests may have flushed the database.
        if not Person.objects.exists():
            load_facts()
        if not Question.objects.active().exists():
            load_bank()
        yield build_scene()
        transaction.set_rollback(True)
