"""Periods a date word stands for that the resolver reads off other dates: 去年同期 is the period
the text named last (a month, a quarter, a half year, or a range of them) in the year written."""
from __future__ import annotations

from datetime import date, timedelta
from typing import Mapping

import regex

# a month, quarter or half year, or a range of them: what 同期 can take
PERIOD_VALUE = regex.compile(r"\d{4}-(?:\d{2}|Q[1-4]|H[12])(?:/\d{4}-(?:\d{2}|Q[1-4]|H[12]))?")
_QUARTER_STARTS = {1: "Q1", 4: "Q2", 7: "Q3", 10: "Q4"}


def read_schedules(holidays: Mapping) -> dict:
    """The days off of each holiday of the ``holidays`` section of rules/dates.yaml, by the holiday's
    key in a mention's parts (("fixed", "10-01")) and the year of its day."""
    kinds = {"fixed": "fixed", "lunar": "lunar", "nth_weekday": "nth", "solar_terms": "solar"}
    keys = {name: (kind, tuple(spec) if isinstance(spec, list) else spec)
            for section, kind in kinds.items() for name, spec in holidays.get(section, {}).items()}
    return {keys[name]: {int(y): tuple(days) for y, days in years.items()}
            for name, years in holidays.get("schedules", {}).items() if name in keys}


def holiday_period(value: str, schedule: Mapping | None, days=None) -> str | None:
    """The official days off of a holiday (国庆假期, 元旦假期) as a range, for the year of its day
    ``value``; with ``days`` (first, last: 1 the first day, -1 the last) the day or days of them
    (国庆假期首日, 前四天, 最后一天). None for a year the schedule does not list (then the day alone is said)."""
    if not schedule or not regex.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    span = schedule.get(int(value[:4]))
    if not span:
        return None
    if days is None:
        return f"{span[0]}/{span[1]}"
    first, last = date.fromisoformat(span[0]), date.fromisoformat(span[1])
    lo, hi = (first + timedelta(n - 1) if n > 0 else last + timedelta(n + 1) for n in days)
    if lo > hi or lo < first or hi > last:
        return None  # 第九天 of seven days off
    return lo.isoformat() if lo == hi else f"{lo}/{hi}"


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
