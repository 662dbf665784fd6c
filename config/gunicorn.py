"""gunicorn settings for `make serve` and production, from the environment.

GUNICORN_BIND (default 127.0.0.1:8000), WEB_CONCURRENCY (worker processes, default: the
number of CPUs), GUNICORN_THREADS (threads per worker, default 4), GUNICORN_TIMEOUT (30 s),
GUNICORN_PRELOAD (1: load the site once in the master and fork the workers from it, so that
they share its memory and a worker that dies is replaced in milliseconds; 0 to load it in
each worker).
"""

import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count()))
# Threads let a worker go on while a request waits on the database. The same default on
# SQLite and PostgreSQL: a class of 300 answering at once was acknowledged as fast or
# faster with 4 threads than with 1 on both (docs/benchmarks.md).
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
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
# Request headers: gunicorn's own limits, its defaults said here (a request line of 4094
# bytes, 100 header fields of 8190 bytes at most; larger gets 400 before Django sees it).
# It does not limit bodies: config.middleware refuses one over DATA_UPLOAD_MAX_MEMORY_SIZE
# before anything reads it.
limit_request_line = 4094
limit_request_fields = 100
limit_request_field_size = 8190
