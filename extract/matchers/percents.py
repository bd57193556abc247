"""Percentages written in words (rules/numerics.yaml ``percent_words``): 百分之十五 and 千分之五 (the
numeral's form carries the sign), 百万分之五 (a share per power of ten), 千分之三毫米 (a fraction of
a unit of measure), 三成 / 七成六 (tenths), 八折 / 75折 (a discount) and the fixed 半成, 打对折.
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator, Mapping

import regex

from ..decimals import EXACT, value_fields
from ..mention import Mention
from ..numerals import Numeral, NumeralGrammar
from ..segment import WordSpans
from .base import alternation
from .qualifiers import QualifierReader
from .spaced import skip_blank
from .units import UnitReader

FRACTION_WORDS = "percent.fraction_words"
_FRACTION_KINDS = ("other", "duration")  # units a fraction word may divide (not counts: 百分之五十个)


class PercentReader:
    def __init__(self, rules: Mapping, grammar: NumeralGrammar, units: UnitReader, qualifiers: QualifierReader):
        self.grammar, self.units, self.qualifiers = grammar, units, qualifiers
        entries = rules.get("percent_words", [])
        self.suffixes = {e["suffix"]: e for e in entries if "suffix" in e}
        self.fixed = {w: (v, e["id"]) for e in entries for w, v in e.get("fixed", {}).items()}
        self.fixed_re = regex.compile(alternation(self.fixed)) if self.fixed else None
        forms = next((e for e in entries if e.get("id") == FRACTION_WORDS), {})
        self.parts = {sign: Decimal(str(n)) for sign, n in forms.get("parts", {}).items()}
        self.half = rules["numerals"].get("half", "半")

    def fixed_words(self, text: str, words: WordSpans) -> Iterator[Mention]:
        """半成 = 5%, 打对折 = 50%: fixed words, each a word of its own."""
        for m in self.fixed_re.finditer(text) if self.fixed_re else ():
            if m.start() in words.starts and m.end() in words.ends | {len(text)}:
                value, rule = self.fixed[m.group()]
                yield Mention("numeric", m.start(), m.end(), m.group(), rule,
                              {**value_fields(Decimal(str(value))), "qualifier": "", "bound": "exact",
                               "unit": "%", "object": "", "kind": "percent"})

    def of_form(self, text: str, numeral: Numeral, pre: str, start: int, sign: str, words: WordSpans,
                scale: float = 1.0) -> Mention:
        """百分之十五 (the numeral's form carries the sign) and 百万分之五 (scale 100: a percentage);
        千分之三毫米 is a fraction of a unit of measure: 0.003 mm (百分之一秒: 0.01 s)."""
        measure, measure_end = self.units.at(text, numeral.end, words)
        kind = self.units.kinds[measure].kind if measure else ""
        if kind in _FRACTION_KINDS and sign in self.parts:  # 千分之三毫米, 百分之一秒
            post, end = self.qualifiers.after_at(text, measure_end)
            number = self.grammar.number(numeral, pre, post)
            exact = EXACT.divide(numeral.exact, self.parts[sign])
            fields = {**value_fields(exact), "qualifier": number.qualifier, "bound": number.bound,
                      "unit": measure, "object": "", "kind": kind}
            rule = "+".join([FRACTION_WORDS, self.units.kinds[measure].rule])
            return Mention("numeric", start, end, text[start:end], rule, fields)
        post, end = self.qualifiers.after_at(text, numeral.end)
        number = self.grammar.number(numeral, pre, post)
        scale = Decimal(str(scale))
        exact_max = None if numeral.exact_max is None else EXACT.multiply(numeral.exact_max, scale)
        fields = {**value_fields(EXACT.multiply(numeral.exact, scale), exact_max), "qualifier": number.qualifier,
                  "bound": number.bound, "unit": sign, "object": "", "kind": "percent"}
        return Mention("numeric", start, end, text[start:end], FRACTION_WORDS, fields)

    def of_word(self, text: str, numeral: Numeral, pre: str, start: int, end: int, word: str,
                words: WordSpans) -> Mention | None:
        """三成 = 30%, 三成半 = 35%, 七成六 = 76%; 八折 = 80%, 75折 = 75%, 九九折 = 99%."""
        entry = self.suffixes[word]
        value = numeral.exact
        surface = text[numeral.start:numeral.end]
        two_digits = entry.get("two_digit_percent") and 10 <= value < 100 and not any(
            ch in self.grammar.units for ch in surface)  # 75折, 九五折; 十折 is no discount
        scaled = value if two_digits else value * 10
        digit_at = skip_blank(text, end)
        ch = text[digit_at] if digit_at < len(text) else ""
        digit = int(ch) if ch.isascii() and ch.isdigit() else self.grammar.digits.get(ch)  # 七成六, 9成4
        pair = text[digit_at:digit_at + 3]
        if text.startswith(self.half, end):
            scaled, end = scaled + 5, end + len(self.half)
        elif (not two_digits and entry.get("digit_after") and len(pair) >= 2 and pair[:2].isascii()
              and pair[:2].isdigit() and not pair[2:3].isdigit()):
            scaled, end = scaled + Decimal(pair[:2]) / 10, digit_at + 2  # 3成21 = 32.1% (a batting average)
        elif (not two_digits and entry.get("digit_after") and digit and digit_at + 1 in words.ends
              and (digit_at + 1 == len(text) or (text[digit_at + 1] not in self.grammar.cn_chars
                                                 and not text[digit_at + 1].isdigit()))):
            scaled, end = scaled + digit, digit_at + 1  # 七成六 = 76%
        limit = 100 if entry.get("two_digit_percent") else 100.0001
        if not 0 < scaled < limit:
            return None
        post, after = self.qualifiers.after_at(text, end)  # 八成以上, 两成多
        if post:
            end = after
        number = self.grammar.number(numeral, pre, post)
        scaled_max = None  # 6到7成 = 60% to 70%
        if numeral.exact_max is not None and not two_digits and end == numeral.end + len(word) + len(post):
            scaled_max = numeral.exact_max * 10
        fields = {**value_fields(scaled, scaled_max), "qualifier": number.qualifier, "bound": number.bound,
                  "unit": "%", "object": "", "kind": "percent"}
        return Mention("numeric", start, end, text[start:end], entry["id"], fields)
