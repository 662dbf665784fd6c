"""gunicorn settings for `make serve` and production, from the environment.

GUNICORN_BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default: the
number of CPUs), GUNICORN_THREADS (threads per worker: 1 on SQLite, 4 on PostgreSQL, see
below), GUNICORN_TIMEOUT (30 s),
GUNICORN_PRELOAD (1: load the site once in the master and fork the workers from it, so that
they share its memory and a worker that dies is replaced in milliseconds; 0 to load it in
each worker).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))


# Threads help a worker while it waits on the network: PostgreSQL's round trips. On SQLite
# nothing waits (the database is a local file, one writer at a time), so extra threads only
# hand the GIL and the write lock back and forth: measured side by side (docs/benchmarks.md),
# one thread per worker answered about 10 % more quiz answers a second, with a lower p99,
# and the bare view as fast. Behind the TLS proxy of the production set-up, a slow client
# never holds a worker.
def default_threads(database_url: str) -> int:
    postgres = ("postgres://", "postgresql://", "pgsql://", "postgis://")  # dj-database-url's
    return 4 if database_url.startswith(postgres) else 1


threads = int(
    os.environ.get("GUNICORN_THREADS", default_threads(os.environ.get("DATABASE_URL", "")))
)
worker_class = "gthread"
preload_app = os.environ.get("GUNICORN_PRELOAD", "1") == "1"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "30"))
graceful_timeout = 10
keepalive = 5
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"
# Restart a worker now and then, so that a slow leak cannot grow without bound.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "20000"))
max_requests_jitter = 2000
