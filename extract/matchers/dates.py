"""Time expressions: absolute, relative, durations, ranges and vague references.

The matcher finds expressions and records their parts (``fields["parts"]``); values are resolved
against the reference date by ``extract.resolve`` so the matcher never needs the clock.
"""
from __future__ import annotations

from typing import Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..mention import Mention
from ..numerals import NumberError, NumeralGrammar
from ..rules import load_rules
from .base import alternation, ensure_extensions, longest_first, write_mentions

_SEPARATORS = r"(?:-|－|—|–|~|～|至|到)"



class DateMatcher:
    def __init__(self, rules: Mapping, numerics: Mapping):
        self.grammar = NumeralGrammar(numerics["numerals"], numerics["qualifiers"])
        self.digits = dict(rules["digits"])
        self.relative = {}
        for entry in rules["relative"]:
            for word, offset in entry["words"].items():
                self.relative[word] = (entry["unit"], int(offset), entry["id"])
        self.year_parts = {w: v for e in rules["year_parts"] for w, v in e["words"].items()}
        self.day_parts = {w: v for e in rules["day_parts"] for w, v in e["words"].items()}
        self.vague = {w: v for e in rules["vague"] for w, v in e["words"].items()}
        duration = rules["durations"][0]
        self.duration_units = dict(duration["units"])
        rel = {u: [w for w, (unit, _, _) in self.relative.items() if unit == u] for u in ("year", "month", "week", "day")}
        cn = "〇○零一二三四五六七八九"
        cn_small = "一二三四五六七八九十两"
        num = rf"(?<!\d)(?:\d{{1,3}}|[{cn_small}几数]+)"
        self.pattern = regex.compile(
            rf"(?P<iso>(?<!\d)(?P<iy>(?:19|20)\d{{2}})(?P<isep>[-/.])(?P<im>\d{{1,2}})(?P=isep)(?P<id>\d{{1,2}})"
            rf"(?:[ T]+(?P<iH>\d{{1,2}}):(?P<iM>\d{{2}})(?::(?P<iS>\d{{2}}))?)?(?![\d:]))"
            rf"|(?P<yrange>(?<!\d)(?P<y1>(?:19|20)\d{{2}})年?\s*{_SEPARATORS}\s*(?P<y2>(?:19|20)\d{{2}})(?:年(?!代))?(?![\d%]))"
            rf"|(?P<dur>(?P<dpre>{alternation(duration['before'])})(?P<dn>{num})(?:多)?(?P<du>{alternation(self.duration_units)})(?P<dpost>{alternation(duration['after'])})?"
            rf"|(?P<dn2>{num})(?:多)?(?P<du2>{alternation(self.duration_units)})(?P<dpost2>{alternation(duration['after'])}))"
            rf"|(?P<cn>"
            rf"(?:(?<!\d)(?P<year>(?:1[89]|20)\d{{2}}|[{cn}]{{4}})年(?!代|级|度[^\p{{Han}}]|龄)|(?P<relyear>{alternation(rel['year'])}))?"
            rf"(?:(?P<ypart>{alternation(self.year_parts)})"
            rf"|(?<!\d)(?P<month>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])月(?:份)?(?:(?P<day>3[01]|[12]\d|0?[1-9]|[一二]?十[一二三四五六七八九]?|三十一?|[一二三四五六七八九])[日号])?"
            rf"|(?P<relmonth>{alternation(rel['month'])})|(?P<relweek>{alternation(rel['week'])})"
            rf"|(?<![\d月])(?P<dayonly>3[01]|[12]\d|0?[1-9])[日号]"
            rf"|(?P<relday>{alternation(rel['day'])}))?"
            rf"(?P<dpart>{alternation(self.day_parts)})?"
            rf"(?:(?P<hour>[01]?\d|2[0-4])[时点](?:(?P<minute>[0-5]?\d)分)?)?"
            rf"(?P<open>起|以来|开始)?)"
            rf"|(?P<vague>{alternation(self.vague)})"
        )

    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        found: list[Mention] = []
        for m in self.pattern.finditer(text):
            if not m.group():
                continue
            mention = self._mention(text, m)
            if mention:
                found.append(mention)
        return self._join_ranges(text, found)

    def _num(self, value: str | None) -> int | None:
        if value is None:
            return None
        if value.isdigit():
            return int(value)
        if len(value) == 4 and all(c in self.digits for c in value):
            return int("".join(str(self.digits[c]) for c in value))
        try:
            low, _ = self.grammar.value(value)
        except NumberError:
            return None
        return int(low)

    def _mention(self, text: str, m) -> Mention | None:
        g = m.groupdict()
        if g["iso"]:
            parts = {"year": int(g["iy"]), "month": int(g["im"]), "day": int(g["id"])}
            if g["iH"]:
                parts.update(hour=int(g["iH"]), minute=int(g["iM"]))
                if g["iS"]:
                    parts["second"] = int(g["iS"])
            return self._make(m, "date.iso_datetime", parts)
        if g["yrange"]:
            y1, y2 = int(g["y1"]), int(g["y2"])
            if y2 <= y1:
                return None
            return self._make(m, "date.year_range", {"year": y1, "year_end": y2})
        if g["dur"]:
            number, unit = g["dn"] or g["dn2"], g["du"] or g["du2"]
            n = self._num(number)
            if n is None or n == 0:
                return None
            return self._make(m, "date.duration", {"duration": n, "duration_unit": self.duration_units[unit],
                                                   "approximate": "几" in number or "数" in number or "多" in m.group()})
        if g["vague"]:
            return self._make(m, "date.vague", {"vague": self.vague[g["vague"]]})
        if not any(g[k] for k in ("year", "relyear", "ypart", "month", "relmonth", "relweek", "dayonly", "relday")):
            return None
        if g["ypart"] and not (g["year"] or g["relyear"]) and self.year_parts[g["ypart"]] in ("SP", "SU", "FA", "WI", "BEGIN", "END"):
            return None  # 春天 alone is rarely a date; 2022年春季 is
        parts: dict = {}
        rule = "date.ymd"
        if g["year"]:
            parts["year"] = self._num(g["year"])
        if g["relyear"]:
            parts["year_offset"] = self.relative[g["relyear"]][1]
            rule = "date.relative.year"
        if g["ypart"]:
            parts["year_part"] = self.year_parts[g["ypart"]]
            rule = "date.year_part"
        if g["month"]:
            parts["month"] = self._num(g["month"])
        if g["day"]:
            parts["day"] = self._num(g["day"])
        if g["dayonly"]:
            parts["day"] = self._num(g["dayonly"])
        for key, unit in (("relmonth", "month"), ("relweek", "week"), ("relday", "day")):
            if g[key]:
                parts[f"{unit}_offset"] = self.relative[g[key]][1]
                rule = self.relative[g[key]][2]
        if g["dpart"]:
            parts["day_part"] = self.day_parts[g["dpart"]]
        if g["hour"]:
            parts["hour"] = int(g["hour"])
            parts["minute"] = int(g["minute"] or 0)
        if g["open"]:
            parts["open"] = True
            rule = "date.open_range"
        return self._make(m, rule, parts)

    def _make(self, m, rule: str, parts: dict) -> Mention:
        return Mention("date", m.start(), m.end(), m.group(), rule, {"parts": parts})

    def _join_ranges(self, text: str, found: list[Mention]) -> list[Mention]:
        """``6月8日至6月21日``, ``1月至3月``: two dates joined by 至/到/- become one range."""
        out: list[Mention] = []
        for mention in found:
            if out:
                prev = out[-1]
                gap = text[prev.end:mention.start]
                p, q = prev.fields["parts"], mention.fields["parts"]
                if regex.fullmatch(r"\s*(?:至|到|-|—|–|~)\s*", gap) and _calendar(p) and _calendar(q) and not p.get("open"):
                    parts = {"start": dict(p), "end": dict(q)}
                    out[-1] = Mention("date", prev.start, mention.end, text[prev.start:mention.end], "date.range", {"parts": parts})
                    continue
            out.append(mention)
        return out


def _calendar(parts: dict) -> bool:
    return any(k in parts for k in ("month", "day")) or ("year" in parts and "year_end" not in parts)


@Language.factory("xinwen_dates", default_config={"rules_dirs": []})
def make_dates(nlp: Language, name: str, rules_dirs: list[str]):
    ensure_extensions()
    rules = load_rules(rules_dirs)
    matcher = DateMatcher(rules.family("dates"), rules.family("numerics"))

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "date", matcher(doc))
        return doc

    return component
