"""config/sqlite3: Django's SQLite backend with placeholders converted once per statement
and a write transaction for the answer path (write_transaction)."""

import threading

import pytest
from django.db import IntegrityError, OperationalError, connection, transaction

from config.sqlite3 import base
from quizzes.models import Attempt
from tests.quizzes.student import start

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the SQLite backend's own test"
)


@pytest.mark.django_db
def test_placeholders_and_literal_percent_signs_convert_as_in_django():
    with connection.cursor() as cursor:
        base._qmark_cached.cache_clear()
        for _ in range(2):  # the second time from the cache of converted statements
            cursor.execute("SELECT %s || '%%', %s", ["50", 7])
            assert cursor.fetchone() == ("50%", 7)
        assert base._qmark_cached.cache_info().hits == 1
        cursor.execute("SELECT %(a)s || %(b)s", {"a": "x", "b": "y"})  # pyformat still works
        assert cursor.fetchone() == ("xy",)


def nickname(attempt):
    return Attempt.objects.values_list("nickname", flat=True).get(pk=attempt.pk)


@pytest.mark.django_db(transaction=True)
def test_a_write_transaction_commits_together_or_not_at_all(question_bank, client):
    attempt = start(client, kinds=["true_false"])
    table = Attempt._meta.db_table
    rename = f'UPDATE "{table}" SET "nickname" = %s WHERE "id" = %s'
    with pytest.raises(IntegrityError), connection.write_transaction() as cursor:
        cursor.execute(rename, ["Changed", attempt.pk.hex])
        cursor.execute(f'UPDATE "{table}" SET "position" = -1 WHERE "id" = %s', [attempt.pk.hex])
    assert not connection.connection.in_transaction
    assert nickname(attempt) == "Ada"  # the first statement was rolled back with the second

    # The writer lock was released: another thread writes at once.
    done = threading.Event()

    def other_writer():
        with transaction.atomic():
            Attempt.objects.filter(pk=attempt.pk).update(nickname="Other")
        done.set()

    worker = threading.Thread(target=other_writer)
    worker.start()
    assert done.wait(timeout=5)
    worker.join()
    with connection.write_transaction() as cursor:
        cursor.execute(rename, ["Both", attempt.pk.hex])
    assert nickname(attempt) == "Both"


@pytest.mark.django_db
def test_inside_an_atomic_block_a_write_transaction_is_a_savepoint(question_bank, client):
    attempt = start(client, kinds=["true_false"])
    table = Attempt._meta.db_table
    with transaction.atomic():
        with pytest.raises(IntegrityError), connection.write_transaction() as cursor:
            cursor.execute(f'UPDATE "{table}" SET "nickname" = %s WHERE "id" = %s',
                           ["Changed", attempt.pk.hex])  # fmt: skip
            cursor.execute(f'UPDATE "{table}" SET "position" = -1 WHERE "id" = %s',
                           [attempt.pk.hex])  # fmt: skip
        assert nickname(attempt) == "Ada"


def test_writers_in_other_processes_queue_on_a_lock_file_the_kernel_frees_if_they_die(
    tmp_path,
):
    import os
    import signal
    import subprocess
    import sys
    import time

    database = str(tmp_path / "db.sqlite3")
    holder = subprocess.Popen(
        [sys.executable, "-c", (
            "import fcntl, os, sys, time\n"
            f"fd = os.open({database + '.writer'!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)"
        )],
        stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        assert holder.stdout.readline().strip() == "held"
        descriptor = base._lock_file(database)
        with pytest.raises(OperationalError, match="another process"):
            base._flock(
                descriptor, time.monotonic() + 0.2
            )  # a writer elsewhere: wait, then give up
        os.kill(holder.pid, signal.SIGKILL)  # a worker killed inside its transaction
        holder.wait()
        base._flock(descriptor, time.monotonic() + 2)  # its lock went with it
        base.fcntl.flock(descriptor, base.fcntl.LOCK_UN)
    finally:
        holder.kill()
        holder.wait()


def holds_lock(path: str) -> bool:
    """Whether another process finds the lock file taken."""
    import subprocess
    import sys

    probe = (
        "import fcntl, os\n"
        f"fd = os.open({path!r}, os.O_RDWR)\n"
        "try:\n    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB); print('free')\n"
        "except BlockingIOError:\n    print('taken')"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    return out.stdout.strip() == "taken"


@pytest.mark.django_db  # lets any connection open, this file database's included
def test_a_write_transaction_on_a_database_file_holds_its_lock_file_until_it_ends(tmp_path):
    from django.db.transaction import TransactionManagementError

    database = str(tmp_path / "db.sqlite3")
    wrapper = base.DatabaseWrapper(dict(connection.settings_dict, NAME=database), alias="file")
    try:
        with wrapper.write_transaction() as cursor:
            cursor.execute("CREATE TABLE t (x integer)")
            assert holds_lock(database + ".writer")  # other workers wait here
            with pytest.raises(TransactionManagementError), wrapper.write_transaction():
                pass  # a nested one fails at once instead of waiting for itself
        assert not holds_lock(database + ".writer")
        with pytest.raises(IntegrityError), wrapper.write_transaction() as cursor:
            cursor.execute("CREATE UNIQUE INDEX u ON t (x)")
            cursor.execute("INSERT INTO t VALUES (1), (1)")
        assert not holds_lock(database + ".writer")  # released after a rollback too
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM sqlite_master WHERE name = 'u'")
            assert cursor.fetchone() == (0,)
    finally:
        wrapper.close()
