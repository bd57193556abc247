"""Numeral grammar: finds and reads numerals in normalized text.

Arabic (``1,800``, ``2.5``, ``.5``, ``2e5``, ``40k``), Chinese (``一千八百``, ``两千四百五``,
``一万零十二``, financial ``贰佰``, ``廿``), mixed (``1.9万``, ``3万4千``, ``4.78万亿``),
Chinese decimals (``二点五``), negatives (``负三十二``), fractions (``五分之一``, ``3又一千分之23``,
``3/5``), approximate forms (``十几万``, ``500余万``, ``数百``) and ranges (``10-20万``, ``两三``).
The vocabulary is data (rules/numerics.yaml, ``numerals``); this module is the reader that
composes it, with the steps of ``extract.numeral_steps`` (each reading names the steps that built
it: ``Numeral.provenance``). ``NumeralGrammar.read`` reads the longest numeral at a position, ``find`` scans a
text, ``parse`` reads a qualified numeral such as ``超1800万`` into a ``Number``.

An approximate digit (几, 数) or an inner 多/余 gives the floor of the reading and marks it
approximate: ``十几万`` is 100000 and more, ``数百`` 100 and more.

The reader computes in decimal arithmetic (``extract.decimals.EXACT``: 50 significant digits, no
exponent limit), so ``1234567890123元`` and ``9007199254740993`` keep every digit
(``Numeral.exact``); the float ``value`` is derived from it.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal, localcontext
from functools import lru_cache
from typing import Mapping

import regex

from .decimals import EXACT, plain
from .errors import XinwenError
from .numeral_steps import ARABIC_CHARS, SPACE_CHARS, read_unsigned, skip_spaces, step_table
from .rules import load_rules

_ZERO = Decimal(0)


class NumberError(XinwenError, ValueError):
    """Text that is not a numeral this grammar reads."""


@dataclass(frozen=True)
class Number:
    """A qualified number. ``value`` is exact (an int for a whole number); ``exact`` is the same
    value as a Decimal (kept out of the repr, which stays short)."""

    value: float | int | None
    value_max: float | int | None = None
    bound: str = "exact"
    qualifier: str = ""
    exact: Decimal | None = field(default=None, repr=False, compare=False)


@dataclass(frozen=True)
class Numeral:
    """A numeral found in text: half-open offsets, its value, the top of a range, the
    approximation marks written inside it (几, 数, 多, 余) and its form. ``provenance`` names the
    reader's steps that built it, in order (``("digit", "unit", "scale")`` for 一千八百万): for
    tracing a reading, never written to the tables."""

    start: int
    end: int
    value: float
    value_max: float | None = None
    approx: str = ""
    form: str = "number"  # number, fraction, range, percent
    chinese_start: bool = False  # starts with a Chinese numeral character (word checks apply)
    denominator: float | None = None  # of a fraction written A分之B (a proportion)
    exact: Decimal = _ZERO  # ``value`` in decimal arithmetic (EXACT): every digit as written
    exact_max: Decimal | None = None  # ``value_max`` likewise
    provenance: tuple[str, ...] = field(default=(), compare=False)


_new = object.__new__


def _numeral(start: int, end: int, exact: Decimal, exact_max: Decimal | None = None, approx: str = "",
             form: str = "number", chinese_start: bool = False, denominator: Decimal | None = None,
             provenance: tuple[str, ...] = ()) -> Numeral:
    """A Numeral whose float fields are derived from its exact ones (one source of truth). Its fields
    are filled in at once, not by the frozen dataclass's ``__init__`` (one guarded ``setattr`` a
    field, twice the cost): a numeral is made at every position where one may begin."""
    numeral = _new(Numeral)
    numeral.__dict__.update(
        start=start, end=end, value=float(exact), value_max=None if exact_max is None else float(exact_max),
        approx=approx, form=form, chinese_start=chinese_start,
        denominator=None if denominator is None else float(denominator), exact=exact, exact_max=exact_max,
        provenance=provenance)
    return numeral


def _decimal(value) -> Decimal:
    """A lexicon number (YAML int, float or string) as the exact decimal it is written as."""
    return Decimal(str(value))


_MIXED = regex.compile(r"[ \t]+(\d+)[/／](\d+)(?![\d/])")
_SLASH = regex.compile(r"[/／](\d+)(?![\d/])")


def _first_chars(words) -> frozenset[str] | None:
    """The characters ``words`` begin with; None when one is empty (it begins anywhere)."""
    words = list(words)
    return None if not all(words) else frozenset(w[0] for w in words)


def _may_begin(text: str, pos: int, first: frozenset[str] | None) -> bool:
    """Whether one of the words whose first characters are ``first`` can begin at ``pos``."""
    return first is None or text[pos:pos + 1] in first


def qualifier_words(entry: Mapping, side: str) -> list[str]:
    """The words of a ``qualifiers`` entry written on ``side`` ("before" or "after") of a number:
    its comparison words (``compares_before``, ``compares_after``) and the others."""
    return [*entry.get(side, ()), *entry.get("compares_" + side, ())]


class NumeralGrammar:
    """Reads numerals with the numerals lexicon; qualifiers map the words around them to bounds."""

    def __init__(self, numerals: Mapping, qualifiers: list[Mapping] = ()):
        self._lexicon(numerals)
        self._patterns()
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        for entry in qualifiers:
            for word in qualifier_words(entry, "before"):
                self.before[word] = entry["bound"]
            for word in qualifier_words(entry, "after"):
                self.after[word] = entry["bound"]

    def _lexicon(self, numerals: Mapping) -> None:
        self.digits = dict(numerals["digits"])
        self.digit_values = {k: _decimal(v) for k, v in self.digits.items()}
        self.loose_pairs = {(a, b) for a, b in numerals.get("loose_pairs", ())}
        self.units = {k: _decimal(v) for k, v in numerals["units"].items()}
        self.tens = dict(numerals.get("tens", {}))
        self.scales = {k: _decimal(v) for k, v in numerals["scales"].items()}
        self.scales_need_more = set(numerals.get("scales_need_more", []))
        self.unknown = {k: tuple(v) for k, v in numerals.get("unknown_digits", {}).items()}
        self.inner_approx = set(numerals.get("inner_approx", ["多", "余"]))
        self.zeros = {k for k, v in self.digits.items() if v == 0}
        self.decimal_points = set(numerals.get("decimal_points", ["点"]))
        self.word_points = self.decimal_points - {"."}  # "." is read with the Arabic digits
        self.negative = list(numerals.get("negative_signs", ["负"]))
        self.sign_after_han = set(numerals.get("hyphen_sign_after", []))
        self.not_sign_after = set(numerals.get("negative_word_heads", []))
        self.fraction_of = numerals.get("fraction_of", "分之")
        self.fraction_and = numerals.get("fraction_and", "又")
        self.latin_scales = {k: _decimal(v) for k, v in numerals.get("latin_scales", {}).items()}
        self.fixed = {k: _decimal(v) for k, v in numerals.get("fixed_words", {}).items()}
        self.fixed_sorted = sorted(self.fixed, key=len, reverse=True)
        self.count_only = set(numerals.get("count_only_digits", []))
        self.multipliers = {k: _decimal(v) for k, v in numerals.get("multipliers", {}).items()}
        self.percent_forms = dict(numerals.get("percent_forms", {}))
        self.separators = sorted(numerals.get("range_separators", []), key=len, reverse=True)
        self.neighbour_separators = list(numerals.get("neighbour_range_separators", []))
        self.cn_chars = "".join(self.digits) + "".join(self.units) + "".join(self.tens) + "".join(self.unknown)
        self.space_chars, self.arabic_chars = SPACE_CHARS, ARABIC_CHARS
        self.steps_by_char = step_table(self)

    def _patterns(self) -> None:
        """The lexicon compiled for the reader: patterns, and first characters to test before them
        (read() runs at every numeral start and tries each sign, percent form and separator; most
        positions have none)."""
        place_digits = regex.escape("".join(k for k in self.digits if k not in self.count_only))
        # 百分之 may be written with spaces (百 分 之 2) in scraped text
        self._percent_patterns = [(form, regex.compile("[ \t]*".join(map(regex.escape, form)) + "[ \t]*"))
                                  for form in sorted(self.percent_forms, key=len, reverse=True)]
        self._of_re = regex.compile("[ \t]*".join(map(regex.escape, self.fraction_of)) + "[ \t]*")
        scale_chars = regex.escape("".join(self.scales))
        self._scale_tail = regex.compile(rf"[{scale_chars}]+$")
        self._scale_any = regex.compile(rf"[{scale_chars}]")
        self.decimal_patterns = {c: regex.compile(rf"[ \t]*{regex.escape(c)}[ \t]*([{place_digits}]+|\d+)")
                                 for c in self.decimal_points}
        starts = set(self.cn_chars) | {w[0] for w in self.fixed} | ARABIC_CHARS | set(self.scales)
        self._negative_first = _first_chars(self.negative)
        self._percent_first = _first_chars(self.percent_forms)
        self._separator_first = _first_chars(self.separators + self.neighbour_separators)
        self._fraction_first = _first_chars([self.fraction_and, self.fraction_of, "/", "／", *SPACE_CHARS])
        self._start_re = regex.compile("|".join(
            [f"[{regex.escape(''.join(sorted(starts)))}]"] + [regex.escape(n) for n in self.negative]))

    # -- reading one numeral ---------------------------------------------------------------
    def read(self, text: str, pos: int = 0, *, ranges: bool = True) -> Numeral | None:
        """The longest numeral starting at ``pos`` (sign, fraction, range included), or None."""
        with localcontext(EXACT):
            return self._read(text, pos, ranges=ranges)

    def _read(self, text: str, pos: int, *, ranges: bool = True, percent: bool = True) -> Numeral | None:
        """``read`` in the EXACT context, step by step: a sign, then a percent form (百分之), two
        adjacent digits (两三) or an unsigned numeral (``read_unsigned``), which a fraction, a
        multiplier (一打) or a range may extend. ``percent=False`` where a percent form may not
        begin (inside another one, or the top of a range): there it reads as nothing, as it always
        did, and ``百分之`` written 500 times is read in two steps, not 500 nested calls."""
        sign, i = self._sign(text, pos) if _may_begin(text, pos, self._negative_first) else (1, pos)
        form = self._percent_at(text, i)
        if form is not None:
            return self._percent_form(text, pos, form, sign) if percent else None
        pair = self._adjacent_digits(text, i) if sign > 0 else None
        if pair is not None:
            return pair
        first = read_unsigned(self, text, i)
        if first is None:
            return None
        value, end, approx, steps = first
        chinese_start = text[i] not in ARABIC_CHARS
        numeral = _numeral(pos, end, sign * value, None, approx, "number", chinese_start, None,
                           ("negative", *steps) if sign < 0 else steps)
        numeral = self._fraction(text, numeral, sign) or numeral
        if numeral.form == "number" and text[numeral.end:numeral.end + 1] in self.multipliers:
            factor = self.multipliers[text[numeral.end]]
            numeral = _numeral(pos, numeral.end + 1, numeral.exact * factor, None, approx, "number", chinese_start,
                               None, (*numeral.provenance, "multiplier"))
        if ranges and numeral.form == "number":
            numeral = self._range(text, numeral) or numeral
        return numeral

    def _sign(self, text: str, pos: int) -> tuple[int, int]:
        """(-1, after the sign) at a negative sign (负, -), else (1, pos). A hyphen after a letter,
        digit or point joins words (COVID-19, 3-5, 歼-10) and is no sign, except after a Han word
        that leads a value (``hyphen_sign_after``: 从-5%, 降至-30℃)."""
        for neg in self.negative:
            if text.startswith(neg, pos):
                if neg in "-－−" and pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in ".-") \
                        and text[pos - 1] not in self.sign_after_han:
                    continue
                if pos > 0 and text[pos - 1] in self.not_sign_after and neg in ("负", "負"):
                    continue  # 减负5000多亿元, 税负, 不负: 负 ends a word
                return -1, pos + len(neg)
        return 1, pos

    def _percent_at(self, text: str, pos: int):
        """(form, match) of the percent form (``百分之``) written at ``pos``, or None."""
        if not _may_begin(text, pos, self._percent_first):
            return None
        for form, pattern in self._percent_patterns:
            m = pattern.match(text, pos)
            if m and not (pos > 0 and (text[pos - 1] in self.cn_chars or text[pos - 1].isdigit())):
                return form, m
        return None

    def _percent_form(self, text: str, pos: int, found, sign: int) -> Numeral | None:
        """``百分之十五`` (15, %), ``千分之五`` (5, ‰): the number after the form, marked percent."""
        form, m = found
        inner = self._read(text, m.end(), percent=False)
        if inner is None or inner.form not in ("number", "range"):
            return None
        return _numeral(pos, inner.end, sign * inner.exact, inner.exact_max, inner.approx,
                        "percent:" + self.percent_forms[form], True, None, ("percent_form", *inner.provenance))

    def _adjacent_digits(self, text: str, pos: int) -> Numeral | None:
        """``两三个`` = 2 to 3, ``七八十`` = 70 to 80, ``两三万`` = 20000 to 30000; and the pairs of
        ``loose_pairs`` that are not neighbours (三五块钱 = 3 to 5)."""
        if pos + 1 >= len(text):
            return None
        a, b = self.digits.get(text[pos]), self.digits.get(text[pos + 1])
        if not a or not b or (b != a + 1 and (a, b) not in self.loose_pairs) \
                or (pos + 2 < len(text) and text[pos + 2] in self.digits):
            return None
        low, high, end = Decimal(a), Decimal(b), pos + 2
        if end < len(text) and text[end] in self.units:
            low, high, end = low * self.units[text[end]], high * self.units[text[end]], end + 1
        while end < len(text) and text[end] in self.scales and text[end] not in self.scales_need_more:
            low, high, end = low * self.scales[text[end]], high * self.scales[text[end]], end + 1
        return _numeral(pos, end, low, high, "", "range", True, None, ("adjacent_digits",))

    def _fraction(self, text: str, numeral: Numeral, sign: int) -> Numeral | None:
        """``A分之B`` = B/A, ``C又A分之B`` = C + B/A, Arabic ``a/b`` and ``c a/b``."""
        end = numeral.end
        if not _may_begin(text, end, self._fraction_first):
            return None  # most numerals: no fraction follows
        whole = _ZERO
        j = skip_spaces(text, end)
        if text.startswith(self.fraction_and, j):
            after = read_unsigned(self, text, skip_spaces(text, j + len(self.fraction_and)))
            if after is None:
                return None
            whole, denominator, k = abs(numeral.exact), after[0], after[1]
        else:
            denominator, k = abs(numeral.exact), end
        k2 = skip_spaces(text, k)
        of = self._of_re.match(text, k2) if text.startswith(self.fraction_of[0], k2) else None
        if of:
            m = of.end()
            inner_sign = 1
            for neg in self.negative:
                if neg != "-" and text.startswith(neg, m):
                    inner_sign, m = -1, m + len(neg)
                    break
            numerator = read_unsigned(self, text, m)
            if numerator is None or denominator == 0:
                return None
            value = sign * (whole + inner_sign * numerator[0] / denominator)
            return _numeral(numeral.start, numerator[1], value, None, "", "fraction", numeral.chinese_start,
                            None if whole else denominator, (*numeral.provenance, "fraction"))
        return None if whole else self._arabic_fraction(text, numeral, sign)

    def _arabic_fraction(self, text: str, numeral: Numeral, sign: int) -> Numeral | None:
        """Arabic ``a/b``, and ``c a/b`` (a mixed number written with a space)."""
        end = numeral.end
        mixed = _MIXED.match(text, end) if text[end - 1:end].isdigit() and text[end:end + 1] in " \t" else None
        if end < len(text) and text[end] in "/／":
            slash = _SLASH.match(text, end)
            if slash and Decimal(slash.group(1)):  # Decimal, not int: 5,000 digits are no error
                value = abs(numeral.exact) / Decimal(slash.group(1))
                return _numeral(numeral.start, slash.end(), sign * value, None, "", "fraction", numeral.chinese_start,
                                None, (*numeral.provenance, "slash_fraction"))
        if mixed and Decimal(mixed.group(2)):
            value = abs(numeral.exact) + Decimal(mixed.group(1)) / Decimal(mixed.group(2))
            return _numeral(numeral.start, mixed.end(), sign * value, None, "", "fraction", numeral.chinese_start,
                            None, (*numeral.provenance, "mixed_fraction"))
        return None

    def _range(self, text: str, numeral: Numeral) -> Numeral | None:
        """``10-20万``, ``3至5万``, ``一千到一千五百``: the low end takes the high end's scale."""
        if not _may_begin(text, numeral.end, self._separator_first):
            return None
        for sep in self.separators + self.neighbour_separators:
            if not text.startswith(sep, numeral.end):
                continue
            high = self._read(text, numeral.end + len(sep), ranges=False, percent=False)
            if high is None or high.form != "number" or high.exact < 0:
                return None
            place = self._neighbours(text, numeral, high) if sep in self.neighbour_separators else None
            if sep in self.neighbour_separators and place is None:
                return None
            low_value = numeral.exact * place if place is not None else numeral.exact
            high_text = text[high.start:high.end]
            low_text = text[numeral.start:numeral.end]
            tail = self._scale_tail.search(high_text) if place is None else None
            if tail and not self._scale_any.search(low_text):
                for ch in tail.group():
                    low_value *= self.scales[ch]
            if high.exact <= low_value:
                return None
            return _numeral(numeral.start, high.end, low_value, high.exact, numeral.approx or high.approx, "range",
                            numeral.chinese_start, None, (*numeral.provenance, "range"))
        return None

    def _neighbours(self, text: str, low: Numeral, high: Numeral) -> Decimal | None:
        """3、4千元, 六、七人: two neighbouring digits joined by 、 are an approximate range, the low one
        in the high one's place (3、4千 = 3000 to 4000); the place, or None. A list (1、2、3) is none."""
        low_text, high_text = text[low.start:low.end], text[high.start:high.end]
        seps = tuple(self.neighbour_separators)
        if len(low_text) != 1 or text.startswith(seps, high.end) or text[:low.start].endswith(seps):
            return None
        head = self.digit_values.get(high_text[0], Decimal(high_text[0]) if high_text[0].isdigit() else None)
        if not head or head != low.exact + 1 or not (len(high_text) == 1 or high_text[1] in self.scales
                                                     or high_text[1] in self.units):
            return None
        return high.exact / head

    # -- scanning a text ------------------------------------------------------------------
    def find(self, text: str) -> list[Numeral]:
        """Every numeral in ``text``, left to right, without overlaps (longest at each start)."""
        found: list[Numeral] = []
        position = 0
        with localcontext(EXACT):
            for candidate in self._start_re.finditer(text):  # only where a numeral can begin
                i = candidate.start()
                if i < position:
                    continue
                numeral = self._read(text, i)
                if numeral is not None and numeral.end > i:
                    found.append(numeral)
                    position = numeral.end
        return found

    # -- values of whole strings (used by other matchers) ---------------------------------
    def value(self, text: str) -> tuple[float, float]:
        """(low, high) of a string that is one numeral, whole; high == low unless it is a range."""
        text = text.strip()
        if not text:
            raise NumberError("empty numeral")
        numeral = self.read(text, 0)
        if numeral is None or numeral.end != len(text):
            raise NumberError(f"{text!r} is not one numeral")
        high = numeral.value_max if numeral.value_max is not None else numeral.value
        return numeral.value, high

    # -- whole expressions ------------------------------------------------------------
    def parse(self, text: str) -> Number:
        """Qualifiers + numeral (+ range) + trailing qualifiers; units are not read here."""
        text = text.strip()
        before = ""
        for word in sorted(self.before, key=len, reverse=True):
            if text.startswith(word) and len(text) > len(word):
                before, text = word, text[len(word):]
                break
        after_words: list[str] = []
        while True:
            for word in sorted(self.after, key=len, reverse=True):
                if text.endswith(word) and len(text) > len(word):
                    after_words.insert(0, word)
                    text = text[: -len(word)]
                    break
            else:
                break
        numeral = self.read(text, 0)
        if numeral is None or numeral.end != len(text):
            raise NumberError(f"{text!r} is not a numeral")
        return self.number(numeral, before, "".join(after_words))

    def number(self, numeral: Numeral, before: str = "", after: str = "") -> Number:
        """A ``Number`` from a numeral and the qualifier words written around it; its bound is the
        first of theirs that bounds it on one side (约6成以上, 约2万8500元起: lower; the audit's
        rulings), else approx when one is, else exact (an unknown digit, 十几万, bounds it below)."""
        approx = numeral.approx
        marks = [c for c in approx if c in self.after] if approx else []
        tail = [self.after[c] for c in marks]
        if after:
            tail.append(self.after.get(after, "exact"))
        if approx and numeral.value_max is None and any(c in self.unknown for c in approx):
            tail.append("lower")
        if numeral.exact < 0:  # 零下10多度 is colder than -10: "more" below zero bounds it from above
            tail = [_FLIPPED.get(b, b) for b in tail]
        bounds = ([self.before.get(before, "exact")] if before else []) + tail
        bound = next((b for b in bounds if b in ("lower", "upper")), next((b for b in bounds if b != "exact"), "exact"))
        value_max = plain(numeral.exact_max) if numeral.exact_max is not None else None
        return Number(plain(numeral.exact), value_max, bound, before + "".join(marks) + after, numeral.exact)


_FLIPPED = {"lower": "upper", "upper": "lower"}


@lru_cache(maxsize=4)
def _default_grammar() -> NumeralGrammar:
    family = load_rules().family("numerics")
    return NumeralGrammar(family["numerals"], family["qualifiers"])


def parse_number(text: str, grammar: NumeralGrammar | None = None) -> Number:
    """Parse a qualified numeral such as ``超1800万``, ``1.9万余``, ``十几万``, ``3至5万``."""
    return (grammar or _default_grammar()).parse(text.strip())


def find_numerals(text: str, grammar: NumeralGrammar | None = None) -> list[Numeral]:
    """Every numeral in a (normalized) text: the recognizer the numeric claims are built on."""
    return (grammar or _default_grammar()).find(text)
