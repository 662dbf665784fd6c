"""The answer path's reads and writes, as SQL prepared once per process.

Answering is the request a whole class sends at the same minute. Profiling showed the ORM
spending more time building its three-table query and its UPDATE and INSERT than the
database took to run them, so this module writes those statements out once, from the
models' own metadata (table and column names, each field's conversions to and from the
database), and reuses them. What it returns are ordinary model instances.
"""

from __future__ import annotations

import functools

from django.core.exceptions import ImproperlyConfigured
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import Model
from django.db.models.base import ModelState
from django.db.models.signals import post_init, pre_init

from quizzes.models import Attempt, AttemptQuestion, Question, Response

_ALIASES = {AttemptQuestion: "s", Attempt: "a", Question: "q"}
# A question's columns that answering reads (scoring, showing, the ordering check). The
# rest (facts, statistics, dates) stay deferred: the ORM loads them if ever read.
QUESTION_FIELDS = ("id", "uid", "version", "kind", "topic", "payload")


def _q(name: str) -> str:
    return connection.ops.quote_name(name)


@functools.cache
def _select(vendor: str):
    """SELECT slot, attempt and question columns (without and with "at the attempt's
    position"); for each model, its attribute names, the span of its columns and the
    converters of those that have any, by index."""
    columns, layout = [], []
    for model, alias in _ALIASES.items():
        _check_plain(model)
        fields = [
            field
            for field in model._meta.concrete_fields
            if model is not Question or field.attname in QUESTION_FIELDS
        ]
        converters = []
        for field in fields:
            column = field.get_col(alias)
            functions = connection.ops.get_db_converters(column) + field.get_db_converters(
                connection
            )
            if functions:
                converters.append((len(columns), functions))
            columns.append(f"{alias}.{_q(field.column)}")
        start = len(columns) - len(fields)
        layout.append((model, [f.attname for f in fields], start, len(columns), converters))
    sql = (
        f"SELECT {', '.join(columns)} "
        f"FROM {_q(AttemptQuestion._meta.db_table)} s "
        f"INNER JOIN {_q(Attempt._meta.db_table)} a ON a.{_q('id')} = s.{_q('attempt_id')} "
        f"INNER JOIN {_q(Question._meta.db_table)} q ON q.{_q('id')} = s.{_q('question_id')} "
        f"WHERE s.{_q('attempt_id')} = %s "
        f"AND (a.{_q('owner_token')} = %s OR a.{_q('user_id')} = %s)"
    )
    current = f"{sql} AND s.{_q('position')} = a.{_q('position')}"
    return sql, current, layout


def _check_plain(model) -> None:
    """_loaded builds instances without calling __init__: only right for models that have
    no __init__ of their own and nothing listening to their init signals."""
    if model.__init__ is not Model.__init__ or any(
        signal.has_listeners(model) for signal in (pre_init, post_init)
    ):
        raise ImproperlyConfigured(f"quizzes.slots cannot load {model.__name__} rows directly.")


def _loaded(model, names: list[str], values: list, alias: str):
    """What Model.from_db returns for a row, without Model.__init__'s per-field work (which
    cost more than the query): attribute values, and a state saying from where. Fields not
    in ``names`` are deferred, as with QuerySet.only()."""
    instance = model.__new__(model)
    instance.__dict__.update(zip(names, values, strict=True))
    state = instance._state = ModelState()
    state.adding, state.db = False, alias
    return instance


def _rows(sql: str, params: list) -> list[AttemptQuestion]:
    db = connections[DEFAULT_DB_ALIAS]
    layout = _select(db.vendor)[-1]
    with db.cursor() as cursor:
        cursor.execute(sql, params)
        raw_rows = cursor.fetchall()
    slots, attempt = [], None
    for raw in raw_rows:
        built = []
        for model, names, start, stop, converters in layout:
            if model is Attempt and attempt is not None:
                built.append(attempt)  # every row holds the same attempt: one instance
                continue
            values = list(raw[start:stop])
            for index, functions in converters:
                value = raw[index]
                for convert in functions:
                    value = convert(value, None, db)
                values[index - start] = value
            built.append(_loaded(model, names, values, db.alias))
        slot, attempt, question = built
        # What the related descriptors' __set__ would store, their ids being loaded already.
        slot._state.fields_cache = {"attempt": attempt, "question": question}
        slots.append(slot)
    return slots


def _owner_params(attempt_id, owner_token: str | None, user) -> list:
    pk = Attempt._meta.pk.get_db_prep_value(attempt_id, connection)
    user_id = user.pk if user is not None and user.is_authenticated else None
    # An empty token must never match: NULL compares equal to nothing.
    return [pk, owner_token or None, user_id]


def current(*, attempt_id, owner_token: str | None, user) -> AttemptQuestion | None:
    """The slot the attempt is on, with its attempt and question; None if not this visitor's."""
    current_sql = _select(connection.vendor)[1]
    rows = _rows(current_sql, _owner_params(attempt_id, owner_token, user))
    return rows[0] if rows else None


