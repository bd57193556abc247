"""The reader of one unsigned numeral, as small named steps picked from a table.

Each step reads what one kind of character adds to the running sum: an Arabic number, a Chinese
digit, a unit (十百千), a scale (万亿), a decimal point (点) ... ``STEPS`` is the table: at each
character the steps whose characters include it are tried in the table's order, and the first
that applies reads it. A reading keeps the names of the steps that built it
(``Numeral.provenance``), so any value can be traced back to the steps that made it.

A step returns the position after what it read, ``STOP`` when the numeral ends before this
character, or None when it does not apply here (the next step of the character is tried).
"""
from __future__ import annotations

import math
from decimal import Decimal
from typing import Callable

import regex

_ZERO, _ONE, _TEN = Decimal(0), Decimal(1), Decimal(10)
STOP = -1

ARABIC_CHARS = frozenset("0123456789.")  # and any other character str.isdigit accepts (１８００)
SPACE_CHARS = frozenset(" \t\u3000")
# thousands grouped by commas (1,800) or by spaces (11 000次, ISO 31-0) when a Han word follows and no
# letter, digit or point stands before (M777 155毫米, 1 2 150 are no number)
_ARABIC = regex.compile(r"(?:\d{1,3}(?:,\d{3})+(?![\d])|(?<![A-Za-z\d.,] ?)\d{1,3}(?: \d{3})+(?![\d.,])(?= ?\p{Han})|\d+)"
                        r"(?:\.\d+)?|\.\d+")
# exponents of at most four digits: a longer one is no exponent anyone writes (and int() refuses 4,300)
_EXPONENT = regex.compile(r"[eE]([+-]?\d{1,4})(?![\d.])")
_POWER = regex.compile(r"\^([+-]*)(\d{1,4}(?:\.\d{1,4})?)(?!\d)")
_SPACES = regex.compile(r"[ \t\u3000]+")


def skip_spaces(text: str, pos: int) -> int:
    """The position after the spaces at ``pos`` (``pos`` itself when there are none)."""
    if text[pos:pos + 1] not in SPACE_CHARS:  # most calls: no space here, no regex call
        return pos
    return _SPACES.match(text, pos).end()


class Reading:
    """The running sum of a Chinese/Arabic integer (finished scale groups, the section below the
    current scale, the digit not yet placed), where the reader stands, the best reading so far and
    the names of the steps taken. The starting values are class attributes: a reading is made at
    every numeral start, and setting only what differs halves the cost of making one."""

    open = True  # False once a step has read the numeral's end (a decimal point's digits)
    read_any = False
    best: tuple[Decimal, int, str] | None = None
    best_steps = 0  # how many of ``steps`` built ``best``
    total = _ZERO
    section = _ZERO
    pending: Decimal | None = None
    pending_kind = ""  # "cn" (one Chinese digit), "ar" (Arabic), "str" (digit string)
    last_unit = _ZERO  # the last unit (十百千) of this section, 0 when none
    last_scale = math.inf  # the last scale (万亿兆) seen
    zero = False  # a 零 since the last unit or scale
    scale_just = _ZERO  # the scale just read, when the previous token was a scale
    approx = ""
    digits_string = False
    units_seen = False
    scale_seen = False

    def __init__(self, text: str, pos: int):
        self.text, self.n, self.i = text, len(text), pos
        self.steps: list[str] = []

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

    def mark(self, end: int, value: Decimal | None = None) -> None:
        """The reading up to ``end`` (the step in progress included) is the best so far."""
        self.best = (self.value() if value is None else value, end, self.approx)
        self.best_steps = len(self.steps) + 1

    def took_one(self) -> int:
        """The step in progress read the character at ``i``, and the reading up to after it is the
        best so far: where the next step begins."""
        self.read_any = True
        self.mark(self.i + 1)
        return self.i + 1


