"""Numeral grammar: finds and reads numerals in normalized text.

Arabic (``1,800``, ``2.5``, ``.5``, ``2e5``, ``40k``), Chinese (``一千八百``, ``两千四百五``,
``一万零十二``, financial ``贰佰``, ``廿``), mixed (``1.9万``, ``3万4千``, ``4.78万亿``),
Chinese decimals (``二点五``), negatives (``负三十二``), fractions (``五分之一``, ``3又一千分之23``,
``3/5``), approximate forms (``十几万``, ``500余万``, ``数百``) and ranges (``10-20万``, ``两三``).
The vocabulary is data (rules/numerics.yaml, ``numerals``); this module is the reader that
composes it. ``NumeralGrammar.read`` reads the longest numeral at a position, ``find`` scans a
text, ``parse`` reads a qualified numeral such as ``超1800万`` into a ``Number``.

An approximate digit (几, 数) or an inner 多/余 gives the floor of the reading and marks it
approximate: ``十几万`` is 100000 and more, ``数百`` 100 and more.

The reader computes in decimal arithmetic (``EXACT``: 50 significant digits, no exponent limit), so
``1234567890123元`` and ``9007199254740993`` keep every digit (``Numeral.exact``); the float
``value`` is derived from it, and ``table_value`` says when a float cannot hold it (``1e309``).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from decimal import MAX_EMAX, MIN_EMIN, Context, Decimal, DivisionByZero, InvalidOperation, Overflow, localcontext
from functools import lru_cache
from typing import Mapping

import regex

from .errors import XinwenError
from .rules import load_rules


# Decimal arithmetic of the reader: every number written with up to 50 significant digits is exact
# (a float keeps 15 to 17); only a fraction or power that does not end is rounded, at 50 digits.
EXACT = Context(prec=50, Emax=MAX_EMAX, Emin=MIN_EMIN, traps=[InvalidOperation, DivisionByZero, Overflow])
_ZERO, _ONE = Decimal(0), Decimal(1)
BEYOND_FLOAT = "beyond the float range: value is empty, value_exact holds it"
ROUNDED = "value is the nearest float; value_exact holds every digit"


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
    approximation marks written inside it (几, 数, 多, 余) and its form."""

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


def _numeral(start: int, end: int, exact: Decimal, exact_max: Decimal | None = None, approx: str = "",
             form: str = "number", chinese_start: bool = False, denominator: Decimal | None = None) -> Numeral:
    """A Numeral whose float fields are derived from its exact ones (one source of truth)."""
    return Numeral(start, end, float(exact), None if exact_max is None else float(exact_max), approx, form,
                   chinese_start, None if denominator is None else float(denominator), exact, exact_max)


def _tidy(x: float) -> float | int:
    if isinstance(x, float) and (math.isinf(x) or math.isnan(x)):
        return x
    x = float(f"{x:.12g}")  # twelve significant digits: float noise goes, 7e-08 stays
    return int(x) if x.is_integer() else x


def plain(exact: Decimal) -> int | float | None:
    """An exact decimal as a Python number: an int when whole (every digit kept), else a float;
    None beyond the float range (``1e309``), where ``exact`` alone holds it."""
    if not math.isfinite(float(exact)):
        return None
    return int(exact) if exact == exact.to_integral_value() else float(exact)


def table_value(exact: Decimal | None) -> tuple[int | float | None, str]:
    """The value for a float column and a note: empty when no float holds it (``1e309``, ``10^400``:
    not inf, which would read as a number), the nearest float when digits are lost (a note says so)."""
    if exact is None:
        return None, ""
    as_float = float(exact)
    if not math.isfinite(as_float):
        return None, BEYOND_FLOAT
    if Decimal(repr(as_float)) != exact:
        return as_float, ROUNDED
    return (int(as_float) if as_float.is_integer() else as_float), ""


def exact_text(exact: Decimal | None) -> str:
    """Decimal text of an exact value without exponent notation up to 60 digits (``1234567890123``,
    ``0.0005``), in scientific notation beyond (``1E+309``)."""
    if exact is None:
        return ""
    exact = exact.normalize(EXACT) if exact else _ZERO
    return format(exact, "f") if -60 < exact.adjusted() < 60 else str(exact)


