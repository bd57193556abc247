"""A character language model for judging repairs: is this stretch of Chinese plausible?

Mojibake decodes to real but improbable characters (``毒劢固旖蚴``); the repaired reading is
ordinary news text. Scoring both with character unigram and bigram frequencies tells them
apart. The counts come from jieba's bundled dictionary (349k words with corpus frequencies), so
the model needs no download and is independent of any test corpus. Bigrams are counted inside
words only; across a word boundary the unigram carries the score. Traditional characters are
scored through OpenCC's single-character t2s mapping, so one model serves both scripts.
"""
from __future__ import annotations

import math
from importlib import resources

import opencc
import regex

_HAN = regex.compile(r"\p{Han}")
# Interpolation weight of the bigram estimate; the rest goes to the unigram.
_BIGRAM_WEIGHT = 0.7
# Log-probability floor for a character the dictionary never saw.
_UNSEEN = math.log(1e-9)


class CharModel:
    """Character unigram/bigram log-probabilities over Simplified Chinese."""

    def __init__(self, dictionary: str | None = None):
        self._unigram: dict[str, float] = {}
        self._left: dict[str, float] = {}
        self._follow: dict[str, dict[str, float]] = {}  # prev -> {char: P(char | prev)}
        self._t2s = opencc.OpenCC("t2s")
        self._simplified: dict[str, str] = {}
        self._count(dictionary)

    def _count(self, dictionary: str | None) -> None:
        if dictionary is None:
            text = resources.files("jieba").joinpath("dict.txt").read_text(encoding="utf-8")
        else:
            with open(dictionary, encoding="utf-8") as handle:
                text = handle.read()
        unigram, left, bigram = self._unigram, self._left, {}
        for line in text.splitlines():
            parts = line.split(" ")
            if len(parts) < 2:
                continue
            word, freq = parts[0], float(parts[1])
            for i, char in enumerate(word):
                unigram[char] = unigram.get(char, 0.0) + freq
                if i:
                    pair = word[i - 1:i + 1]
                    bigram[pair] = bigram.get(pair, 0.0) + freq
                    left[word[i - 1]] = left.get(word[i - 1], 0.0) + freq
        total = sum(unigram.values())
        self._unigram = {c: math.log(n / total) for c, n in unigram.items()}
        follow = self._follow
        for p, n in bigram.items():
            follow.setdefault(p[0], {})[p[1]] = n / left[p[0]]

    def simplified(self, char: str) -> str:
        s = self._simplified.get(char)
        if s is None:
            s = self._t2s.convert(char)
            s = s if len(s) == 1 else char
            self._simplified[char] = s
        return s

    def unigram(self, char: str) -> float:
        return self._unigram.get(self.simplified(char), _UNSEEN)

    def logp(self, prev: str | None, char: str) -> float:
        """log P(char | prev) for a Han character; ``prev`` None means no Han context."""
        char = self.simplified(char)
        uni = self._unigram.get(char)
        p_uni = math.exp(uni) if uni is not None else math.exp(_UNSEEN)
        if prev is None:
            return math.log(p_uni)
        p_bi = self._follow.get(self.simplified(prev), {}).get(char, 0.0)
        return math.log(_BIGRAM_WEIGHT * p_bi + (1 - _BIGRAM_WEIGHT) * p_uni)

    def followers(self, prev: str) -> dict[str, float]:
        """Simplified characters seen after ``prev`` inside words, with P(char | prev) (bigram part)."""
        return self._follow.get(self.simplified(prev), {})

    def makes_word(self, pair: str) -> bool:
        """Do these two characters occur together inside a dictionary word?"""
        return len(pair) == 2 and self.simplified(pair[1]) in self.followers(pair[0])

    def mixed(self, p_bigram: float, p_unigram: float) -> float:
        """The interpolated probability ``logp`` uses, from its two parts."""
        return _BIGRAM_WEIGHT * p_bigram + (1 - _BIGRAM_WEIGHT) * p_unigram

    def score(self, text: str) -> float:
        """Sum of log-probabilities of the Han characters of ``text``, bigrams within Han runs."""
        total, prev = 0.0, None
        for char in text:
            if _HAN.match(char):
                total += self.logp(prev, char)
                prev = char
            else:
                prev = None
        return total
