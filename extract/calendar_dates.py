"""Calendar arithmetic the date resolver needs: a holiday's day in a given year (fixed, lunar, or
the nth weekday of a month), lunar dates to Gregorian, the days of a month."""
from __future__ import annotations

from datetime import date, timedelta


def month_span(year: int, month: int, day: int | None) -> tuple[date, date] | None:
    if day is not None:
        d = safe_date(year, month, day)
        return (d, d) if d else None
    last = (date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1))
    return date(year, month, 1), last


def lunar_to_solar(year: int, month: int, day: int) -> date | None:
    """A lunar date (month 12 day 30 is New Year's Eve, whatever that month's length) to Gregorian."""
    from lunardate import LunarDate
    try:
        if month == 12 and day == 30:
            return LunarDate(year + 1, 1, 1).to_solar_date() - timedelta(days=1)
        return LunarDate(year, month, day).to_solar_date()
    except (ValueError, IndexError):
        return None


def holiday_date(kind: str, spec):
    """year -> the holiday's Gregorian date that year (None when it cannot be known)."""
    if kind == "fixed":
        month, day = map(int, spec.split("-"))
        return lambda y: safe_date(y, month, day)
    if kind == "lunar":
        if spec == "EVE":
            return lambda y: lunar_to_solar(y - 1, 12, 30)
        month, day = map(int, spec.split("-"))
        return lambda y: lunar_to_solar(y, month, day)
    if kind == "solar":
        return lambda y: solar_term(y, *spec)
    month, weekday, nth = spec

    def nth_weekday(y: int) -> date:
        first = date(y, month, 1)
        d = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
        while d.month != month:
            d -= timedelta(weeks=1)
        return d
    return nth_weekday


def solar_term(year: int, month: int, c_2000s: float, c_1900s: float) -> date | None:
    """A solar term's day (清明) by the 寿星 formula: [Y x 0.2422 + C] - [Y / 4], Y the year's last two
    digits and C the term's constant for its century; None outside 1901-2100, where it is not known."""
    if not 1901 <= year <= 2100:
        return None
    y = year % 100 or 100
    c = c_2000s if year > 2000 else c_1900s
    return safe_date(year, month, int(y * 0.2422 + c) - y // 4)


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def same_day_in(year: int, day: date) -> date:
    """The day of ``day``'s month and date in ``year`` (29 February in a year without one: the 28th)."""
    return safe_date(year, day.month, day.day) or date(year, day.month, day.day - 1)
