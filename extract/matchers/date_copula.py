"""A year said again as "the year" of a copula: 2023年是极为重要的一年, 今年是充满不确定性的一年.

The 一年 there is no length of one year: it names the subject year again (audit round 5 ruled 关键的一年
a year, round 20 twice more), so it takes the subject's parts under its own rule.
"""
from __future__ import annotations

from typing import Mapping

import regex

from ..mention import Mention


class CopulaYears:
    def __init__(self, rules: Mapping):
        entry = next(iter(rules.get("copula_years", [])), {})
        self.rule = entry.get("id", "date.copula_year")
        self.words = tuple(entry.get("words", ()))  # the year said again: 一年
        self.before = tuple(entry.get("before", ()))  # what stands right before it: 的
        copula = entry.get("copula", "")
        self.copula = regex.compile(copula) if copula else None  # what follows the subject: 是, 也是
        self.breaks = set(entry.get("breaks", ()))  # marks the subject may not be parted from it by
        self.year_keys = frozenset(entry.get("year_keys", ("year", "year_offset")))  # the parts of a whole year

    def __call__(self, text: str, found: list[Mention]) -> list[Mention]:
        if self.copula is None:
            return found
        out = []
        for i, mention in enumerate(found):
            subject = self._subject(text, found, i) if mention.rule == "date.duration" else None
            out.append(mention if subject is None else mention.with_(rule=self.rule, fields={"parts": dict(subject.fields["parts"])}))
        return out

    def _subject(self, text: str, found: list[Mention], i: int) -> Mention | None:
        """The year named before a copula earlier in the sentence, when ``found[i]`` is 的一年."""
        mention = found[i]
        if mention.surface not in self.words or not text.endswith(self.before, 0, mention.start) or i == 0:
            return None
        subject = found[i - 1]
        parts = subject.fields.get("parts", {})
        if not parts.keys() or not parts.keys() <= self.year_keys:
            return None  # a whole year only: not 今年一季度, 今年以来, 2023年至2024年 (review of session 13)
        if not self.copula.match(text, subject.end) or any(c in self.breaks for c in text[subject.end:mention.start]):
            return None
        return subject
