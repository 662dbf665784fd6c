"""The Julian (Old Style) date of each Gregorian date is computed, 13 days earlier in 1917."""

import datetime

from hypothesis import given
from hypothesis import strategies as st

from conference.calendars import (
    JulianDate,
    gregorian_from_julian,
    julian_from_gregorian,
    offset_days,
)


def test_the_conference_dates_in_the_old_style():
    assert julian_from_gregorian(datetime.date(1917, 4, 11)) == JulianDate(1917, 3, 29)
    assert julian_from_gregorian(datetime.date(1917, 4, 16)) == JulianDate(1917, 4, 3)
    assert julian_from_gregorian(datetime.date(1917, 4, 17)) == JulianDate(1917, 4, 4)


def test_the_october_revolution_fell_in_november_new_style():
    assert gregorian_from_julian(JulianDate(1917, 10, 25)) == datetime.date(1917, 11, 7)


def test_the_offset_grows_after_1900_and_was_ten_days_in_1582():
    assert offset_days(datetime.date(1582, 10, 15)) == 10
    assert offset_days(datetime.date(1899, 1, 1)) == 12
    assert offset_days(datetime.date(1917, 4, 12)) == 13


@given(st.dates(min_value=datetime.date(1700, 3, 1), max_value=datetime.date(2099, 12, 31)))
def test_converting_there_and_back_returns_the_same_day(date):
    assert gregorian_from_julian(julian_from_gregorian(date)) == date


@given(st.dates(min_value=datetime.date(1917, 1, 1), max_value=datetime.date(1917, 12, 31)))
def test_every_day_of_1917_is_thirteen_days_later_in_the_new_style(date):
    assert offset_days(date) == 13
