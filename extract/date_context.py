"""What a date resolves against besides the reference date: the days, years and periods the text
named before it (``resolve.DateResolver.resolve_all`` fills it in text order)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import regex

DAY_VALUE = regex.compile(r"\d{4}-\d{2}-\d{2}")  # a value that names a day (2020-07-24, …T10:00, a range's start)


@dataclass
class Context:
    """What a date may count from: the reference date, and the last day and year the text named."""
    reference: date | None
    day: date | None = None
    year: int | None = None
    # whether that day and year depend on the reference date (今天, 去年) or were written (2013年6月5日)
    day_relative: bool = True
    year_relative: bool = True
    text: str = ""
    # the year and month named last, and where: 上年/上月 count from them inside one sentence
    year_at: tuple[int, int, bool] | None = None  # the last year named: (year, end, relative)
    opening_year_at: tuple[int, bool, int] | None = None  # a year opening its sentence: (year, relative, end)
    year_compared: bool = False  # the year named last is a comparison's base (比2018年回落): no new topic
    day_at: int | None = None  # where the day 当天 counts from was named
    month_at: tuple[int, int, int] | None = None
    position: int = 0
    sentence_end: "regex.Pattern | None" = None  # what ends a sentence (resolution.sentence_end)
    future: bool = False  # a future word follows the date (10月将赴…, 周六将举行): it may lie ahead
    period_at: tuple[str, int] | None = None  # the period named last (a month, quarter ...), and where
    last: tuple[dict, int] | None = None  # the value fields of the date or time named last, and where
    # the day named last with its month written (10月2日), whether it counted from the reference, and where
    written_day: tuple[date, bool, int] | None = None

    def sentence_year(self) -> int | None:
        if self.year_at and self._same_sentence(self.year_at[1]):
            return self.year_at[0]
        return None

    def weekday_after_last(self, mention_start: int, weekday: int) -> dict | None:
        """The value fields a bare weekday takes from the date named right before it: 7月24日周五, 4月12日是
        星期六, 7月24日（周五） say which day of the week that day was, and are that day (when it is that
        weekday); 每周二、周四 lists one more day of every week. Else None."""
        if not self.last:
            return None
        fields, gap = self.last[0], self.text[self.last[1]:mention_start]
        if fields["value"].startswith("XXXX-WXX-") and gap in ("、", "和", "及", "与"):
            return {**fields, "value": f"XXXX-WXX-{weekday}"}
        if not DAY_VALUE.fullmatch(fields["value"]):
            return None
        if gap not in ("", "（", "(", "是", "，", ",", "为", "，是"):
            return None
        return fields if date.fromisoformat(fields["value"]).isoweekday() == weekday else None

    def sentence_year_relative(self) -> bool:
        """Does the year named earlier in this sentence depend on the reference date (今年: yes; 2025年: no)?"""
        return bool(self.year_at[2]) if self.year_at and self._same_sentence(self.year_at[1]) else True

    def opening_year(self) -> tuple[int, bool] | None:
        """The year that opens this sentence as a clause of its own (2014年，…仅3月份), and whether it
        depends on the reference date: a month or part of a year written later without a year is of it."""
        if not self.opening_year_at or not self._same_sentence(self.opening_year_at[2]):
            return None
        year, relative, end = self.opening_year_at
        if self.year_at and self.year_at[1] > end and not self.year_compared:
            return None  # 2019年，…，2020年…，仅3月份: a later year of the sentence is the topic now
        if self.future and self.reference and year < self.reference.year:
            return None  # 2019年，…，预计3月底前将出台: ahead of the past year, not inside it
        return year, relative

    def sentence_month(self) -> tuple[int, int] | None:
        if self.month_at and self._same_sentence(self.month_at[2]):
            return self.month_at[0], self.month_at[1]
        return None

    def sentence_day(self) -> tuple[date, bool] | None:
        """The day the sentence named last with its month written (10月2日), and whether its year
        counted from the reference: a bare 3日 after it (or after 3日, or a time) is a day of that month.
        A day in brackets glosses the word before it (截至今天(26日)): not that month's."""
        if self.text[max(0, self.position - 1):self.position] in ("(", "（"):
            return None
        if self.written_day and self._same_sentence(self.written_day[2]):
            return self.written_day[0], self.written_day[1]
        return None

    def listed_after_day(self) -> bool:
        """The date stands right after the day named last with its month, joined as a list item
        (2月12、13号): that month's, even where the window would look back."""
        return bool(self.written_day) and self.text[self.written_day[2]:self.position].strip() in ("、", "和", "及", "与", "或")

    def _same_sentence(self, at: int) -> bool:
        return bool(self.text) and not self.sentence_end.search(self.text, at, self.position)

    def named_period(self) -> str | None:
        """The month, quarter, half year or range of them the text named last, in this sentence or
        the one before (去年同期 is that period of last year)."""
        if self.period_at and len(self.sentence_end.findall(self.text, self.period_at[1], self.position)) <= 1:
            return self.period_at[0]
        return None

    def event_day(self) -> date | None:
        return self.day or self.reference

    def event_year(self) -> int | None:
        return self.year or (self.reference.year if self.reference else None)

    def day_in_sentence(self) -> bool:
        """Did this sentence name the day 当天 would count from?"""
        return self.day_at is not None and self._same_sentence(self.day_at)

    def event_day_relative(self) -> bool:
        """Does the day 当天 counts from depend on the reference date (not when the text wrote it whole)?"""
        return self.day_relative if self.day else True

    def event_year_relative(self) -> bool:
        return self.year_relative if self.year else True
