"""Ranges written as words around two numbers: 大于10小于20, 1000以上，1500以下, 位于20和30之间.

``join`` merges a lower-bounded claim and an upper-bounded one that stand side by side, with only a
joiner between them (并且, 的同时, a comma), into one range (value = low end, value_max = high end),
when the low end is below the high end: 大于50小于12 stays two claims. ``between`` reads two
numbers joined by 和/与 and closed by 之间 before the claims are made, so that 10000与20000间 is one
range and not the count 20000间.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Sequence

import regex

from ..counted.model import RULE as OBJECT_RULE
from ..mention import Mention
from ..decimals import value_fields
from ..numerals import Numeral
from .base import alternation


class RangeReader:
    def __init__(self, entries: Sequence[Mapping]):
        by_id = {e["id"]: e for e in entries}
        pair = by_id.get("range.two_sided", {})
        self.pair_rule = pair.get("id", "")
        self.pair_joiners = {str(j) for j in pair.get("joiners", [])}
        both = by_id.get("range.units_on_both", {})
        self.both_rule = both.get("id", "")
        self.both_joiners = {str(j) for j in both.get("joiners", [])}
        self.open_above = {str(q) for q in both.get("open_above", [])}  # 三万元至十万元以上
        between = by_id.get("range.between", {})
        self.between_rule = between.get("id", "")
        joiners, closers = alternation(between.get("joiners", [])), alternation(between.get("after", []))
        self._ordinal = between.get("ordinal", "第")
        ordinal = regex.escape(self._ordinal)
        self._joiner = regex.compile(rf"\s*(?:{joiners})\s*{ordinal}?\s*") if joiners else None
        self._closer = regex.compile(rf"\s*(?:{closers})") if closers else None

    def between(self, text: str, numerals: Sequence[Numeral]) -> list[Mention]:
        """位于20和30之间 / 10000与20000间 / 在第十和第十五之间."""
        if not (self._joiner and self._closer):
            return []
        found = []
        for low, high in zip(numerals, numerals[1:]):
            if low.form != "number" or high.form != "number" or not low.value < high.value:
                continue
            joined = self._joiner.fullmatch(text, low.end, high.start)
            closed = self._closer.match(text, high.end)
            if not (joined and closed):
                continue
            start = low.start - 1 if low.start and text[low.start - 1] == self._ordinal else low.start
            end = closed.end()
            fields = {**value_fields(low.exact, high.exact),
                      "qualifier": text[joined.start():joined.end()].strip() + "…" + text[high.end:end].strip(),
                      "bound": "exact", "unit": "", "object": "", "kind": "other"}
            found.append(Mention("numeric", start, end, text[start:end], self.between_rule, fields))
        return found

    def join(self, text: str, mentions: Iterable[Mention]) -> list[Mention]:
        """Merge side-by-side lower and upper claims into ranges; everything else passes through."""
        ordered = sorted(mentions, key=lambda m: m.start)
        out: list[Mention] = []
        i = 0
        while i < len(ordered):
            first = ordered[i]
            second = ordered[i + 1] if i + 1 < len(ordered) else None
            merged = (self._pair(text, first, second) or self._both(text, first, second)) if second else None
            if merged:
                out.append(merged)
                i += 2
            else:
                out.append(first)
                i += 1
        return out

    def _both(self, text: str, a: Mention, b: Mention) -> Mention | None:
        """750元至1170元: two exact amounts with one unit, a range word between them. The range may
        be approximate or reached as a whole (约85%至95%, 达10℃—14℃), or open above as a band of a scale (三万元至十万元以上):
        the qualifier and bound are those of the one end that has them."""
        if not self.both_rule:
            return None
        b = self._dash_read_as_minus(text, a, b)
        fa, fb = a.fields, b.fields
        if text[a.end:b.start] not in self.both_joiners:
            return None
        if not fa.get("unit") or fa.get("unit") != fb.get("unit") or fa.get("kind") != fb.get("kind"):
            return None
        plain_a = fa.get("bound") == "exact" and not fa.get("qualifier")
        plain_b = fb.get("bound") == "exact" and not fb.get("qualifier")
        qa, qb = fa.get("qualifier") or "", fb.get("qualifier") or ""
        # 约 or 达 before the low end: approximate, or reached, as a whole (约85%至95%, 达10℃—14℃)
        about = fa.get("bound") in ("approx", "exact") and bool(qa) and text.startswith(qa, a.start)
        above = fb.get("bound") == "lower" and qb in self.open_above and text.endswith(qb, b.start, b.end)
        if not (plain_a and plain_b or about and plain_b or plain_a and above):
            return None
        if fa.get("value_max") is not None or fb.get("value_max") is not None:
            return None
        if fa.get("value") is None or fb.get("value") is None or not fa["value"] < fb["value"]:
            return None
        fields = {**fa, "value_max": fb["value"], "object": fb.get("object", "")}
        if above:
            fields.update(qualifier=fb["qualifier"], bound="lower")
        rule = f"{self.both_rule}+{(b if above else a).rule}"
        if not above and OBJECT_RULE in b.rule.split("+"):
            rule += "+" + OBJECT_RULE  # the object is the upper end's, and the model chose it
        return Mention("numeric", a.start, b.end, text[a.start:b.end], rule, fields)

    def _dash_read_as_minus(self, text: str, a: Mention, b: Mention) -> Mention:
        """20%-50%: a dash glued between two amounts of one unit joins them; the numerals read it
        as the minus sign of the second (-50%). The second end without it, or ``b`` as it was."""
        fa, fb = a.fields, b.fields
        dash, value = b.surface[:1], fb.get("value")
        if a.end != b.start or dash not in self.both_joiners or not fa.get("unit") or value is None or value >= 0:
            return b
        return b.with_(start=b.start + 1, surface=b.surface[1:], fields={"value": -value})

    def _pair(self, text: str, a: Mention, b: Mention) -> Mention | None:
        fa, fb = a.fields, b.fields
        bounds = {fa.get("bound"), fb.get("bound")}
        if bounds != {"lower", "upper"} or fa.get("value_max") is not None or fb.get("value_max") is not None:
            return None
        if "".join(text[a.end:b.start].split()) not in self.pair_joiners:
            return None
        if fa.get("unit") and fa.get("unit") != fb.get("unit"):
            return None  # 超过100家，不足30人: two claims about different things
        if fa.get("kind") == "percent" or fb.get("kind") == "percent":
            if fa.get("unit") != fb.get("unit"):
                return None
        low, high = (a, b) if fa["bound"] == "lower" else (b, a)
        if low.fields["value"] is None or high.fields["value"] is None or not low.fields["value"] < high.fields["value"]:
            return None  # 大于50小于12: no number is both
        fields = {"value": low.fields["value"], "value_max": high.fields["value"],
                  "value_exact": low.fields.get("value_exact", ""), "note": low.fields.get("note") or high.fields.get("note", ""),
                  "qualifier": f"{fa.get('qualifier', '')}…{fb.get('qualifier', '')}", "bound": "exact",
                  "unit": fb.get("unit", ""), "object": fb.get("object", ""), "kind": fb.get("kind", "other")}
        return Mention("numeric", a.start, b.end, text[a.start:b.end], f"{self.pair_rule}+{a.rule}+{b.rule}", fields)