def value_fields(exact: Decimal, exact_max: Decimal | None = None) -> dict:
    """The value columns of a claim from its exact value: ``value``/``value_max`` as floats (empty
    when no float holds them), ``value_exact`` with every digit, and a ``note`` when the float
    column is empty or lost digits. One function, so every kind of claim reports alike."""
    value, note = table_value(exact)
    value_max, note_max = table_value(exact_max)
    return {"value": value, "value_max": value_max, "value_exact": exact_text(exact), "note": note or note_max}


_ARABIC = regex.compile(r"(?:\d{1,3}(?:,\d{3})+(?![\d])|\d+)(?:\.\d+)?|\.\d+")
# exponents of at most four digits: a longer one is no exponent anyone writes (and int() refuses 4,300)
_EXPONENT = regex.compile(r"[eE]([+-]?\d{1,4})(?![\d.])")
_POWER = regex.compile(r"\^([+-]*)(\d{1,4}(?:\.\d{1,4})?)(?!\d)")
_SPACES = regex.compile(r"[ \t\u3000]+")
_SPACE_CHARS = frozenset(" \t\u3000")  # what _SPACES matches, one character


class _State:
    """The running sum of a Chinese/Arabic integer: finished scale groups, the section below the
    current scale, and the digit not yet placed."""

    __slots__ = ("total", "section", "pending", "pending_kind", "last_unit", "last_scale", "zero",
                 "scale_just", "approx", "digits_string", "units_seen", "scale_seen")

    def __init__(self):
        self.total = _ZERO
        self.section = _ZERO
        self.pending: Decimal | None = None
        self.pending_kind = ""  # "cn" (one Chinese digit), "ar" (Arabic), "str" (digit string)
        self.last_unit = _ZERO  # the last unit (十百千) of this section, 0 when none
        self.last_scale = math.inf  # the last scale (万亿兆) seen
        self.zero = False  # a 零 since the last unit or scale
        self.scale_just = _ZERO  # the scale just read, when the previous token was a scale
        self.approx = ""
        self.digits_string = False
        self.units_seen = False
        self.scale_seen = False

    def copy(self) -> "_State":
        other = _State()
        for name in self.__slots__:
            setattr(other, name, getattr(self, name))
        return other

    def value(self) -> Decimal:
        """Value at this point; a lone Chinese digit right after a unit or scale takes the next
        lower place (一千八 = 1800, 一万三 = 13000) unless a 零 came between (一千零八 = 1008)."""
        pending = self.pending
        if pending is not None and self.pending_kind == "cn" and not self.zero:
            if self.last_unit >= 10 and self.section:
                pending *= self.last_unit / 10
            elif self.scale_just and not self.section:
                pending *= self.scale_just / 10
        return self.total + self.section + (pending or _ZERO)


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


