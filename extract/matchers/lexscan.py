"""Every place a lexicon word occurs, in one pass (Aho-Corasick, ``pyahocorasick``).

The organization matcher looks for thousands of suffixes and names at every position of the text,
overlapping ones included (``中国人民银行`` and ``人民银行`` and ``银行``). A regular expression with
``overlapped=True`` re-tries the whole alternation from every character, which made that scan the
costliest step of the matcher; the automaton reads the text once. ``longest_at`` returns what the
alternation did: at each start, the longest word that starts there.
"""
from __future__ import annotations

from typing import Iterable

import ahocorasick


class WordScanner:
    def __init__(self, words: Iterable[str]):
        self._automaton = ahocorasick.Automaton()
        for word in {w for w in words if w}:
            self._automaton.add_word(word, len(word))
        if len(self._automaton):
            self._automaton.make_automaton()

    def longest_at(self, text: str) -> list[tuple[int, int]]:
        """(start, end) of the longest word at each start where one begins, in text order."""
        if not len(self._automaton) or not text:
            return []
        best: dict[int, int] = {}
        for last, length in self._automaton.iter(text):
            start = last - length + 1
            if length > best.get(start, 0):
                best[start] = length
        return [(start, start + best[start]) for start in sorted(best)]
