"""Slots and responses are found by attempt through their unique (attempt, position) index,
and no second index of the attempt alone is written with every answer and every join."""

import pytest
from django.db import connection

from quizzes.models import AttemptQuestion, Response

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", [AttemptQuestion, Response])
def test_the_attempt_is_indexed_once_first_in_the_unique_position_index(model):
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, model._meta.db_table)
    indexes = [c["columns"] for c in constraints.values() if c["index"] or c["unique"]]
    assert ["attempt_id", "position"] in indexes
    assert ["attempt_id"] not in indexes


@pytest.mark.skipif(connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's")
@pytest.mark.parametrize("model", [AttemptQuestion, Response])
def test_an_attempts_rows_are_read_through_that_index_not_a_scan(model):
    sql = f"EXPLAIN QUERY PLAN SELECT id FROM {model._meta.db_table} WHERE attempt_id = %s"
    with connection.cursor() as cursor:
        cursor.execute(sql, ["0" * 32])
        plan = " ".join(str(row[-1]) for row in cursor.fetchall())
    assert "USING INDEX" in plan or "USING COVERING INDEX" in plan, plan
    assert "SCAN" not in plan, plan
