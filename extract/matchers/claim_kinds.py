"""Claims of a kind known by their context rather than their unit: an amount of money written
without a currency (rules ``money_context``: 营收不到2亿), a rank in a scope (``ranks``: 全国第七)
and a result written in two units' parts (``unit.duration.race_time``: 7分06秒78; ``unit.dimension.mark``:
12米97)."""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Mapping

import regex

from ..decimals import value_fields
from ..mention import Mention
from ..numerals import NumeralGrammar
from ..patterns import RulePattern
from .base import alternation

# Punctuation that ends a clause / a sentence: the money words of a clause speak for its amounts.
_CLAUSE_BREAK = regex.compile(r"[，,；;。！？!?：:、\n]")
_SENTENCE_BREAK = regex.compile(r"[。！？!?；;\n]")


class MoneyContext:
    """Is an amount with a scale and no unit money (rules ``money_context``)?"""

    def __init__(self, rules: Mapping, numeral_chars: str):
        money = (rules.get("money_context") or [{}])[0]
        self.rule = money.get("id", "")
        self.before = regex.compile(alternation(money.get("before_words", []))) if money.get("before_words") else None
        self.counts = regex.compile(alternation(money.get("count_words_before", []))) if money.get("count_words_before") else None
        self.after = tuple(money.get("after_words", []))
        self.links = tuple(money.get("after_links", []))
        self.linked = tuple(money.get("after_link_words", []))  # 上百万的|订单, not 1万多|订单 (a count)
        self.window = int(money.get("window", 12))
        self.next_within = int(money.get("next_amount_within", 0))
        # 80万扶贫资金: a money word ending the noun right after the amount, a few characters on
        heads = money.get("noun_heads", [])
        self.noun_head = regex.compile(rf"\p{{Han}}{{0,{int(money.get('noun_head_within', 4))}}}?(?:{alternation(heads)})") \
            if heads else None
        units = alternation(w for e in rules["units"] if e.get("kind") == "money" for w in e.get("words", []))
        cn = regex.escape(numeral_chars)
        self.amount = regex.compile(rf"[\d{cn}.]+[万亿]*(?:{units})") if units else None

    def holds(self, text: str, start: int, end: int) -> bool:
        link = next((w for w in self.links if text.startswith(w, end)), "")
        if text.startswith(self.after, end) or (link and text.startswith(self.after + self.linked, end + len(link))):
            return True
        if self.noun_head and self.noun_head.match(text, end):
            return True
        clause = _CLAUSE_BREAK.split(text[max(0, start - self.window):start])[-1]
        if self.before and self.before.search(clause):
            return True
        if self.counts and self.counts.search(clause):
            return False  # 人口730万: what the clause counts is people, whatever amount of money follows
        if self.amount and self.next_within:
            ahead = _SENTENCE_BREAK.split(text[end:end + self.next_within])[0]
            return bool(self.amount.search(ahead))
        return False


class RankReader:
    """全国第七, 全省第1位: an ordinal in a scope (rules ``ranks``)."""

    def __init__(self, rules: Mapping, grammar: NumeralGrammar):
        entry = rules["ranks"][0]
        self.grammar = grammar
        self.rule = entry["id"]
        self.ordinal = entry.get("ordinal", "第")
        cn = regex.escape(grammar.cn_chars)
        self.pattern = regex.compile(rf"(?P<scope>{alternation(entry['scopes'])}){regex.escape(self.ordinal)}"
                                     rf"(?P<num>\d+|[{cn}]+)(?P<unit>{alternation(entry.get('units', ['位', '名']))})?")
        self.series = tuple(entry.get("series_measures", ()))
        self.unit_vetoes = tuple(entry.get("unit_vetoes", ()))

    def finditer(self, text: str) -> Iterator[Mention]:
        for m in self.pattern.finditer(text):
            if not m.group("unit") and text.startswith(self.series, m.end()):
                continue  # 全国第一批|74座城市: the first of the batches, no rank
            try:
                value, _ = self.grammar.value(m.group("num"))
            except ValueError:
                continue
            unit, end = m.group("unit") or "", m.end()
            if unit and text.startswith(self.unit_vetoes, m.start("unit")):
                unit, end = "", m.start("unit")  # 全球第一|台风: the measure word opens another word
            fields = {**value_fields(Decimal(repr(float(value)))), "qualifier": "", "bound": "exact",
                      "unit": unit, "object": m.group("scope"), "kind": "rank"}
            yield Mention("numeric", m.start(), end, text[m.start():end], self.rule, fields)


class PartedAmounts:
    """An amount written in two units' parts, as results are: 7分06秒78 -> 426.78 seconds (the
    ``unit.duration.race_time`` entry of ``units``), 12米97 -> 12.97 metres (``unit.dimension.mark``)."""

    def __init__(self, rules: Mapping):
        entries = {e.get("id"): e for e in rules["units"]}
        timed, marked = entries.get("unit.duration.race_time"), entries.get("unit.dimension.mark")
        self.pattern = RulePattern.of(timed) if timed else None
        self.marks = RulePattern.of(marked) if marked else None

    def finditer(self, text: str) -> Iterator[Mention]:
        for m in self.pattern.finditer(text) if self.pattern else ():
            if not (m.group("minutes") or m.group("fraction")):
                continue
            fraction = m.group("fraction") or ""
            hours = int(m.groupdict().get("hours") or 0)
            value = Decimal(hours * 3600 + int(m.group("minutes") or 0) * 60 + int(m.group("seconds"))) \
                + (Decimal(f"0.{fraction}") if fraction else 0)
            yield self._mention(m, self.pattern.rule_id, value, "秒", "duration")
        for m in self.marks.finditer(text) if self.marks else ():
            yield self._mention(m, self.marks.rule_id, Decimal(f"{m.group('whole')}.{m.group('part')}"), "米", "other")

    @staticmethod
    def _mention(m, rule_id: str, value: Decimal, unit: str, kind: str) -> Mention:
        return Mention("numeric", m.start(), m.end(), m.group(), rule_id,
                       {**value_fields(value), "qualifier": "", "bound": "exact", "unit": unit, "object": "", "kind": kind})
