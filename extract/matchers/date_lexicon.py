"""The lexicons of rules/dates.yaml, read once per matcher.

The date builders look words up here (an era's first year, a holiday's day); the pattern fragments
name the same words as alternations (``${eras}``, ``alternations``), so one lexicon serves both.
"""
from __future__ import annotations

from typing import Mapping

import regex

from .base import alternation


def _first(rules: Mapping, key: str) -> Mapping:
    return rules[key][0]

_COUNT_OF_UNITS = regex.compile(r"[0-9０-９〇零一二三四五六七八九十两]+[月日]")  # 9月, 两日


class DateLexicon:
    def __init__(self, rules: Mapping):
        self._read_relative(rules["relative"])
        self._read_weekdays(rules["weekdays"])
        self._read_parts(rules)
        self._read_durations(rules["durations"])
        self._read_names(rules)
        self.not_dates = [(e["word"], tuple(e.get("before", ())), tuple(e.get("after", ())))
                          for entry in rules.get("not_dates", []) for e in entry["words"]]
        self.chinese_day_openers = set(rules.get("chinese_day_openers", ()))
        self.day_number_vetoes = list(rules["day_number_vetoes"])
        self.year_openers = tuple(rules["two_digit_year_openers"])
        self.length_openers = tuple(rules.get("two_digit_length_openers", ()))
        self.length_posts = tuple(rules.get("two_digit_length_posts", ()))
        nouns = "|".join(map(regex.escape, sorted(rules.get("two_digit_length_nouns", ()), key=len, reverse=True)))
        # 的, up to four characters of a modifier (no 那/这: 98年的那段岁月 is a year's), a noun of a length of
        # time that ends the phrase (28年的教师生涯，; not 23年的奋斗目标)
        career = f"的[^\\s\\p{{P}}\\d那这]{{0,4}}?(?:{nouns})" if nouns else "(?!)"
        self.length_after = regex.compile(career + "(?=[\\s\\p{P}]|$)")
        # the same after a length with 近 (在近40年的乒坛生涯中, not 近五年的生涯规划): 近 is "nearly", the
        # length is no span to now
        self.career_after = regex.compile(career + "(?=[\\s\\p{P}中里内]|$)")
        self.lasting_before = tuple(rules.get("nearly_lasting_before", ()))  # 经过|近3个小时: nearly, no span to now
        self.nearly_units = frozenset(rules.get("nearly_units", ()))  # 近十个小时: always nearly

    def _read_relative(self, entries: list) -> None:
        """word -> (unit, offset, counts from the event the text named)."""
        self.relative = {word: (entry["unit"], int(offset), word in entry.get("from_event", ()))
                         for entry in entries for word, offset in entry["words"].items()}
        self.from_sentence = {w for e in entries for w in e.get("from_sentence", ())}
        self.new_year_words = {w for e in entries for w in e.get("new_year_words", ())}
        self.word_day_parts = {w: p for e in entries for w, p in e.get("day_parts", {}).items()}
        self.figurative_after_de = {w: v for e in entries for w, v in e.get("figurative_after_de", {}).items()}
        self.figurative_before_de = tuple(w + "的" for e in entries for w in e.get("figurative_before_de", ()))
        self.evening_words = {w for e in entries for w in e.get("evening_words", [])}
        self.evening_from = min((int(e["evening_from_hour"]) for e in entries if "evening_from_hour" in e), default=12)
        self.short_day_words = {str(w): int(o) for e in entries for w, o in e.get("before_day_part", {}).items()}
        self.before_weekday = dict(next(e for e in entries if e["unit"] == "week")["before_weekday"])

    def _read_weekdays(self, entries: list) -> None:
        weekday, weekend = entries[0], entries[1]
        self.weekday_days = {str(k): v for k, v in weekday["days"].items()}
        self.weekday_prefixes = list(weekday["prefixes"])
        self.needs_week_word = set(weekday.get("needs_week_word", ()))
        self.recurring_before = tuple(weekday.get("recurring_before", ()))
        whenever = weekday.get("whenever", {})
        self.whenever = (whenever.get("word", ""), tuple(whenever.get("after", ())))
        self.count_after_every = tuple(weekday.get("count_after_every", ()))
        self.weekend_words = list(weekend["words"])
        self.recurring_after = tuple(weekend.get("recurring_after", ()))
        self.past_weekend_before = tuple(weekend.get("past_before", ()))

    def _read_parts(self, rules: Mapping) -> None:
        """Parts of a year, a month and a day; vague references."""
        year_parts = _first(rules, "year_parts")
        self.year_parts, self.year_part_needs_year = dict(year_parts["words"]), set(year_parts["needs_year"])
        self.same_period = set(year_parts.get("same_period", []))
        self.month_parts = list(_first(rules, "month_parts")["words"])
        self.one_char_parts = {w for w in [*self.year_parts, *self.month_parts] if len(w) == 1}
        day_parts = _first(rules, "day_parts")
        self.day_parts, self.after_noon = dict(day_parts["words"]), set(day_parts["after_noon"])
        self.noon_words = set(day_parts.get("noon_words", ()))
        self.noon_pm_below = int(day_parts.get("noon_pm_below", 0))
        self.short_parts = {w: list(v) for w, v in day_parts.get("short_parts", {}).items()}
        self.vague = dict(_first(rules, "vague")["words"])
        self.present_day_heads = list(_first(rules, "vague").get("present_day_heads", ()))
        self.open_range_after = set(_first(rules, "vague").get("open_range_after", ()))
        self.open_range_until = tuple(sorted(_first(rules, "vague").get("open_range_until", ()), key=len, reverse=True))
        self.range_period_after = tuple(_first(rules, "vague").get("range_period_after", ()))
        ahead = _first(rules, "vague").get("future_when", {})
        self.vague_ahead = (set(ahead.get("words", ())), tuple(ahead.get("before", ())), tuple(ahead.get("after", ())))

    def _read_durations(self, entries: list) -> None:
        self.dur = dict(entries[0])
        self.dur_units = dict(self.dur["units"])
        # the words looked for around every duration, as tuples: one startswith/endswith call each
        self.claim_qualifiers = tuple(self.dur["claim_qualifiers"])
        self.approx_before = tuple(self.dur.get("approx_before", ()))
        self.age_after = tuple(self.dur.get("age_after", []))
        self.bare_not_before = tuple(self.dur["bare_not_before"])
        self.shift = dict(entries[1])
        self.left_out_after = set(self.dur.get("left_out_after", []))
        self.lengths_after = tuple(self.dur.get("lengths_after", []))
        self.after_another_only = frozenset(self.dur.get("after_another_only", ()))  # 分: a minute only after another unit
        self.cut_heads = set(self.dur.get("cut_heads", [])) | set(self.lengths_after)
        self.half_units = {u: (n, code) for u, (n, code) in self.dur.get("half_units", {}).items()}
        self.sentence_words = tuple(self.dur.get("sentence_words", ()))
        self.consecutive_words = tuple(self.dur.get("consecutive_words", ()))
        self.consecutive_not_before = tuple(self.dur.get("consecutive_not_before", ()))
        self.trip_after = tuple(self.dur.get("trip_after", ()))
        self.bare_any_before = tuple(self.dur.get("bare_any_before", ()))
        self.half_not_before = tuple(self.dur.get("half_not_before", ()))

    def _read_names(self, rules: Mapping) -> None:
        """Named years and periods: events, centuries, eras, plans, holidays, lunar months."""
        name_year = next(e for e in rules["absolute"] if e["id"] == "date.name_year")
        self.name_year_events, self.name_year_not_before = list(name_year["events"]), list(name_year["not_before"])
        self.centuries = dict(_first(rules, "decades")["centuries"])
        self.eras = dict(_first(rules, "eras")["names"])
        self.three_digit_era = _first(rules, "eras").get("three_digit_era", "")
        plans = _first(rules, "plans")
        self.plans, self.plan_after = dict(plans["names"]), list(plans["after"])
        self.plan_open = set(plans.get("open_after", []))
        hol = _first(rules, "holidays")
        self.holidays = {**{k: ("fixed", v) for k, v in hol["fixed"].items()},
                         **{k: ("lunar", v) for k, v in hol["lunar"].items()},
                         **{k: ("nth", tuple(v)) for k, v in hol["nth_weekday"].items()},
                         **{k: ("solar", tuple(v)) for k, v in hol.get("solar_terms", {}).items()}}
        self.holiday_needs_context, self.holiday_suffixes = set(hol["needs_context"]), list(hol["suffixes"])
        self.every_year_before = tuple(hol.get("every_year_before", ()))
        self.period_suffixes = set(hol.get("period_suffixes", ()))
        self.night_suffixes = set(hol.get("night_suffixes", ()))  # 除夕夜: the holiday's night (TNI)
        self.eve_nights = set(hol.get("eve_nights", ()))  # 新年夜: the night before the day, no date here
        self.ordinal_before = tuple(hol.get("ordinal_before", ()))
        self.schedules = {tuple(self.holidays[name]): {int(y): tuple(days) for y, days in years.items()}
                          for name, years in hol.get("schedules", {}).items()}
        lunar = _first(rules, "lunar")
        self.lunar_markers, self.lunar_months = list(lunar["markers"]), dict(lunar["months"])

    def alternations(self) -> dict[str, str]:
        """The words a pattern fragment names with ``${name}``, each lexicon as an alternation of
        literal words, longest first."""
        def of_unit(unit: str) -> str:
            return alternation(w for w, (u, _, _) in self.relative.items() if u == unit)

        words = {
            "before_weekday": self.before_weekday, "weekday_prefixes": self.weekday_prefixes,
            "weekend_words": self.weekend_words, "year_parts": self.year_parts, "month_parts": self.month_parts,
            "long_day_parts": [w for w in self.day_parts if w not in self.short_parts],
            "short_day_words": self.short_day_words, "vague_words": self.vague, "present_day_heads": self.present_day_heads,
            "duration_before": self.dur["before"],
            # the shift's words (4年前, 3天后) close a duration too: its builder reads them
            "duration_after": self.dur["after"] + list(self.shift["words"]),
            # 年 and 周 (with vetoes of their own) and the 个 forms (个 is a group of its own) aside
            "duration_units": [u for u in self.dur_units if not u.startswith("个") and u not in ("周", "年")],
            "centuries": self.centuries, "eras": self.eras, "plans": self.plans, "plan_after": self.plan_after,
            "holidays": self.holidays, "holiday_suffixes": self.holiday_suffixes,
            "lunar_markers": self.lunar_markers, "lunar_months": self.lunar_months,
            "day_number_vetoes": self.day_number_vetoes, "name_year_events": self.name_year_events,
            "name_year_not_before": self.name_year_not_before,
        }
        found = {name: alternation(values) for name, values in words.items()}
        found.update({f"relative_{unit}": of_unit(unit) for unit in ("year", "month", "week", "day")})
        # a one-character part of a day, each with its own veto: only right after a day (15日晚)
        found["short_day_parts"] = "|".join(f"{regex.escape(w)}(?!{alternation(after)})"
                                            for w, after in self.short_parts.items())
        return found

    def counts_months(self, text: str, start: int, end: int) -> bool:
        """A count + 月 or 日 at [start, end) that counts months or days, no month or day: a sentence's
        length (判刑6月, 拘役15日) or consecutive ones (连续9月增长; not 连续12月下旬, 连续5月份)."""
        if text.endswith(self.sentence_words, 0, start):
            return True
        if not text.endswith(self.consecutive_words, 0, start):
            return False
        unit = _COUNT_OF_UNITS.match(text, start, end)
        return unit is not None and not text.startswith(self.consecutive_not_before, unit.end())
