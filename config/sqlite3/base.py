"""Django's SQLite backend, tuned for many concurrent writers in one server process.

- The real limit on query parameters (as Django 6.0 reads it): Django 5.2 assumes SQLite's
  old 999, so storing the 500 questions of a long quiz took several INSERT statements.
- Placeholders converted once per distinct SQL text: Django's cursor rewrites every
  statement's "%s" into "?" with a regular expression, which cost more than running a
  short query; the same few statements come back on every request.
- A short write transaction without transaction.atomic's bookkeeping (write_transaction),
  for the answer, the request a whole class sends at once.
- One writer at a time per process, queued on a Python lock: SQLite allows one writer
  anyway, and threads that queue here wake the moment the writer commits, instead of
  sleeping in SQLite's busy handler (1, 2, 5, 10 ms...) while the CPU idles. Writers in
  other processes still wait on SQLite's own lock (transaction_mode IMMEDIATE, timeout).
Drop the first part when moving to Django 6.
"""

import contextlib
import functools
import sqlite3
import threading

from django.db import OperationalError, transaction
from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property

_WRITER = threading.Lock()


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


@functools.lru_cache(maxsize=2048)
def _qmark(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
    _holds_writer = False

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=CursorWrapper)

    def _start_transaction_under_autocommit(self):
        self._take_writer()
        try:
            super()._start_transaction_under_autocommit()
        except Exception:
            self._release_writer()
            raise

    def _take_writer(self):
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        if not _WRITER.acquire(timeout=timeout):
            raise OperationalError("database is locked (another writer in this process)")
        self._holds_writer = True

    @contextlib.contextmanager
    def write_transaction(self):
        """A cursor for a few plain statements that must commit together.

        In autocommit mode (a request), BEGIN IMMEDIATE and COMMIT are sent through the
        cursor like any statement (so they are logged, and their errors are Django's), under
        the writer lock, and ROLLBACK if the block raises: what atomic() does, without the
        bookkeeping that cost more than the statements. Inside an atomic block, a savepoint
        of it, by atomic() itself. The block must not open transactions of its own.
        """
        if self.in_atomic_block or not self.get_autocommit():
            with transaction.atomic(using=self.alias), self.cursor() as cursor:
                yield cursor
            return
        self._take_writer()
        try:
            with self.cursor() as cursor:
                cursor.execute(f"BEGIN {self.transaction_mode or 'DEFERRED'}")
                try:
                    yield cursor
                    cursor.execute("COMMIT")
                except BaseException:
                    if self.connection is not None and self.connection.in_transaction:
                        cursor.execute("ROLLBACK")
                    raise
        finally:
            self._release_writer()

    def _release_writer(self):
        if self._holds_writer:
            self._holds_writer = False
            _WRITER.release()

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._release_writer()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._release_writer()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._release_writer()
