"""The bank is deterministic: same facts, same ids and texts, on any machine and run."""

import json
import os
import subprocess
import sys

import pytest

from quizzes.generation.registry import generate


def test_generating_twice_gives_the_same_ids_and_texts(real_kb, bank):
    again = generate(real_kb)
    assert [d.uid for d in again] == [d.uid for d in bank]
    assert [d.content_hash() for d in again] == [d.content_hash() for d in bank]


SCRIPT = """
import json, os, django
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
django.setup()
from quizzes.generation.registry import generate
from tests.quizzes.kb_fixture import fact_base_from_fixture
print(json.dumps([[d.uid, d.content_hash()] for d in generate(fact_base_from_fixture())]))
"""


def run_elsewhere(hash_seed: str) -> list:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, env=env, check=True
    )
    return json.loads(out.stdout)


def test_other_processes_with_other_hash_seeds_generate_the_same_bank():
    assert run_elsewhere("1") == run_elsewhere("12345")


@pytest.mark.django_db
def test_the_fixture_loader_matches_the_database_reader(facts, real_kb):
    from quizzes.selectors import fact_base

    assert fact_base() == real_kb
