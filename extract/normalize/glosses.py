"""Pinyin gloss removal: ``網(wǎng)絡(luò)`` -> ``網絡``.

Web converters insert the reading after characters. Only a real pinyin syllable (toned or not,
checked against the inventory in rules/normalize.yaml) in ASCII parentheses directly after a Han
character is a gloss; ``(2020-2022)`` or ``(Apple)`` stay.
"""
from __future__ import annotations

import math
import re
import unicodedata
from typing import Callable, Iterable

import regex

from .aligned import Edit

_LETTERS = "a-zü\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ"
_TONED = regex.compile("[\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ]")
_CANDIDATE = regex.compile(rf"(?<=[\p{{Han}}\ufffd?])\(([{_LETTERS}]{{1,8}}[1-5]?)\)")
# A gloss whose letters byte damage garbled: short, no Han, digit or space, some Latin letter,
# and a sign of damage (a tone mark, a replacement character, a stray symbol).
_GARBLED = regex.compile(rf"(?<=[\p{{Han}}\ufffd?])\(([^()\p{{Han}}\d\sA-Z]{{1,7}})\)")
_DAMAGE_SIGN = regex.compile(rf"[\u0300-\u036fāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ\ufffd]|[^\x00-\x7f{_LETTERS[3:]}]")
# A gloss whose toned vowel byte damage read as a Han character with a neighbouring byte: letters
# around exactly one Han character (``(xi皀g)``).
_GARBLED_HAN = regex.compile(rf"(?<=[\p{{Han}}\ufffd?])\(([{_LETTERS}]{{0,5}})\p{{Han}}([{_LETTERS}]{{0,5}})\)")
# A gloss that lost a parenthesis (or a letter) to byte damage: still unmistakable when toned.
_BROKEN = regex.compile(rf"(?<=[\p{{Han}}\ufffd?])(?:\(([{_LETTERS}]{{1,7}})(?![{_LETTERS})])|([{_LETTERS}]{{1,7}})\))")
# Every kind of gloss above has a letter next to a parenthesis, or one a few characters inside
# it: a text without (one ``re`` scan in C) has no gloss, and the patterns above need not run.
_NEAR_PARENTHESIS = re.compile(rf"\([^()\d\sA-Z]{{0,6}}[{_LETTERS}]|[{_LETTERS}]\)")


def _toneless(syllable: str) -> str:
    stripped = "".join(c for c in unicodedata.normalize("NFD", syllable) if not unicodedata.combining(c))
    return stripped.rstrip("12345")


class GlossRemover:
    def __init__(self, syllables: Iterable[str]):
        self.syllables = frozenset(syllables)

    def __call__(self, text: str) -> list[Edit]:
        if not _NEAR_PARENTHESIS.search(text):
            return []
        edits = [Edit(m.start(), m.end(), "") for m in _CANDIDATE.finditer(text)
                 if _toneless(m.group(1)) in self.syllables]
        for m in _GARBLED.finditer(text):
            inside = m.group(1)
            if regex.search("[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]", inside) and _DAMAGE_SIGN.search(inside):
                _add(edits, m)
        for m in _GARBLED_HAN.finditer(text):
            if len(m.group(1)) + len(m.group(2)) >= 2:
                _add(edits, m)
        for m in _BROKEN.finditer(text):
            letters = m.group(1) or m.group(2)
            if _TONED.search(letters) and _toneless(letters) in self.syllables:
                _add(edits, m)
        return sorted(edits, key=lambda e: e.start)


def _add(edits: list[Edit], m) -> None:
    """Remove the match unless an earlier, surer kind of gloss already covers part of it
    (``(集tè)團)``: a gloss with a Han character in it, and after it the letters it ends with)."""
    if all(m.end() <= e.start or e.end <= m.start() for e in edits):
        edits.append(Edit(m.start(), m.end(), ""))


# A lost character whose gloss survived: ``日?(bào)``, ``日?bào)``, or ``日?qǐng)?bào)`` where each
# byte of the character was lost together with the parenthesis after it (the first gloss
# fragment is an artefact of that damage; the last gloss is the character's reading).
_LOST_READ = regex.compile(
    rf"(?<=\p{{Han}})[?\ufffd](?:[{_LETTERS}]{{1,7}}\)[?\ufffd])?\(?([{_LETTERS}]{{1,7}})\)")
_SURE = 0.8  # posterior the likeliest homophone needs to be written in
_LIFT = math.log(20)  # ... and how much likelier its neighbours make it than it is on its own


class LostReadings:
    """Fills a lost character from its surviving pinyin gloss: among the characters with that
    reading (pypinyin's table), the one that fits its neighbours best by the character model,
    when it clearly does; otherwise the marker stays and the gloss alone goes."""

    def __init__(self, model_factory: Callable):
        self._model_factory = model_factory
        self._model = None
        self._by_reading: dict[str, list[str]] | None = None

    def __call__(self, text: str) -> list[Edit]:
        if "?" not in text and "\ufffd" not in text:
            return []
        edits = []
        for m in _LOST_READ.finditer(text):
            if not _TONED.search(m.group(1)):
                continue  # a toneless syllable is too weak a sign
            char = self._choose(m.group(1), text[m.start() - 1], text[m.end():m.end() + 1])
            if char:
                edits.append(Edit(m.start(), m.end(), char))
        return edits

    def _choose(self, reading: str, left: str, right: str) -> str:
        if self._by_reading is None:
            from pypinyin.pinyin_dict import pinyin_dict

            self._model = self._model_factory()
            self._by_reading = {}
            for code, readings in pinyin_dict.items():
                for one in readings.split(","):
                    self._by_reading.setdefault(one, []).append(chr(code))
        model = self._model
        scores = {}
        for c in self._by_reading.get(unicodedata.normalize("NFC", reading), []):
            simple = model.simplified(c)  # a Traditional form and its Simplified one are one choice
            score = model.logp(left, simple)
            if regex.match(r"\p{Han}", right):
                score += model.logp(simple, right) - model.unigram(right)
            scores[simple] = max(score, scores.get(simple, -math.inf))
        if not scores:
            return ""
        best = max(scores, key=scores.get)
        total = sum(math.exp(v - scores[best]) for v in scores.values())
        # the neighbours must vouch for it too: a pair the model knows, not just a common character
        lift = scores[best] - model.unigram(best)
        return best if 1.0 / total >= _SURE and lift >= _LIFT else ""
