"""Dates that run from one to another: two dates joined by 至/到/- (6月8日至21日), a time of a day
and the part of the day it runs to (明天下午到夜间), a day and two hours (11月13日0—24时).

Run on the date matcher's mentions once they are settled, with the separator, ``hour_range`` and
``bare_part`` patterns composed from the fragments of rules/dates.yaml.
"""
from __future__ import annotations

from typing import Callable, Mapping

from ..mention import Mention
from .date_durations import RANGE_FROM_NOW, anchoring
from .date_lexicon import DateLexicon
from .date_patterns import compile_pattern


class DateRanges:
    def __init__(self, patterns: Mapping[str, str], lexicon: DateLexicon, count: Callable[[str], float | None]):
        self.separator = compile_pattern(patterns["separator"])
        self.hour_range = compile_pattern(patterns["hour_range"])
        self.minute_range = compile_pattern(patterns["minute_range"])
        self.bare_part = compile_pattern(patterns["bare_part"])
        self.count_start = compile_pattern(patterns["count_range_start"])
        self.day_parts, self.after_noon, self.count = lexicon.day_parts, lexicon.after_noon, count
        self.claim_qualifiers = lexicon.claim_qualifiers
        self.open_range_after = lexicon.open_range_after
        self.open_range_until, self.range_period_after = lexicon.open_range_until, lexicon.range_period_after

    def hours(self, text: str, mention: Mention) -> Mention:
        """A day followed by two hours joined by a dash or 至: 11月13日0—24时 is one range of hours."""
        parts = mention.fields["parts"]
        if "minute" in parts and "start" not in parts:
            return self._minutes(text, mention)
        if "hour" in parts or "start" in parts or not any(k in parts for k in ("day", "day_offset")):
            return mention
        m = self.hour_range.match(text, mention.end)
        if not m:
            return mention
        h1, h2 = (0 if h == "零" else int(h) for h in (m["h1"], m["h2"]))
        if not h1 < h2 <= 24:
            return mention
        day = {k: v for k, v in parts.items() if k not in ("day_part", "open")}
        return Mention("date", mention.start, m.end(), text[mention.start:m.end()], "date.range",
                       {"parts": {"start": {**day, "hour": h1}, "end": {**day, "hour": h2}}})

    def _minutes(self, text: str, mention: Mention) -> Mention:
        """10时17分至28分: a time and later minutes of its hour are one range."""
        parts, m = mention.fields["parts"], self.minute_range.match(text, mention.end)
        if not m or not parts["minute"] < int(m["m2"]):
            return mention
        return Mention("date", mention.start, m.end(), text[mention.start:m.end()], "date.range",
                       {"parts": {"start": dict(parts), "end": {**parts, "minute": int(m["m2"])}}})

    def join(self, text: str, found: list[Mention]) -> list[Mention]:
        """``6月8日至6月21日``, ``1月至3月``: two dates joined by 至/到/- become one range."""
        out: list[Mention] = []
        for mention in found:
            if out:
                prev = out[-1]
                gap = text[prev.end:mention.start]
                p, q = prev.fields["parts"], mention.fields["parts"]
                between = gap in ("之后", "以后") and q.get("before") and text.startswith(("之前", "以前"), mention.end)
                if between:  # 2010年之后2018年之前
                    mention = mention.with_(end=mention.end + 2, surface=text[mention.start:mention.end + 2])
                    q = {k: v for k, v in q.items() if k != "before"}
                since = p.get("open") and text.endswith(("起", "开始"), 0, prev.end) and gap.strip() in ("至", "到")  # 即日起至
                if (glossed := self._glossed(text, out, gap, q)) is not None:  # 今天（4月20日）到24日
                    prev, gap = glossed
                    p = prev.fields["parts"]
                joined = between or self.separator.fullmatch(gap) or since or gap.strip() in _FROM_TO
                if joined and _calendar(p) and _calendar(q) and (not p.get("open") or since):
                    if glossed is not None:
                        out.pop()
                    p = {k: v for k, v in p.items() if k != "open"}
                    if _weekday_only(p) and _weekday_only(q):  # 周一至周五 with no week word: every week
                        p, q = {**p, "recurring": True}, {**q, "recurring": True}
                    elif "week_offset" in p and _weekday_only(q) and q["weekday"] >= p.get("weekday", 8):
                        q = {**q, "week_offset": p["week_offset"]}  # 下周一至周五: the days of that week
                    p, q = _every_year(p, q)
                    parts = {"start": p, "end": dict(q)}
                    out[-1] = Mention("date", prev.start, mention.end, text[prev.start:mention.end], "date.range",
                                      {"parts": parts})
                    continue
                if not gap.strip() and mention.surface in self.open_range_after and _calendar(p) and not p.get("open"):
                    out[-1] = Mention("date", prev.start, mention.end, text[prev.start:mention.end], "date.open_range",
                                      {"parts": {**p, "open": True}})  # 去年10月份至今: from then on
                    continue
                if joined and _lengths(p) and _lengths(q) and not gap.strip() in ("-", "－"):  # 2天到3天
                    out[-1] = Mention("date", prev.start, mention.end, text[prev.start:mention.end], "date.duration",
                                      {"parts": {"start": dict(p), "end": dict(q)}})
                    continue
            if out and (extended := self._part_range(text, out[-1], mention)):
                out[-1] = extended
            word = out[-1] if out and out[-1].surface in RANGE_FROM_NOW else None  # 今后|5-10年
            ranged = self._count_range(text, mention, word.start if word else (out[-1].end if out else 0))
            if word is not None and ranged.start <= word.start:
                out.pop()
            out.append(ranged)
        if out and (extended := self._part_range(text, out[-1], None)):
            out[-1] = extended
        return self._until_now(text, out)

    def _until_now(self, text: str, out: list[Mention]) -> list[Mention]:
        """去年2月到现在: a date, then 到/至 and a word of now (``open_range_until``), runs from the date
        on, as 去年2月至今 does; a mention of the word itself (目前) goes into the range. A range of
        dates takes in 期间 after it (``range_period_after``)."""
        kept: list[Mention] = []
        for mention in out:
            if kept and kept[-1].rule == "date.open_range" and mention.end <= kept[-1].end:
                continue
            period = next((w for w in self.range_period_after if text.startswith(w, mention.end)), "")
            if period and mention.rule == "date.range":
                mention = mention.with_(end=mention.end + len(period), surface=mention.surface + period)
            word = next((w for w in self.open_range_until if text.startswith(w, mention.end)), "")
            parts = mention.fields["parts"]
            if word and _calendar(parts) and not parts.get("open"):
                end = mention.end + len(word)
                mention = Mention("date", mention.start, end, text[mention.start:end], "date.open_range",
                                  {"parts": {**parts, "open": True}})
            kept.append(mention)
        return kept

    def _glossed(self, text: str, out: list[Mention], gap: str, end: dict) -> tuple[Mention, str] | None:
        """今天（4月20日）到24日: a date glossed in brackets, then 到/至 and a date, runs from the
        gloss (the dated form) to the end; the range's span takes in the word glossed (the gloss's
        parts with the word's time of day, 昨晚（5月24日）, on the span of both). An end written as a
        day alone comes after the gloss's day (明天（3月3日）至1日 is none)."""
        if len(out) < 2 or not gap.startswith(("）", ")")) or text[out[-2].end:out[-1].start] not in ("（", "("):
            return None
        rest = gap[1:]
        if not (self.separator.fullmatch(rest) or rest.strip() in _FROM_TO):
            return None
        word, gloss = out[-2], out[-1]
        if end.keys() == {"day"} and end["day"] <= gloss.fields["parts"].get("day", 0):
            return None
        parts = {**{k: v for k, v in word.fields["parts"].items() if k in _TIME_OF_DAY}, **gloss.fields["parts"]}
        return gloss.with_(start=word.start, surface=text[word.start:gloss.end], fields={**gloss.fields, "parts": parts}), rest

    def _count_range(self, text: str, mention: Mention, floor: int) -> Mention:
        """7到10天: a bare count and 到/至/a dash before a length that starts with its count is the
        range's first length (the unit is said once); the first count must be the smaller."""
        q = mention.fields["parts"]
        if not (_lengths(q) and text[mention.start:mention.start + 1] in _COUNT_CHARS):
            return mention
        for begin in range(max(floor, mention.start - 8), mention.start):
            m = self.count_start.fullmatch(text, begin, mention.start)
            if m:
                first, (last, unit) = self.count(m["n1"]), q["duration"][0]
                if first is None or not 0 < first < last or text.endswith(self.claim_qualifiers, 0, begin):
                    return mention
                pre = next((w for w in RANGE_FROM_NOW if text.endswith(w, floor, begin)), "")
                start, end = {"duration": [(first, unit)], **anchoring(pre)}, {**q, **anchoring(pre)}
                begin -= len(pre)  # 未来3到4天: both lengths counted from now
                return Mention("date", begin, mention.end, text[begin:mention.end], "date.duration",
                               {"parts": {"start": start, "end": end}})
        return mention

    def _part_range(self, text: str, prev: Mention, following: Mention | None) -> Mention | None:
        """明天下午到夜间: a time of a day, then 到/至 and a bare part of a day (or hour) of that day."""
        p = prev.fields["parts"]
        if "start" in p or not ("day_part" in p or "hour" in p) or p.get("open"):
            return None
        m = self.bare_part.match(text, prev.end)
        if not m or (following is not None and following.start < m.end()):
            return None
        end = {"day_part": self.day_parts[m["part"]]} if m["part"] else {}
        if m["hour"]:
            hour = self.count(m["hour"])
            if hour is None or hour > 24:
                return None
            end["hour"] = hour + (12 if m["part"] in self.after_noon and hour < 12 else 0)
            end.pop("day_part", None)
        if not end:
            return None
        return Mention("date", prev.start, m.end(), text[prev.start:m.end()], "date.range",
                       {"parts": {"start": dict(p), "end": end}})


