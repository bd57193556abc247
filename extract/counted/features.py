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


def items(words: Sequence[str], rule_len: int, unit: str, kind: str, tags: Mapping[str, str]) -> list[dict[str, float]]:
    """One feature dict per word: the word, its jieba tag and shape, its neighbours, the claim's unit
    and kind, and where the grammar's object (``rule_len`` words) ends."""
    out = []
    word_tags = [tags.get(w) or "?" for w in words]
    n = len(words)
    for i, (w, t) in enumerate(zip(words, word_tags)):
        inside = "in" if i < rule_len else "out"
        f = {"b": 1.0, "w=" + w: 1.0, "t=" + t: 1.0, "t1=" + t[:1]: 1.0, "s=" + _shape(w): 1.0,
             "n=%d" % min(len(w), 4): 1.0, "f=" + w[:1]: 1.0, "l=" + w[-1:]: 1.0, "i=%d" % min(i, 6): 1.0,
             "u=" + unit: 1.0, "k=" + kind: 1.0, "r=" + inside: 1.0, f"r={inside}|t1={t[:1]}": 1.0}
        if i == rule_len - 1:
            f["r=last"] = 1.0
        if i == rule_len:
            f["r=next"] = 1.0
        if rule_len == 0:
            f["r=empty"] = 1.0
        if i == 0:
            f.update({"u0=" + unit: 1.0, "k0=" + kind: 1.0, f"u0t={unit}|{t}": 1.0, "BOS": 1.0})
        else:
            pt = word_tags[i - 1]
            f.update({"pw=" + words[i - 1]: 1.0, "pt=" + pt: 1.0, f"pt|t={pt}|{t}": 1.0})
        if i + 1 < n:
            nt = word_tags[i + 1]
            f.update({"nw=" + words[i + 1]: 1.0, "nt=" + nt: 1.0, f"t|nt={t}|{nt}": 1.0})
        else:
            f["EOS"] = 1.0
        out.append(f)
    return out


def labels(n: int, length: int) -> list[str]:
    """``I`` for the object's ``length`` words, ``O`` after."""
    return ["I" if i < length else "O" for i in range(n)]
