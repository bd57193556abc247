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

_CANDIDATE = regex.compile(r"(?<=\p{Han})\(([a-zü\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]{1,8}[1-5]?)\)")


def _toneless(syllable: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))
    return stripped.rstrip("12345")


class GlossRemover:
    def __init__(self, syllables: Iterable[str]):
        self.syllables = frozenset(syllables)

    def __call__(self, text: str) -> list[Edit]:
        if "(" not in text:
            return []
        return [
            Edit(m.start(), m.end(), "")
            for m in _CANDIDATE.finditer(text)
            if _toneless(m.group(1)) in self.syllables
        ]
