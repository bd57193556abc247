"""Dates whose value is a span, not a point: a span of years, months or days running to or from
the publish day (五年来, 过去12个月, 未来两年), a date joined to 至今 or opening an event 以来 (a span
to the publish day), and the baseline test they share with the sentence walk of ``date``."""
from __future__ import annotations

from dataclasses import replace
from datetime import date as _date, timedelta
from typing import Sequence

import regex

from ..matchers.spaced import BLANKS
from ..mention import Mention
from .view import Link, TextView

_YEARS = regex.compile(r"P(\d{1,2})Y")
_SHORT_SPAN = regex.compile(r"P(\d{1,3})([MWD])")
YEAR = regex.compile(r"\d{4}")  # a year's value (2024)
_DAY = regex.compile(r"\d{4}-\d\d-\d\d")
_DAY_PART = regex.compile(r"\d{4}-\d\d-\d\d(?:T[A-Z]{2})?")  # 昨晚 2026-05-24TNI: a day and its part
_GLOSS_END = regex.compile(r"[)）]")
_DAY_ONLY = regex.compile(r"(\d{1,2})[日号]")
_NUMERALS = tuple("一二三四五六七八九") + tuple("123456789")
_NUMERAL_VALUES = {**{c: i for i, c in enumerate("一二三四五六七八九", 1)}, **{str(i): i for i in range(1, 10)}}
LIST_BEFORE = regex.compile(r"(?:[一二三四五六七八九1-9]、)+$")
_LISTED = regex.compile(r"(?:[一二三四五六七八九1-9]、)+")
_PART = regex.compile(r"(\d{4})-(Q?)0?(\d{1,2})")  # 2016-Q3, 2016-02
GLOSS = regex.compile(r"[（(][^（()）]{1,12}[)）]")  # 昨天（11月12日）: a bracketed gloss of the date


def years_to_now(view: TextView, candidates: Sequence[Mention], before_end: int) -> Link | None:
    """五年来共投入1700亿元, 过去五年，国家累计投入60亿元: a span of years that ends now holds the
    figure for those years (2012/2017 in a 2017 story); one that starts now (未来五年) for the years
    ahead; the link keeps the span's mention. A span of months, weeks or days counts only before the
    claim (``before_end``: 调查期的近一个月内 after it is part of what is measured)."""
    if not view.reference[:4].isdigit():
        return None
    end = int(view.reference[:4])
    for m in candidates:
        years = _YEARS.fullmatch(str(m.fields.get("value") or ""))
        if years and (m.fields.get("kind") == "duration" and m.surface.endswith(view.lex.to_now_after)
                      or m.surface.startswith(view.lex.to_now_before)):
            value = f"{end - int(years.group(1))}/{end}"
            return Link(m.surface, "facts.date.years_to_now", replace(m, fields={**m.fields, "value": value}))
        short = _SHORT_SPAN.fullmatch(str(m.fields.get("value") or ""))
        if short and m.fields.get("kind") == "duration" and m.end <= before_end and _ends_now(view, m):
            value = _span_back(view.reference, int(short.group(1)), short.group(2))
            if value:  # 过去12个月, 近六个月来, 过去一周: the months, weeks or days up to the story
                return Link(m.surface, "facts.date.span_to_now", replace(m, fields={**m.fields, "value": value}))
        if years and view.lex.from_now_before and m.surface.startswith(view.lex.from_now_before):
            value = f"{end}/{end + int(years.group(1))}"  # 未来两年 in a 2024 story: 2024/2026
            return Link(m.surface, "facts.date.years_from_now", replace(m, fields={**m.fields, "value": value}))
    return None


def _ends_now(view: TextView, m: Mention) -> bool:
    """过去一周, 近六个月来, 三个月来: a span written as running up to now, not a length (历时近3个月,
    大火发生已经近两周, 一周内), a baseline (比过去一个月上升了155%) nor a 近 of another word (附近20日)."""
    if baseline(view, m) or view.text[max(0, m.start - 3):m.start].endswith(view.lex.span_not_after):
        return False
    return m.surface.startswith(view.lex.to_now_before) or m.surface.endswith(view.lex.to_now_after)


