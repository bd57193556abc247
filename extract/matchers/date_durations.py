"""Durations: a count and a unit (5年来, 一个多小时, 3年2月, 半年), or a point that far from a date
(4年前, 3天后, 此前1天), read from a match of the ``duration`` pattern of rules/dates.yaml.

A count alone is often no time expression: a claim (约七年), an age (七周岁), a plan (三年行动计划);
the limits of ``durations`` in the YAML decide.
"""
from __future__ import annotations

from typing import Callable

from .date_lexicon import DateLexicon

_BACK = ("此前", "之前")  # a count after these is a shift back from the date named last (此前1天)
# a length counted back (近, 过去) or ahead (未来, 今后) from now, not from an event; 前, 上 and 后, 下, 此后
# count from a date or event as well
_BACK_FROM_NOW, _AHEAD_FROM_NOW = ("近", "过去", "最近"), ("未来", "今后", "接下来")
_FROM_NOW = _BACK_FROM_NOW + _AHEAD_FROM_NOW
# before a range of lengths (未来3到4天) only the words that cannot be "nearly" (近3到4天 stays a range)
RANGE_FROM_NOW = tuple(w for w in _FROM_NOW if w not in ("近",))
_PAIRS = {"一两": 2, "两三": 3, "二三": 3, "三四": 4, "四五": 5, "五六": 6, "六七": 7, "七八": 8, "八九": 9, "三五": 5}
_NEARLY = ("近",)  # also "nearly": before 的 and a noun of a length of time (career_after) the length is no span to now


def with_span(built: tuple, m) -> tuple:
    """(rule, parts, end, start) of what a date builder returned for the match ``m``: (rule, parts)
    spans the match, (rule, parts, end) starts where it does, or all four."""
    return (*built, m.end(), m.start())[:4] if len(built) == 2 else tuple(built) + (m.start(),) * (4 - len(built))


def _starts_word(words, at: int) -> bool:
    """Whether a segmenter word begins at ``at`` (True with no words to ask)."""
    span = words.span(at) if words is not None else None
    return span is None or span[0] == at


