"""The words after a claim, and their features, for the object model.

A candidate object is a prefix of the words after the claim's end (the rest of a word the claim
ends inside counts as the first word): the model labels each word ``I`` (inside the object) or ``O``,
and the object is the run of ``I`` from the first word. The grammar's answer enters as a feature
(inside, its last word, the word after it), so the model learns where the grammar goes wrong, not
the whole phrase grammar again.
"""
from __future__ import annotations

import bisect
from typing import Mapping, Sequence

import regex

FEATURE_VERSION = 1  # bump when the features change: a model trained on others is refused
WINDOW = 10  # words after the claim the object may take

PUNCT = regex.compile(r"[\p{P}\p{S}\s]+")
NUMBER_FIRST = regex.compile(r"[0-9０-９零〇一二两三四五六七八九十百千万亿几数]")  # a word that opens a count of its own
_DIGITS = regex.compile(r"[0-9０-９.．]+")
_LATIN = regex.compile(r"[A-Za-z]+")


def pieces(starts: Sequence[int], ends: Sequence[int], pos: int, window: int = WINDOW) -> list[tuple[int, int]]:
    """The [start, end) offsets of the words from ``pos``: the rest of the word ``pos`` falls inside,
    then whole words, at most ``window``."""
    i = bisect.bisect_right(starts, pos) - 1
    out: list[tuple[int, int]] = []
    if i >= 0 and starts[i] < pos < ends[i]:
        out.append((pos, ends[i]))
        i += 1
    elif i < 0 or starts[i] != pos:
        i += 1
    while i < len(starts) and len(out) < window:
        out.append((starts[i], ends[i]))
        i += 1
    return out


def prefixes(text: str, pos: int, spans: Sequence[tuple[int, int]]) -> list[str]:
    """The candidate objects as written: "" and each run of words from ``pos``."""
    return [""] + [text[pos:end] for _, end in spans]


def _shape(word: str) -> str:
    if PUNCT.fullmatch(word):
        return "P"
    if _DIGITS.fullmatch(word):
        return "D"
    if _LATIN.fullmatch(word):
        return "L"
    return "H"


def _word_features(word: str, tag: str) -> tuple[str, ...]:
    """What a word says by itself, whatever stands around it."""
    return ("b", "w=" + word, "t=" + tag, "t1=" + tag[:1], "s=" + _shape(word), "n=%d" % min(len(word), 4),
            "f=" + word[:1], "l=" + word[-1:])


_CACHE: dict[tuple[str, str], tuple[str, ...]] = {}  # a word's own features (bounded: cleared when full)


def items(words: Sequence[str], rule_len: int, unit: str, kind: str, tags: Mapping[str, str]) -> list[list[str]]:
    """One feature list per word: the word, its jieba tag and shape, its neighbours, the claim's unit
    and kind, and where the grammar's object (``rule_len`` words) ends."""
    out = []
    word_tags = [tags.get(w) or "?" for w in words]
    n = len(words)
    if len(_CACHE) > 50_000:
        _CACHE.clear()
    for i, (w, t) in enumerate(zip(words, word_tags)):
        own = _CACHE.get((w, t))
        if own is None:
            own = _CACHE[(w, t)] = _word_features(w, t)
        inside = "in" if i < rule_len else "out"
        f = [*own, "i=%d" % min(i, 6), "u=" + unit, "k=" + kind, "r=" + inside, f"r={inside}|t1={t[:1]}"]
        if i == rule_len - 1:
            f.append("r=last")
        if i == rule_len:
            f.append("r=next")
        if rule_len == 0:
            f.append("r=empty")
        if i == 0:
            f += ["u0=" + unit, "k0=" + kind, f"u0t={unit}|{t}", "BOS"]
        else:
            pt = word_tags[i - 1]
            f += ["pw=" + words[i - 1], "pt=" + pt, f"pt|t={pt}|{t}"]
        if i + 1 < n:
            nt = word_tags[i + 1]
            f += ["nw=" + words[i + 1], "nt=" + nt, f"t|nt={t}|{nt}"]
        else:
            f.append("EOS")
        out.append(f)
    return out


def labels(n: int, length: int) -> list[str]:
    """``I`` for the object's ``length`` words, ``O`` after."""
    return ["I" if i < length else "O" for i in range(n)]