# -- the steps ------------------------------------------------------------------------------
def _spaces(g, s: Reading, c: str) -> int | None:
    """一百 五 十 二, 7 万5 千: spaces inside a numeral, only before a numeral piece."""
    if not s.read_any:
        return None
    text, i = s.text, s.i
    j = skip_spaces(text, i)
    if j < s.n:
        d = text[j]
        if (d in g.units or d in g.scales or d in g.digits or d in g.inner_approx or d in g.unknown
                or d in g.word_points or (d.isdigit() and not text[i - 1].isdigit())):
            return STOP if d.isdigit() and s.pending is not None else j
    return STOP


def _arabic(g, s: Reading, c: str) -> int | None:
    """1,800 / 2.5 / .5 / 2e5 / 10^3 / 40k: an Arabic number, its exponent and Latin scale."""
    text, i, n = s.text, s.i, s.n
    if c == "." and not (i + 1 < n and text[i + 1].isdigit() and s.pending is None
                         and not (i > 0 and (text[i - 1].isdigit() or text[i - 1] == "."))):
        return None
    m = _ARABIC.match(text, i) if s.pending is None else None
    if not m:
        return STOP
    value = Decimal(m.group().replace(",", "").replace(" ", ""))
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
            return STOP
        j = p.end()
    if s.scale_seen and j < n and text[j].isascii() and text[j].isalpha() and text[j] not in g.latin_scales:
        return STOP  # 11亿5G: the 5 belongs to 5G
    if j < n and text[j] in g.latin_scales and not (j + 1 < n and text[j + 1].isascii() and text[j + 1].isalnum()):
        value *= g.latin_scales[text[j]]
        j += 1
    s.pending, s.pending_kind = value, "ar"
    s.scale_just = _ZERO
    s.read_any = True
    s.mark(j)
    return j


def _zero(g, s: Reading, c: str) -> int | None:
    """一千零八: a 零 after a unit or scale holds an empty place."""
    if not (s.units_seen or s.scale_seen) or s.digits_string:
        return None
    if s.pending is not None:
        return STOP
    s.zero = True
    return s.i + 1


def _digit_string(g, s: Reading, c: str) -> int | None:
    """二〇二〇, 九九: a digit after a digit, in a string read place by place (两两 is not 22)."""
    if s.pending is None:
        return None
    if (s.pending_kind not in ("cn", "str") or s.units_seen or s.scale_seen
            or c in g.count_only or s.text[s.i - 1] in g.count_only):
        return STOP
    s.pending = s.pending * 10 + g.digit_values[c]
    s.pending_kind, s.digits_string = "str", True
    return s.took_one()


def _below_scale_string(g, s: Reading, c: str) -> int | None:
    """五万六四九六 = 56496: right after a scale, digits read place by place that fill every place
    below it (four after 万) are the lower part; a shorter run is no reading (五万六 stays 56000)."""
    if s.pending is None or s.pending_kind != "cn" or not s.scale_just or s.section or s.units_seen:
        return None
    places = len(str(int(s.scale_just))) - 1
    j = s.i - 1  # the pending digit starts the run
    while j < s.n and s.text[j] in g.digit_values:
        j += 1
    if j - (s.i - 1) != places or (j < s.n and s.text[j] in g.units):
        return None
    s.total += Decimal(int("".join(str(g.digit_values[ch]) for ch in s.text[s.i - 1:j])))
    s.pending, s.pending_kind, s.digits_string = None, "", True
    s.read_any = True
    s.mark(j)
    return j


def _digit(g, s: Reading, c: str) -> int | None:
    """一 ... 九: a Chinese digit, placed by the unit or scale that follows (or before: 一千八)."""
    d = g.digit_values[c]
    s.pending, s.pending_kind = d, "cn"
    s.scale_just = s.scale_just if not s.section else _ZERO
    i = s.i + 1
    s.read_any = True
    if d or s.units_seen or s.scale_seen:
        s.mark(i)
    elif not (i < s.n and s.text[i] in g.decimal_points):
        s.mark(i, _ZERO)
    return i


