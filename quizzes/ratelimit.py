"""Rate limits that hold across processes and servers: join codes, starting attempts,
challenges, sign-ups.

A counter per (key, time window), read as a sliding window (the current count plus the
share of the previous window still inside it). On the database, one atomic UPDATE ... SET count =
count + 1 (or an INSERT for a new window, retried if another process won the race); on
Redis, when CACHE_URL names it, Django's atomic cache incr. A per-process memory cache would
not do: each gunicorn worker would count on its own.
"""

from __future__ import annotations

import math

from django.conf import settings
from django.core.cache import cache
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from quizzes.models import RateCounter


def _windows(window_seconds: int, now=None) -> tuple[int, int, float]:
    """The current window's start, the previous one's, and how much of the previous one
    still counts (1 at the start of the current window, 0 at its end)."""
    moment = (now or timezone.now()).timestamp()
    current = int(moment) - int(moment) % window_seconds
    return current, current - window_seconds, 1 - (moment - current) / window_seconds


def _estimate(counts: dict[int, int], window_seconds: int, now=None) -> float:
    """Hits in the last `window_seconds`, as a sliding window: the current window's count
    plus the share of the previous one still inside. Fixed windows alone would let a burst
    straddling their boundary through twice."""
    current, previous, weight = _windows(window_seconds, now)
    return counts.get(current, 0) + counts.get(previous, 0) * weight


def _redis() -> bool:
    return settings.CACHES["default"]["BACKEND"].endswith("RedisCache")


def _counts(key: str, window_seconds: int, now=None) -> dict[int, int]:
    current, previous, _weight = _windows(window_seconds, now)
    if _redis():
        found = cache.get_many([f"rate:{key}:{current}", f"rate:{key}:{previous}"])
        return {int(name.rsplit(":", 1)[1]): count for name, count in found.items()}
    rows = RateCounter.objects.filter(key=key, window__in=[current, previous])
    return dict(rows.values_list("window", "count"))


def hit(*, key: str, limit: int, window_seconds: int, now=None) -> bool:
    """Count one hit of `key`; False once past `limit` hits in the last `window_seconds`."""
    current, _previous, _weight = _windows(window_seconds, now)
    if _redis():
        cache_key = f"rate:{key}:{current}"
        cache.add(cache_key, 0, timeout=window_seconds * 2)
        cache.incr(cache_key)
        return _estimate(_counts(key, window_seconds, now), window_seconds, now) <= limit
    with transaction.atomic():
        updated = RateCounter.objects.filter(key=key, window=current).update(count=F("count") + 1)
        if not updated:
            try:
                with transaction.atomic():
                    RateCounter.objects.create(key=key, window=current, count=1)
            except IntegrityError:  # another process created the row first
                RateCounter.objects.filter(key=key, window=current).update(count=F("count") + 1)
        counts = _counts(key, window_seconds, now)
    return _estimate(counts, window_seconds, now) <= limit


def blocked(*, key: str, limit: int, window_seconds: int, now=None) -> bool:
    """Whether `key` is past its limit, without counting a hit."""
    return _estimate(_counts(key, window_seconds, now), window_seconds, now) > limit


def wait_seconds(*, key: str, limit: int, window_seconds: int, now=None) -> int:
    """How long until `key` is within its limit again if nothing more is counted; 0 if it is.

    The current window's count stays until the window ends; the previous one's share
    shrinks as the window goes by. So the wait ends within this window once the current
    count alone is within the limit, else in the next one, when that count becomes the
    previous one and fades.
    """
    counts = _counts(key, window_seconds, now)
    current, previous, weight = _windows(window_seconds, now)
    here, before = counts.get(current, 0), counts.get(previous, 0)
    if here + before * weight <= limit:
        return 0
    elapsed = (now or timezone.now()).timestamp() - current
    if here <= limit:  # here + before * (1 - t / window) <= limit
        until = window_seconds * (1 - (limit - here) / before)
    else:  # here * (1 - t / window) <= limit, t counted from the next window
        until = window_seconds + window_seconds * (1 - limit / here)
    return max(1, math.ceil(round(until - elapsed, 6)))  # rounded: 19.000000000000004 is 19


def note(*, key: str, window_seconds: int, now=None) -> None:
    """Remember that `key` happened, for seen()."""
    hit(key=key, limit=0, window_seconds=window_seconds, now=now)


def seen(*, key: str, window_seconds: int, now=None) -> bool:
    """Whether `key` was noted within the last `window_seconds` (or a little longer: the
    previous window counts until the current one ends)."""
    return _estimate(_counts(key, window_seconds, now), window_seconds, now) > 0


def used_up(*, key: str, limit: int, window_seconds: int, now=None) -> bool:
    """Whether `key` has had its `limit` hits already, without counting one: the check for
    an action counted (with `hit`) only once it has succeeded."""
    return _estimate(_counts(key, window_seconds, now), window_seconds, now) >= limit


def client_ip(request) -> str | None:
    """The client's address as the trusted proxies saw it.

    Each of the PROXY_COUNT proxies in front of the site appends the address it received the
    request from to X-Forwarded-For, so the client is the PROXY_COUNT-th entry from the
    right; anything to the left of it the client may have written itself. Without proxies,
    the address of the connection. (django-ipware counts proxies inside the header, the
    proxy's own address included, which is not how nginx and most load balancers write it.)
    """
    proxies = settings.PROXY_COUNT
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [part for part in forwarded if part]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    # None when there is none (a request built by Django itself, as force_login does):
    # django-axes stores the address in an IP address column.
    return request.META.get("REMOTE_ADDR") or None


def client_key(request) -> str:
    """What rate limits count by: the client's address (client_ip)."""
    return client_ip(request) or "unknown"


def sweep(*, older_than_seconds: int = 86400) -> int:
    """Drop counters of windows long past."""
    limit = int(timezone.now().timestamp()) - older_than_seconds
    return RateCounter.objects.filter(window__lt=limit).delete()[0]
