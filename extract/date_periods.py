"""Periods a date word stands for that the resolver reads off other dates: 去年同期 is the period
the text named last (a month, a quarter, a half year, or a range of them) in the year written."""
from __future__ import annotations

import regex

# a month, quarter or half year, or a range of them: what 同期 can take
PERIOD_VALUE = regex.compile(r"\d{4}-(?:\d{2}|Q[1-4]|H[12])(?:/\d{4}-(?:\d{2}|Q[1-4]|H[12]))?")
_QUARTER_STARTS = {1: "Q1", 4: "Q2", 7: "Q3", 10: "Q4"}


def holiday_period(value: str, schedule: dict) -> str | None:
    """The official days off of a holiday (国庆假期, 元旦假期) as a range, for the year of its day
    ``value``; None for a year the schedule does not list (then the day alone is said)."""
    days = schedule.get(int(value[:4])) if regex.fullmatch(r"\d{4}-\d{2}-\d{2}", value) else None
    return f"{days[0]}/{days[1]}" if days else None


def same_period(period: str, year: int) -> tuple[str, str, str]:
    """(value, kind, granularity) of ``period`` (2013-07, 2021-01/2021-05, 2021-Q1) in ``year``;
    three months that make a quarter are the quarter (1—3月 -> Q1)."""
    ends = [f"{year:04d}{end[4:]}" for end in period.split("/")]
    if len(ends) == 2 and all(e[5:].isdigit() for e in ends):
        first, last = int(ends[0][5:]), int(ends[1][5:])
        if first in _QUARTER_STARTS and last == first + 2:
            return f"{year:04d}-{_QUARTER_STARTS[first]}", "date", "quarter"
    granularity = "month" if ends[0][5:].isdigit() else ("quarter" if ends[0][5] == "Q" else "none")
    return "/".join(ends), ("range" if len(ends) == 2 else "date"), granularity
