"""The rate limiter: a sliding window shared by every process, on the database."""

import datetime

import pytest
from django.utils import timezone

from quizzes import ratelimit
from quizzes.models import RateCounter

pytestmark = pytest.mark.django_db
LIMIT = {"limit": 8, "window_seconds": 60}


def at(seconds: float) -> datetime.datetime:
    start = datetime.datetime(2026, 11, 23, 9, 0, tzinfo=datetime.UTC)
    return start + datetime.timedelta(seconds=seconds)


def test_hits_pass_up_to_the_limit_then_are_refused():
    results = [ratelimit.hit(key="k", now=at(1), **LIMIT) for _ in range(10)]
    assert results == [True] * 8 + [False] * 2
    assert ratelimit.blocked(key="k", now=at(2), **LIMIT)
    assert not ratelimit.blocked(key="other", now=at(2), **LIMIT)


def test_a_burst_across_a_window_boundary_does_not_get_twice_the_limit():
    passed = sum(ratelimit.hit(key="k", now=at(59 + n / 100), **LIMIT) for n in range(200))
    assert passed == 8  # fixed windows would let 8 through at 0:59 and 8 more at 1:00


def test_the_block_wears_off_within_a_window():
    for _ in range(9):
        ratelimit.hit(key="k", now=at(59), **LIMIT)
    assert ratelimit.blocked(key="k", now=at(61), **LIMIT)
    assert not ratelimit.blocked(key="k", now=at(119.5), **LIMIT)
    assert not ratelimit.blocked(key="k", now=at(200), **LIMIT)


def test_the_sweep_drops_old_windows_only():
    ratelimit.hit(key="old", now=timezone.now() - datetime.timedelta(days=2), **LIMIT)
    ratelimit.hit(key="new", **LIMIT)
    assert ratelimit.sweep() == 1
    assert list(RateCounter.objects.values_list("key", flat=True)) == ["new"]
