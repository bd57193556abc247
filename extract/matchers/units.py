"""Units and measure words after a number (rules/numerics.yaml ``units``, ``currency_symbols``,
``time_after_measure``): 个, 万元, 平方公里, smaller units of money (五元三毛), a currency symbol
before the number ($20), and the measure words that make a span of time (三个月: a date, no claim).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Mapping, NamedTuple

import regex

from ..decimals import EXACT
from ..numerals import NumeralGrammar
from ..segment import WordSpans
from .base import index_words, longest_first
from .objects import ObjectReader
from .spaced import despace

_HAN = regex.compile(r"\p{Han}")


class UnitKind(NamedTuple):
    kind: str  # count, money, percent, age, duration, other
    rule: str  # the id of the units entry
    small_only: bool  # counts only small numbers (届: 2013届 is a year)


class UnitReader:
    """Reads the unit after a number with the ``units`` rules."""

    def __init__(self, rules: Mapping, grammar: NumeralGrammar, tags: Mapping[str, str], objects: ObjectReader):
        self.grammar, self.tags, self.objects = grammar, tags, objects
        self.kinds: dict[str, UnitKind] = {}
        self.written: dict[str, str] = {}
        self.named_objects: dict[str, str] = {}  # a unit that is no measure word names what is counted
        self.outside = {w for e in rules["units"] for w in e.get("outside_claim", [])}  # 14亿|人口
        self.times_before = {w: tuple(tags) for e in rules["units"] for w, tags in e.get("times_before_tags", {}).items()}
        self.times_numerals = {n for e in rules["units"] for n in e.get("times_numerals", [])}
        self.degree_words = tuple(w for e in rules["units"] for w in e.get("degree_words", []))
        self.degree_context = tuple(c for e in rules["units"] for c in e.get("degree_context", []))
        # a currency that is also a measure word (块): money only before what these patterns say
        self.money_before = {word: regex.compile(pattern) for e in rules["units"]
                             for word, pattern in e.get("money_only_before", {}).items()}
        for entry in rules["units"]:
            self._add(entry)
        self.subunits = {unit: (dict(table), entry.get("subunits_joiner", "")) for entry in rules["units"]
                         for unit, table in entry.get("subunits", {}).items()}
        self.elided = {unit: [Decimal(str(v)) for v in values] for entry in rules["units"]
                       for unit, values in entry.get("subunits_elided", {}).items()}
        ends = [e["subunits_elided_before"] for e in rules["units"] if e.get("subunits_elided_before")]
        self.elided_end = regex.compile(ends[0]) if ends else None
        self.small_not_before = {c for e in rules["units"] for c in e.get("small_numbers_not_before", [])}
        self.unchecked = set(rules.get("units_without_word_check", []))
        self.by_first = index_words(self.kinds)
        self.time_after = [(set(e.get("measures", [])), tuple(longest_first(e.get("words", []))))
                           for e in rules.get("time_after_measure", [])]
        symbols = (rules.get("currency_symbols") or [{}])[0]
        self.symbols = tuple(longest_first(symbols.get("symbols", [])))
        self.symbol_rule = symbols.get("id", "unit.money.symbol")

    def _add(self, entry: Mapping) -> None:
        """The words of one ``units`` entry; a word written with the entry's ``strip_suffix`` (十个月大)
        or ``strip_prefix`` (20个比特币) is reported without it."""
        suffix, prefix = entry.get("strip_suffix", ""), entry.get("strip_prefix", "")
        for word in entry.get("words", []):
            if suffix and word.endswith(suffix) and len(word) > len(suffix):
                self.written.setdefault(word, word[: -len(suffix)])
            if prefix and word.startswith(prefix) and len(word) > len(prefix):
                self.written.setdefault(word, word[len(prefix):])
        for word, shown in entry.get("reported_as", {}).items():
            self.written.setdefault(word, shown)  # 50元人民币: unit 元
        for word, counted in entry.get("names_object", {}).items():
            self.named_objects.setdefault(word, counted)  # 8死: no unit, what is counted is 死亡
        for word in entry.get("words", []):
            self.kinds.setdefault(word, UnitKind(entry["kind"], entry["id"], word in entry.get("small_numbers_only", [])))

    def at(self, text: str, pos: int, words: WordSpans) -> tuple[str, int]:
        """The longest unit at ``pos`` (spaces allowed before and inside it: ``6 个 百 分点``) and
        where it ends. A Chinese unit must not end inside a dictionary word: 10万乡村 has no unit 乡."""
        compact, offsets = despace(text, pos, 16)
        for unit in self.by_first.get(compact[:1], ()):
            if not compact.startswith(unit):
                continue
            end = offsets[len(unit) - 1] + 1
            if not _HAN.match(unit[-1]):
                if not (end < len(text) and text[end].isascii() and text[end].isalnum()):
                    return unit, end  # 168cm, but not the m of 5mm or the M of MB
                continue
            span = words.span(end - 1)
            if span is None or span[1] == end or unit in self.unchecked or span[0] < pos:
                return unit, end  # the word ends with the unit, or holds the number too (一吨半)
            if text[span[0]:span[1]] not in self.tags:
                return unit, end  # 15元中大乐透: 元中 is no word, jieba glued it
            if span[0] == pos and span[1] - end >= 2 and self.objects.noun_like(text[end:span[1]]) \
                    and text[end:span[1]] in self.tags:
                return unit, end  # 16份文件, 200所学校: jieba glued the measure word to its noun
        return "", pos

    count_word = "个"  # its entry's rule is the rule of a count

    def counts_instead(self, text: str, unit: str, end: int) -> bool:
        """块 counts pieces (三块金牌, 一块心病) unless money follows it (块钱, 三块五, 八块一斤) or the
        clause ends (卖十块。)."""
        pattern = self.money_before.get(unit)
        return pattern is not None and not pattern.match(text, end)

    def counts_times(self, text: str, num: str, unit: str, end: int, words) -> bool:
        """度 counts times, not degrees, after a one-digit number and before a verb or preposition (两度转任,
        4度向选秀叩关, 三度会晤); a temperature, angle or kWh stands before punctuation, 的 or a noun, and
        has a larger, a qualified or a ranged number more often (360度环绕, 约4度来自, 二至三度烧伤)."""
        tags = self.times_before.get(unit)
        span = words.span(end) if tags and num in self.times_numerals and end in words.starts else None
        if not span or not (self.tags.get(text[span[0]:span[1]]) or "").startswith(tags):
            return False
        # a degree before a verb of heat or harm (三度烧伤, 气温4度回升), or in a clause about temperature
        start = end - len(num) - len(unit)
        clause = text[max(0, start - 12):start]
        clause = clause[max(clause.rfind(c) for c in "，,。；;！？\n") + 1:]
        return not (text.startswith(self.degree_words, end) or any(c in clause for c in self.degree_context))

    def time_follows(self, text: str, unit: str, pos: int) -> bool:
        """三个月, 八个多月, 5个工作日: a measure word before a word of time makes a date span."""
        for measures, words in self.time_after:
            if unit in measures and text.startswith(words, pos):
                return True
        return False

    def counts_time(self, unit: str) -> bool:
        """Is ``unit`` a measure word that may make a span of time (个 of 两个半小时)?"""
        return any(unit in measures for measures, _ in self.time_after)

    def subunits_after(self, text: str, pos: int, unit: str) -> tuple[Decimal, int]:
        """五元三毛 -> 0.3, 50元6角三分 -> 0.63, 两美元又三美分 -> 0.03 (and where they end)."""
        table, joiner = self.subunits[unit]
        extra, steps = Decimal(0), 0
        start = pos + len(joiner) if joiner and text.startswith(joiner, pos) else pos
        for _ in range(2):
            numeral = self.grammar.read(text, start, ranges=False)
            if numeral is None or numeral.form != "number" or numeral.value >= 10:
                break
            name = next((w for w in sorted(table, key=len, reverse=True) if text.startswith(w, numeral.end)), "")
            if not name:
                break
            extra = EXACT.add(extra, EXACT.multiply(numeral.exact, Decimal(str(table[name]))))
            pos = start = numeral.end + len(name)
            steps += 1
        return self._elided_after(text, pos, unit, steps, extra)

    def _elided_after(self, text: str, pos: int, unit: str, steps: int, extra: Decimal) -> tuple[Decimal, int]:
        """一块八 = 1.8, 四块四毛六 = 4.46: one digit right after the last unit named, its smaller unit
        unsaid (``subunits_elided``), where what follows ends the price (``subunits_elided_before``: not
        一块|四个手掌, 两块|五花肉, 一块|二三十吨的巨石)."""
        places = self.elided.get(unit, ())
        digit = text[pos:pos + 1]
        if steps >= len(places) or not digit or self.elided_end is None:
            return extra, pos
        value = self.grammar.digit_values.get(digit) if not digit.isdigit() else int(digit)
        if not value or digit in self.grammar.count_only or not self.elided_end.match(text, pos + 1):
            return extra, pos
        return EXACT.add(extra, EXACT.multiply(Decimal(value), places[steps])), pos + 1

    def symbol_before(self, text: str, start: int) -> str:
        if not text.endswith(self.symbols, 0, start):
            return ""  # most numbers: one test for all the symbols
        for symbol in self.symbols:
            if text.endswith(symbol, 0, start):
                return symbol
        return ""