def _unknown_digit(g, s: Reading, c: str) -> int | None:
    """十几 / 二十几: the floor digit is 0; 几十 / 数百: 1 (the reading is approximate)."""
    if s.pending is not None or s.digits_string:
        return STOP
    placed = s.last_unit or s.scale_just
    s.pending = _ZERO if placed else _ONE
    s.pending_kind = "unknown"
    s.approx += c
    s.read_any = True
    return s.took_one() if placed else s.i + 1


def _tens(g, s: Reading, c: str) -> int | None:
    """廿 = 20, 卅 = 30, 卌 = 40."""
    if s.pending is not None or s.last_unit:
        return STOP
    s.section += g.tens[c]
    s.last_unit, s.units_seen = _TEN, True
    return s.took_one()


def _unit(g, s: Reading, c: str) -> int | None:
    """十 百 千 (拾 佰 仟): multiplies the digit before it into the section (零十 = 10)."""
    u = g.units[c]
    pending = s.pending
    if s.digits_string or (s.last_unit and u >= s.last_unit) or (
            s.pending_kind == "ar" and pending is not None and pending != pending.to_integral_value()):
        return STOP
    if pending is None and (s.units_seen or s.scale_seen) and not s.zero:
        return STOP  # 3.17亿千瓦: 千 belongs to the unit
    if s.pending_kind == "ar" and pending is not None and pending >= 10 and u == 10:
        return STOP  # 歼-10十八岁, 2015十年间: a 十 after two digits starts a number of its own
    mult = _ONE if pending is None or (pending == 0 and s.pending_kind == "cn") else pending
    s.section += mult * u
    s.pending, s.pending_kind = None, ""
    s.last_unit, s.units_seen, s.zero = u, True, False
    s.scale_just = _ZERO
    return s.took_one()


def _inner_approx(g, s: Reading, c: str) -> int | None:
    """1800多万, 500余万: 多/余 between a numeral and its scale marks it approximate."""
    if not (s.read_any and s.i + 1 < s.n):
        return None
    j = skip_spaces(s.text, s.i + 1)
    if j < s.n and s.text[j] in g.scales:
        s.approx += c
        return j
    return STOP


def _scale_needs_more(g, s: Reading, c: str) -> int | None:
    """兆瓦 / 兆赫: a scale of ``scales_need_more`` counts only when more numeral follows."""
    j = s.i + 1
    if c in g.scales_need_more and not (j < s.n and (s.text[j] in g.digits or s.text[j] in g.units
                                                     or s.text[j].isdigit() or s.text[j] in g.scales)):
        return STOP
    return None


def _bare_scale(g, s: Reading, c: str) -> int | None:
    """万余件: a scale with no numeral before it counts only before 余/多."""
    if s.read_any:
        return None
    if not (s.i + 1 < s.n and s.text[s.i + 1] in g.inner_approx):
        return STOP
    sc = g.scales[c]
    s.total, s.last_scale, s.scale_seen = sc, sc, True
    s.scale_just = sc
    return s.took_one()


def _scale_of_scale(g, s: Reading, c: str) -> int | None:
    """万万 = 亿, 万亿 = 10^12: a scale right after a scale multiplies."""
    if not s.scale_just or s.section + (s.pending or _ZERO):
        return None
    sc = g.scales[c]
    s.total *= sc
    s.last_scale = max(s.last_scale, sc) if s.last_scale != math.inf else sc
    s.scale_just = sc
    return s.took_one()


def _scale(g, s: Reading, c: str) -> int | None:
    """一千八百万, 3万4千, 18亿5000万: a scale closes the group before it (a larger scale takes in
    all that came before)."""
    sc = g.scales[c]
    group = s.section + (s.pending or _ZERO)
    if not group and not s.total:
        return STOP
    if s.last_scale != math.inf and sc > s.last_scale:
        s.total = (s.total + group) * sc
    elif s.last_scale == math.inf or sc < s.last_scale:
        s.total += group * sc
    else:
        return STOP
    s.last_scale = sc
    s.section, s.pending, s.pending_kind = _ZERO, None, ""
    s.last_unit, s.zero, s.scale_seen = _ZERO, False, True
    s.scale_just = sc
    return s.took_one()


