"""config/sqlite3: Django's SQLite backend with placeholders converted once per statement."""

import pytest
from django.db import connection

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite backend's own test"),
]


def test_placeholders_and_literal_percent_signs_convert_as_in_django():
    with connection.cursor() as cursor:
        for _ in range(2):  # the second time from the cache of converted statements
            cursor.execute("SELECT %s || '%%', %s", ["50", 7])
            assert cursor.fetchone() == ("50%", 7)
        cursor.execute("SELECT %(a)s || %(b)s", {"a": "x", "b": "y"})  # pyformat still works
        assert cursor.fetchone() == ("xy",)
