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
        words, freqs = [], []
        for line in text.splitlines():  # one line at a time: 349,000 lists kept at once would make
            parts = line.split(" ", 2)  # the garbage collector walk them again and again
            if len(parts) >= 2:
                words.append(parts[0])
                freqs.append(float(parts[1]))
        counts = _Counts(words, freqs)
        unigram = counts.unigram()
        total = sum(unigram.values())
        self._unigram = {c: math.log(n / total) for c, n in unigram.items()}
        self._left = counts.left()
        self._follow = counts.follow(self._left)

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


class _Counts:
    """The dictionary's character and in-word pair frequencies (a word's frequency once per
    occurrence), each sum keyed in order of first occurrence. numpy's ``bincount`` adds in array
    order, as a loop over the words does, so every sum is the same float as that loop's
    (tests/test_fast_paths.py), and the model is made in 0.4 s instead of 1.0 s, which every
    process pays at its first text."""

    def __init__(self, words: list[str], freqs: list[float]):
        import numpy as np

        self.codes = np.frombuffer("".join(words).encode("utf-32-le"), dtype=np.uint32).astype(np.int64)
        lengths = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
        self.weights = np.repeat(np.asarray(freqs, dtype=np.float64), lengths)
        starts = np.cumsum(lengths) - lengths
        inner = np.ones(len(self.codes), dtype=bool)  # a character with one before it in its word
        inner[starts[starts < len(self.codes)]] = False
        self.second = np.flatnonzero(inner)

    def unigram(self) -> dict[str, float]:
        return _chars(*_summed(self.codes, self.weights))

    def left(self) -> dict[str, float]:
        """Each character's frequency as the first of a pair."""
        return _chars(*_summed(self.codes[self.second - 1], self.weights[self.second]))

    def follow(self, left: dict[str, float]) -> dict[str, dict[str, float]]:
        """{first: {second: P(second | first)}}, both levels in order of first occurrence."""
        import numpy as np
        import pandas as pd

        pairs, sums = _summed(self.codes[self.second - 1] * _PAIR + self.codes[self.second],
                              self.weights[self.second])
        rank, firsts = pd.factorize(pairs // _PAIR)  # the first characters, in order of first occurrence
        firsts = [chr(c) for c in firsts.tolist()]
        values = sums / np.asarray([left[c] for c in firsts])[rank]  # the same division as in Python
        order = np.argsort(rank, kind="stable")
        seconds, values = (pairs % _PAIR)[order].tolist(), values[order].tolist()
        bounds = [0, *(np.flatnonzero(np.diff(rank[order])) + 1).tolist(), len(order)]
        return {first: dict(zip(map(chr, seconds[lo:hi]), values[lo:hi]))
                for first, lo, hi in zip(firsts, bounds, bounds[1:])}


_PAIR = 0x110000  # a pair of code points as one integer: first * _PAIR + second


def _summed(keys, weights):
    """(distinct keys in order of first occurrence, the sum of each one's weights in array order)."""
    import numpy as np
    import pandas as pd

    labels, unique = pd.factorize(keys)
    return unique, np.bincount(labels, weights=weights, minlength=len(unique))


def _chars(codes, sums) -> dict[str, float]:
    return dict(zip(map(chr, codes.tolist()), sums.tolist()))