class DurationBuilder:
    def __init__(self, lexicon: DateLexicon, count: Callable[[str], float | None]):
        self.lex, self.count = lexicon, count

    def __call__(self, m, text, words=None):
        """The rule, parts, end and start of one match of the duration pattern (an approximator
        before a kept length is in it: 约13小时后, not the 约 that ends a word: 签约|3年后, given the
        segmenter's ``words``); None when it is no time expression. A unit written twice makes no
        length of two parts: the first is a day of the month or a word of its own (4日、5日两天, 一天一天),
        and the length starts at the second count."""
        units = [self.lex.dur_units.get(u) for u in m.captures("u")]
        repeat = next((i for i in range(1, len(units)) if units[i] in units[:i]), None)
        if repeat is not None and (m := m.re.match(text, m.starts("n")[repeat])) is None:
            return None  # 24日|两天: the length is the second count's
        built = self._build(m, text)
        if not built:
            return built
        rule, parts, end, start = with_span(built, m)
        approx = next((w for w in self.lex.approx_before if not m["pre"] and text.endswith(w, 0, start)
                       and _starts_word(words, start - len(w))), "")
        return rule, parts, end, start - len(approx)

    def _build(self, m, text):
        """The rule and parts of one match of the duration pattern; None when it is no time expression."""
        pre, post, first = m["pre"], m["post"], m.captures("n")[0]
        if not (pre or post) and first != "半" and text.endswith(self.lex.claim_qualifiers, 0, m.start()):
            return None  # 约七年, 超5000小时: numeric claims
        if not post and text.startswith(self.lex.age_after, m.end()):
            return None  # 七周岁, 90天大的小孩: ages, numeric claims
        segments = self._segments(m, text)
        if segments is None:
            return None
        single = segments[0] if len(segments) == 1 else None
        if single and not (pre or post) and self._plainly_a_length(m, text, single[2], first):
            return "date.duration", {"duration": [single[:2]]}  # 判刑6月, 2日游, 半年, 800多年历史
        if not self._a_length(m, text, segments, pre, post):
            return None
        if post in self.lex.left_out_after:  # 3年内, 十五个交易日后: the length; the word places an event
            parts = {"duration": [(v, c) for v, c, _ in segments]}
            if pre in _FROM_NOW:  # 过去24小时内: still counted back from now (发病前1周内: from the onset)
                parts.update(anchoring(pre))
            return "date.duration", parts, m.start("post")
        if single and single[2] in self.lex.shift["units"] and (post in self.lex.shift["words"] or pre in _BACK):
            shifted = self._shift(single, pre, post)
            same_day = next((w for w in self.lex.shift.get("same_day_after", ()) if text.startswith(w, m.end())), "")
            if same_day and text.startswith(tuple(self.lex.shift.get("day_parts_after", ())), m.end() + len(same_day)):
                same_day = ""  # 两年前的今天上午: 今天上午 keeps its part of the day, a date of its own as before
            if shifted and same_day and post in self.lex.shift["words"] and self.lex.shift["units"][single[2]] == "year":
                # 88年前的今天: the day of the year that many years back (the date the whole phrase names)
                return shifted[0], {**shifted[1], "same_day": True}, m.end() + len(same_day)
            return shifted
        if pre in _BACK:
            return None
        parts = {"duration": [(v, c) for v, c, _ in segments]}
        if not pre and post in self.lex.dur.get("this_with", ()) and m.start() > 0 and text[m.start() - 1] == "这":
            return "date.duration", parts, m.end(), m.start() - 1  # 这一年多来
        if not (pre in _NEARLY and (self.lex.career_after.match(text, m.end()) or segments[-1][2] in self.lex.nearly_units
                                    or text.endswith(self.lex.lasting_before, 0, m.start()))):
            parts.update(anchoring(pre))  # 近40年的乒坛生涯: nearly forty years long, not the last forty
        return "date.duration", _either_length(parts, first, single)

    def _segments(self, m, text) -> list[tuple[float, str, str]] | None:
        """(count, ISO unit, unit) of each count and unit of a duration; None when one is no count."""
        numbers = m.captures("n")
        segments = []
        for n, u, h, ge in zip(numbers, m.captures("u"), m.captures("h"), m.captures("ge")):
            unit = ("个" + u) if ge and ("个" + u) in self.lex.dur_units else u
            if ge and unit == u:
                return None  # 一个年份
            if n == "半":  # 半年 -> P6M, 半个月 -> P15D
                if unit not in self.lex.half_units or len(numbers) > 1 or text.startswith(self.lex.half_not_before, m.end()):
                    return None
                value, code = self.lex.half_units[unit]
                segments.append((value, code, unit))
                continue
            value = self.count(n)
            zero_led = n.isdigit() and n.startswith("0") and not (segments and unit in self.lex.after_another_only)
            if value is None or value == 0 or (n.isdigit() and len(n) == 4) or zero_led:
                return None  # 2016年来, 07年以后: years, not counts (2小时08分: minutes may have a zero)
            segments.append((value + (0.5 if h else 0), self.lex.dur_units[unit], unit))
        return segments

    def _plainly_a_length(self, m, text, unit: str, first: str) -> bool:
        """A bare count and unit that is a length whatever the limits of bare counts say."""
        return ((unit in ("月", "日") and self.lex.counts_months(text, m.start(), m.end()))  # 判刑6月, 连续9月
                or (unit in ("日", "天") and text.startswith(self.lex.trip_after, m.end()))  # 2日游
                or first == "半" or (unit == "年" and text.startswith(self.lex.bare_any_before, m.end())))

    def _a_length(self, m, text, segments, pre, post) -> bool:
        """The limits of durations in rules/dates.yaml: units that need a compound (compound_only),
        and what a bare count may be (bare_units, bare_max, bare_not_before)."""
        compound, only = len(segments) > 1, self.lex.dur["compound_only"]
        if all(unit in only for _, _, unit in segments) and (compound or not pre):
            if not (post and segments[-1][2] == "日" and not compound):
                return False  # 2月30日 is a (bad) date, not two months and thirty days
        if compound:
            return True
        value, _, unit = segments[0]
        if unit in self.lex.after_another_only:
            return False  # 近百分之八十: 分 alone is no minute, even after 近
        if unit in only and not (pre and pre not in ("这",)) and not (post and unit == "日"):
            return False
        if pre or post:
            return True
        return (unit in self.lex.dur["bare_units"] and value <= self.lex.dur["bare_max"]
                and not text.startswith(self.lex.bare_not_before, m.end()))

    def _shift(self, segment, pre, post):
        """4年前, 3天后: that far from the reference or the date named last; 此前1天: back from it."""
        value, _, unit = segment
        step, words = self.lex.shift["units"][unit], self.lex.shift["words"]
        if post in words:
            if value != int(value):
                return None
            return "date.shift", {"shift": int(value) * words[post], "shift_unit": step,
                                  **({"from_event": True} if post in self.lex.shift.get("from_event", ()) else {})}
        return "date.shift", {"shift": -int(value), "shift_unit": step, "from_event": True}


def _either_length(parts: dict, first: str, single) -> dict:
    """一两个小时, 七八年: one length or the next, a range of two lengths (PT1H/PT2H; the audit's rulings,
    rounds 4, 15 and 28); with 三五 three or five. 未来两三周 is both lengths counted from now."""
    high = _PAIRS.get(first)
    if single is None or high is None or set(parts) - {"duration", "anchored"}:
        return parts
    (value, code), = parts["duration"]
    rest = {k: v for k, v in parts.items() if k != "duration"}
    return {"start": {"duration": [(value, code)], **rest}, "end": {"duration": [(high, code)], **rest}}


def anchoring(pre: str | None) -> dict:
    """A length counted back (近, 过去) or ahead (未来, 今后) from the reference date is anchored to it."""
    if pre in _BACK_FROM_NOW + ("前", "上"):
        return {"anchored": -1}
    if pre in _AHEAD_FROM_NOW + ("后", "下", "此后"):
        return {"anchored": 1}
    return {}
