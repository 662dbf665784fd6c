"""Test and item statistics of a class's attempts, as in Moodle's quiz statistics report. Pure.

Input: a score matrix, one row per finished attempt, one column per question, each cell the
share of the question's credit the student earned (0..1), or None when that attempt did not
include the question (a set edited after some students took it), and the points each
question is worth. A question is analysed over the attempts that included it; alpha over
the attempts that included every question.

Formulas (n attempts, k questions, x the cell scores, X a student's total):

- mean, median and standard deviation of the totals (sample SD, divisor n - 1);
- Cronbach's alpha = k / (k - 1) * (1 - sum of item variances / variance of totals), with
  sample variances; given when n >= 3, k >= 2 and the totals vary;
- facility index of an item = the mean of its cell scores (0 = nobody, 1 = everybody);
- discrimination index = the Pearson correlation between the item's scores and the rest of
  the test (each student's total minus that item), so an item is not correlated with itself;
  undefined when either varies not at all;
- flags: facility below 0.2 (very hard) or above 0.9 (very easy), discrimination below 0.2.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

MIN_ATTEMPTS_FOR_ALPHA = 3
HARD, EASY, WEAK = 0.2, 0.9, 0.2


@dataclass(frozen=True)
class Summary:
    count: int
    mean: float | None
    median: float | None
    sd: float | None
    alpha: float | None


@dataclass(frozen=True)
class ItemStats:
    facility: float | None
    discrimination: float | None
    flags: tuple[str, ...]  # "hard", "easy", "weak"


def _variance(values: list[float]) -> float:
    return statistics.variance(values) if len(values) >= 2 else 0.0


def totals(matrix: list[list[float | None]], points: list[float]) -> list[float]:
    return [sum((cell or 0) * p for cell, p in zip(row, points, strict=True)) for row in matrix]


def cronbach_alpha(matrix: list[list[float | None]], points: list[float]) -> float | None:
    matrix = [row for row in matrix if None not in row]
    n, k = len(matrix), len(points)
    if n < MIN_ATTEMPTS_FOR_ALPHA or k < 2:
        return None
    item_variances = [_variance([row[j] * points[j] for row in matrix]) for j in range(k)]
    total_variance = _variance(totals(matrix, points))
    if total_variance == 0:
        return None
    return k / (k - 1) * (1 - sum(item_variances) / total_variance)


def summary(matrix: list[list[float | None]], points: list[float]) -> Summary:
    scores = totals(matrix, points)
    if not scores:
        return Summary(0, None, None, None, None)
    return Summary(
        count=len(scores),
        mean=statistics.fmean(scores),
        median=statistics.median(scores),
        sd=statistics.stdev(scores) if len(scores) >= 2 else None,
        alpha=cronbach_alpha(matrix, points),
    )


def pearson(xs: list[float], ys: list[float]) -> float | None:
    if len(xs) < 2:
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


def items(matrix: list[list[float | None]], points: list[float]) -> list[ItemStats]:
    out = []
    scores = totals(matrix, points)
    for j in range(len(points)):
        taken = [
            (row[j], total) for row, total in zip(matrix, scores, strict=True) if row[j] is not None
        ]
        if not taken:
            out.append(ItemStats(None, None, ()))
            continue
        column = [cell for cell, _ in taken]
        facility = statistics.fmean(column)
        rest = [total - cell * points[j] for cell, total in taken]
        discrimination = pearson(column, rest)
        flags = []
        if facility < HARD:
            flags.append("hard")
        if facility > EASY:
            flags.append("easy")
        if discrimination is not None and discrimination < WEAK:
            flags.append("weak")
        out.append(ItemStats(facility, discrimination, tuple(flags)))
    return out


def histogram(percentages: list[float], bins: int = 10) -> list[int]:
    """How many attempts fall in each band of the percentage score (100 % in the last band)."""
    counts = [0] * bins
    for value in percentages:
        index = min(bins - 1, max(0, int(value // (100 / bins))))
        counts[index] += 1
    return counts