class NumeralGrammar:
    """Reads numerals with the numerals lexicon; qualifiers map the words around them to bounds."""

    def __init__(self, numerals: Mapping, qualifiers: list[Mapping] = ()):
        self.digits = dict(numerals["digits"])
        self.units = {k: _decimal(v) for k, v in numerals["units"].items()}
        self.tens = dict(numerals.get("tens", {}))
        self.scales = {k: _decimal(v) for k, v in numerals["scales"].items()}
        self.scales_need_more = set(numerals.get("scales_need_more", []))
        self.unknown = {k: tuple(v) for k, v in numerals.get("unknown_digits", {}).items()}
        self.inner_approx = set(numerals.get("inner_approx", ["多", "余"]))
        self.zeros = {k for k, v in self.digits.items() if v == 0}
        self.decimal_points = set(numerals.get("decimal_points", ["点"]))
        self.negative = list(numerals.get("negative_signs", ["负"]))
        self.fraction_of = numerals.get("fraction_of", "分之")
        self.fraction_and = numerals.get("fraction_and", "又")
        self.latin_scales = {k: _decimal(v) for k, v in numerals.get("latin_scales", {}).items()}
        self.fixed = {k: _decimal(v) for k, v in numerals.get("fixed_words", {}).items()}
        self.count_only = set(numerals.get("count_only_digits", []))
        self.place_digits = regex.escape("".join(k for k in self.digits if k not in self.count_only))
        self.multipliers = {k: _decimal(v) for k, v in numerals.get("multipliers", {}).items()}
        self._digit_exact = {k: _decimal(v) for k, v in self.digits.items()}
        self.percent_forms = dict(numerals.get("percent_forms", {}))
        # 百分之 may be written with spaces (百 分 之 2) in scraped text
        self._percent_patterns = [(form, regex.compile("[ \t]*".join(map(regex.escape, form)) + "[ \t]*"))
                                  for form in sorted(self.percent_forms, key=len, reverse=True)]
        self.separators = sorted(numerals.get("range_separators", []), key=len, reverse=True)
        self._of_re = regex.compile("[ \t]*".join(map(regex.escape, self.fraction_of)) + "[ \t]*")
        scale_chars = regex.escape("".join(self.scales))
        self._scale_tail = regex.compile(rf"[{scale_chars}]+$")
        self._scale_any = regex.compile(rf"[{scale_chars}]")
        self._decimal_re = {c: regex.compile(rf"[ \t]*{regex.escape(c)}[ \t]*([{self.place_digits}]+|\d+)")
                            for c in self.decimal_points}
        self.before: dict[str, str] = {}
        self.after: dict[str, str] = {}
        for entry in qualifiers:
            for word in entry.get("before", []):
                self.before[word] = entry["bound"]
            for word in entry.get("after", []):
                self.after[word] = entry["bound"]
        self.cn_chars = "".join(self.digits) + "".join(self.units) + "".join(self.tens) + "".join(self.unknown)
        self._starts = set(self.cn_chars) | set(self.fixed_first()) | set("0123456789.") | set(self.scales)
        self._fixed_sorted = sorted(self.fixed, key=len, reverse=True)
        # first characters of the signs, percent forms and range separators: read() runs at every
        # numeral start and tries each of them; most positions have none
        self._negative_first = _first_chars(self.negative)
        self._percent_first = _first_chars(self.percent_forms)
        self._separator_first = _first_chars(self.separators)
        self._start_re = regex.compile("|".join(
            [f"[{regex.escape(''.join(sorted(self._starts)))}]"] + [regex.escape(n) for n in self.negative]))

    def fixed_first(self) -> str:
        return "".join(w[0] for w in self.fixed)

    # -- reading one numeral ---------------------------------------------------------------
    def read(self, text: str, pos: int = 0, *, ranges: bool = True) -> Numeral | None:
        """The longest numeral starting at ``pos`` (sign, fraction, range included), or None."""
        with localcontext(EXACT):
            return self._read(text, pos, ranges=ranges)

    def _read(self, text: str, pos: int, *, ranges: bool = True, percent: bool = True) -> Numeral | None:
        """``read`` in the EXACT context. ``percent=False`` where a percent form may not begin (inside
        another one, or the top of a range): there it reads as nothing, as it always did, and
        ``百分之`` written 500 times is read in two steps, not 500 nested calls."""
        sign, i = 1, pos
        for neg in self.negative if _may_begin(text, pos, self._negative_first) else ():
            if text.startswith(neg, pos):
                if neg in "-－−" and pos > 0 and (text[pos - 1].isalnum() or text[pos - 1] in ".-"):
                    continue
                sign, i = -1, pos + len(neg)
                break
        form = self._percent_at(text, i)
        if form is not None:
            return self._percent_form(text, pos, form, sign) if percent else None
        pair = self._adjacent_digits(text, i) if sign > 0 else None
        if pair is not None:
            return pair
        first = self._unsigned(text, i)
        if first is None:
            return None
        value, end, approx = first
        chinese_start = text[i] not in "0123456789."
        numeral = _numeral(pos, end, sign * value, None, approx, "number", chinese_start)
        numeral = self._fraction(text, numeral, sign) or numeral
        if numeral.form == "number" and text[numeral.end:numeral.end + 1] in self.multipliers:
            factor = self.multipliers[text[numeral.end]]
            numeral = _numeral(pos, numeral.end + 1, numeral.exact * factor, None, approx, "number", chinese_start)
        if ranges and numeral.form == "number":
            numeral = self._range(text, numeral) or numeral
        return numeral

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
                        "percent:" + self.percent_forms[form], True)

    def _adjacent_digits(self, text: str, pos: int) -> Numeral | None:
        """``两三个`` = 2 to 3, ``七八十`` = 70 to 80, ``两三万`` = 20000 to 30000."""
        if pos + 1 >= len(text):
            return None
        a, b = self.digits.get(text[pos]), self.digits.get(text[pos + 1])
        if not a or not b or b != a + 1 or (pos + 2 < len(text) and text[pos + 2] in self.digits):
            return None
        low, high, end = Decimal(a), Decimal(b), pos + 2
        if end < len(text) and text[end] in self.units:
            low, high, end = low * self.units[text[end]], high * self.units[text[end]], end + 1
        while end < len(text) and text[end] in self.scales and text[end] not in self.scales_need_more:
            low, high, end = low * self.scales[text[end]], high * self.scales[text[end]], end + 1
        return _numeral(pos, end, low, high, "", "range", True)

    def _fraction(self, text: str, numeral: Numeral, sign: int) -> Numeral | None:
        """``A分之B`` = B/A, ``C又A分之B`` = C + B/A, Arabic ``a/b`` and ``c a/b``."""
        end = numeral.end
        whole = _ZERO
        j = self._skip_spaces(text, end)
        if text.startswith(self.fraction_and, j):
            after = self._unsigned(text, self._skip_spaces(text, j + len(self.fraction_and)))
            if after is None:
                return None
            whole, denominator, k = abs(numeral.exact), after[0], after[1]
        else:
            denominator, k = abs(numeral.exact), end
        k2 = self._skip_spaces(text, k)
        of = self._of_re.match(text, k2) if text.startswith(self.fraction_of[0], k2) else None
        if of:
            m = of.end()
            inner_sign = 1
            for neg in self.negative:
                if neg != "-" and text.startswith(neg, m):
                    inner_sign, m = -1, m + len(neg)
                    break
            numerator = self._unsigned(text, m)
            if numerator is None or denominator == 0:
                return None
            value = sign * (whole + inner_sign * numerator[0] / denominator)
            return _numeral(numeral.start, numerator[1], value, None, "", "fraction", numeral.chinese_start,
                            None if whole else denominator)
        if whole:
            return None
        # Arabic a/b, and "c a/b" (a mixed number written with a space).
        mixed = _MIXED.match(text, end) if text[end - 1:end].isdigit() and text[end:end + 1] in " \t" else None
        if end < len(text) and text[end] in "/／":
            slash = _SLASH.match(text, end)
            if slash and Decimal(slash.group(1)):  # Decimal, not int: 5,000 digits are no error
                value = abs(numeral.exact) / Decimal(slash.group(1))
                return _numeral(numeral.start, slash.end(), sign * value, None, "", "fraction", numeral.chinese_start)
        if mixed and Decimal(mixed.group(2)):
            value = abs(numeral.exact) + Decimal(mixed.group(1)) / Decimal(mixed.group(2))
            return _numeral(numeral.start, mixed.end(), sign * value, None, "", "fraction", numeral.chinese_start)
        return None

    def _range(self, text: str, numeral: Numeral) -> Numeral | None:
        """``10-20万``, ``3至5万``, ``一千到一千五百``: the low end takes the high end's scale."""
        if not _may_begin(text, numeral.end, self._separator_first):
            return None
        for sep in self.separators:
            if not text.startswith(sep, numeral.end):
                continue
            high = self._read(text, numeral.end + len(sep), ranges=False, percent=False)
            if high is None or high.form != "number" or high.exact < 0:
                return None
            low_value = numeral.exact
            high_text = text[high.start:high.end]
            low_text = text[numeral.start:numeral.end]
            tail = self._scale_tail.search(high_text)
            if tail and not self._scale_any.search(low_text):
                for ch in tail.group():
                    low_value *= self.scales[ch]
            if high.exact <= low_value:
                return None
            return _numeral(numeral.start, high.end, low_value, high.exact, numeral.approx or high.approx, "range",
                            numeral.chinese_start)
        return None

    def _skip_spaces(self, text: str, pos: int) -> int:
        if text[pos:pos + 1] not in _SPACE_CHARS:  # most calls: no space here, no regex call
            return pos
        m = _SPACES.match(text, pos)
        return m.end() if m else pos

    def _unsigned(self, text: str, pos: int) -> tuple[Decimal, int, str] | None:
        """(value, end, approximation marks) of the longest unsigned numeral at ``pos``."""
        for word in self._fixed_sorted:
            if text.startswith(word, pos):
                return self.fixed[word], pos + len(word), ""
        s = _State()
        i, n = pos, len(text)
        best: tuple[Decimal, int, str] | None = None
        read_any = False
        while i < n:
            c = text[i]
            # spaces inside a Chinese numeral (一百 五 十 二, 7 万5 千): only before a numeral piece
            if c in " \t\u3000" and read_any:
                j = self._skip_spaces(text, i)
                if j < n and (text[j] in self.units or text[j] in self.scales or text[j] in self.digits
                              or text[j] in self.inner_approx or text[j] in self.unknown
                              or (text[j] in self.decimal_points and text[j] != ".")
                              or (text[j].isdigit() and not text[i - 1].isdigit())):
                    if text[j].isdigit() and s.pending is not None:
                        break
                    i = j
                    continue
                break
            if c.isdigit() or (c == "." and i + 1 < n and text[i + 1].isdigit() and s.pending is None
                               and not (i > 0 and (text[i - 1].isdigit() or text[i - 1] == "."))):
                if s.pending is not None:
                    break
                m = _ARABIC.match(text, i)
                if not m:
                    break
                value = Decimal(m.group().replace(",", ""))
                j = m.end()
                e = _EXPONENT.match(text, j)
                if e:
                    value = value.scaleb(int(e.group(1)))  # exact: 1e309 is 1E+309, not an OverflowError
                    j = e.end()
                p = _POWER.match(text, j)
                if p:
                    exponent = Decimal(p.group(2)) * (-1 if p.group(1).count("-") % 2 else 1)
                    try:
                        value = value ** exponent
                    except ArithmeticError:  # 0^-1, a power beyond any exponent
                        break
                    j = p.end()
                if s.scale_seen and j < n and text[j].isascii() and text[j].isalpha() and text[j] not in self.latin_scales:
                    break  # 11亿5G: the 5 belongs to 5G
                if j < n and text[j] in self.latin_scales and not (j + 1 < n and text[j + 1].isascii()
                                                                  and text[j + 1].isalnum()):
                    value *= self.latin_scales[text[j]]
                    j += 1
                s.pending, s.pending_kind = value, "ar"
                s.scale_just = _ZERO
                i = j
                read_any = True
                best = (s.value(), i, s.approx)
                continue
            if c in self.zeros and (s.units_seen or s.scale_seen) and not s.digits_string:
                if s.pending is not None:
                    break
                s.zero = True
                i += 1
                continue
            if c in self.digits:
                d = self._digit_exact[c]
                if s.pending is not None:
                    # 二〇二〇, 九九: a string of digits, read place by place
                    if (s.pending_kind in ("cn", "str") and not s.units_seen and not s.scale_seen
                            and c not in self.count_only and text[i - 1] not in self.count_only):
                        s.pending = s.pending * 10 + d
                        s.pending_kind, s.digits_string = "str", True
                        i += 1
                        best = (s.value(), i, s.approx)
                        continue
                    break
                s.pending, s.pending_kind = d, "cn"
                s.scale_just = s.scale_just if not s.section else _ZERO
                i += 1
                read_any = True
                if d or s.units_seen or s.scale_seen:
                    best = (s.value(), i, s.approx)
                elif not (i < n and text[i] in self.decimal_points):
                    best = (_ZERO, i, s.approx)
                continue
            if c in self.unknown:
                if s.pending is not None or s.digits_string:
                    break
                # 十几 / 二十几: the floor digit is 0; 几十 / 数百: 1
                s.pending = _ZERO if (s.last_unit or s.scale_just) else _ONE
                s.pending_kind = "unknown"
                s.approx += c
                i += 1
                read_any = True
                if s.last_unit or s.scale_just:
                    best = (s.value(), i, s.approx)
                continue
            if c in self.tens:
                if s.pending is not None or s.last_unit:
                    break
                s.section += self.tens[c]
                s.last_unit, s.units_seen = Decimal(10), True
                i += 1
                read_any = True
                best = (s.value(), i, s.approx)
                continue
            if c in self.units:
                u = self.units[c]
                if s.digits_string or (s.last_unit and u >= s.last_unit) or s.pending_kind == "ar" and s.pending is not None and s.pending != s.pending.to_integral_value():
                    break
                if s.pending is None and (s.units_seen or s.scale_seen) and not s.zero:
                    break  # 3.17亿千瓦: 千 belongs to the unit
                if s.pending is None:
                    mult = _ONE
                elif s.pending == 0 and s.pending_kind == "cn":
                    mult = _ONE  # 零十 = 10
                else:
                    mult = s.pending
                s.section += mult * u
                s.pending, s.pending_kind = None, ""
                s.last_unit, s.units_seen, s.zero = u, True, False
                s.scale_just = _ZERO
                i += 1
                read_any = True
                best = (s.value(), i, s.approx)
                continue
            if c in self.inner_approx and read_any and i + 1 < n:
                j = self._skip_spaces(text, i + 1)
                if j < n and text[j] in self.scales:
                    s.approx += c
                    i = j
                    continue
                break
            if c in self.scales:
                if c in self.scales_need_more:
                    j = i + 1
                    if not (j < n and (text[j] in self.digits or text[j] in self.units or text[j].isdigit()
                                       or text[j] in self.scales)):
                        break
                sc = self.scales[c]
                group = s.section + (s.pending or _ZERO)
                if not read_any:
                    # 万余件: a bare scale counts only before 余/多
                    if i + 1 < n and text[i + 1] in self.inner_approx:
                        s.total, s.last_scale, s.scale_seen = sc, sc, True
                        s.scale_just = sc
                        i += 1
                        read_any = True
                        best = (s.value(), i, s.approx)
                        continue
                    break
                if s.scale_just and not group:
                    # 万万 = 亿, 万亿 = 10^12: a scale right after a scale multiplies
                    s.total *= sc
                    s.last_scale = max(s.last_scale, sc) if s.last_scale != math.inf else sc
                    s.scale_just = sc
                    i += 1
                    best = (s.value(), i, s.approx)
                    continue
                if not group and not s.total:
                    break
                if s.last_scale != math.inf and sc > s.last_scale:
                    s.total = (s.total + group) * sc
                    s.last_scale = sc
                elif s.last_scale == math.inf or sc < s.last_scale:
                    s.total += group * sc
                    s.last_scale = sc
                else:
                    break
                s.section, s.pending, s.pending_kind = _ZERO, None, ""
                s.last_unit, s.zero, s.scale_seen = _ZERO, False, True
                s.scale_just = sc
                i += 1
                best = (s.value(), i, s.approx)
                continue
            if c in self.decimal_points and c != "." and read_any:
                m = self._decimal_re[c].match(text[i:i + 40])
                if not m:
                    break
                frac_digits = m.group(1)
                if frac_digits.isdigit():
                    frac = Decimal("0." + frac_digits)
                else:
                    frac = Decimal("0." + "".join(str(self.digits[ch]) for ch in frac_digits))
                base = s.value()
                j = i + m.end()
                value = base + frac
                # 二点五亿 = 2.5 x 10^8 (only when no scale came before the point)
                if not s.scale_seen:
                    while j < n and text[j] in self.scales:
                        if text[j] in self.scales_need_more and not (j + 1 < n and text[j + 1] in self.scales):
                            break
                        value *= self.scales[text[j]]
                        j += 1
                return value, j, s.approx
            break
        return best

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
        """A ``Number`` from a numeral and the qualifier words written around it."""
        words = ([before] if before else []) + [c for c in numeral.approx if c in self.after] + (
            [after] if after else [])
        bounds = [self.before.get(before, "exact")] if before else []
        bounds += [self.after.get(c, "exact") for c in numeral.approx if c in self.after]
        if after:
            bounds.append(self.after.get(after, "exact"))
        if any(c in self.unknown for c in numeral.approx) and numeral.value_max is None:
            bounds.append("lower")
        bound = next((b for b in bounds if b != "exact"), "exact")
        value_max = plain(numeral.exact_max) if numeral.exact_max is not None else None
        return Number(plain(numeral.exact), value_max, bound, "".join(words), numeral.exact)


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
