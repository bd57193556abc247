"""Time expressions: absolute, relative, durations, ranges, holidays and vague references.

Small named patterns composed from the fragments and lexicons of ``rules/dates.yaml`` (``date_patterns``),
each with a builder that turns its match into ``parts`` (year, month, day_offset, duration, ...).
Overlapping candidates are settled longest first; two dates joined by 至/到/- become one range
(``date_ranges``). Values are resolved against the reference date by ``extract.resolve``: no clock.
"""
from __future__ import annotations

from typing import Callable, Container, Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..mention import Mention
from ..numerals import NumeralGrammar
from ..rules import pipeline_rules
from ..segment import PlainDoc, word_spans
from .base import ensure_extensions, longest_non_overlapping, with_reference, write_mentions
from .date_copula import CopulaYears
from .date_pairs import DayPairs
from .date_counts import ChineseCount
from .date_lists import WeekdayLists
from .date_durations import DurationBuilder, with_span
from .date_heads import days_off_part, with_ordinal
from .date_lexicon import DateLexicon
from .date_patterns import MATCHER_PATTERNS, READS_CAPTURES, compose
from .date_ranges import DateRanges
from .date_words import DateWordEdges, inside_word
from .leading import compile_fast


class DateMatcher:
    """Finds the dates of a text with the patterns of rules/dates.yaml, each read by its builder
    (``_build_<pattern>``) into parts; the range joiner then makes ranges of dates side by side."""

    def __init__(self, rules: Mapping, grammar: NumeralGrammar, known_words: Container[str] | None = None):
        self.count = ChineseCount(grammar)
        self.lex = DateLexicon(rules)
        patterns = compose(rules["fragments"], self.lex.alternations())  # FragmentError names a bad one
        self.rules: list[tuple[str, "re.Pattern | regex.Pattern", Callable]] = [
            (name, compile_fast(patterns[name], verbose=True, captures=name in READS_CAPTURES),
             getattr(self, f"_build_{name}")) for name in MATCHER_PATTERNS]
        # the calendar pattern takes 今天 as the present behind a guard of fixed width (present_guard);
        # the whole condition, with its lookbehind of any width, is checked here on those few matches
        veto = compose(rules["fragments"], self.lex.alternations(), ("present_veto",))["present_veto"]
        self._present_veto = regex.compile(f"{veto}(?:今天|今日)", regex.VERBOSE)
        self.ranges = DateRanges(patterns, self.lex, self.count)
        self.durations = DurationBuilder(self.lex, self.count)
        self.edges = DateWordEdges(self.lex, rules, known_words)  # the segmenter's dictionary
        self.copula_years = CopulaYears(rules)
        self.day_pairs = DayPairs(rules)
        self.weekday_lists = WeekdayLists(rules, self.lex)
        # the branches of the core fragment, each with its reader (one matches at a time)
        self._core_readers = (("ypart", self._year_part), ("month", self._month_day), ("relmonth", self._relative_month),
                              ("relweek", self._relative_week), ("wkfull", self._weekday), ("weekend", self._weekend),
                              ("bday", self._bracketed_day), ("dayonly", self._day_only), ("relday", self._relative_day), ("sday", self._short_day),
                              ("holiday", self._holiday), ("qholiday", self._quoted_holiday),
                              ("present", self._present))

    # -- matching ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        words = word_spans(doc) if isinstance(doc, (Doc, PlainDoc)) else None
        candidates = []
        for name, pattern, build in self.rules:
            for m in pattern.finditer(text):
                if words is not None and (m := self.edges.without_cut_part(text, words, pattern, m)) is None:
                    continue
                if name == "duration":
                    m = self.edges.without_cut_head(text, pattern, m)
                    if self.edges.post_in_word(text, words, m):
                        continue  # 于25日|前往: 25日 is a day (the calendar patterns find it)
                if not m.group().strip():
                    continue
                built = build(m, text) if name != "duration" else self.durations(m, text, words)
                if built:
                    rule, parts, end, begin = with_span(built, m)
                    start = begin + len(text[begin:m.end()]) - len(text[begin:m.end()].lstrip())
                    end -= len(text[start:end]) - len(text[start:end].rstrip())
                    if self._cut_or_no_date(text, words, rule, start, end):
                        continue
                    candidates.append(Mention("date", start, end, text[start:end], rule, {"parts": parts}))
        found = [with_ordinal(text, self.ranges.hours(text, m), self.lex.ordinal_before)
                 for m in longest_non_overlapping(candidates)]
        return self.copula_years(text, self.ranges.join(text, self.weekday_lists(text, self.day_pairs(text, found))))

    def _cut_or_no_date(self, text: str, words, rule: str, start: int, end: int) -> bool:
        return (self.edges.not_a_date(text, start, end) or self.edges.cut_from_words(text, words, start, end)
                or (rule == "date.holiday" and inside_word(words, start))
                or (rule == "date.vague" and self.edges.word_ends_inside(text, words, start, end))
                or (rule == "date.ymd" and self.edges.length_not_day(text, start, end)))

    def _build_iso(self, m, text):
        parts = {"year": int(m["y"]), "month": int(m["m"]), "day": int(m["d"])}
        if m["H"]:
            parts.update(hour=int(m["H"]), minute=int(m["M"]))
            if m["S"]:
                parts["second"] = int(m["S"])
        return ("date.iso_datetime", parts) if _valid(parts) else None

    def _build_spaced(self, m, text):
        parts = {"year": int(m["y"]), "month": int(m["m"]), "day": int(m["d"])}
        return ("date.iso_datetime", parts) if _valid(parts) else None

    def _build_dmy(self, m, text):
        parts = {"year": int(m["y"]), "month": int(m["m"]), "day": int(m["d"])}
        return ("date.dmy", parts) if _valid(parts) else None

    def _build_short_numeric(self, m, text):
        """3-7-07, 05/05/89 (day first: the first part has one digit, or the last cannot be a day);
        27-7-3, 12-11-10 (two-digit year first)."""
        a, b, c = m["a"], m["b"], m["c"]
        if len(a) == 1 or int(c) > 31:
            if len(c) != 2:
                return None
            parts = {"yy": int(c), "month": int(b), "day": int(a)}
        else:
            parts = {"yy": int(a), "month": int(b), "day": int(c)}
        return ("date.short_numeric", parts) if _valid({**parts, "year": 2000 + parts["yy"]}) else None

    def _build_year_range(self, m, text):
        y1, y2 = int(m["y1"]), int(m["y2"])
        if not (y1 < y2 <= y1 + 100 or (y1 == y2 and m["n2"])):
            return None  # (1983-1983年, a CV line's one-year span, stays as written)
        if not (m["n1"] or m["n2"]) and not (1900 <= y1 and y2 <= 2099):
            return None
        if (m["sep"].strip() in ("与", "和") and not m["post"] in ("之间", "间")) or (
                m["n1"] and not m["n2"] and text.startswith("年", m.end())):
            return None  # 2014年至2020年6月: the end names a month, a range of the calendar's
        return "date.year_range", {"year": y1, "year_end": y2}

    def _build_month_range(self, m, text):
        year = self._year(m)
        if year is False:
            return None
        m1, m2 = self._month(m["m1"]), self._month(m["m2"])
        if not (m1 and m2 and m1 < m2):
            return None
        start, end = dict(year or {}), dict(year or {})
        start["month"], end["month"] = m1, m2
        return "date.range", {"start": start, "end": end}

    def _year(self, m) -> dict | bool | None:
        """The year group's parts: {} when absent, False when the number cannot be a year."""
        if m["y4"]:
            return {"year": int(m["y4"])}
        if m["yy"]:
            digits = m["yy"].lstrip("'’")
            return {"yy": int(digits) if digits.isdigit() else self.count.digit_string(digits)}
        if m["ycn"]:
            value = self.count.digit_string(m["ycn"]) if not m["ycn"].startswith("两千") else self.count(m["ycn"])
            if value is None or (value < 1000 and not m["month"]):
                return False
            return {"year": value}
        if m["roc"]:
            return {"year": self.lex.eras[self.lex.three_digit_era] + int(m["roc"]) - 1}
        if m["era"]:
            n = 1 if m["eran"] == "元" else self.count(m["eran"])
            return {"year": self.lex.eras[m["era"]] + int(n) - 1} if n else False
        if m["relyear"]:
            _, offset, event = self.lex.relative[m["relyear"]]
            return {"year_offset": offset, **({"from_event": True} if event else {}),
                    **({"from_sentence": True} if m["relyear"] in self.lex.from_sentence else {}),
                    **({"new_year": True} if m["relyear"] in self.lex.new_year_words else {})}
        return {}

    def _clause_start(self, text: str, start: int) -> bool:
        """At the start of the text or a clause, or right after a preposition (在98年)."""
        before = text[:start].rstrip()
        if before.endswith(self.lex.length_openers):
            return False  # 一干就是30年: a length
        return not before or before[-1] in "，,。；;：:！!？?、（(“\"" or before.endswith(self.lex.year_openers)

    def _length_of(self, text: str, m) -> bool:
        """A two-digit count + 年 before 里/间/来 (12年里，…), or opening a clause (no preposition before it) and
        followed by 的 and a noun of a length of time ending the phrase: 28年的教师生涯， (not 在98年的…, 23年的奋斗目标)."""
        if (within := text.startswith(self.lex.length_posts, at := m.end("yy") + 1)) or not self.lex.length_after.match(text, at):
            return within
        return not text[:m.start()].rstrip().endswith(self.lex.year_openers)

    def _month(self, text: str | None) -> int | None:
        if text is None:
            return None
        return self.lex.lunar_months.get(text) or self.count(text)

    def _day(self, text: str | None) -> int | None:
        if text is None:
            return None
        if text.startswith("初"):
            return self.count(text[1:])
        if text.startswith("廿"):
            return 20 + (self.count(text[1:]) or 0)
        return self.count(text)

    # -- the calendar pattern: a year, one core part, a part of a day, a time, what follows ------
    def _build_calendar(self, m, text):
        g = m.groupdict()
        g["dpart"] = g["dpart"] or g["dpart2"]
        if g["yy"] and g["yy"][0] not in "'’0零〇○" and not g["month"] \
                and (not self._clause_start(text, m.start()) or self._length_of(text, m)):
            return None  # 走过98年, 28年的教师生涯 are lengths; '98年, 07年, 18年10月 and 在98年 are years
        parts = self._year(m)
        if parts is False:
            return None
        parts = dict(parts)
        rule = "date.relative.year" if g["relyear"] else ("date.era" if g["era"] else "date.ymd")
        core = False
        for group, read in self._core_readers:
            if g[group]:
                rule, core = read(g, m, text, parts, rule), True
                if rule is None:
                    return None
        if g["lunar"] or g["lunar2"]:
            parts["lunar"] = True
        self._every_year(m, text, parts)
        if g["dpart"]:
            parts["day_part"] = self.lex.day_parts[g["dpart"]]
        if g["hour"] or g["clock_h"]:
            rule = self._time(g, parts, rule, core)
            if rule is None:
                return None
        elif g["dpart"] and not core:
            return None  # 上午 alone
        if not (core or parts.get("year") is not None or "yy" in parts or "year_offset" in parts or "hour" in parts):
            return None
        rule, end = self._what_follows(g, m, parts, rule, core)
        end = g.get("days_off_end") or end
        if not _possible(parts):
            return None
        if text[m.start():end].endswith("的") and not g["open"]:
            end -= 1  # an attributive 的 is never part of a surface (今年的)
        return rule, parts, end

    # Each reads one branch of the core fragment into parts and returns the rule (None: no date).
    def _year_part(self, g, m, text, parts, rule):
        part = self.lex.year_parts[g["ypart"]]
        if (part in self.lex.year_part_needs_year or g["ypart"] in ("底", "初", "末")) and not parts:
            return None
        parts["year_part"] = part
        if g["ypart"] in self.lex.same_period:
            parts["same_period"] = True  # 去年同期: the period the text named last, that year
        return "date.year_part"

    def _month_day(self, g, m, text, parts, rule):
        if not (g["day"] or parts) and self.lex.counts_months(text, m.start(), m.end()):
            return None  # 判刑6月: a sentence's length (a duration)
        parts["month"] = self._month(g["month"])
        if g["day"]:
            parts["day"] = self._day(g["day"])
        if g["month"] in self.lex.lunar_months or (g["day"] or "").startswith(("初", "廿")):
            parts["lunar"] = True
        return rule

    def _relative_month(self, g, m, text, parts, rule):
        parts["month_offset"] = self.lex.relative[g["relmonth"]][1]
        if g["relmonth"] in self.lex.from_sentence:
            parts["from_sentence"] = True
        if g["rmday"]:
            parts["day"] = self._day(g["rmday"])
        return "date.relative.month"

    def _relative_week(self, g, m, text, parts, rule):
        word = g["relweek"]
        if word in self.lex.before_weekday and not (g["rwday"] or g["rwend"]):
            return None
        parts["week_offset"], rule = self.lex.relative[word][1], "date.relative.week"
        if g["rwday"]:
            parts["weekday"], rule = self.lex.weekday_days[g["rwday"]], "date.weekday"
        if g["rwend"]:
            parts["weekend"], rule = True, "date.weekend"
            if not parts["week_offset"] and text.endswith(self.lex.past_weekend_before, 0, m.start()):
                parts["week_offset"] = -1  # 刚刚过去的这个周末: the last weekend that has ended
        return rule

    def _weekday(self, g, m, text, parts, rule):
        day_char = m.group()[m.end("wkfull") - m.start():][:1]
        if g["wkfull"] + day_char in self.lex.needs_week_word and not g["wkpre"]:
            return None  # 周天 alone: mostly a name
        if text.endswith("每", 0, m.start("wkfull")) and text.startswith(self.lex.count_after_every, m.end("wkfull") + 1):
            return None  # 每周一次, 每周六天: a count per week
        parts["weekday"] = self.lex.weekday_days[day_char]
        if g["wkpre"]:
            parts["week_offset"] = self.lex.before_weekday[g["wkpre"]]
        self._every_week(g, m, text, parts)
        return "date.weekday"

    def _weekend(self, g, m, text, parts, rule):
        parts["weekend"] = True  # a bare 周末 has no week_offset: the resolver picks the weekend
        if text.startswith(self.lex.recurring_after, m.end("weekend")):
            parts["recurring"] = True  # 周末假日: weekends in general
        elif not g["relweek"] and text.endswith(self.lex.past_weekend_before, 0, m.start()):
            parts["week_offset"] = -1  # 刚刚过去的周末: the last weekend that has ended
        self._every_week(g, m, text, parts)
        return "date.weekend"

    def _every_year(self, m, text, parts) -> None:
        if (("holiday" in parts or "month" in parts) and not {"year", "yy", "year_offset"} & parts.keys()
                and (text.endswith(self.lex.every_year_before, 0, m.start()) or self._whenever(text, m.start()))):
            parts["recurring"] = True  # 每年春节, 每年农历六月二十四日, 一到春节: a yearly TIMEX3 set

    def _every_week(self, g, m, text, parts) -> None:
        if not (g["wkpre"] or g["relweek"]) and (text.endswith(self.lex.recurring_before, 0, m.start()) or self._whenever(text, m.start())):
            parts["recurring"] = True  # 每逢周六, 每个周末, 一到周末: a TIMEX3 set

    def _whenever(self, text: str, start: int) -> bool:
        """一到 ("whenever it comes": 一到周末) opening its clause or after 于是; not a range's 到 (周一到周五, 统一到)."""
        word, after = self.lex.whenever
        if not word or not text.endswith(word, 0, start):
            return False
        return (at := start - len(word)) == 0 or not text[at - 1].isalnum() or text.endswith(after, 0, at)

    def _bracketed_day(self, g, m, text, parts, rule):
        parts["day"] = int(g["bday"])  # 昨（27）日: the day of the month, said again in brackets
        return rule

    def _day_only(self, g, m, text, parts, rule):
        before = text[m.start() - 1] if m.start() > 0 else ""
        after = text[m.end("dayonly_mark"):m.end("dayonly_mark") + 1]
        if (g["dayonly_mark"] == "号" and (not g["dayonly"][0].isdigit() or (after and after in "”」』\""))
                and before and regex.match(r"\p{Han}", before) and before not in self.lex.chinese_day_openers):
            return None  # 神舟十七号, “海龙3号”: a serial number in a name
        if text.startswith(self.lex.trip_after, m.end("dayonly_mark")) or self.lex.counts_months(text, m.start(), m.end()):
            return None  # 2日游, 拘役15日: a trip's or a sentence's length (a duration)
        parts["day"] = self._day(g["dayonly"])
        return rule

    def _relative_day(self, g, m, text, parts, rule):
        if g["relday"] in self.lex.figurative_after_de and text.endswith(self.lex.figurative_before_de, 0, m.start()):
            parts["vague"] = self.lex.figurative_after_de[g["relday"]]  # 美好的明天: the future, no day
            return "date.vague"
        _, offset, event = self.lex.relative[g["relday"]]
        parts["day_offset"] = offset
        if g["relday"] in self.lex.word_day_parts and not g["dpart"]:
            parts["day_part"] = self.lex.word_day_parts[g["relday"]]
        if event:
            parts["from_event"] = True
        return "date.relative.day"

    def _short_day(self, g, m, text, parts, rule):
        parts["day_offset"] = self.lex.short_day_words[g["sday"]]  # 昨上午: yesterday morning
        return "date.relative.day"

    def _present(self, g, m, text, parts, rule):
        if not self._present_veto.match(text, m.start("present")):
            g["relday"] = g["present"]  # the guard held but not present_veto: the day itself
            return self._relative_day(g, m, text, parts, rule)
        if parts:
            return None
        parts["vague"] = "PRESENT_REF"  # 在…的今天: nowadays (the present_veto fragment)
        return "date.vague"

    def _holiday(self, g, m, text, parts, rule):
        name, night = g["holiday"], g["hsuffix"] in self.lex.night_suffixes  # 除夕夜: its night; not 新年夜
        if name in self.lex.holiday_needs_context and not (parts or g["hsuffix"]) or night and name in self.lex.eve_nights:
            return None
        parts.update({"holiday": self.lex.holidays[name]}, **({"day_part": "NI"} if night else {}))
        if g["hsuffix"] in self.lex.period_suffixes and parts["holiday"] in self.lex.schedules:
            parts["days_off"] = True  # 2018年国庆假期: the days off (the resolver reads the schedule)
            picked = days_off_part(text, m.end(), self.count) if m.group().endswith(g["hsuffix"]) else None
            if picked:  # 国庆假期首日, 前四天: those days of them
                parts["holiday_days"], g["days_off_end"] = picked
        return "date.holiday"

    def _quoted_holiday(self, g, m, text, parts, rule):
        """“五一”假期: read as 五一假期; “五一”国际劳动节: the short name and the full one of one day."""
        if g["qfull"] and self.lex.holidays[g["qfull"]] != self.lex.holidays[g["qholiday"]]:
            return None
        g["holiday"], g["hsuffix"] = g["qfull"] or g["qholiday"], g["qsuffix"]
        return self._holiday(g, m, text, parts, rule)

    def _time(self, g, parts, rule, core):
        """The hour, minute and second; None when the hour stands alone (10点 with nothing to date)."""
        hour = int(g["clock_h"]) if g["clock_h"] else self.count(g["hour"])  # 6月3日05:45, 晚上8:30
        if hour is None or hour > 24 or not (core or g["dpart"] or g["minute"] or g["clock_h"]):
            return None
        if g["dpart"] in self.lex.after_noon and hour < 12:
            hour += 12
        elif g["dpart"] in self.lex.noon_words and hour < self.lex.noon_pm_below:
            hour += 12  # 中午1点 is 13:00; 中午12点, 中午11点半 stay
        elif g["relday"] in self.lex.evening_words and self.lex.evening_from <= hour < 12:
            hour += 12  # 今晚10点 is 22:00; 昨夜2点 stays 02:00
        parts["hour"] = hour
        if g["clock_h"] or g["half"] or g["minute"]:  # else the hour is the finest unit stated (4时许)
            parts["minute"] = int(g["clock_m"] or (30 if g["half"] else self.count(g["minute"]) or 0))
        if g["second"]:
            parts["second"] = int(g["second"])
        return "date.time" if rule == "date.ymd" else rule

    def _what_follows(self, g, m, parts, rule, core) -> tuple[str, int]:
        """The rule and end of the date, given the ``open`` fragment: 起/以来 open a range; 前 after a year alone is the year."""
        end, word = m.end(), g["open"]
        if not word:
            return rule, end
        dated = ("year" in parts or "yy" in parts) and not (core or "hour" in parts)
        if word in ("前", "之前", "以前") and dated:
            # 2020年前 is the year 2020: the 前 that places an event before it is no part of it (the
            # contract); it may close a range (2010年之后2018年之前)
            parts["before"], end = True, m.start("open")
        elif (word == "来" and "year_offset" in parts and not core) or word in ("起", "以来", "开始"):
            parts["open"], rule = True, "date.open_range"
        else:
            end = m.start("open")  # 3月前, 07年以后: the suffix is not part of the date
        return rule, end

    def _build_duration(self, m, text):
        return self.durations(m, text)

    def _build_decade(self, m, text):
        digit = self.count(m["dec"]) if m["dec"][0] not in "零〇" else 0
        if digit is None:
            return None
        parts = {"decade": digit // 10}
        if m["century"]:
            parts["century_offset"] = self.lex.centuries[m["century"]]
        elif m["cnum"]:
            parts["century"] = self.count(m["cnum"])
        if m["open"]:
            parts["open"] = True  # 上世纪60年代起: an open range from the decade
        if m["dlist"] and self.count(m["dec1"]) * 10 != digit - 10:  # 八、九十年代: listed decades are
            return "date.decade", parts, m.end(), m.end("dlist")   # neighbours; 一、 numbers a list
        if m["dec1"] or m["dfrom"]:  # 三四十年代, 60到80年代: from one decade to another
            first = self.count(m["dec1"]) if m["dec1"] else (self.count(m["dfrom"]) or 0) // 10
            if not first or first * 10 >= digit:
                return None
            return "date.decade", {"start": {**parts, "decade": first}, "end": parts}
        return "date.decade", parts

    def _build_year_period(self, m, text):
        """前三季度 -> Q1..Q3 of the year; 今年前7个月 -> January..July."""
        year = self._year(m)
        if year is False:
            return None
        if m["fp"]:
            n = self.count(m["fn"])
            if not n or not 1 < n <= 4:
                return None
            return "date.year_period", {"start": {**year, "year_part": "Q1"}, "end": {**year, "year_part": f"Q{int(n)}"}}
        n = self.count(m["mn"])
        if not n or not 1 < n <= 12:
            return None
        if not year:  # 前11个月，… at the start of a clause: the months up to the N-th, in that month's year
            if m["mp"] != "前" or not self._clause_start(text, m.start()):
                return None
            return "date.year_period", {"start": {"month": 1}, "end": {"month": int(n)}, "end_year": True}
        return "date.year_period", {"start": {**year, "month": 1}, "end": {**year, "month": int(n)}}

    def _build_name_year(self, m, text):
        return "date.name_year", {"year": int(m["y"])}

    def _build_plan(self, m, text):
        start = self.lex.plans[m["plan"]]
        if m["post"] in self.lex.plan_open:  # “十三五”以来: an open range keeps its start
            return "date.plan_period", {"year": start, "open": True}
        return "date.plan_period", {"year": start, "year_end": start + 4}

    def _build_vague(self, m, text):
        words, before, after = self.lex.vague_ahead
        if m["w"] in words and (text.endswith(before, 0, m.start()) or text.startswith(after, m.end())):
            return "date.vague", {"vague": "FUTURE_REF"}  # 将于近日, 近期将: the coming days
        return "date.vague", {"vague": self.lex.vague[m["w"]]}


def _valid(parts: dict) -> bool:
    from datetime import date
    try:
        date(parts["year"], parts["month"], parts["day"])
    except ValueError:
        return False
    return parts.get("hour", 0) <= 24 and parts.get("minute", 0) < 60


def _possible(parts: dict) -> bool:
    """A month-day no year has (2月30日), or a day the given year lacks (2017年2月29日), is no date."""
    month, day = parts.get("month"), parts.get("day")
    if month is not None and not 1 <= month <= 12:
        return False
    if day is None or parts.get("lunar"):
        return day is None or 1 <= day <= 30
    if not 1 <= day <= 31:
        return False
    if month is None:
        return True
    year = parts.get("year") if isinstance(parts.get("year"), int) else 2000  # 2000 is a leap year
    return _valid({"year": year, "month": month, "day": day})


@Language.factory("xinwen_dates", default_config={"rules_dirs": [], "reference_date": ""})
def make_dates(nlp: Language, name: str, rules_dirs: list[str], reference_date: str):
    ensure_extensions()
    rules = pipeline_rules(nlp, rules_dirs)
    matcher = DateMatcher(rules.family("dates"), NumeralGrammar(rules.family("numerics")["numerals"]),
                          getattr(nlp.tokenizer, "dictionary_tags", None))

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "date", matcher(doc))
        return doc

    return with_reference(component, reference_date)