"""Pearson's chi-squared test of uniformity, for the tests that check answer positions."""

import math


def chi_squared_p(observed: list[int]) -> float:
    """Upper tail of the chi-squared test of uniformity (Wilson-Hilferty approximation)."""
    total, k = sum(observed), len(observed)
    expected = total / k
    statistic = sum((o - expected) ** 2 / expected for o in observed)
    dof = k - 1
    z = ((statistic / dof) ** (1 / 3) - (1 - 2 / (9 * dof))) / math.sqrt(2 / (9 * dof))
    return 0.5 * math.erfc(z / math.sqrt(2))
