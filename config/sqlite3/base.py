"""Django's SQLite backend, reading the real limit on query parameters (as Django 6.0 does).

Django 5.2 assumes SQLite's old limit of 999 parameters, so storing the 500 questions of a
long quiz took several INSERT statements; SQLite has allowed 32,766 (and Debian's build
250,000) since 3.32. With the real limit, starting a quiz costs the same statements for 5
or 500 questions. Drop this module when moving to Django 6.
"""

import sqlite3

from django.db.backends.sqlite3 import base, features
from django.utils.functional import cached_property


class DatabaseFeatures(features.DatabaseFeatures):
    @cached_property
    def max_query_params(self):
        self.connection.ensure_connection()
        return self.connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)


class DatabaseWrapper(base.DatabaseWrapper):
    features_class = DatabaseFeatures
