"""Rate limits that hold across processes and servers: join codes, nicknames, logins.

A counter per (key, time window). On the database, one atomic UPDATE ... SET count =
count + 1 (or an INSERT for a new window, retried if another process won the race); on
Redis, when CACHE_URL names it, Django's atomic cache incr. A per-process memory cache would
not do: each gunicorn worker would count on its own.
"""

from __future__ import annotations

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from quizzes.models import RateCounter


def _window(window_seconds: int, now=None) -> int:
    moment = int((now or timezone.now()).timestamp())
    return moment - moment % window_seconds


def _redis() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def hit(*, key: str, limit: int, window_seconds: int, now=None) -> bool:
    """Count one hit of `key` in the current window; False once past the limit."""
    window = _window(window_seconds, now)
    if _redis():
        cache_key = f"rate:{key}:{window}"
        cache.add(cache_key, 0, timeout=window_seconds * 2)
        return cache.incr(cache_key) <= limit
    with transaction.atomic():
        updated = RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window=window, count=1)
            except IntegrityError:  # another process created the row first
                RateCounter.objects.filter(key=key, window=window).update(count=F("count") + 1)
        count = RateCounter.objects.get(key=key, window=window).count
    return count <= limit


def blocked(*, key: str, limit: int, window_seconds: int, now=None) -> bool:
    """Whether `key` is past its limit in the current window, without counting a hit."""
    window = _window(window_seconds, now)
    if _redis():
        return (cache.get(f"rate:{key}:{window}") or 0) > limit
    count = RateCounter.objects.filter(key=key, window=window).values_list("count", flat=True)
    return (count.first() or 0) > limit


def client_key(request) -> str:
    """The client's address (the proxy's X-Forwarded-For when DJANGO_BEHIND_PROXY is set)."""
    if settings.SECURE_PROXY_SSL_HEADER and request.META.get("HTTP_X_FORWARDED_FOR"):
        return request.META["HTTP_X_FORWARDED_FOR"].split(",")[0].strip()
    return request.META.get("REMOTE_ADDR", "unknown")


def sweep(*, older_than_seconds: int = 86400) -> int:
    """Drop counters of windows long past."""
    limit = int(timezone.now().timestamp()) - older_than_seconds
    return RateCounter.objects.filter(window__lt=limit).delete()[0]
