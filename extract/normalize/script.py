"""Script detection and Traditional -> Simplified conversion with OpenCC.

OpenCC's ``tw2s`` is ``t2s`` plus the Taiwan variant table, which gets phrase cases such as
``傳遞著`` -> ``传递着`` right that plain ``t2s`` leaves as ``著``. It converts characters, not
vocabulary, so text keeps its length almost always; where a phrase changes length the edit covers
the differing stretch and the offset map still points at the raw span.
"""
from __future__ import annotations

import difflib
import re

import opencc

from .aligned import Edit


class ScriptConverter:
    def __init__(self, config: str = "tw2s"):
        self._to_simplified = opencc.OpenCC(config)
        self._to_traditional = opencc.OpenCC("s2t")
        self._forms: tuple | None = None
        self._finders: tuple | None = None

    def forms(self) -> tuple[frozenset, frozenset]:
        """Sets of the characters only Traditional writes and only Simplified writes.

        Taken from OpenCC itself, character by character over the CJK blocks, so detection is a set
        intersection instead of two whole-text conversions (clean Simplified text is the common case
        and must stay fast).
        """
        if self._forms is None:
            chars = [chr(cp) for cp in range(0x3400, 0xA000)]
            t2s, s2t = opencc.OpenCC("t2s"), self._to_traditional
            trad = "".join(c for c in chars if t2s.convert(c) != c)
            simp = "".join(c for c in chars if s2t.convert(c) != c)
            self._forms = (frozenset(trad), frozenset(simp))
        return self._forms

    def detect(self, text: str) -> str:
        """simplified, traditional, mixed, or none (no Han characters whose form differs).

        Counts distinct characters of each form; a few borrowed forms do not flip a document.
        """
        has_traditional, has_simplified = self._finders or self._find_forms()
        if not has_traditional(text):  # the common case, without building a set
            return "simplified" if has_simplified(text) else "none"
        n_trad, n_simp = self.form_counts(text)
        if n_trad == 0 and n_simp == 0:
            return "none"
        if n_trad >= 4 * n_simp:
            return "traditional"
        if n_simp >= 4 * n_trad:
            return "simplified"
        return "mixed"

    def form_counts(self, text: str) -> tuple[int, int]:
        """How many distinct characters of ``text`` only Traditional writes, and only Simplified."""
        traditional, simplified = self.forms()
        chars = set(text)
        return len(chars & traditional), len(chars & simplified)

    def _find_forms(self) -> tuple:
        """``search`` of a character class of each script's own forms. The standard ``re`` module
        runs a class of thousands of characters as ranges in C, ten times as fast as a set
        disjointness test over the text's characters (and the ``regex`` module far slower)."""
        self._finders = tuple(re.compile(char_class(chars)).search for chars in self.forms())
        return self._finders

    def edits(self, text: str) -> list[Edit]:
        converted = self._to_simplified.convert(text)
        if converted == text:
            return []
        if len(converted) == len(text):
            return _runs(text, converted)
        matcher = difflib.SequenceMatcher(None, text, converted, autojunk=False)
        return [Edit(i1, i2, converted[j1:j2]) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal"]


def char_class(chars: frozenset) -> str:
    """A ``re`` character class of these characters, as ranges of consecutive code points."""
    points = sorted(map(ord, chars))
    ranges, first, last = [], points[0], points[0]
    for point in points[1:]:
        if point != last + 1:
            ranges.append((first, last))
            first = point
        last = point
    ranges.append((first, last))
    return "[" + "".join(re.escape(chr(a)) if a == b else f"{re.escape(chr(a))}-{re.escape(chr(b))}"
                         for a, b in ranges) + "]"


def _runs(before: str, after: str) -> list[Edit]:
    edits, start = [], None
    for i, (x, y) in enumerate(zip(before, after)):
        if x != y and start is None:
            start = i
        elif x == y and start is not None:
            edits.append(Edit(start, i, after[start:i]))
            start = None
    if start is not None:
        edits.append(Edit(start, len(before), after[start:]))
    return edits