def _decimal_point(g, s: Reading, c: str) -> int | None:
    """二点五 = 2.5, 二点五亿 = 2.5 x 10^8 (a scale after the digits only when none came before
    the point). The numeral ends after them."""
    if not s.read_any:
        return None
    text, i, n = s.text, s.i, s.n
    m = g.decimal_patterns[c].match(text[i:i + 40])
    if not m:
        return STOP
    frac_digits = m.group(1)
    if frac_digits.isdigit():
        frac = Decimal("0." + frac_digits)
    else:
        frac = Decimal("0." + "".join(str(g.digits[ch]) for ch in frac_digits))
    value = s.value() + frac
    j = i + m.end()
    if not s.scale_seen:
        while j < n and text[j] in g.scales:
            if text[j] in g.scales_need_more and not (j + 1 < n and text[j + 1] in g.scales):
                break
            value *= g.scales[text[j]]
            j += 1
    s.mark(j, value)
    s.open = False
    return j


Step = Callable[[object, Reading, str], "int | None"]

# The table: (name, the NumeralGrammar attribute holding the characters the step reads, step),
# tried in this order at a character that several steps read.
STEPS: tuple[tuple[str, str, Step], ...] = (
    ("spaces", "space_chars", _spaces),
    ("arabic", "arabic_chars", _arabic),
    ("zero", "zeros", _zero),
    ("below_scale_string", "digits", _below_scale_string),
    ("digit_string", "digits", _digit_string),
    ("digit", "digits", _digit),
    ("unknown_digit", "unknown", _unknown_digit),
    ("tens", "tens", _tens),
    ("unit", "units", _unit),
    ("inner_approx", "inner_approx", _inner_approx),
    ("scale_needs_more", "scales", _scale_needs_more),
    ("bare_scale", "scales", _bare_scale),
    ("scale_of_scale", "scales", _scale_of_scale),
    ("scale", "scales", _scale),
    ("decimal_point", "word_points", _decimal_point),
)


def step_table(grammar) -> dict[str, tuple[tuple[str, Step], ...]]:
    """For each character of the grammar's lexicon, the steps that read it, in the table's order
    (built once per grammar: the reader looks a character up instead of testing every class)."""
    chars = set().union(*(getattr(grammar, attr) for _, attr, _ in STEPS))
    return {c: tuple((name, step) for name, attr, step in STEPS
                     if c in getattr(grammar, attr) or (step is _arabic and c.isdigit()))
            for c in chars}


_ARABIC_ONLY = tuple((name, step) for name, _, step in STEPS if step is _arabic)


def read_unsigned(grammar, text: str, pos: int) -> tuple[Decimal, int, str, tuple[str, ...]] | None:
    """(value, end, approximation marks, steps) of the longest unsigned numeral at ``pos``."""
    for word in grammar.fixed_sorted:
        if text.startswith(word, pos):
            return grammar.fixed[word], pos + len(word), "", ("fixed_word",)
    s = Reading(text, pos)
    table = grammar.steps_by_char
    while s.open and s.i < s.n:
        c = text[s.i]
        for name, step in table.get(c) or (_ARABIC_ONLY if c.isdigit() else ()):
            moved = step(grammar, s, c)
            if moved is not None:
                break
        else:
            break  # no step reads this character
        if moved == STOP:
            break
        s.i = moved
        s.steps.append(name)
    if s.best is None:
        return None
    steps = s.steps[:s.best_steps]
    return (*s.best, tuple(dict.fromkeys(steps)) if len(steps) > 1 else tuple(steps))
