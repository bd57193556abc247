"""Time expressions: absolute, relative, durations, ranges, holidays and vague references.

A handful of small named patterns (``DatePatterns``), each built from the lexicons of
``rules/dates.yaml`` and each with a builder that turns its match into ``parts`` (year, month,
day_offset, duration, ...). Overlapping candidates are settled longest first; two dates joined by
至/到/- become one range. Values are resolved against the reference date by ``extract.resolve``,
so the matcher never needs the clock.
"""
from __future__ import annotations

import functools
from typing import Callable, Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..mention import Mention
from ..numerals import NumberError, NumeralGrammar
from ..rules import pipeline_rules
from .leading import compile_fast
from .base import alternation, ensure_extensions, longest_non_overlapping, with_reference, write_mentions

CN_DIGITS = "〇○零一二三四五六七八九"
_UNNAMED = regex.compile(r"\(\?P<\w+>")  # a named group's opening, to repeat a pattern inside a lookahead
SEPARATOR = r"\s*(?:至|到|-|－|—|–|~|～)\s*"
_SEPARATOR_RE = regex.compile(SEPARATOR)
_HOUR_RANGE = regex.compile(rf"(?P<h1>[01]?\d|2[0-4]|零)[时点]?{SEPARATOR}(?P<h2>[01]?\d|2[0-4])[时点]")
_READS_CAPTURES = {"duration"}  # its builder reads every repetition of a group (regex's captures)


def _entry(rules: Mapping, key: str) -> Mapping:
    return rules[key][0]


class ChineseCount:
    """Small counts inside dates (三, 二十三, 两千零四, 十几 -> 10, 1.5), read by the numeral grammar
    of rules/numerics.yaml, so one lexicon serves numbers and dates."""

    def __init__(self, grammar: NumeralGrammar):
        self.grammar = grammar
        # the same few strings (3, 十, 2023) come back all the time, and reading one is the dearest
        # step of a date's parts: remembered, per matcher
        self._read = functools.lru_cache(maxsize=4096)(self._value)

    def __call__(self, text: str | None) -> float | None:
        if not text:
            return None
        return self._read(text)

    def _value(self, text: str) -> float | None:
        try:
            value, _ = self.grammar.value(text)
        except NumberError:
            return None
        return int(value) if float(value).is_integer() else value

    def digit_string(self, text: str) -> int | None:
        """A year written digit by digit: 二〇二〇 -> 2020."""
        digits = self.grammar.digits
        if text and all(c in digits for c in text):
            return int("".join(str(digits[c]) for c in text))
        return None


