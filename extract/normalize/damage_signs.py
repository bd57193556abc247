"""Where a text may hold GBK byte-shift damage: the signs that open a search window for the
repair (``mojibake.py``), and the test of a lone single-byte character between Chinese text, which a
resynchronising decoder leaves and the search scores.

Only lines with a sign of damage are searched (a marker, a lone Latin letter between Chinese
characters, or two rare characters in a row, as a shift makes), which keeps clean text fast. A
text that bears the damage's signature (a half-width comma after a Chinese character, or a toned
pinyin gloss) is held more suspect: short ASCII runs between Chinese characters are searched too.
"""
from __future__ import annotations

import math
import re

import regex

from .charmodel import CharModel
from .gbk import GbkTables
from .script import char_class

_HAN = regex.compile(r"\p{Han}")
_LATIN = regex.compile(r"\p{Latin}")
CJK = regex.compile(r"[\p{Han}\u3000-\u30ff\uff00-\uffef‘’“”…—]")
# Signs that a line may be damaged: a replacement character; a question mark touching a
# non-ASCII character; a lone ASCII symbol or letter right after a non-ASCII character; a symbol
# no writer puts between a number and Chinese (``29|千瓦``).
# (a pinyin gloss may follow: "(" and a lower-case letter count as Chinese text after it)
_TRIGGER = regex.compile(
    r"\ufffd|(?<=[^\x00-\x7f])\?|\?(?=[^\x00-\x7f])"
    r"|(?<=[^\x00-\x7f\s])"
    r"(?:[A-Za-z](?=[\p{Han}\u3000-\u30ff\uff00-\uffef‘’“”…—,;:!?]|\([a-z\u00e0-\u01dc])"
    r"|[@\[-`{-~](?=[\p{Han}\u3000-\u30ff\uff00-\uffef‘’“”…—,;:!?\d]|\([a-z\u00e0-\u01dc]))"
    r"|(?<=\d)[@\[-`{|}](?=\p{Han})")
# Every sign above holds one of these; most clean texts hold none, which one scan of a plain class
# with the standard ``re`` module tells several times as fast as the signs' own pattern.
_TRIGGER_CHARS = re.compile(r"[\ufffd?@\[-`{-~A-Za-z]")
_TONED_GLOSS = r"\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*\)"  # a pinyin gloss with a tone mark
# Signs of the damage this repairs in a text: a half-width comma right after a Chinese character,
# or after a lone letter or symbol after one (Chinese writers use the full-width comma; a GBK
# stream read back through ASCII leaves it half width. Colons, semicolons and exclamation marks
# are left out: Taiwan pages write them half width in clean text), and toned pinyin glosses (web
# converters put them after Han characters).
_SIGNATURE = regex.compile(
    r"(?<=[\p{Han}”’）)》]|\p{Han}[A-Za-z@\[-`{-~]),(?![A-Za-z]{2}|\s|$)"
    rf"|(?<=\p{{Han}}){_TONED_GLOSS}")
# In such a text, also a short run of ASCII ending in a letter or symbol between Chinese text:
# a shifted run can end in a full-width form the damage folded (``昂qR斯``, ``矊n}研``).
_TRIGGER_SIGNED = regex.compile(r"(?<=[^\x00-\x7f\s])[\x21-\x7e]{1,3}(?<=[\x40-\x7e])(?=[^\x00-\x7f\s]|\d|[,;:!?][^\x00-\x7f\s])")
# A gloss a lost byte broke: Latin letters with Chinese characters in them (``產(z瞡)業``).
_BROKEN_GLOSS = regex.compile(r"(?<=\p{Han})\([a-zü]{1,6}[^\x00-\x7f\u00e0-\u01dc\s]{1,3}[a-zü\u00e0-\u01dc]{0,6}\)")
# A toned pinyin gloss: after a lone letter it says the letter stood for a Han character.
GLOSS = regex.compile(_TONED_GLOSS)
_WINDOW = 300  # characters searched either side of a replacement character
_NEAR = 16  # ... and before a weaker sign (a question mark, a lone letter), where a shift it ends began
_NEAR_AFTER = 6  # ... and after it
# A Han character rarer than this is what a shifted reading yields a third of the time and news
# text hardly ever writes (2 in 10,000 characters of CCTV stories; two in a row, rarer still).
_RARE_RUN = math.log(1e-6)


def bears_signature(text: str) -> bool:
    """The text bears the damage's signature (``_SIGNATURE``)."""
    return ("," in text or "(" in text) and _SIGNATURE.search(text) is not None


def broken_glosses(text: str) -> list[tuple[int, int]]:
    """Glosses a lost byte broke (``產(z瞡)業``): their letters have no reading."""
    return [m.span() for m in _BROKEN_GLOSS.finditer(text)]


