"""The answer path's reads and writes, as SQL prepared once per process.

Answering is the request a whole class sends at the same minute. Profiling showed the ORM
spending more time building its three-table query and its UPDATE and INSERT than the
database took to run them, so this module writes those statements out once, from the
models' own metadata (table and column names, each field's conversions to and from the
database), and reuses them. What it returns are ordinary model instances.
"""

from __future__ import annotations

import functools

from django.db import connection, transaction

from quizzes.models import Attempt, AttemptQuestion, Question, Response

_ALIASES = {AttemptQuestion: "s", Attempt: "a", Question: "q"}


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


@functools.cache
def _select(vendor: str):
    """SELECT slot, attempt and question columns; the converters of every column."""
    columns, converters, names = [], [], {}
    for model, alias in _ALIASES.items():
        fields = list(model._meta.concrete_fields)
        names[model] = [field.attname for field in fields]
        for field in fields:
            columns.append(f"{alias}.{_q(field.column)}")
            column = field.get_col(alias)
            converters.append(
                connection.ops.get_db_converters(column) + field.get_db_converters(connection)
            )
    sql = (
        f"SELECT {', '.join(columns)} "
        f"FROM {_q(AttemptQuestion._meta.db_table)} s "
        f"INNER JOIN {_q(Attempt._meta.db_table)} a ON a.{_q('id')} = s.{_q('attempt_id')} "
        f"INNER JOIN {_q(Question._meta.db_table)} q ON q.{_q('id')} = s.{_q('question_id')} "
        f"WHERE s.{_q('attempt_id')} = %s "
        f"AND (a.{_q('owner_token')} = %s OR a.{_q('user_id')} = %s)"
    )
    return sql, converters, names


def _rows(where: str, params: list) -> list[AttemptQuestion]:
    sql, converters, names = _select(connection.vendor)
    with connection.cursor() as cursor:
        cursor.execute(f"{sql} AND {where}", params)
        raw_rows = cursor.fetchall()
    slots = []
    for raw in raw_rows:
        values = []
        for value, functions in zip(raw, converters, strict=True):
            for convert in functions:
                value = convert(value, None, connection)
            values.append(value)
        objects = {}
        start = 0
        for model in _ALIASES:
            count = len(names[model])
            objects[model] = model.from_db(
                connection.alias, names[model], values[start : start + count]
            )
            start += count
        slot = objects[AttemptQuestion]
        slot.attempt = objects[Attempt]
        slot.question = objects[Question]
        slots.append(slot)
    return slots


def _owner_params(attempt_id, owner_token: str | None, user) -> list:
    pk = Attempt._meta.pk.get_db_prep_value(attempt_id, connection)
    user_id = user.pk if user is not None and user.is_authenticated else None
    # An empty token must never match: NULL compares equal to nothing.
    return [pk, owner_token or None, user_id]


def current(*, attempt_id, owner_token: str | None, user) -> AttemptQuestion | None:
    """The slot the attempt is on, with its attempt and question; None if not this visitor's."""
    where = f"s.{_q('position')} = a.{_q('position')}"
    rows = _rows(where, _owner_params(attempt_id, owner_token, user))
    return rows[0] if rows else None


# Positions are stored as positive 32-bit integers; a number from a URL or a form may not be.
MAX_POSITION = 2**31 - 1


def at(*, attempt_id, owner_token: str | None, user, positions: list[int]) -> dict:
    """The slots at these positions, by position (positions no slot can have find nothing)."""
    positions = [p for p in positions if 0 <= p <= MAX_POSITION]
    if not positions:
        return {}
    marks = ", ".join(["%s"] * len(positions))
    where = f"s.{_q('position')} IN ({marks})"
    rows = _rows(where, [*_owner_params(attempt_id, owner_token, user), *positions])
    return {slot.position: slot for slot in rows}


def _prep(model, name: str, value):
    return model._meta.get_field(name).get_db_prep_save(value, connection)


@functools.cache
def _insert(vendor: str) -> tuple[str, list[str]]:
    fields = ["attempt_id", "slot_id", "position", "question_id", "answer", "fraction", "points",
              "answered_at", "calibrated"]  # fmt: skip
    columns = ", ".join(_q(Response._meta.get_field(name).column) for name in fields)
    marks = ", ".join(["%s"] * len(fields))
    table = _q(Response._meta.db_table)
    sql = f"INSERT INTO {table} ({columns}) VALUES ({marks}) RETURNING {_q('id')}"
    return sql, fields


def advance(*, slot: AttemptQuestion, answer: dict, fraction: float, points: float, now,
            earliest_deadline, finish: bool) -> Response | None:  # fmt: skip
    """Move the attempt on by one question and record the response, in one transaction.

    The UPDATE only matches while the attempt is still at this position, in progress and
    within its time; its row count decides. Returns the new response, or None if it did not
    match (a replay, a stale tab, an answer out of order or too late).
    """
    attempt = slot.attempt
    table = _q(Attempt._meta.db_table)
    sets = [f"{_q('position')} = {_q('position')} + 1", f"{_q('score')} = {_q('score')} + %s"]
    params: list = [points]
    if finish:
        sets += [f"{_q('state')} = %s", f"{_q('ending')} = %s", f"{_q('finished_at')} = %s"]
        params += [
            Attempt.State.FINISHED,
            Attempt.Ending.COMPLETED,
            _prep(Attempt, "finished_at", now),
        ]
    sql = (
        f"UPDATE {table} SET {', '.join(sets)} WHERE {_q('id')} = %s AND {_q('position')} = %s "
        f"AND {_q('state')} = %s AND ({_q('deadline')} IS NULL OR {_q('deadline')} >= %s)"
    )
    params += [
        Attempt._meta.pk.get_db_prep_value(attempt.pk, connection),
        slot.position,
        Attempt.State.IN_PROGRESS,
        _prep(Attempt, "deadline", earliest_deadline),
    ]
    response = Response(
        attempt_id=attempt.pk, slot_id=slot.pk, position=slot.position,
        question_id=slot.question_id, answer=answer, fraction=fraction, points=points,
        answered_at=now, calibrated=False,
    )  # fmt: skip
    insert, fields = _insert(connection.vendor)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        if cursor.rowcount != 1:
            return None
        values = [_prep(Response, name, getattr(response, name)) for name in fields]
        cursor.execute(insert, values)
        response.pk = cursor.fetchone()[0]
    response._state.adding, response._state.db = False, connection.alias
    return response
