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
- discriminative efficiency (Moodle's) = the covariance of the item's scores with the rest
  of the test, divided by the largest covariance the same two lists of scores could have:
  the one they have when both are sorted and paired in order (the best student on the rest
  of the test also best on the item, and so on). 1 means the item separates students as well
  as any item of its facility could; undefined when either list varies not at all;
- flags: facility below 0.2 (very hard) or above 0.9 (very easy); "weak" when discrimination
  is below 0.2 and the efficiency below 0.5, so that an item whose discrimination is low only
  because nearly everybody (or nobody) got it right is not called weak: a very easy item
  cannot correlate much with anything, and its efficiency says whether it did as well as it
  could.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

MIN_ATTEMPTS_FOR_ALPHA = 3
HARD, EASY, WEAK = 0.2, 0.9, 0.2
WEAK_EFFICIENCY = 0.5
# Differences below this are rounding, not variation (a mean of 0.1s is not exactly 0.1).
TOLERANCE = 1e-9


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
    efficiency: float | None
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


def _varies(values: list[float]) -> bool:
    return len(values) >= 2 and max(values) - min(values) > TOLERANCE


def pearson(xs: list[float], ys: list[float]) -> float | None:
    if not (_varies(xs) and _varies(ys)):
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / math.sqrt(sxx * syy)


def discriminative_efficiency(xs: list[float], ys: list[float]) -> float | None:
    """Covariance of the pairs over the covariance of the same values sorted and paired in
    order, the largest any pairing can give (Moodle's formula; the n - 1 divisors cancel)."""
    if not (_varies(xs) and _varies(ys)):
        return None
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    covariance = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    largest = sum((x - mx) * (y - my) for x, y in zip(sorted(xs), sorted(ys), strict=True))
    return covariance / largest


def items(matrix: list[list[float | None]], points: list[float]) -> list[ItemStats]:
    out = []
    scores = totals(matrix, points)
    for j in range(len(points)):
        taken = [
            (row[j], total) for row, total in zip(matrix, scores, strict=True) if row[j] is not None
        ]
        if not taken:
            out.append(ItemStats(None, None, None, ()))
            continue
        column = [cell for cell, _ in taken]
        facility = statistics.fmean(column)
        rest = [total - cell * points[j] for cell, total in taken]
        discrimination = pearson(column, rest)
        efficiency = discriminative_efficiency(column, rest)
        flags = []
        if facility < HARD:
            flags.append("hard")
        if facility > EASY:
            flags.append("easy")
        if discrimination is not None and discrimination < WEAK and efficiency < WEAK_EFFICIENCY:
            flags.append("weak")
        out.append(ItemStats(facility, discrimination, efficiency, tuple(flags)))
    return out


def histogram(percentages: list[float], bins: int = 10) -> list[int]:
    """How many attempts fall in each band of the percentage score (100 % in the last band)."""
    counts = [0] * bins
    for value in percentages:
        index = min(bins - 1, max(0, int(value // (100 / bins))))
        counts[index] += 1
    return counts
