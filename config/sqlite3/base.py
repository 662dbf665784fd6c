"""Django's SQLite backend, tuned for many concurrent writers in one server process.

- The real limit on query parameters (as Django 6.0 reads it): Django 5.2 assumes SQLite's
  old 999, so storing the 500 questions of a long quiz took several INSERT statements.
- Placeholders converted once per distinct SQL text: Django's cursor rewrites every
  statement's "%s" into "?" with a regular expression, which cost more than running a
  short query; the same few statements come back on every request.
- A short write transaction without transaction.atomic's bookkeeping (write_transaction),
  for the answer, the request a whole class sends at once.
- One writer at a time, queued on a Python lock within a process and on an flock of a file
  next to the database across processes (gunicorn's workers): SQLite allows one writer
  anyway, and a writer that finds its lock taken sleeps in SQLite's busy handler for
  1, 2, 5, 10... up to 100 ms a try, which made the slowest answers. Threads queued on the
  Python lock wake the moment the writer commits; processes poll the flock every 0.1 to
  2 ms. The kernel drops the flock of a worker that dies (SIGKILL included). Other
  programs that open the database still meet SQLite's own lock (IMMEDIATE, timeout).
Drop the first part when moving to Django 6.
"""

import contextlib
import fcntl
import functools
import os
import sqlite3
import threading
import time

from django.db import OperationalError, transaction
from django.db.backends.sqlite3 import base, features
from django.db.transaction import TransactionManagementError
from django.utils.functional import cached_property

_WRITERS: dict = {}  # database -> this process's writer lock
_WRITERS_LOCK = threading.Lock()


def _lock_for(database: str):
    with _WRITERS_LOCK:
        return _WRITERS.setdefault(database, threading.Lock())


_LOCK_FILES: dict[tuple[int, str], int] = {}  # (process, database) -> descriptor


def _lock_file(database: str) -> int:
    """This process's descriptor of the database's writer lock file. Opened after fork:
    flock belongs to an open file, which a descriptor inherited from gunicorn's master would
    share with every worker."""
    key = (os.getpid(), database)
    if key not in _LOCK_FILES:
        try:  # as readable and writable as the database, for every program that writes it
            mode = os.stat(database).st_mode & 0o666
        except OSError:
            mode = 0o600
        try:
            _LOCK_FILES[key] = os.open(f"{database}.writer", os.O_RDWR | os.O_CREAT, mode)
        except OSError as error:
            raise OperationalError(f"cannot open the writer lock file: {error}") from error
    return _LOCK_FILES[key]


def _flock(descriptor: int, deadline: float) -> None:
    pause = 0.0001
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() > deadline:
                raise OperationalError("database is locked (a writer in another process)") from None
            time.sleep(pause)
            pause = min(pause * 2, 0.002)


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


def _qmark(query: str) -> str:
    # Long statements (a bulk INSERT of 500 rows) are rare and would fill the cache.
    return _qmark_cached(query) if len(query) < 4096 else _converted(query)


def _converted(query: str) -> str:
    return base.FORMAT_QMARK_REGEX.sub("?", query).replace("%%", "%")


_qmark_cached = functools.lru_cache(maxsize=2048)(_converted)


class CursorWrapper(base.SQLiteCursorWrapper):
    def convert_query(self, query, *, param_names=None):
        if param_names is None:
            return _qmark(query)
        return super().convert_query(query, param_names=param_names)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
    _holds_writer = False
    _holds_flock: int | None = None

    @cached_property
    def _writer_lock(self):
        """This process's lock of this database, shared by its threads' connections."""
        return _lock_for(str(self.settings_dict["NAME"]))

    def create_cursor(self, name=None):
        return self.connection.cursor(factory=CursorWrapper)

    def _start_transaction_under_autocommit(self):
        self._take_writer()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._release_writer()
            raise

    def _take_writer(self):
        if self._holds_writer:  # the lock is not reentrant: waiting would only time out
            raise TransactionManagementError(
                "A write transaction is already open on this connection."
            )
        timeout = float(self.settings_dict.get("OPTIONS", {}).get("timeout", 5))
        deadline = time.monotonic() + timeout  # one wait in all, for both locks
        writer = self._writer_lock
        if not writer.acquire(timeout=timeout):
            raise OperationalError("database is locked (another writer in this process)")
        try:
            if not self.is_in_memory_db():
                descriptor = _lock_file(str(self.settings_dict["NAME"]))
                _flock(descriptor, deadline)
                self._holds_flock = descriptor
        except BaseException:
            writer.release()
            raise
        self._holds_writer = True

    @contextlib.contextmanager
    def write_transaction(self):
        """A cursor for a few plain statements that must commit together.

        In autocommit mode (a request), BEGIN IMMEDIATE and COMMIT are sent through the
        cursor like any statement (so they are logged, and their errors are Django's), under
        the writer lock, and ROLLBACK if the block raises: what atomic() does, without the
        bookkeeping that cost more than the statements. Inside an atomic block, a savepoint
        of it, by atomic() itself. The block must not open transactions of its own (that
        raises TransactionManagementError at once).
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
                        try:
                            cursor.execute("ROLLBACK")
                        except Exception:
                            self.close()  # never keep a connection stuck in a transaction
                    raise
        finally:
            self._release_writer()

    def _release_writer(self):
        if self._holds_writer:
            self._holds_writer = False
            try:
                if self._holds_flock is not None:
                    descriptor, self._holds_flock = self._holds_flock, None
                    fcntl.flock(descriptor, fcntl.LOCK_UN)
            finally:
                self._writer_lock.release()

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
