"""Start the site as in production (gunicorn, DEBUG off, compressed static files) on a fresh
database, for the benchmarks and the load test. Loopback only."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
BIN = Path(PYTHON).parent
POSTGRES = "postgres://quiz:quiz@127.0.0.1:5432"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def environment(database_url: str | None, **extra) -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
        "DJANGO_SECURE_COOKIES": "0",  # the load generator speaks HTTP, not HTTPS
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DJANGO_LOG_LEVEL": "ERROR",
    }
    if database_url:
        env["DATABASE_URL"] = database_url
    env.update({k: str(v) for k, v in extra.items()})
    return env


def fresh_database(kind: str) -> str:
    """A new empty database: a SQLite file in a temporary folder, or a PostgreSQL database."""
    if kind == "sqlite":
        return f"sqlite:///{tempfile.mkdtemp(prefix='bench-')}/site.sqlite3"
    import psycopg

    name = f"bench_{int(time.time())}_{os.getpid()}"
    with psycopg.connect(POSTGRES + "/quiz", autocommit=True) as connection:
        connection.execute(f"CREATE DATABASE {name}")  # tools/postgres-up makes the role
    return f"{POSTGRES}/{name}"


def postgres_available() -> bool:
    """Whether the local PostgreSQL of tools/postgres-up answers."""
    try:
        import psycopg

        with psycopg.connect(POSTGRES + "/quiz", connect_timeout=3):
            return True
    except Exception:  # not installed, not started, no role: all mean no
        return False


def prepare(env: dict) -> None:
    manage = [PYTHON, str(ROOT / "manage.py")]
    for command in (["migrate", "--noinput", "-v0"], ["load_facts"], ["generate_questions"],
                    ["collectstatic", "--noinput", "-v0"]):  # fmt: skip
        subprocess.run([*manage, *command], env=env, cwd=ROOT, check=True, capture_output=True)


@contextlib.contextmanager
def gunicorn(env: dict, *, cpu: str | None = "0", workers: int = 2, threads: int | None = None,
             log: Path | None = None):  # fmt: skip
    """gunicorn on a free loopback port, pinned to `cpu` with taskset; yields its base URL
    and process. Threads per worker: config/gunicorn.py's default for the database unless
    given. Its log goes to `log` (by default, nowhere)."""
    port = free_port()
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": workers}
    env.pop("GUNICORN_THREADS", None)
    if threads is not None:
        env["GUNICORN_THREADS"] = threads
    env = {k: str(v) for k, v in env.items()}
    command = [str(BIN / "gunicorn"), "config.wsgi", "-c", "config/gunicorn.py"]
    if cpu is not None:
        command = ["taskset", "-c", cpu, *command]
    output = open(log, "ab") if log else subprocess.DEVNULL  # noqa: SIM115 (closed below)
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=output, stderr=output, start_new_session=True,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(url + "/healthz/", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield url, process
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        if log:
            output.close()


def publish_set(env: dict, *args: str) -> tuple[str, str]:
    """A published set for the load (manage.py bench_set); returns its join code and id."""
    out = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), "bench_set", *args], env=env, cwd=ROOT, check=True,
        capture_output=True, text=True,
    )  # fmt: skip
    code, pk = out.stdout.split()
    return code, pk
