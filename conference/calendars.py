"""Julian (Old Style) and Gregorian (New Style) dates, through the Julian day number.

Russia used the Julian calendar until February 1918; the articles give Gregorian dates.
In 1917 the Julian date is 13 days earlier, but the offset is computed, not assumed.
"""

import datetime
from typing import NamedTuple


class JulianDate(NamedTuple):
    year: int
    month: int
    day: int

    def as_date(self) -> datetime.date:
        """The same year, month and day as a datetime.date, for formatting only."""
        return datetime.date(self.year, self.month, self.day)


def julian_day_number(date: datetime.date) -> int:
    """The Julian day number of a Gregorian date (Fliegel and Van Flandern, 1968)."""
    a = (14 - date.month) // 12
    y = date.year + 4800 - a
    m = date.month + 12 * a - 3
    return date.day + (153 * m + 2) // 5 + 365 * y + y // 4 - y // 100 + y // 400 - 32045


def julian_from_day_number(jdn: int) -> JulianDate:
    """The Julian-calendar date of a Julian day number."""
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - 1461 * d // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = d - 4800 + m // 10
    return JulianDate(year, month, day)


def julian_from_gregorian(date: datetime.date) -> JulianDate:
    return julian_from_day_number(julian_day_number(date))


def gregorian_from_julian(julian: JulianDate) -> datetime.date:
    a = (14 - julian.month) // 12
    y = julian.year + 4800 - a
    m = julian.month + 12 * a - 3
    jdn = julian.day + (153 * m + 2) // 5 + 365 * y + y // 4 - 32083
    return datetime.date.fromordinal(jdn - 1721425)


def offset_days(date: datetime.date) -> int:
    """How many days the Julian calendar is behind the Gregorian one on this date."""
    return (date - julian_from_gregorian(date).as_date()).days