_COUNT_CHARS = "0123456789〇○零一二三四五六七八九十两"
_FROM_TO = ("起至", "起到")
_TIME_OF_DAY = ("day_part", "hour", "minute")  # 从今天起到24号: 起 opens the range 到 closes


def _weekday_only(parts: dict) -> bool:
    return "weekday" in parts and not any(k in parts for k in ("week_offset", "day", "month", "year"))


def _lengths(parts: dict) -> bool:
    return "duration" in parts and "anchored" not in parts and len(parts["duration"]) == 1


def _calendar(parts: dict) -> bool:
    return (any(k in parts for k in ("month", "day", "weekday", "day_offset", "holiday", "hour", "day_part"))
            or ("year" in parts and "year_end" not in parts) or "yy" in parts or "year_offset" in parts) \
        and "duration" not in parts and "before" not in parts


def _every_year(p: dict, q: dict) -> tuple[dict, dict]:
    """每年5月至10月: the end of a yearly range recurs too; 每年11月到次年4月 names a year, so neither does."""
    if not p.get("recurring") or "weekday" in p or "weekend" in p:
        return p, q
    if {"year", "yy", "year_offset"} & q.keys():
        return {k: v for k, v in p.items() if k != "recurring"}, q
    return p, {**q, "recurring": True}