# Positions are stored as positive 32-bit integers; a number from a URL or a form may not be.
MAX_POSITION = 2**31 - 1


def at(*, attempt_id, owner_token: str | None, user, positions: list[int]) -> dict:
    """The slots at these positions, by position (positions no slot can have find nothing)."""
    positions = [p for p in positions if 0 <= p <= MAX_POSITION]
    if not positions:
        return {}
    rows = _rows(
        _at_sql(connection.vendor, len(positions)),
        [*_owner_params(attempt_id, owner_token, user), *positions],
    )
    return {slot.position: slot for slot in rows}


@functools.lru_cache(maxsize=8)
def _at_sql(vendor: str, count: int) -> str:
    marks = ", ".join(["%s"] * count)
    return f"{_select(vendor)[0]} AND s.{_q('position')} IN ({marks})"


@functools.cache
def _statements(vendor: str) -> dict:
    """The UPDATE that moves an attempt on (and, on the last question, finishes it), the
    INSERT of the response, and each parameter's field, for its conversion to the database.
    On PostgreSQL both are one statement: the INSERT takes its row from the UPDATE's."""
    attempt_table, response_table = _q(Attempt._meta.db_table), _q(Response._meta.db_table)
    moves = [f"{_q('position')} = {_q('position')} + 1", f"{_q('score')} = {_q('score')} + %s"]
    ends = [f"{_q('state')} = %s", f"{_q('ending')} = %s", f"{_q('finished_at')} = %s"]
    where = (
        f"WHERE {_q('id')} = %s AND {_q('position')} = %s AND {_q('state')} = %s "
        f"AND ({_q('deadline')} IS NULL OR {_q('deadline')} >= %s)"
    )
    names = ["attempt_id", "slot_id", "position", "question_id", "answer", "fraction", "points",
             "answered_at", "calibrated"]  # fmt: skip
    fields = [Response._meta.get_field(name) for name in names]
    _check_plain(Response)
    if {"id", *names} != {field.attname for field in Response._meta.concrete_fields}:
        raise ImproperlyConfigured("quizzes.slots.advance must write every column of Response.")
    columns = ", ".join(_q(field.column) for field in fields)
    marks = ", ".join(["%s"] * len(fields))
    get = Attempt._meta.get_field
    statements = {
        "response_fields": fields,
        "finished_at": get("finished_at"),
        "id": get("id"),
        "deadline": get("deadline"),
    }
    for name, sets in (("move", moves), ("finish", moves + ends)):
        update = f"UPDATE {attempt_table} SET {', '.join(sets)} {where}"
        if vendor == "postgresql":
            # One statement, atomic by itself: no BEGIN and COMMIT round trips. The INSERT
            # writes a row only if the UPDATE matched one.
            statements[name] = (
                f"WITH moved AS ({update} RETURNING {_q('id')}) "
                f"INSERT INTO {response_table} ({columns}) SELECT {marks} FROM moved "
                f"RETURNING {_q('id')}"
            )
        else:
            statements[name] = update
    statements["insert"] = (
        f"INSERT INTO {response_table} ({columns}) VALUES ({marks}) RETURNING {_q('id')}"
    )
    return statements


def advance(*, slot: AttemptQuestion, answer: dict, fraction: float, points: float, now,
            earliest_deadline, finish: bool) -> Response | None:  # fmt: skip
    """Move the attempt on by one question and record the response, in one transaction.

    The UPDATE only matches while the attempt is still at this position, in progress and
    within its time; its row count decides. Returns the new response, or None if it did not
    match (a replay, a stale tab, an answer out of order or too late).
    """
    db = connections[DEFAULT_DB_ALIAS]
    sql = _statements(db.vendor)
    attempt = slot.attempt
    params: list = [points]
    if finish:
        finished_at = sql["finished_at"].get_db_prep_save(now, db)
        params += [Attempt.State.FINISHED, Attempt.Ending.COMPLETED, finished_at]
    params += [
        sql["id"].get_db_prep_save(attempt.pk, db),
        slot.position,
        Attempt.State.IN_PROGRESS,
        sql["deadline"].get_db_prep_save(earliest_deadline, db),
    ]
    values = [attempt.pk, slot.pk, slot.position, slot.question_id, answer, fraction, points,
              now, False]  # fmt: skip
    fields = sql["response_fields"]
    stored = [field.get_db_prep_save(v, db) for field, v in zip(fields, values, strict=True)]
    if db.vendor == "postgresql":
        with db.cursor() as cursor:
            cursor.execute(sql["finish" if finish else "move"], [*params, *stored])
            row = cursor.fetchone()
        if row is None:
            return None
        pk = row[0]
    else:
        # config/sqlite3: BEGIN IMMEDIATE ... COMMIT under the writer lock.
        with db.write_transaction() as cursor:
            cursor.execute(sql["finish" if finish else "move"], params)
            if cursor.rowcount != 1:
                return None
            cursor.execute(sql["insert"], stored)
            pk = cursor.fetchone()[0]
    names = ["id", *(field.attname for field in fields)]
    return _loaded(Response, names, [pk, *values], db.alias)
