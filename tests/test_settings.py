"""Production settings pass Django's deployment checks once the documented variables are set."""

import os
import subprocess
import sys


def manage(*args, env_overrides):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_URL"))}
    env.update(env_overrides)
    return subprocess.run(
        [sys.executable, "manage.py", *args], capture_output=True, text=True, env=env, timeout=120
    )


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": "x" * 20 + "a-production-secret-of-more-than-fifty-characters-!",
    "DJANGO_ALLOWED_HOSTS": "quiz.example.org",
}


def test_check_deploy_reports_no_warning_in_production():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env_overrides=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_a_short_secret_key_is_refused():
    result = manage("check", env_overrides={**PRODUCTION, "DJANGO_SECRET_KEY": "short"})
    assert result.returncode != 0
    assert "at least 50 characters" in result.stderr


def test_debug_is_off_unless_asked_for():
    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.DEBUG)",
        env_overrides={"DJANGO_ALLOWED_HOSTS": "localhost"},
    )
    assert result.stdout.strip().endswith("False")


def test_sqlite_waits_for_writers_instead_of_failing():
    code = (
        "from django.db import connection; c = connection.cursor();"
        "print(c.execute('PRAGMA journal_mode').fetchone()[0],"
        " c.execute('PRAGMA foreign_keys').fetchone()[0],"
        " c.execute('PRAGMA synchronous').fetchone()[0],"
        " connection.settings_dict['OPTIONS']['transaction_mode'])"
    )
    result = manage("shell", "-c", code, env_overrides={})
    assert result.stdout.split()[-4:] == ["wal", "1", "1", "IMMEDIATE"], result.stderr


def test_redis_holds_sessions_and_rate_limits_when_several_app_servers_share_it():
    code = (
        "from django.conf import settings; from quizzes import ratelimit;"
        "print(settings.SESSION_ENGINE,"
        " settings.CACHES['default']['BACKEND'].rsplit('.', 1)[1], ratelimit._redis())"
    )
    shared = manage("shell", "-c", code, env_overrides={"CACHE_URL": "redis://cache:6379/0"})
    assert shared.stdout.split()[-3:] == [
        "django.contrib.sessions.backends.cache",
        "RedisCache",
        "True",
    ], shared.stderr
    alone = manage("shell", "-c", code, env_overrides={})
    assert alone.stdout.split()[-3:] == [
        "django.contrib.sessions.backends.signed_cookies",
        "LocMemCache",
        "False",
    ], alone.stderr


def test_gunicorn_runs_four_threads_per_worker_unless_told_otherwise(monkeypatch):
    import importlib

    import config.gunicorn

    def threads(**env) -> int:
        for name in ("DATABASE_URL", "GUNICORN_THREADS"):
            monkeypatch.delenv(name, raising=False)
        for name, value in env.items():
            monkeypatch.setenv(name, value)
        return importlib.reload(config.gunicorn).threads

    assert threads() == 4
    assert threads(DATABASE_URL="postgres://quiz:quiz@db:5432/quiz") == 4
    assert threads(GUNICORN_THREADS="2") == 2
