"""Small counts inside dates (三, 二十三, 两千零四), read by the numeral grammar of rules/numerics.yaml."""
from __future__ import annotations

import functools

from ..numerals import NumberError, NumeralGrammar


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
