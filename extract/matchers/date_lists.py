"""Weekdays listed after one written whole: 每周五、六, 每周六、日早上, 每周1、2、4、5上午.

The days after 、 are no dates alone (六, 日); they belong to the first. Two days side by side are the
range from one to the other (XXXX-WXX-5/XXXX-WXX-6, audit rounds 11, 16 and 17); a longer or gapped list
keeps the first day's value and takes the whole list as its surface. A part of the day after the list
holds for every day of it (周六、日早上).
"""
from __future__ import annotations

from typing import Mapping

import regex

from ..mention import Mention
from .date_lexicon import DateLexicon


class WeekdayLists:
    def __init__(self, rules: Mapping, lex: DateLexicon):
        entry = next(iter(rules.get("weekday_lists", [])), {})
        self.rule = entry.get("id", "date.weekday_list")
        self.days = {char: day for char, day in lex.weekday_days.items() if len(char) == 1}
        separators = "|".join(regex.escape(s) for s in entry.get("separators", ["、"]))
        self.item = regex.compile(f"(?:{separators})([{''.join(self.days)}])") if self.days else None
        self.not_after = regex.compile(entry["not_after"]) if entry.get("not_after") else None
        self.day_parts = sorted(lex.day_parts.items(), key=lambda kv: -len(kv[0]))
        self.plain_keys = frozenset(entry.get("plain_keys", ("weekday", "recurring", "week_offset")))

    def __call__(self, text: str, found: list[Mention]) -> list[Mention]:
        if self.item is None:
            return found
        return [self._listed(text, m) if m.rule == "date.weekday" else m for m in found]

    def _listed(self, text: str, mention: Mention) -> Mention:
        parts = mention.fields["parts"]
        if not parts.keys() <= self.plain_keys:
            return mention  # 周六晚、…: a day with its part of the day already is left as it is
        days, end = [], mention.end
        while (m := self.item.match(text, end)) is not None:
            days.append(self.days[m.group(1)])
            end = m.end()
        if not days or (self.not_after is not None and self.not_after.match(text, end)):
            return mention  # 周五、六个…: a count, not a day
        part = next(((w, code) for w, code in self.day_parts if text.startswith(w, end)), None)
        first = dict(parts)
        if part is not None:
            first["day_part"] = part[1]
            end += len(part[0])
        if len(days) == 1 and days[0] == parts["weekday"] + 1:
            new = {"start": first, "end": {**first, "weekday": days[0]}}  # 周五、六: Friday to Saturday
        else:
            new = first  # 周1、2、4、5上午: the first day's value, the whole list as the surface
        return Mention("date", mention.start, end, text[mention.start:end], self.rule, {"parts": new})
