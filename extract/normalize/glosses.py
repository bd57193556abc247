"""Pinyin gloss removal: ``網(wǎng)絡(luò)`` -> ``網絡``.

Web converters insert the reading after characters. Only a real pinyin syllable (toned or not,
checked against the inventory in rules/normalize.yaml) in ASCII parentheses directly after a Han
character is a gloss; ``(2020-2022)`` or ``(Apple)`` stay.
"""
from __future__ import annotations

import unicodedata
from typing import Iterable

import regex

from .aligned import Edit

_LETTERS = "a-zü\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_TONED = regex.compile("[\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")
_CANDIDATE = regex.compile(rf"(?<=[\p{{Han}}\ufffd?])\(([{_LETTERS}]{{1,8}}[1-5]?)\)")
# A gloss whose letters byte damage garbled: short, no Han, digit or space, some Latin letter,
# and a sign of damage (a tone mark, a replacement character, a stray symbol).
_GARBLED = regex.compile(rf"(?<=[\p{{Han}}\ufffd?])\(([^()\p{{Han}}\d\sA-Z]{{1,7}})\)")
_DAMAGE_SIGN = regex.compile(rf"[\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\ufffd]|[^\x00-\x7f{_LETTERS[3:]}]")
# A gloss that lost a parenthesis (or a letter) to byte damage: still unmistakable when toned.
_BROKEN = regex.compile(rf"(?<=[\p{{Han}}\ufffd?])(?:\(([{_LETTERS}]{{1,7}})(?![{_LETTERS})])|([{_LETTERS}]{{1,7}})\))")


def _toneless(syllable: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))
    return stripped.rstrip("12345")


class GlossRemover:
    def __init__(self, syllables: Iterable[str]):
        self.syllables = frozenset(syllables)

    def __call__(self, text: str) -> list[Edit]:
        if "(" not in text and ")" not in text:
            return []
        edits = [Edit(m.start(), m.end(), "") for m in _CANDIDATE.finditer(text)
                 if _toneless(m.group(1)) in self.syllables]
        taken = {e.start for e in edits}
        for m in _GARBLED.finditer(text):
            inside = m.group(1)
            if m.start() not in taken and regex.search("[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", inside) \
                    and _DAMAGE_SIGN.search(inside):
                edits.append(Edit(m.start(), m.end(), ""))
                taken.add(m.start())
        for m in _BROKEN.finditer(text):
            if m.start() in taken:
                continue
            letters = m.group(1) or m.group(2)
            if _TONED.search(letters) and _toneless(letters) in self.syllables:
                edits.append(Edit(m.start(), m.end(), ""))
        return edits
