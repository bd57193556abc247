"""Resolution: values that need context, and overlaps settled once, by one rule.

- Dates get their ISO 8601 / TIMEX3 ``value`` from the reference date (the publish date, or the
  batch's ``--reference-date``); never the clock. A date without its year takes the year that puts
  it inside the window of rules/dates.yaml (news reports the past).
- Overlaps: a number inside a date, a programme or an organization name is not a numeric claim;
  a date inside a document title is still a date.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable, Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from .calendar_dates import holiday_date, lunar_to_solar, month_span, safe_date, same_day_in
from .date_context import DAY_VALUE as _DAY_VALUE, Context
from .date_periods import PERIOD_VALUE, holiday_period, read_schedules, same_period
from .date_position import compared_base, inside_name, opens_sentence
from .matchers.base import REFERENCE_KEY, ensure_extensions, mentions_of, with_reference, write_mentions
from .mention import Mention
from .overlaps import settle_overlaps
from .rules import pipeline_rules

_PART_GRANULARITY = {"H1": "none", "H2": "none", "Q1": "quarter", "Q2": "quarter", "Q3": "quarter",
                     "Q4": "quarter", "SP": "none", "SU": "none", "FA": "none", "WI": "none"}
_DURATION_TIME_UNITS = {"H": "H", "MIN": "M", "S": "S"}
_YEAR_VALUE = regex.compile(r"\d{4}(?!\d)")
_MONTH_VALUE = regex.compile(r"(\d{4})-(\d{2})(?![\d/])")
_DAY_KEYS = ("day", "day_offset", "from_event", "weekday", "week_offset", "weekend", "holiday", "month", "month_offset", "lunar")
_YEAR_KEYS = ("year", "yy", "year_offset")
_VALUE_FIELDS = ("value", "kind", "granularity", "relative", "anchor")


class DateResolver:
    def __init__(self, window: Mapping, holidays: Mapping | None = None):
        self.schedules = read_schedules(holidays or {})  # the days off of 国庆假期 (rules/dates.yaml)
        self.past = timedelta(days=int(window.get("past_days", 300)))
        self.future = timedelta(days=int(window.get("future_days", 90)))
        self.two_digit_future = int(window.get("two_digit_year_future", 10))
        self.weekday_past = int(window.get("weekday_past_days", 6))
        self.weekend_past = int(window.get("weekend_past_days", 0))
        self.new_year_month = int(window.get("new_year_from_month", 13))
        self.future_marked = timedelta(days=int(window.get("future_marked_days", 330)))
        self.future_open = tuple(window.get("future_open_words", ()))
        words = sorted(window.get("future_markers", []), key=len, reverse=True)
        self.future_words = regex.compile(r"\s*(?:" + "|".join(map(regex.escape, words)) + ")") if words else None
        self.sentence_end = regex.compile(window["sentence_end"])
        self.then_words = set(window.get("then_words", ()))

    def __call__(self, mention: Mention, reference: date | None, context: Context | None = None) -> Mention:
        context = context or Context(reference)
        parts = mention.fields.get("parts", {})
        value, kind, granularity, relative = self.value(parts, context)
        # the anchor is the reference date used (the publish date), even when the value counts
        # from the event the text named (当天, 次日): ANNOTATION.md
        anchor = reference if relative else None
        fields = {"value": value, "kind": kind, "granularity": granularity, "relative": relative,
                  "anchor": anchor.isoformat() if anchor else ""}
        return mention.with_(fields=fields)

    def resolve_all(self, mentions: Iterable[Mention], reference: date | None, text: str = "") -> list[Mention]:
        """In text order, so 当天, 次年, 两年后 and a bare time count from the date the text last named
        (and 上年, 上月 from the year or month named earlier in their sentence, given the text)."""
        context, out = Context(reference, text=text, sentence_end=self.sentence_end), []
        for mention in sorted(mentions, key=lambda m: m.start):
            context.position = mention.start
            context.future = bool(self.future_words and text and self.future_words.match(text, mention.end)
                                  ) or self._opens_ahead(mention)
            named = bool(text) and inside_name(text, mention.start, mention.end)
            parts = mention.fields.get("parts", {})
            if named and ("weekday" in parts or parts.get("weekend")) and "week_offset" not in parts:
                # 《星期日泰晤士报》, 《法治周末》: a weekday in a name is every such day, not this week's
                mention = mention.with_(fields={**mention.fields, "parts": {**parts, "recurring": True}})
            resolved = self(mention, reference, context)
            if mention.surface in self.then_words and context.last and context._same_sentence(context.last[1]):
                resolved = resolved.with_(fields={**resolved.fields, **context.last[0]})  # 1954年10月，当时的: that time
            elif parts.keys() == {"weekday"} and (day := context.weekday_after_last(mention.start, parts["weekday"])):
                resolved = resolved.with_(fields={**resolved.fields, **day})  # 7月24日周五: that day
            out.append(resolved)
            if named:
                continue  # “欢乐春节”生肖橱窗展也在当天揭幕: a date in a name is not the day of the events told
            value, kind = resolved.fields["value"], resolved.fields["kind"]
            if parts.get("days_off") and "/" in value:  # 五一假期…当晚: the festival's own day counts on
                value, kind = self._calendar({k: v for k, v in parts.items() if k != "days_off"}, context)[0], "date"
            if kind in ("date", "time", "range"):
                context.last = ({k: resolved.fields[k] for k in _VALUE_FIELDS}, mention.end)
                if "month" in mention.fields.get("parts", {}) and _DAY_VALUE.match(value):
                    context.written_day = (date.fromisoformat(value[:10]), resolved.fields["relative"], mention.end)
            if _DAY_VALUE.match(value) and (kind in ("date", "time") or value.partition("/")[2].startswith(value[:10])
                                            or self._starts_event(mention, value, kind, reference, context)):
                context.day = date.fromisoformat(value[:10])
                context.year = context.day.year
                context.day_relative = context.year_relative = bool(resolved.fields["relative"])
                context.day_at = mention.end
            elif kind in ("date", "range") and _YEAR_VALUE.match(value):
                context.year = int(value[:4])
                context.year_relative = bool(resolved.fields["relative"])
            if kind in ("date", "range") and PERIOD_VALUE.fullmatch(value):
                context.period_at = (value, mention.end)
            elif kind in ("date", "range") and _YEAR_VALUE.fullmatch(value[:4]) and len(value) in (4, 9):
                context.period_at = None  # 今年以来, 2022年: a year named after the period is the period now
            if kind == "date" and _YEAR_VALUE.fullmatch(value) and opens_sentence(text, mention.start, mention.end):
                context.opening_year_at = (int(value), bool(resolved.fields["relative"]), mention.end)
            if kind in ("date", "time", "range") and _YEAR_VALUE.match(value) and not mention.fields.get("parts", {}).get("from_sentence"):
                context.year_compared = compared_base(text, mention.start)
                context.year_at = (int(value[:4]), mention.end, bool(resolved.fields["relative"]))
                month = _MONTH_VALUE.match(value)
                context.month_at = (int(month[1]), int(month[2]), mention.end) if month else None
        return out

    @staticmethod
    def _starts_event(mention: Mention, value: str, kind: str, reference: date | None, context: Context) -> bool:
        """将自7月8日起开始交车，当天…: a range opened with 起/开始 starts the event a later 当天 names when it
        starts ahead or its sentence named no day before (not 自6月11日以来…，当天新增2例: the bulletin's day)."""
        if kind != "range" or "/" in value or not mention.surface.endswith(("起", "开始")):
            return False
        ahead = reference is not None and value[:10] > reference.isoformat()
        return ahead or not context.day_in_sentence()

    # -- values ----------------------------------------------------------------------------------
    def value(self, parts: Mapping, ctx: Context) -> tuple[str, str, str, bool]:
        ref = ctx.reference
        if "start" in parts:
            return self._range(parts, ctx)
        if "vague" in parts:
            return parts["vague"], "vague", "none", True
        if "duration" in parts:
            anchored = "anchored" in parts and ref is not None
            return _iso_duration(parts["duration"]), "duration", "none", anchored
        if "year_end" in parts:
            return f"{parts['year']}/{parts['year_end']}", "range", "year", False
        if "decade" in parts:
            return self._decade(parts, ref)
        if "shift" in parts:
            return self._shift(parts, ctx)
        if parts.get("same_period") and ctx.named_period():  # 去年同期: the period named, that year
            year, relative = self._year(parts, ctx)
            if year is not None:
                return (*same_period(ctx.named_period(), year), relative)
        kind = "range" if parts.get("open") else "date"
        if "hour" in parts or "day_part" in parts:  # parts of a day are TIMEX3 times
            kind = "range" if parts.get("open") else "time"
        value, granularity, relative = self._calendar(parts, ctx)
        if parts.get("days_off"):  # 国庆假期: the days off; 国庆假期首日, 前四天: those of them
            schedule = self.schedules.get(tuple(tuple(k) if isinstance(k, list) else k for k in parts["holiday"]))
            period = holiday_period(value, schedule, parts.get("holiday_days"))
            if period:
                return period, ("range" if "/" in period else "date"), granularity, relative
        return value, kind, granularity, relative

    def _range(self, parts: Mapping, ctx: Context):
        if parts.get("end_year"):  # 前11个月 (no year): the start takes the year of the end
            v2, _, _, r2 = self.value(parts["end"], ctx)
            if v2[:4].isdigit():
                v1, _, g1, _ = self.value({**parts["start"], "year": int(v2[:4])}, ctx)
                return f"{v1}/{v2}", "range", g1, r2
        v1, _, g1, r1 = self.value(parts["start"], ctx)
        end = dict(parts["end"])
        inherits_year = not any(k in end for k in ("year", "yy", "year_offset"))
        inherits_month = "day" in end and not any(k in end for k in ("month", "month_offset"))
        for key in ("year", "yy", "year_offset", "month", "month_offset", "lunar"):
            if key in parts["start"] and key not in end and (
                    (key in ("year", "yy", "year_offset") and inherits_year) or (key != "year" and inherits_month)):
                end[key] = parts["start"][key]
        if not any(k in end for k in _DAY_KEYS + _YEAR_KEYS + ("year_part",)) and any(k in parts["start"] for k in _DAY_KEYS):
            # 明天下午到夜间, 11月13日0—24时: the end is a time of the start's day (not 即日起至今年底)
            end = {**{k: v for k, v in parts["start"].items() if k in _DAY_KEYS + _YEAR_KEYS}, **end}
        if inherits_month and inherits_year and "month" not in end and _DAY_VALUE.fullmatch(v1[:10]):
            end = _month_of(v1[:10], end)  # 今天起至28日: the day of the start's month, or of the next
        v2, kind2, _, r2 = self.value(end, ctx)
        if inherits_year and v1[:4].isdigit() and v2[:4].isdigit() and v2 < v1[:len(v2)]:
            # 即日起至12月20日: an end whose year is not written does not come before the start
            for year in (int(v1[:4]), int(v1[:4]) + 1):
                v2, kind2, _, r2 = self.value({**end, "year": year}, ctx)
                if v2 >= v1[:len(v2)]:
                    break
        kind = "duration" if kind2 == "duration" else "range"  # 2天到3天: P2D/P3D
        return f"{v1}/{v2}", kind, g1, r1 or r2

    def _decade(self, parts: Mapping, ref: date | None):
        decade = parts["decade"]
        if "century" in parts:
            start = (parts["century"] - 1) * 100 + decade * 10
        elif "century_offset" in parts:
            if ref is None:
                return "", "date", "none", True
            start = (ref.year // 100 + parts["century_offset"]) * 100 + decade * 10
        else:
            year = ref.year if ref else 1999
            start = (year // 100) * 100 + decade * 10
            if start > year:
                start -= 100
            return f"{start // 10:03d}", ("range" if parts.get("open") else "date"), "none", ref is not None
        return f"{start // 10:03d}", ("range" if parts.get("open") else "date"), "none", "century_offset" in parts

    def _shift(self, parts: Mapping, ctx: Context):
        unit, n = parts["shift_unit"], parts["shift"]
        if unit == "year" and parts.get("same_day") and ctx.reference:  # 88年前的今天
            return same_day_in(ctx.reference.year + n, ctx.reference).isoformat(), "date", "day", True
        if unit == "year":
            year = ctx.event_year() if parts.get("from_event") else (ctx.reference.year if ctx.reference else None)
            relative = ctx.event_year_relative() if parts.get("from_event") else True
            return ("" if year is None else f"{year + n:04d}"), "date", "year", relative
        base = ctx.event_day() if parts.get("from_event") else ctx.reference
        relative = ctx.event_day_relative() if parts.get("from_event") else True
        if base is None:
            return "", "date", unit, True
        if unit == "day":
            return (base + timedelta(days=n)).isoformat(), "date", "day", relative
        if unit == "week":
            iso = (base + timedelta(weeks=n)).isocalendar()
            return f"{iso[0]}-W{iso[1]:02d}", "date", "week", relative
        months = base.year * 12 + base.month - 1 + n
        return f"{months // 12:04d}-{months % 12 + 1:02d}", "date", "month", relative

    def _year(self, parts: Mapping, ctx: Context) -> tuple[int | None, bool]:
        if "year" in parts:
            return parts["year"], False
        if "yy" in parts:
            ref_year = ctx.reference.year if ctx.reference else 2000
            year = 2000 + parts["yy"]
            return (year - 100 if year > ref_year + self.two_digit_future else year), False
        if "year_offset" in parts:
            base = ctx.event_year() if parts.get("from_event") else (ctx.reference.year if ctx.reference else None)
            relative = ctx.event_year_relative() if parts.get("from_event") and not parts.get("from_sentence") else True
            if parts.get("from_sentence") and ctx.sentence_year() is not None:
                base, relative = ctx.sentence_year(), ctx.sentence_year_relative()  # 2025年…较上年: 2024, as written
            if parts.get("new_year") and ctx.reference and ctx.reference.month >= self.new_year_month:
                base += 1  # 新的一年 in December: the coming year
            return (None if base is None else base + parts["year_offset"]), relative
        return None, False

    def _calendar(self, parts: Mapping, ctx: Context) -> tuple[str, str, bool]:
        ref = ctx.reference
        year, relative = self._year(parts, ctx)
        if year is None and ("month" in parts or "year_part" in parts) and not parts.get("lunar") \
                and "month_offset" not in parts and ctx.opening_year():
            year, relative = ctx.opening_year()  # 2014年，…仅3月份: that year's March
        if any(k in parts for k in ("week_offset", "weekday", "weekend")):
            return self._week(parts, ctx)
        if parts.get("recurring"):
            return self._every_year(parts)
        if "day_offset" in parts:
            base = ctx.event_day() if parts.get("from_event") else ref
            if base is None:
                return "", "day", True
            relative = ctx.event_day_relative() if parts.get("from_event") else True
            if "year" in parts and not parts.get("from_event"):  # 2019年的今天: this day of that year
                base = same_day_in(parts["year"], base)
            return self._time_of_day((base + timedelta(days=parts["day_offset"])).isoformat(), parts, "day", relative)
        if "holiday" in parts:
            return self._holiday(parts, year, ref, relative)
        if "month_offset" in parts:
            return self._relative_month(parts, year, ctx)
        if "year_part" in parts:
            return self._year_part(parts["year_part"], year, relative, ref)
        month, day = parts.get("month"), parts.get("day")
        if month is None and day is None:
            if year is None:
                if "hour" in parts:  # a time of day: on the day the text last named, else on its own
                    return self._time_of_day(ctx.day.isoformat() if ctx.day else "", parts, "day", bool(ctx.day))
                return "", "none", relative
            return f"{year:04d}", "year", relative
        if parts.get("lunar"):
            return self._lunar(year, month, day, parts, ref, relative)
        if month is None and year is not None:
            return f"{year:04d}", "year", relative
        if year is None:
            named = ctx.sentence_day() if month is None else None
            if named and (ref is None or (named[0].year, named[0].month) != (ref.year, ref.month)
                          or ctx.listed_after_day()):
                # 10月2日…及3日 in a July story: the month the sentence named (in the reference's own
                # month the window decides, 7月10日，…通报了28日发生的 is June's 28th, unless the day is
                # listed right after the named one: 2月12、13号)
                return self._day_value(named[0].year, named[0].month, day, parts, named[1])
            if ref is None:
                return self._unknown_year(month, day, parts)
            if month is None:
                return self._day_of_month(day, parts, ref, ctx.future)
            year, relative = self._infer_year(lambda y: month_span(y, month, day), ref, ctx.future), True
            if year is None:
                return self._unknown_year(month, day, parts)
        if day is None:
            return f"{year:04d}-{month:02d}", "month", relative
        return self._day_value(year, month, day, parts, relative)

    def _relative_month(self, parts: Mapping, year: int | None, ctx: Context) -> tuple[str, str, bool]:
        """上月, 下个月, 去年本月十日: from the reference month (or, for 上月, the month its sentence named)."""
        ref = ctx.reference
        if ref is None:
            return "", "month", True
        base_year, base_month = (year if year is not None else ref.year), ref.month
        if parts.get("from_sentence") and year is None and ctx.sentence_month():
            base_year, base_month = ctx.sentence_month()
        y, m = divmod(base_year * 12 + base_month - 1 + parts["month_offset"], 12)
        if "day" in parts:
            return self._day_value(y, m + 1, parts["day"], parts, True)
        return f"{y:04d}-{m + 1:02d}", "month", True

    def _year_part(self, part: str, year: int | None, relative: bool, ref: date | None) -> tuple[str, str, bool]:
        """上半年, 2022年第三季度, 年底: the part of the year named, else of the reference year."""
        if year is None:
            if ref is None:
                return f"XXXX-{part}", _PART_GRANULARITY.get(part, "none"), False
            year, relative = ref.year, True
        if part == "YEAR":
            return f"{year:04d}", "year", relative
        return f"{year:04d}-{part}", _PART_GRANULARITY[part], relative

    def _day_of_month(self, day: int, parts: Mapping, ref: date, future: bool = False) -> tuple[str, str, bool]:
        """15日: this month, or the one before when ahead (unless near or 29日将…), or the next."""
        candidates = [ref.year * 12 + ref.month - 1 + k for k in (0, -1, 1)]
        for c in candidates:
            y, month = divmod(c, 12)
            d = safe_date(y, month + 1, day)
            if d and ref - self.past <= d <= ref + self.future and (d <= ref + timedelta(days=3) or future or c != candidates[0]):
                return self._day_value(y, month + 1, day, parts, True)
        return self._day_value(ref.year, ref.month, day, parts, True)

    def _day_value(self, year, month, day, parts, relative):
        if safe_date(year, month, day) is None:
            return "", "day", relative
        return self._time_of_day(f"{year:04d}-{month:02d}-{day:02d}", parts, "day", relative)

    def _every_year(self, parts: Mapping) -> tuple[str, str, bool]:
        """每年春节: every year's such day, a TIMEX3 set; a lunar or movable day has no fixed solar date."""
        kind, spec = parts.get("holiday", ("", ""))
        if kind == "fixed":
            return self._time_of_day(f"XXXX-{spec}", parts, "day", False)
        month, day = parts.get("month"), parts.get("day")
        if kind or parts.get("lunar") or month is None:
            value = "XXXX-XX-XX" if kind or day else "XXXX-XX"
            return self._time_of_day(value, parts, "day" if kind or day else "month", False)
        if day is None:
            return f"XXXX-{month:02d}", "month", False
        return self._time_of_day(f"XXXX-{month:02d}-{day:02d}", parts, "day", False)

    def _unknown_year(self, month, day, parts):
        if day is None:
            return f"XXXX-{month:02d}", "month", True
        m = f"{month:02d}" if month else "XX"
        return self._time_of_day(f"XXXX-{m}-{day:02d}", parts, "day", True)

    def _opens_ahead(self, mention: Mention) -> bool:
        """12月1日起: a month or day that opens a range with a future_open_words word (not a weekday)."""
        parts = mention.fields.get("parts") or {}
        return bool(self.future_open and mention.surface.endswith(self.future_open) and "month" in parts
                    and "year" not in parts and "weekday" not in parts)

    def _infer_year(self, span, ref: date, future: bool = False) -> int | None:
        """The year of a date written without one (``span(year)``: its first and last day, or None); after a
        future word (``future``) it may lie up to future_marked_days ahead."""
        ahead = self.future_marked if future else self.future
        here = span(ref.year)
        if here is None:
            for year in (ref.year - 1, ref.year + 1, ref.year - 2, ref.year + 2, ref.year - 3, ref.year + 3):
                s = span(year)
                if s and s[1] >= ref - self.past and s[0] <= ref + ahead:
                    return year
            return None
        if here[0] > ref + ahead:
            return ref.year - 1
        if here[1] < ref - self.past:
            following = span(ref.year + 1)
            if following and following[0] <= ref + self.future:
                return ref.year + 1
        return ref.year

    def _week(self, parts: Mapping, ctx: Context) -> tuple[str, str, bool]:
        ref = ctx.reference
        if parts.get("recurring"):  # every such day (TIMEX3 set): 每逢周六, 每个周末
            suffix = "WE" if parts.get("weekend") else str(parts.get("weekday", ""))
            return self._time_of_day(f"XXXX-WXX-{suffix}", parts, "week" if parts.get("weekend") else "day", False)
        if ref is None:
            if "weekday" in parts and "week_offset" not in parts:
                return self._time_of_day(f"XXXX-WXX-{parts['weekday']}", parts, "day", True)
            return "", "week", True
        if "weekday" in parts and "week_offset" not in parts:
            back = (ref.isoweekday() - parts["weekday"]) % 7
            if back > self.weekday_past or (ctx.future and back > 0):
                back -= 7  # 周六将举行: the coming one
            return self._time_of_day((ref - timedelta(days=back)).isoformat(), parts, "day", True)
        offset = parts.get("week_offset", self._bare_weekend_week(ref, ctx) if parts.get("weekend") else 0)
        monday = ref - timedelta(days=ref.isoweekday() - 1) + timedelta(weeks=offset)
        if "weekday" in parts:
            return self._time_of_day((monday + timedelta(days=parts["weekday"] - 1)).isoformat(), parts, "day", True)
        iso = monday.isocalendar()
        suffix = "-WE" if parts.get("weekend") else ""
        return f"{iso[0]}-W{iso[1]:02d}{suffix}", "week", True

    def _bare_weekend_week(self, ref: date, ctx: Context) -> int:
        """A bare 周末 said early in the week (weekend_past_days) is the weekend just ended; later, or with a future word, this week's."""
        return -1 if ref.isoweekday() <= self.weekend_past and not ctx.future else 0

    def _holiday(self, parts, year, ref, relative) -> tuple[str, str, bool]:
        kind, spec = parts["holiday"]
        on = holiday_date(kind, spec)
        if year is None:
            if ref is None:
                return (f"XXXX-{spec}" if kind == "fixed" else ""), "day", True
            relative = True
            year = self._infer_year(lambda y: (lambda d: (d, d) if d else None)(on(y)), ref)
        d = on(year) if year is not None else None
        if d is None:
            return (f"XXXX-{spec}" if kind == "fixed" else ""), "day", relative
        return self._time_of_day(d.isoformat(), parts, "day", relative)

    def _lunar(self, year, month, day, parts, ref, relative):
        if month is None:
            return "", "day", relative
        def solar(y):
            d = lunar_to_solar(y, month, day or 1)
            if d is None:
                return None
            return (d, d) if day else (d, lunar_to_solar(y, month, 29) or d)
        if year is None:
            if ref is None:
                return self._unknown_year(month, day, parts)
            year, relative = self._infer_year(solar, ref), True
            if year is None:
                return self._unknown_year(month, day, parts)
        span = solar(year)
        if span is None:  # outside the conversion table: as written
            if day is None:
                return f"{year:04d}-{month:02d}", "month", relative
            return self._time_of_day(f"{year:04d}-{month:02d}-{day:02d}", parts, "day", relative)
        if day is None:
            return f"{span[0].year:04d}-{span[0].month:02d}", "month", relative
        return self._time_of_day(span[0].isoformat(), parts, "day", relative)

    def _time_of_day(self, value: str, parts: Mapping, granularity: str, relative: bool) -> tuple[str, str, bool]:
        if "hour" in parts:
            value += f"T{parts['hour']:02d}:{parts.get('minute', 0):02d}"
            granularity = "minute" if "minute" in parts else "hour"  # the finest unit stated
            if "second" in parts:
                value += f":{parts['second']:02d}"
                granularity = "second"
        elif "day_part" in parts:
            value += f"T{parts['day_part']}"
        return value, granularity, relative


def _iso_duration(segments) -> str:
    """[(3, 'Y'), (2, 'M')] -> P3Y2M; hours, minutes and seconds after T."""
    date_part, time_part = "", ""
    for n, unit in segments:
        number = f"{n:g}"
        if unit in _DURATION_TIME_UNITS:
            time_part += f"{number}{_DURATION_TIME_UNITS[unit]}"
        else:
            date_part += f"{number}{unit}"
    return "P" + date_part + (f"T{time_part}" if time_part else "")


def parse_reference(value: str | None) -> date | None:
    """``2021-04-27T10:22:41`` / ``2021-04-27`` -> date; None for empty or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def resolve_doc(doc: Doc, resolver: DateResolver) -> Doc:
    reference = parse_reference(doc.user_data.get(REFERENCE_KEY))
    by_type = {key: mentions_of(doc, key) for key in ("program", "organization", "date", "numeric")}
    settled = settle_overlaps({**by_type, "date": resolver.resolve_all(by_type["date"], reference, doc.text)})
    for key, mentions in settled.items():
        if key not in doc.spans or not _same(mentions, by_type[key]):  # what a matcher wrote and resolution kept stays
            write_mentions(doc, key, mentions)
    return doc


def _same(mentions: list[Mention], before: list[Mention]) -> bool:
    return len(mentions) == len(before) and all(a is b for a, b in zip(mentions, before))


def _month_of(start: str, end: dict) -> dict:
    """A bare end day after a start day named by a word (今天起至28日): the start's month, or the next
    month that has that day when it has passed or the month is too short (31日 from 6月15日: 7月31日)."""
    year, month, day = (int(x) for x in start.split("-"))
    if end["day"] < day or safe_date(year, month, end["day"]) is None:
        for _ in range(12):
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            if safe_date(year, month, end["day"]) is not None:
                break
    return {**end, "year": year, "month": month}


@Language.factory("xinwen_resolve", default_config={"rules_dirs": [], "reference_date": ""})
def make_resolve(nlp: Language, name: str, rules_dirs: list[str], reference_date: str):
    ensure_extensions()
    family = pipeline_rules(nlp, rules_dirs).family("dates")
    resolver = DateResolver(family["resolution"], family["holidays"][0])
    return with_reference(lambda doc: resolve_doc(doc, resolver), reference_date)