def _span_back(reference: str, n: int, unit: str) -> str:
    """The span of ``n`` months (as months: 2016-06/2017-06), weeks or days (as days) ending on the
    publish day; empty when the reference is no day."""
    try:
        end = _date.fromisoformat(reference[:10])
    except ValueError:
        return ""
    if unit == "M":
        months = end.year * 12 + end.month - 1 - n
        return f"{months // 12:04d}-{months % 12 + 1:02d}/{end.year:04d}-{end.month:02d}"
    start = end - timedelta(days=n * (7 if unit == "W" else 1))
    return f"{start.isoformat()}/{end.isoformat()}"


def to_now(view: TextView, m: Mention) -> Mention:
    """从2017年至今, 去年10月份至今: a date joined to 至今 (``to_now``) starts a span that runs to the
    publish day (2017/2020-06-23), not the date alone nor now alone; any other date is returned as is."""
    joined = m.surface.endswith(view.lex.to_now)  # 去年10月份至今: one open range of the dates module
    now = joined or [x for x in view.in_span("date", m.end, m.end + 4) if x.start == m.end
                     and x.fields.get("value") == "PRESENT_REF" and x.surface.startswith(view.lex.to_now)] \
        or _now_written(view, m.end)  # 从2020年4月到现在: no mention of its own
    if not view.reference or not now or "/" in str(m.fields.get("value") or "") \
            or not regex.match(r"\d{4}", str(m.fields.get("value") or "")):
        return m
    return _to_publish_day(view, m)


def _now_written(view: TextView, end: int) -> bool:
    """到现在, 至今 written right after a date (not 至今年年中, 至今天: a later date starts there)."""
    word = next((w for w in view.lex.to_now if view.text.startswith(w, end)), "")
    return bool(word) and view.text[end + len(word):end + len(word) + 1] not in ("年", "天", "日")


def _to_publish_day(view: TextView, m: Mention) -> Mention:
    """``m`` as the start of a span that runs to the publish day (2017/2020-06-23)."""
    return replace(m, fields={**m.fields, "value": f"{m.fields['value']}/{view.reference[:10]}"})


def since_event(view: TextView, m: Mention) -> bool:
    """今年4月启动以来，…: a date an event started, whose clause ends in 以来 after other words,
    is not the period of a figure (a clause of the date and 以来 alone is: 今年以来，…)."""
    _, end = view.clause(m.start)
    rest = GLOSS.sub("", view.text[m.end:end]).strip(BLANKS + "）)")  # 从昨天（11月12日）开始
    return rest.endswith(("以来", "开始")) and rest not in ("以来", "开始")


def since_span(view: TextView, m: Mention) -> Mention:
    """自去年10月发现首例埃博拉确诊病例以来，…共出现8个确诊病例: the date an event started, its clause
    ending in 以来, starts a span to the publish day (2014-10/2015-01-18), as 至今 does; ``m`` as is
    when the clause ends otherwise (从昨天开始) or the date is no calendar date."""
    value = str(m.fields.get("value") or "")
    rest = view.text[m.end:view.clause(m.start)[1]].strip(BLANKS)
    if not view.reference or "/" in value or not YEAR.match(value) or not rest.endswith("以来"):
        return m
    return _to_publish_day(view, m)


def baseline(view: TextView, m: Mention) -> bool:
    """比去年, 较2020年和2019年同期: a date right after a comparison marker, or joined (和, 、) to a
    date that is one, is the baseline a figure is compared with."""
    lead = view.text[max(0, m.start - 2):m.start]
    if lead.endswith(view.lex.comparison):
        return True
    if not lead or lead[-1] not in view.lex.baseline_joiners:
        return False
    joined = [x for x in view.in_span("date", max(0, m.start - 16), m.start - 1) if x.end == m.start - 1]
    return bool(joined) and baseline(view, joined[-1])


