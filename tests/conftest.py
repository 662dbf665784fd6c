"""Fixtures shared by the test modules."""

import pytest
from django.core.management import call_command

FIXTURE = "fixtures/conference.yaml"


def load_facts():
    call_command("loaddata", FIXTURE, verbosity=0)


def load_bank():
    from quizzes.services import bank_refresh

    bank_refresh()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Load the real fact base and its question bank once per test database; each test
    rolls its changes back."""
    with django_db_blocker.unblock():
        load_facts()
        load_bank()


@pytest.fixture
def facts(db):
    """The real fact base (reloaded if a transactional test has flushed it)."""
    from conference.models import Person

    if not Person.objects.exists():
        load_facts()


@pytest.fixture
def question_bank(facts):
    """The real facts and the question bank generated from them."""
    from quizzes.models import Question

    if not Question.objects.active().exists():
        load_bank()


@pytest.fixture
def empty_fact_base(db):
    """No facts at all, for tests that build exactly the facts they need."""
    from conference.export import MODELS
    from conference.models import Body

    Body.objects.update(elected_by=None)
    for model in reversed(MODELS):
        model._default_manager.all().delete()


@pytest.fixture
def admin_client(client, db):
    from tests.factories import SuperUserFactory

    client.force_login(SuperUserFactory())
    return client


@pytest.fixture(autouse=True)
def _default_language_after_each_test():
    """A request in Italian leaves Italian active in the test thread; the next test must not
    reverse Italian URLs because of it."""
    from django.conf import settings
    from django.utils import translation

    yield
    translation.activate(settings.LANGUAGE_CODE)
