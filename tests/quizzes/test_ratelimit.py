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


def test_the_wait_ends_when_the_sliding_count_is_back_within_the_limit():
    for _ in range(9):
        ratelimit.hit(key="k", now=at(30), **LIMIT)
    # 9 hits at 0:30, limit 8: blocked to the end of the minute (29 s), then until 1 of the 9
    # has faded from the next minute's window, 60 / 9 s into it.
    wait = ratelimit.wait_seconds(key="k", now=at(31), **LIMIT)
    assert wait == 36  # ceil(29 + 60 / 9)
    assert ratelimit.blocked(key="k", now=at(31 + wait - 1), **LIMIT)
    assert not ratelimit.blocked(key="k", now=at(31 + wait), **LIMIT)
    assert ratelimit.wait_seconds(key="k", now=at(31 + wait), **LIMIT) == 0


def test_a_wait_can_end_within_the_current_window_as_the_previous_one_fades():
    for _ in range(6):
        ratelimit.hit(key="k", now=at(50), **LIMIT)
    for _ in range(4):
        ratelimit.hit(key="k", now=at(61), **LIMIT)
    # At 1:01, 4 + 6 * 59/60 > 8; within the limit once the previous share is 4: at 1:20.
    assert ratelimit.wait_seconds(key="k", now=at(61), **LIMIT) == 19
    assert not ratelimit.blocked(key="k", now=at(80), **LIMIT)


def test_a_noted_key_is_seen_for_its_window_and_forgotten_after_two():
    ratelimit.note(key="used", window_seconds=3600, now=at(10))
    assert ratelimit.seen(key="used", window_seconds=3600, now=at(3000))
    assert not ratelimit.seen(key="other", window_seconds=3600, now=at(3000))
    assert not ratelimit.seen(key="used", window_seconds=3600, now=at(7300))
