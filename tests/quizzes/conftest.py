"""The real fact base as plain data, and the bank generated from it, built once per run.

Read from fixtures/conference.yaml rather than the database, so that tests which flush the
database (the browser tests) cannot empty it; test_determinism checks that both readers agree.
"""

import pytest

from quizzes.generation.registry import generate
from tests.quizzes.kb_fixture import fact_base_from_fixture


@pytest.fixture(scope="session")
def real_kb():
    return fact_base_from_fixture()


@pytest.fixture(scope="session")
def bank(real_kb):
    return generate(real_kb)