class DateMatcher:
    def __init__(self, rules: Mapping, grammar: NumeralGrammar):
        self.count = ChineseCount(grammar)
        rel = {}
        for entry in rules["relative"]:
            for word, offset in entry["words"].items():
                rel[word] = (entry["unit"], int(offset), word in entry.get("from_event", ()))
        self.relative = rel
        self.from_sentence = {w for e in rules["relative"] for w in e.get("from_sentence", ())}
        self.word_day_parts = {w: p for e in rules["relative"] for w, p in e.get("day_parts", {}).items()}
        self.not_dates = [(e["word"], tuple(e.get("before", ())), tuple(e.get("after", ())))
                          for entry in rules.get("not_dates", []) for e in entry["words"]]
        self.before_weekday = dict(next(e for e in rules["relative"] if e["unit"] == "week")["before_weekday"])
        wk = _entry(rules, "weekdays")
        self.weekday_days = {str(k): v for k, v in wk["days"].items()}
        self.weekday_prefixes = list(wk["prefixes"])
        self.weekend_words = list(rules["weekdays"][1]["words"])
        self.needs_week_word = set(wk.get("needs_week_word", ()))
        self.recurring_before = tuple(wk.get("recurring_before", ()))
        self.recurring_after = tuple(rules["weekdays"][1].get("recurring_after", ()))
        yp = _entry(rules, "year_parts")
        self.year_parts, self.year_part_needs_year = dict(yp["words"]), set(yp["needs_year"])
        self.month_parts = list(_entry(rules, "month_parts")["words"])
        dp = _entry(rules, "day_parts")
        self.day_parts, self.after_noon = dict(dp["words"]), set(dp["after_noon"])
        self.short_parts = {w: list(v) for w, v in dp.get("short_parts", {}).items()}
        self.vague = dict(_entry(rules, "vague")["words"])
        self.dur = dict(_entry(rules, "durations"))
        self.dur_units = dict(self.dur["units"])
        # the words looked for around every duration, as tuples: one startswith/endswith call each
        self.claim_qualifiers = tuple(self.dur["claim_qualifiers"])
        self.age_after = tuple(self.dur.get("age_after", []))
        self.bare_not_before = tuple(self.dur["bare_not_before"])
        self.shift = dict(rules["durations"][1])
        self.half_units = {u: (n, code) for u, (n, code) in self.dur.get("half_units", {}).items()}
        self.sentence_words = tuple(self.dur.get("sentence_words", ()))
        self.trip_after = tuple(self.dur.get("trip_after", ()))
        self.bare_any_before = tuple(self.dur.get("bare_any_before", ()))
        self.half_not_before = tuple(self.dur.get("half_not_before", ()))
        name_year = next(e for e in rules["absolute"] if e["id"] == "date.name_year")
        self.name_year_events, self.name_year_not_before = list(name_year["events"]), list(name_year["not_before"])
        self.chinese_day_openers = set(rules.get("chinese_day_openers", ()))
        self.centuries = dict(_entry(rules, "decades")["centuries"])
        self.eras = dict(_entry(rules, "eras")["names"])
        plans = _entry(rules, "plans")
        self.plans, self.plan_after = dict(plans["names"]), list(plans["after"])
        hol = _entry(rules, "holidays")
        self.holidays = {**{k: ("fixed", v) for k, v in hol["fixed"].items()},
                         **{k: ("lunar", v) for k, v in hol["lunar"].items()},
                         **{k: ("nth", tuple(v)) for k, v in hol["nth_weekday"].items()}}
        self.holiday_needs_context, self.holiday_suffixes = set(hol["needs_context"]), list(hol["suffixes"])
        lunar = _entry(rules, "lunar")
        self.lunar_markers, self.lunar_months = list(lunar["markers"]), dict(lunar["months"])
        self.day_number_vetoes = list(rules["day_number_vetoes"])
        self.year_openers = list(rules["two_digit_year_openers"])
        long_parts = alternation(w for w in self.day_parts if w not in self.short_parts)
        self._bare_part = regex.compile(
            rf"{SEPARATOR}(?P<part>{long_parts})?(?:(?P<hour>2[0-4]|[01]?\d|[一二]?十[一二三四]?|[零一二三四五六七八九两])[点时](?!间|代|候|期))?")
        self.rules: list[tuple[str, "re.Pattern | regex.Pattern", Callable]] = [
            (name, compile_fast(pattern, verbose=True, captures=name in _READS_CAPTURES), getattr(self, f"_build_{name}"))
            for name, pattern in self._patterns().items()]

    # -- patterns ------------------------------------------------------------------------------
    def _patterns(self) -> dict[str, str]:
        words = lambda unit: alternation(w for w, (u, _, _) in self.relative.items() if u == unit)  # noqa: E731
        cn_num = f"[{CN_DIGITS}十两百千]"
        month = rf"(?:1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九]|{alternation(self.lunar_months)})"
        day = r"(?:3[01]|[12]\d|0?[1-9]|三十一?|[一二]?十[一二三四五六七八九]?|初[一二三四五六七八九十]|廿[一二三四五六七八九]?|[一二三四五六七八九])"
        weekday_char = "[一二三四五六日天1-7]"
        not_count = rf"(?<![\d.{CN_DIGITS}十两百千几每第])"
        year = (rf"(?:(?P<y4>(?<![\d.])[12]\d{{3}})(?!\d)\s?年度?"
                rf"|(?P<yy>(?:(?<![\d.'’])|['’])\d{{2}}|(?<![{CN_DIGITS}十])[零〇○][{CN_DIGITS}])年(?!代|级|龄|薪)"
                rf"|(?P<ycn>(?<![{CN_DIGITS}十百千])(?:[{CN_DIGITS}]{{3,4}}|两千[零〇]?[一二三四五六七八九十]*))年度?"
                rf"|(?P<era>{alternation(self.eras)})(?P<eran>元|\d{{1,3}}|{cn_num}{{1,4}})年"
                rf"|(?P<relyear>{words('year')}))")
        lunar = alternation(self.lunar_markers)
        short = {w: f"{regex.escape(w)}(?!{alternation(after)})" for w, after in self.short_parts.items()}
        long_parts = alternation(w for w in self.day_parts if w not in short)
        dpart = long_parts
        # a short part (晚) only right after a day: 15日晚, 30号晚
        day_end_part = "|".join([long_parts, *short.values()])
        hour = rf"(?P<hour>2[0-4]|[01]?\d|[一二]?十[一二三四]?|[零一二三四五六七八九两])[点时](?!间|代|候|期|刻表)"
        minute = r"(?:(?P<minute>[0-5]?\d|[一二三四五]?十[一二三四五六七八九]?|[一二三四五六七八九])分|(?P<half>半))?(?:(?P<second>[0-5]?\d)秒)?"
        core = (rf"(?P<ypart>{alternation(self.year_parts)})"
                rf"|(?P<month>{month})月份?(?:(?P<day>{day})(?:(?P<dmark>[日号])|(?![\d{CN_DIGITS}十百千万亿个家人名次件所场位项岁%.]))"
                rf"|(?P<mpart>{alternation(self.month_parts)}))?"
                rf"|(?P<relmonth>{words('month')})(?:(?P<rmday>{day})[日号])?(?P<rmpart>{alternation(self.month_parts)})?"
                rf"|(?P<relweek>{words('week')})(?:(?P<rwday>{weekday_char})(?![\d{CN_DIGITS}十])|(?P<rwend>末))?"
                rf"(?P<rwpart>早些时候|晚些时候|稍早|稍晚)?"
                rf"|(?P<wkpre>{alternation(self.before_weekday)})?{not_count}(?P<wkfull>{alternation(self.weekday_prefixes)}){weekday_char}(?![\d{CN_DIGITS}十年])"
                rf"|(?P<weekend>{alternation(self.weekend_words)})"
                rf"|(?P<bday_word>[今昨明])[（(](?P<bday>3[01]|[12]\d|0?[1-9])[)）]日"
                rf"|(?<![\d月{CN_DIGITS}十第])(?P<dayonly>3[01]|[12]\d|0?[1-9]|三十一?|[一二]?十[一二三四五六七八九]?)(?P<dayonly_mark>日(?![元圆])|号(?!{alternation(self.day_number_vetoes)}))"
                rf"|(?P<relday>{words('day')})"
                rf"|(?P<holiday>{alternation(self.holidays)})(?P<hsuffix>{alternation(self.holiday_suffixes)})?")
        after = r"(?P<open>起(?![飞来床身草步诉点义源到码火])|以来|开始|来(?!华|京|沪|访|到|自|看|说|讲|的|了)|之前|以前|前(?![一二三四五六七八九十两\d几])|之后|以后|后(?![一二三四五六七八九十两\d几]))?"
        # every part is optional, but a date needs one of year, core, day part or hour: the lookahead
        # says so up front, so the scan yields no empty or 前/来/左右-only matches to throw away
        needed = _UNNAMED.sub("(?:", rf"(?:{lunar})?(?:{year}|{core}|{dpart}|{hour})")
        calendar = (rf"(?={needed})(?P<lunar>{lunar})?(?:{year}\s?的?\s?(?P<lunar2>{lunar})?)?(?:{core})?"
                    rf"(?:(?<=[日号])(?P<dpart>{day_end_part})|(?P<dpart2>{dpart}))?(?:{hour}{minute}(?P<more>多)?)?"
                    rf"(?P<approx>许|左右|前后)?{after}")

        dur_units = alternation(u for u in self.dur_units if not u.startswith("个") and u not in ("周", "年"))
        # a count starts where its run of digits starts: else a long run is tried from each of its
        # characters, each try backtracking over the rest (quadratic on "1" * 10000)
        number = rf"(?:(?<!\d)\d+(?:\.\d+)?|(?<![{CN_DIGITS}十两百千几数])[{CN_DIGITS}十两百千几数]+)"
        segment = (rf"(?P<n>{number}|(?<![{CN_DIGITS}十两百千几数大上下前后个])半(?=个?[年月小钟]))\s?(?P<ge>个?)(?P<more>(?:多|余|几)?)(?P<u>周(?!年)|年(?![级代度龄轻底初份])|{dur_units})"
                   rf"(?P<h>半?)(?:又|零|余|多)?")
        duration = (rf"(?P<pre>{alternation(self.dur['before'] + ['此前', '之前'])})?\s?(?:{segment})+"
                    rf"(?P<post>{alternation(self.dur['after'] + list(self.shift['words']))})?")
        decade = (rf"(?:(?P<century>{alternation(self.centuries)})|(?P<cnum>\d{{2}}|{cn_num}{{1,3}})世纪)?"
                  rf"(?P<dec1>[一二三四五六七八九](?=[一二三四五六七八九]十年代))?"
                  rf"(?P<dec>[1-9]0|[一二三四五六七八九]十|[零〇]{{2}})年代(?P<dpart>初期|中期|末期|中后期|初|末)?"
                  rf"(?P<open>起|以来)?")
        plan = rf"[“\"]?(?P<plan>{alternation(self.plans)})[”\"]?(?P<post>{alternation(self.plan_after)})"
        iso = (r"(?<![\d.])(?P<y>[12]\d{3})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<d>\d{1,2})"
               r"(?:[ T]+(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?)?(?![\d:]|\.\d)")
        spaced = r"(?<![\d.])(?P<y>[12]\d{3})\ (?P<m>0[1-9]|1[0-2])\ (?P<d>[0-3]\d)(?!\d)"
        dmy = (r"(?<![\d.])(?P<d>\d{1,2})(?P<sep>[-/.])(?P<m>\d{1,2})(?P=sep)(?P<y>[12]\d{3})"
               r"(?![\d%.]|[万亿元个人])")
        short = (r"(?<![\d.:/A-Za-z-])(?P<a>\d{1,2})(?P<sep>[-/])(?P<b>\d{1,2})(?P=sep)(?P<c>\d{1,2})"
                 r"(?![\d%.:/A-Za-z-]|[万亿元个人号])")
        year_range = (r"(?<![\d.])(?P<y1>[12]\d{3})\s?(?P<n1>年)?(?P<sep>\s*(?:至|到|-|－|—|–|~|～|与|和)\s*)"
                      r"(?P<y2>[12]\d{3})\s?(?P<n2>年(?!代))?(?P<post>期间|之间|间)?(?![\d%.]|[万亿余多个人家件名次元])")
        month_range = (rf"(?:{year}\s?的?)?(?<![\d{CN_DIGITS}十周期拜第])(?P<m1>{month}){SEPARATOR}(?P<m2>{month})月份?")
        year_period = (rf"(?:{year}\s?的?)?(?P<fp>前|头)(?P<fn>[一二三四1-4])个?季度"
                       rf"|(?:{year}\s?的?)(?P<mp>前|头)(?P<mn>1[01]|[1-9]|十[一]?|[一二两三四五六七八九])个?月(?!份)")
        years = r"(?:19|20)\d{2}"
        name_year = (rf"(?<![\d.A-Za-z-])(?P<y>{years})(?![\d.%年]|\s?(?:{alternation(self.name_year_not_before)}))"
                     rf"(?:(?=[\p{{Han}}·]{{0,12}}?(?:{alternation(self.name_year_events)}))|(?<=\p{{Han}}{years})(?=[”\"」』]))")
        return {"year_period": year_period, "name_year": name_year, "iso": iso, "spaced": spaced, "dmy": dmy, "short": short, "year_range": year_range, "month_range": month_range,
                "calendar": calendar, "duration": duration, "decade": decade, "plan": plan,
                "vague": rf"(?P<w>{alternation(self.vague)})"}

    # -- matching ------------------------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        candidates = []
        for name, pattern, build in self.rules:
            for m in pattern.finditer(text):
                if not m.group().strip():
                    continue
                built = build(m, text)
                if built:
                    rule, parts, end, begin = (*built, m.end(), m.start())[:4] if len(built) == 2 else (
                        (*built, m.start()) if len(built) == 3 else built)
                    start = begin + len(text[begin:m.end()]) - len(text[begin:m.end()].lstrip())
                    end -= len(text[start:end]) - len(text[start:end].rstrip())
                    if self._not_a_date(text, start, end):
                        continue
                    candidates.append(Mention("date", start, end, text[start:end], rule, {"parts": parts}))
        found = [self._hour_range(text, m) for m in longest_non_overlapping(candidates)]
        return self._join_ranges(text, found)

    def _not_a_date(self, text: str, start: int, end: int) -> bool:
        """A date word inside a word that is no date (not_dates in rules/dates.yaml: 国旗日 + 前夕)."""
        for word, before, after in self.not_dates:
            if text.startswith(word, start) and start + len(word) <= end:
                if (not before or text.endswith(before, 0, start)) and (not after or text.startswith(after, start + len(word))):
                    return True
        return False

    def _hour_range(self, text: str, mention: Mention) -> Mention:
        """A day followed by two hours joined by a dash or 至: 11月13日0—24时 is one range of hours."""
        parts = mention.fields["parts"]
        if "hour" in parts or "start" in parts or not any(k in parts for k in ("day", "day_offset")):
            return mention
        m = _HOUR_RANGE.match(text, mention.end)
        if not m:
            return mention
        h1, h2 = (0 if h == "零" else int(h) for h in (m["h1"], m["h2"]))
        if not h1 < h2 <= 24:
            return mention
        day = {k: v for k, v in parts.items() if k not in ("day_part", "open")}
        return Mention("date", mention.start, m.end(), text[mention.start:m.end()], "date.range",
                       {"parts": {"start": {**day, "hour": h1}, "end": {**day, "hour": h2}}})

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

    def _build_short(self, m, text):
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
        if m["sep"].strip() in ("与", "和") and not m["post"] in ("之间", "间"):
            return None
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
        if m["era"]:
            n = 1 if m["eran"] == "元" else self.count(m["eran"])
            return {"year": self.eras[m["era"]] + int(n) - 1} if n else False
        if m["relyear"]:
            _, offset, event = self.relative[m["relyear"]]
            return {"year_offset": offset, **({"from_event": True} if event else {}),
                    **({"from_sentence": True} if m["relyear"] in self.from_sentence else {})}
        return {}

    def _clause_start(self, text: str, start: int) -> bool:
        """At the start of the text or a clause, or right after a preposition (在98年)."""
        before = text[:start].rstrip()
        return not before or before[-1] in "，,。；;：:！!？?、（(“\"" or before.endswith(tuple(self.year_openers))

    def _month(self, text: str | None) -> int | None:
        if text is None:
            return None
        return self.lunar_months.get(text) or self.count(text)

    def _day(self, text: str | None) -> int | None:
        if text is None:
            return None
        if text.startswith("初"):
            return self.count(text[1:])
        if text.startswith("廿"):
            return 20 + (self.count(text[1:]) or 0)
        return self.count(text)

    def _build_calendar(self, m, text):
        g = m.groupdict()
        g["dpart"] = g["dpart"] or g["dpart2"]
        if g["yy"] and g["yy"][0] not in "'’0零〇○" and not g["month"] and not self._clause_start(text, m.start()):
            return None  # 走过98年 is ninety-eight years; '98年, 07年, 18年10月 and 在98年 are years
        parts = self._year(m)
        if parts is False:
            return None
        parts = dict(parts)
        rule = "date.relative.year" if g["relyear"] else ("date.era" if g["era"] else "date.ymd")
        core = False
        if g["ypart"]:
            part = self.year_parts[g["ypart"]]
            if part in self.year_part_needs_year and not parts:
                return None
            if g["ypart"] in ("底", "初") and not parts:
                return None
            parts["year_part"], rule, core = part, "date.year_part", True
        if g["month"]:
            if not (g["day"] or parts) and text.endswith(self.sentence_words, 0, m.start()):
                return None  # 判刑6月: a sentence's length (a duration)
            parts["month"], core = self._month(g["month"]), True
            if g["day"]:
                parts["day"] = self._day(g["day"])
            if g["month"] in self.lunar_months or (g["day"] or "").startswith(("初", "廿")):
                parts["lunar"] = True
        if g["relmonth"]:
            parts["month_offset"], rule, core = self.relative[g["relmonth"]][1], "date.relative.month", True
            if g["relmonth"] in self.from_sentence:
                parts["from_sentence"] = True
            if g["rmday"]:
                parts["day"] = self._day(g["rmday"])
        if g["relweek"]:
            word = g["relweek"]
            if word in self.before_weekday and not (g["rwday"] or g["rwend"]):
                return None
            parts["week_offset"], rule, core = self.relative[word][1], "date.relative.week", True
            if g["rwday"]:
                parts["weekday"], rule = self.weekday_days[g["rwday"]], "date.weekday"
            if g["rwend"]:
                parts["weekend"], rule = True, "date.weekend"
        if g["wkfull"]:
            day_char = m.group()[m.end("wkfull") - m.start():][:1]
            if g["wkfull"] + day_char in self.needs_week_word and not g["wkpre"]:
                return None  # 周天 alone: mostly a name
            parts["weekday"], rule, core = self.weekday_days[day_char], "date.weekday", True
            if g["wkpre"]:
                parts["week_offset"] = self.before_weekday[g["wkpre"]]
        if g["weekend"]:
            parts.setdefault("week_offset", 0)
            parts["weekend"], rule, core = True, "date.weekend", True
            if text.startswith(self.recurring_after, m.end("weekend")):
                parts["recurring"] = True  # 周末假日: weekends in general
        if (g["wkfull"] or g["weekend"]) and not (g["wkpre"] or g["relweek"]) and text.endswith(self.recurring_before, 0, m.start()):
            parts["recurring"] = True  # 每逢周六, 每个周末: a TIMEX3 set
        if g["bday"]:  # 昨（27）日: the day of the month, said again in brackets
            parts["day"], core = int(g["bday"]), True
        if g["dayonly"]:
            if (g["dayonly_mark"] == "号" and not g["dayonly"][0].isdigit() and m.start() > 0
                    and regex.match(r"\p{Han}", text[m.start() - 1]) and text[m.start() - 1] not in self.chinese_day_openers):
                return None  # 神舟十七号: a serial number in a name
            if text.startswith(self.trip_after, m.end("dayonly_mark")):
                return None  # 2日游: a trip's length (a duration)
            parts["day"], core = self._day(g["dayonly"]), True
        if g["relday"]:
            _, offset, event = self.relative[g["relday"]]
            parts["day_offset"], rule, core = offset, "date.relative.day", True
            if g["relday"] in self.word_day_parts and not g["dpart"]:
                parts["day_part"] = self.word_day_parts[g["relday"]]
            if event:
                parts["from_event"] = True
        if g["holiday"]:
            name = g["holiday"]
            if name in self.holiday_needs_context and not (parts or g["hsuffix"]):
                return None
            parts["holiday"], rule, core = self.holidays[name], "date.holiday", True
        if g["lunar"] or g["lunar2"]:
            parts["lunar"] = True
        if g["dpart"]:
            parts["day_part"] = self.day_parts[g["dpart"]]
        if g["hour"]:
            hour = self.count(g["hour"])
            if hour is None or hour > 24 or not (core or g["dpart"] or g["minute"]):
                return None
            if g["dpart"] in self.after_noon and hour < 12:
                hour += 12
            parts["hour"] = hour
            if g["half"] or g["minute"]:  # else the hour is the finest unit stated (4时许)
                parts["minute"] = 30 if g["half"] else int(self.count(g["minute"]) or 0)
            if g["second"]:
                parts["second"] = int(g["second"])
            rule = "date.time" if rule == "date.ymd" else rule
        elif g["dpart"] and not core:
            return None  # 上午 alone
        if not (core or parts.get("year") is not None or "yy" in parts or "year_offset" in parts or "hour" in parts):
            return None
        end = m.end()
        if g["open"]:
            dated = ("year" in parts or "yy" in parts) and not (core or "hour" in parts)
            if g["open"] == "前" and dated:
                parts["before"] = True  # 2020年前: the year itself
            elif g["open"] in ("之前", "以前") and dated:
                parts["before"], end = True, m.start("open")  # may close a range: 2010年之后2018年之前
            elif g["open"] == "来" and "year_offset" in parts and not core:
                parts["open"], rule = True, "date.open_range"
            elif g["open"] in ("起", "以来", "开始"):
                parts["open"], rule = True, "date.open_range"
            else:
                end = m.start("open")  # 3月前, 07年以后: the suffix is not part of the date
        if not _possible(parts):
            return None
        if text[m.start():end].endswith("的") and not g["open"]:
            end -= 1  # an attributive 的 is never part of a surface (今年的)
        return rule, parts, end

    def _build_duration(self, m, text):
        numbers, units, halves, ges, mores = (m.captures(k) for k in ("n", "u", "h", "ge", "more"))
        pre, post = m["pre"], m["post"]
        if not (pre or post) and numbers[0] != "半" and text.endswith(self.claim_qualifiers, 0, m.start()):
            return None  # 约七年, 超5000小时: numeric claims
        if not post and text.startswith(self.age_after, m.end()):
            return None  # 七周岁, 90天大的小孩: ages, numeric claims
        segments = []
        for n, u, h, ge, more in zip(numbers, units, halves, ges, mores):
            unit = ("个" + u) if ge and ("个" + u) in self.dur_units else u
            if ge and unit == u:
                return None  # 一个年份
            if n == "半":  # 半年 -> P6M, 半个月 -> P15D
                if unit not in self.half_units or len(numbers) > 1 or text.startswith(self.half_not_before, m.end()):
                    return None
                value, code = self.half_units[unit]
                segments.append((value, code, unit))
                continue
            value = self.count(n)
            if value is None or value == 0 or (n.isdigit() and (len(n) == 4 or n.startswith("0"))):
                return None  # 2016年来, 07年以后: years, not counts
            segments.append((value + (0.5 if h else 0), self.dur_units[unit], unit))
        compound = len(segments) > 1
        if not compound and not (pre or post):
            unit = segments[0][2]
            if (unit == "月" and text.endswith(self.sentence_words, 0, m.start())) or (
                    unit in ("日", "天") and text.startswith(self.trip_after, m.end())):
                return "date.duration", {"duration": [segments[0][:2]]}  # 判刑6月, 2日游
            if numbers[0] == "半" or (unit == "年" and text.startswith(self.bare_any_before, m.end())):
                return "date.duration", {"duration": [segments[0][:2]]}  # 半年, 800多年历史
        if all(unit in self.dur["compound_only"] for _, _, unit in segments) and (compound or not pre):
            if not (post and segments[-1][2] == "日" and not compound):
                return None  # 2月30日 is a (bad) date, not two months and thirty days
        if not compound:
            value, code, unit = segments[0]
            if unit in self.dur["compound_only"] and not (pre and pre not in ("这",)) and not (post and unit == "日"):
                return None
            if not (pre or post):
                if unit not in self.dur["bare_units"] or value > self.dur["bare_max"]:
                    return None
                if text.startswith(self.bare_not_before, m.end()):
                    return None
        if post in self.shift["words"] and not compound and segments[0][2] in self.shift["units"]:
            value, _, unit = segments[0]
            if value != int(value):
                return None
            step = self.shift["units"][unit]
            return "date.shift", {"shift": int(value) * self.shift["words"][post], "shift_unit": step,
                                  **({"from_event": True} if post in self.shift["from_event"] else {})}
        if pre in ("此前", "之前") and not compound and segments[0][2] in self.shift["units"]:
            value, _, unit = segments[0]
            return "date.shift", {"shift": -int(value), "shift_unit": self.shift["units"][unit], "from_event": True}
        if pre in ("此前", "之前"):
            return None
        parts = {"duration": [(v, c) for v, c, _ in segments]}
        if not pre and post in self.dur.get("this_with", ()) and m.start() > 0 and text[m.start() - 1] == "这":
            return "date.duration", parts, m.end(), m.start() - 1  # 这一年多来
        if pre in ("近", "过去", "最近", "前", "上"):
            parts["anchored"] = -1
        elif pre in ("未来", "今后", "后", "下", "接下来", "此后"):
            parts["anchored"] = 1
        return "date.duration", parts

    def _build_decade(self, m, text):
        digit = self.count(m["dec"]) if m["dec"][0] not in "零〇" else 0
        if digit is None:
            return None
        parts = {"decade": digit // 10}
        if m["century"]:
            parts["century_offset"] = self.centuries[m["century"]]
        elif m["cnum"]:
            parts["century"] = self.count(m["cnum"])
        if m["open"]:
            parts["open"] = True  # 上世纪60年代起: an open range from the decade
        if m["dec1"]:  # 三四十年代: the 1930s and 1940s
            first = self.count(m["dec1"])
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
        if not year or not n or not 1 < n <= 12:
            return None
        return "date.year_period", {"start": {**year, "month": 1}, "end": {**year, "month": int(n)}}

    def _build_name_year(self, m, text):
        return "date.name_year", {"year": int(m["y"])}

    def _build_plan(self, m, text):
        start = self.plans[m["plan"]]
        return "date.plan_period", {"year": start, "year_end": start + 4}

    def _build_vague(self, m, text):
        return "date.vague", {"vague": self.vague[m["w"]]}

    def _join_ranges(self, text: str, found: list[Mention]) -> list[Mention]:
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
                since = p.get("open") and text[prev.end - 1] == "起" and gap.strip() in ("至", "到")  # 即日起至12月20日
                joined = between or _SEPARATOR_RE.fullmatch(gap) or since
                if joined and _calendar(p) and _calendar(q) and (not p.get("open") or since):
                    p = {k: v for k, v in p.items() if k != "open"}
                    if _weekday_only(p) and _weekday_only(q):  # 周一至周五 with no week word: every week
                        p, q = {**p, "recurring": True}, {**q, "recurring": True}
                    parts = {"start": p, "end": dict(q)}
                    out[-1] = Mention("date", prev.start, mention.end, text[prev.start:mention.end], "date.range",
                                      {"parts": parts})
                    continue
                if joined and _lengths(p) and _lengths(q) and not gap.strip() in ("-", "－"):  # 2天到3天
                    out[-1] = Mention("date", prev.start, mention.end, text[prev.start:mention.end], "date.duration",
                                      {"parts": {"start": dict(p), "end": dict(q)}})
                    continue
            if out and (extended := self._part_range(text, out[-1], mention)):
                out[-1] = extended
            out.append(mention)
        if out and (extended := self._part_range(text, out[-1], None)):
            out[-1] = extended
        return out

    def _part_range(self, text: str, prev: Mention, following: Mention | None) -> Mention | None:
        """明天下午到夜间: a time of a day, then 到/至 and a bare part of a day (or hour) of that day."""
        p = prev.fields["parts"]
        if "start" in p or not ("day_part" in p or "hour" in p) or p.get("open"):
            return None
        m = self._bare_part.match(text, prev.end)
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


def _weekday_only(parts: dict) -> bool:
    return "weekday" in parts and not any(k in parts for k in ("week_offset", "day", "month", "year"))


def _lengths(parts: dict) -> bool:
    return "duration" in parts and "anchored" not in parts and len(parts["duration"]) == 1


def _calendar(parts: dict) -> bool:
    return (any(k in parts for k in ("month", "day", "weekday", "day_offset", "holiday", "hour", "day_part"))
            or ("year" in parts and "year_end" not in parts) or "yy" in parts or "year_offset" in parts) \
        and "duration" not in parts and "before" not in parts


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
    matcher = DateMatcher(rules.family("dates"), NumeralGrammar(rules.family("numerics")["numerals"]))

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "date", matcher(doc))
        return doc

    return with_reference(component, reference_date)