def rare_pairs(model: CharModel, tables: GbkTables) -> re.Pattern:
    """Two rare characters in a row: a shift that left no ASCII character or marker behind."""
    rare = frozenset(c for c in tables.pair.values() if _HAN.match(c) and model.unigram(c) < _RARE_RUN)
    kind = char_class(rare)
    return re.compile(kind + kind)


def windows(text: str, signed: bool, rare: re.Pattern, model: CharModel) -> list[tuple[int, int]]:
    """The stretches of ``text`` to search: around each sign of damage, within its line (wide around
    a replacement character, narrow around a weaker sign), overlapping ones merged. Two rare
    characters count only when they make no word together (``魍魉`` does) and are not one doubled
    (``萋萋``): a shifted reading's pairs are chance ones."""
    found: list[tuple[int, int]] = []
    triggers = list(_TRIGGER.finditer(text)) if _TRIGGER_CHARS.search(text) else []
    if signed:
        triggers = sorted(triggers + list(_TRIGGER_SIGNED.finditer(text)), key=lambda m: m.start())
    pairs = [m for m in rare.finditer(text) if m.group()[0] != m.group()[1] and not model.makes_word(m.group())]
    if pairs:
        triggers = sorted(triggers + pairs, key=lambda m: m.start())
    for m in triggers:
        line_start = text.rfind("\n", 0, m.start()) + 1
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        strong = m.group() == "\ufffd"
        start = max(line_start, m.start() - (_WINDOW if strong else _NEAR))
        end = min(line_end, m.end() + (_WINDOW if strong else _NEAR_AFTER))
        if found and start <= found[-1][1]:
            found[-1] = (found[-1][0], max(end, found[-1][1]))
        else:
            found.append((start, end))
    return found


def isolated(text: str, i: int, signed: bool = False) -> bool:
    """A lone single-byte character between Chinese text, as a resynchronising decoder leaves.

    Not one in Latin-script text (``Destinée系列``, ``c:windows``), nor a tilde before a number,
    which writes a range (``3％~4％``, ``即日起~7/16``). A pinyin gloss before it does not
    count, nor, in text the damage made half width, a punctuation mark (``濃蔭,o老劉``)."""
    char = text[i]
    if not 0x40 <= ord(char) <= 0x7E:
        return False
    before = _before(text, i, signed)
    if before is not None and before.isdigit() and not char.isalnum() and char != "~":
        return bool(_HAN.match(text[i + 1]))  # ``29|千瓦``: a trail byte after a number
    if before is None or before.isascii() or before.isspace() or _LATIN.match(before):
        return False
    after = text[i + 1]
    if after in ",;:!?":  # not a list of letters (``A,B``); in damaged text a number may follow
        return signed or not ascii_alnum(text[i + 2:i + 3])
    if after.isdigit():  # a letter names a model (``G20``); in damaged text lower case rarely does
        return not char.isalpha() and char != "~" or signed and char.islower()
    return bool(CJK.match(after)) or (after == "(" and (char.isalpha() and text[i + 2:i + 3].islower()
                                                        or GLOSS.match(text, i + 1) is not None))


def quoted(text: str, i: int) -> bool:
    """A letter opening or closing a quoted name (``“E网同心汇”``, ``“大V”``): how writers use one."""
    return text[i - 1] in "“‘《「『(（" or text[i + 1:i + 2] in ("”", "’", "》", "」", "』", ")", "）")


def _before(text: str, i: int, signed: bool) -> str | None:
    """The character before ``i``, looking past a pinyin gloss and, in signed text, a half-width mark."""
    j = i
    if text[j - 1] == ")":
        k = text.rfind("(", max(j - 9, 0), j)
        if k > 0 and GLOSS.fullmatch(text, k, j):
            j = k
    if signed and j > 1 and (text[j - 1] in ",;:!" or _folded_remnant(text[j - 2], text[j - 1], text[i])):
        j -= 1
    return text[j - 1] if j > 0 else None


def _folded_remnant(first: str, char: str, nxt: str) -> bool:
    """Is ``char``, after Chinese ``first`` and before ``nxt``, likelier a full-width form the
    damage folded to ASCII than the start of a Latin word or a number: a symbol, a digit before
    anything but a capital (``4G``), a letter before one of the other case (``pB``, ``Wo``)?"""
    if first.isascii() or _LATIN.match(first) or not char.isascii() or not char.isprintable():
        return False
    if char.isdigit():
        return not nxt.isupper()
    if char.isalpha():
        return nxt.isalpha() and nxt.isupper() != char.isupper()
    return not char.isspace()


def ascii_alnum(char: str) -> bool:
    """An ASCII letter or digit (``str.isalnum`` alone also takes Chinese numerals)."""
    return char.isascii() and char.isalnum()
