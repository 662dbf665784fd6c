"""Students' final grades from their attempts (Moodle's grading method), who is who among a
set's attempts, and how grades and points are written on the page and in the CSV alike. Pure.

A grade is a share of the points (0 to 1): each attempt's score over its own maximum, so that
an attempt made before the teacher edited the set still compares with one made after.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from quizzes import nicknames

HIGHEST, FIRST, LAST, AVERAGE = "highest", "first", "last", "average"


def grading_attempt(method: str, fractions: Sequence[float]) -> int | None:
    """Which attempt (an index into ``fractions``, in the order they were started) gives the
    grade; None for the average, or when there is no attempt. The highest grade goes to the
    earliest attempt that reached it."""
    if not fractions:
        return None
    if method == FIRST:
        return 0
    if method == LAST:
        return len(fractions) - 1
    if method == AVERAGE:
        return None
    return max(range(len(fractions)), key=lambda i: (fractions[i], -i))


def final_grade(method: str, fractions: Sequence[float]) -> float | None:
    """The student's grade from their finished attempts, in the order they were started."""
    if not fractions:
        return None
    if method == AVERAGE:
        return statistics.fmean(fractions)
    return fractions[grading_attempt(method, fractions)]


def students(attempts: Sequence[tuple[str, int | None]]) -> list[list[int]]:
    """Attempts grouped by student: the attempts of one nickname (as it looks, so "Ann" and
    "ann" are one student) and of one logged-in user belong together, and a user who changed
    nickname joins the groups of both. ``attempts`` are (nickname, user id or None) pairs;
    returns lists of their indexes, in the order each student first appears."""
    parent = list(range(len(attempts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_seen: dict[tuple, int] = {}
    for index, (nickname, user_id) in enumerate(attempts):
        keys = [("nickname", nicknames.skeleton(nickname))]
        if user_id is not None:
            keys.append(("user", user_id))
        for key in keys:
            if key in first_seen:
                parent[root(index)] = root(first_seen[key])
            else:
                first_seen[key] = index
    groups: dict[int, list[int]] = {}
    for index in range(len(attempts)):
        groups.setdefault(root(index), []).append(index)
    return sorted(groups.values(), key=lambda group: group[0])


def percent_text(fraction: float) -> str:
    """A grade as a percentage with one decimal: 0.8333 -> "83.3"."""
    return f"{100 * fraction:.1f}"


def points_text(points: float) -> str:
    """Points with at most two decimals and no trailing zeros: 1.0 -> "1", 0.5 -> "0.5",
    1/3 -> "0.33"."""
    text = f"{points:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text
