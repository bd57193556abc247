"""Numeral grammar: Arabic, Chinese, financial and mixed numerals, scales, approximate and ranged
forms, with qualifiers mapped to bounds. The vocabulary is data (rules/numerics.yaml); this module
composes it. ``parse_number("1.9万余")`` -> value 19000, bound lower.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Mapping

import regex

from .rules import load_rules


class NumberError(ValueError):
    """Text that is not a numeral this grammar reads."""


@dataclass(frozen=True)
class Number:
    value: float | int
    value_max: float | int | None = None
    bound: str = "exact"
    qualifier: str = ""


def _tidy(x: float) -> float | int:
    x = round(x, 6)
    return int(x) if float(x).is_integer() else x


class NumeralGrammar:
    """Reads a numeral (no unit) into a value and optional maximum, using the numerals lexicon."""

    def __init__(self, numerals: Mapping, qualifiers: list[Mapping]):
        self.digits = dict(numerals["digits"])
        self.units = dict(numerals["units"])
        self.tens = dict(numerals.get("tens", {}))
        self.scales = dict(numerals["scales"])
        self.unknown = {k: tuple(v) for k, v in numerals.get("unknown_digits", {}).items()}
        self.separators = sorted(numerals.get("range_separators", []), key=len, reverse=True)
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        for entry in qualifiers:
            for word in entry.get("before", []):
                self.before[word] = entry["bound"]
            for word in entry.get("after", []):
                self.after[word] = entry["bound"]
        chars = "".join(self.digits) + "".join(self.units) + "".join(self.tens) + "".join(self.unknown)
        self.cn_chars = chars
        scale = "".join(self.scales)
        # One numeral: digits or Chinese numerals, optionally interleaved with scales (3万4千, 18亿5000万).
        small = regex.escape("".join(self.units))
        self.atom = rf"(?:\d+(?:,\d{{3}})*(?:\.\d+)?(?:[{small}](?![\d{small}]))?|[{regex.escape(chars)}]+)"
        self.numeral = rf"{self.atom}(?:[多余]?[{scale}]+(?:{self.atom}[{regex.escape(''.join(self.units))}{scale}]?)*)?"
        self._numeral_re = regex.compile(self.numeral)

    # -- values --------------------------------------------------------------------------
    def value(self, text: str) -> tuple[float, float]:
        """(low, high) of one numeral; high == low unless it holds 几/数 or adjacent digits (两三)."""
        text = text.replace(",", "")
        if not text:
            raise NumberError("empty numeral")
        pair = self._adjacent_digits(text)
        if pair:
            return pair
        if any(ch in text for ch in self.unknown):
            low_text, high_text = self._substitute(text, 0), self._substitute(text, 1)
            return self._exact(low_text), self._exact(high_text)
        v = self._exact(text)
        return v, v

    def _substitute(self, text: str, end: int) -> str:
        """Replace 几/数 by the low (end=0) or high (end=1) digit: 十几 = 11..19, 几十 = 20..90."""
        by_value = {v: k for k, v in self.digits.items() if k in "一二三四五六七八九"}
        out = []
        for i, ch in enumerate(text):
            if ch in self.unknown:
                digit = self.unknown[ch][end]
                before_unit = i + 1 < len(text) and (text[i + 1] in self.units or text[i + 1] in self.scales)
                after_unit = i > 0 and text[i - 1] in self.units
                if end == 0 and before_unit and not after_unit:
                    digit = max(digit, 2)
                out.append(by_value[digit])
            else:
                out.append(ch)
        return "".join(out)

    def _adjacent_digits(self, text: str) -> tuple[float, float] | None:
        m = regex.fullmatch(rf"([{''.join(k for k in self.digits if self.digits[k])}])([{''.join(k for k in self.digits if self.digits[k])}])([{''.join(self.units)}{''.join(self.scales)}]*)", text)
        if not m:
            return None
        a, b = self.digits[m.group(1)], self.digits[m.group(2)]
        if b != a + 1:
            return None
        tail = m.group(3)
        return self._exact(m.group(1) + tail), self._exact(m.group(2) + tail)

    def _exact(self, text: str) -> float:
        total, section, current = 0.0, 0.0, None
        pos, last_was_digit = 0, False
        while pos < len(text):
            m = regex.match(r"\d+(?:\.\d+)?", text[pos:])
            if m:
                current = float(m.group())
                pos += m.end()
                last_was_digit = False
                continue
            ch = text[pos]
            pos += 1
            if ch in self.digits:
                d = self.digits[ch]
                current = current * 10 + d if (last_was_digit and current is not None) else d
                last_was_digit = True
            elif ch in self.tens:
                section += self.tens[ch]
                current, last_was_digit = None, False
            elif ch in self.units:
                section += (current if current is not None else 1) * self.units[ch]
                current, last_was_digit = None, False
            elif ch in self.scales:
                scale = self.scales[ch]
                group = section + (current or 0)
                if group == 0 and total == 0:
                    group = 1
                if total and scale > total:
                    total = (total + group) * scale
                elif scale >= 1e8:
                    total = (total + group) * scale
                else:
                    total += group * scale
                section, current, last_was_digit = 0.0, None, False
            else:
                raise NumberError(f"{ch!r} is not part of a numeral in {text!r}")
        # 一千八 = 1800, 三万五 = 35000: a trailing digit after a unit takes the next lower place.
        if current is not None and not last_was_digit:
            return total + section + current
        if current is not None and section and text[-2:-1] in self.units and len(text) >= 2:
            return total + section + current * self.units[text[-2]] / 10
        if current is not None and total and not section and text[-2:-1] in self.scales:
            return total + current * self.scales[text[-2]] / 10
        return total + section + (current or 0)

    # -- whole expressions ------------------------------------------------------------
    def parse(self, text: str) -> Number:
        """Qualifiers + numeral (+ range) + trailing qualifiers; units are not read here."""
        before = ""
        for word in sorted(self.before, key=len, reverse=True):
            if text.startswith(word) and len(text) > len(word):
                before, text = word, text[len(word):]
                break
        after_words = []
        while True:
            for word in sorted(self.after, key=len, reverse=True):
                if text.endswith(word) and len(text) > len(word):
                    after_words.insert(0, word)
                    text = text[: -len(word)]
                    break
            else:
                break
        inner = regex.search(r"(?<=[\d\p{Han}])([多余])(?=[万亿]+$)", text)
        if inner:
            after_words.insert(0, inner.group(1))
            text = text[: inner.start()] + text[inner.end():]
        low, high = self._range_or_value(text)
        bounds = [self.after[w] for w in after_words] + ([self.before[before]] if before else [])
        bound = next((b for b in bounds if b != "exact"), "exact")
        qualifiers = [w for w in ([before] if before else []) + after_words]
        value_max = _tidy(high) if high != low else None
        return Number(_tidy(low), value_max, bound, "".join(qualifiers))

    def _range_or_value(self, text: str) -> tuple[float, float]:
        for sep in self.separators:
            if sep in text.strip(sep):
                left, right = text.split(sep, 1)
                scale_tail = regex.search(rf"[{''.join(self.scales)}]+$", right)
                lo_text = left
                if scale_tail and not regex.search(rf"[{''.join(self.scales)}]$", left):
                    lo_text = left + scale_tail.group()
                lo, _ = self.value(lo_text)
                hi_low, hi = self.value(right)
                if hi >= lo:
                    return lo, hi
                raise NumberError(f"range {text!r} runs backwards")
        return self.value(text)


@lru_cache(maxsize=4)
def _default_grammar() -> NumeralGrammar:
    family = load_rules().family("numerics")
    return NumeralGrammar(family["numerals"], family["qualifiers"])


def parse_number(text: str, grammar: NumeralGrammar | None = None) -> Number:
    """Parse a qualified numeral such as ``超1800万``, ``1.9万余``, ``十几万``, ``3至5万``."""
    return (grammar or _default_grammar()).parse(text.strip())
