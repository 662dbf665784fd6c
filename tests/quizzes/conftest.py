"""The real fact base as plain data, and the bank generated from it, built once per run."""

import pytest

from quizzes.generation.registry import generate


@pytest.fixture(scope="session")
def real_kb(django_db_setup, django_db_blocker):
    from quizzes.selectors import fact_base

    with django_db_blocker.unblock():
        return fact_base()


@pytest.fixture(scope="session")
def bank(real_kb):
    return generate(real_kb)