def closed_range(view: TextView, m: Mention) -> Mention:
    """明天（11月21日）起至24日, 13日起到20日: a day the dates module left apart from the end of its range
    (a gloss or 起 between, ``date_range_joiners``) is read as the range (2023-11-21/2023-11-24), not
    a point, whether the link took its start or its end; an end written as a day alone takes the
    start's month. ``m`` as is otherwise."""
    found = _range_from(view, m)
    if found is None:  # the end of a range: the start is a date just before it in its clause
        starts = [x for x in view.in_span("date", view.clause(m.start)[0], m.start) if x.end <= m.start]
        # the first that reaches it: 昨晚（5月24日）到今天凌晨 starts at 昨晚 (its part of day), not at the gloss
        found = next((f for x in starts[-3:] for f in [_range_from(view, x)] if f and f[1] == m.start), None)
    if found is None:
        return m
    return replace(m, fields={**m.fields, "value": found[0], "kind": "range"})


def _range_from(view: TextView, m: Mention) -> tuple[str, int] | None:
    """The range a day starts (its value, and where its end's mention starts), or None."""
    value = str(m.fields.get("value") or "")
    if "/" in value or not _DAY_PART.fullmatch(value):
        return None
    gloss = GLOSS.match(view.text, m.end) or _GLOSS_END.match(view.text, m.end)  # 明天（11月21日）起至
    at = gloss.end() if gloss else m.end
    joiner = next((w for w in view.lex.range_joiners if view.text.startswith(w, at)), "")
    if not joiner:
        return None
    _, c_end = view.clause(m.start)
    end = next((x for x in view.in_span("date", at + len(joiner), c_end) if x.start == at + len(joiner)), None)
    last = _range_end(value, end)
    if not last or last <= value:
        return None
    return f"{value}/{last}", end.start


def _range_end(start: str, end: Mention | None) -> str:
    """The day a range ends: the end's own day, or the start's month with the end's day (24日)."""
    if end is None or end.fields.get("granularity") != "day":
        return ""
    day = _DAY_ONLY.fullmatch(end.surface)
    if day:
        return f"{start[:8]}{int(day.group(1)):02d}"
    value = str(end.fields.get("value") or "")
    return value if _DAY_PART.fullmatch(value) else ""


def listed_range(view: TextView, m: Mention) -> Mention:
    """今年一、二、三季度, 1、2月份: consecutive quarters or months listed with 、 before the last one's
    mention hold together (2016-Q1/2016-Q3), whether the link took that mention or the year opening
    the list (今年 followed by 一、二、三季度); ``m`` as is otherwise."""
    last = m
    if YEAR.fullmatch(str(m.fields.get("value") or "")):
        last = next((x for x in view.in_span("date", m.end, m.end + 8) if _LISTED.fullmatch(view.text, m.end, x.start)), m)
    found = LIST_BEFORE.search(view.text, max(0, last.start - 8), last.start)
    unit = _PART.fullmatch(str(last.fields.get("value") or ""))
    if found is None or unit is None or not last.surface.startswith(_NUMERALS):
        return m
    items = [n for n in found.group(0).split("、") if n]
    line_start = view.text.rfind("\n", 0, found.start()) + 1
    items.append(last.surface[0])
    if not view.text[line_start:found.start()].strip(BLANKS) and len({n.isdigit() for n in items[1:]}) == 1 \
            and items[0].isdigit() != items[1].isdigit():
        items = items[1:]  # 一、2月份…: an outline number opening the line, not an item (5、6月份 is a list)
    if len(items) < 2 or len({n.isdigit() for n in items}) != 1:
        return m  # 一、2月份: the items of a list are written alike
    numbers = [_NUMERAL_VALUES[n] for n in items]
    if numbers != list(range(numbers[0], numbers[0] + len(numbers))) or numbers[-1] != int(unit.group(3)):
        return m
    year = str(m.fields["value"]) if last is not m else unit.group(1)  # 2024年二、三季度: the year written
    width = 1 if unit.group(2) else 2
    value = f"{year}-{unit.group(2)}{numbers[0]:0{width}d}/{year}-{unit.group(2)}{numbers[-1]:0{width}d}"
    return replace(m, fields={**m.fields, "value": value, "kind": "range"})
