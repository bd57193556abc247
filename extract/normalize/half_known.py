"""Scoring the readings of a damaged text with the character model, for the byte-shift repair
(``mojibake.py``): a whole character after the one before it, and a character of which one byte
survives by the summed probability of every character with that byte in its context; then each
such character is filled in with the likeliest when it is clear (else U+FFFD). The writer wrote
one script: in text clearly in one, a character only the other writes is improbable where it
stands and is never offered as a guess.
"""
from __future__ import annotations

import math

import regex

from .charmodel import CharModel
from .gbk import GbkTables, Slot

_HAN = regex.compile(r"\p{Han}")
SLOT = -2.0  # a character of which one byte is known (on top of its candidates' probability)
GUESS = -8.0  # a character whose bytes are lost without a trace
_CHAIN = 40  # candidates per character kept when several half-known ones are decided together
_MIX = 6  # candidates of a half-known character kept as context for the next one
FOREIGN = -5.0  # a character the document's script does not write (宫 in Traditional text)
OTHER = -4.0  # a non-Han character (punctuation, digit, letter)
_CONFIDENT = 0.6  # posterior needed to fill a half-known character
_RARE = math.log(1e-7)  # characters rarer than this are never offered as a guess
# CJK punctuation a lost character may have been, with a rough log-prior (its share among
# punctuation marks in news text, estimated): it has no character-model score of its own.
_PUNCTUATION = {
    "，": -1.0, "。": -1.4, "、": -2.5, "“": -3.0, "”": -3.0, "：": -4.0, "《": -4.5, "》": -4.5,
    "；": -5.0, "（": -5.0, "）": -5.0, "！": -5.5, "？": -5.5, "…": -6.0, "—": -6.0, "·": -6.0,
    "‘": -7.0, "’": -7.0, "【": -7.0, "】": -7.0,
}


class ReadingScorer:
    """Log-probabilities of readings, and the fill of half-known characters, under one character
    model; remembers what it computed (the same slots and pairs come back across texts)."""

    def __init__(self, model: CharModel, tables: GbkTables):
        self.model = model
        self.tables = tables
        self.foreign: frozenset = frozenset()  # characters foreign to the script of the text at hand
        self.writes = ""  # ... which is this script ("" when the text is not clearly in one)
        self._slot_infos: dict = {}  # slot, script -> what _slot_mass needs of its candidates: a cache
        self._mixed: dict = {}  # (candidates, character) -> log-probability: a cache
        self._slots: dict = {}  # (previous character, slot, script) -> (log-probability, candidates): a cache

    def use_script(self, writes: str, foreign: frozenset) -> None:
        """The script of the text at hand, and the characters only the other one writes."""
        self.writes, self.foreign = writes, foreign

    def emit(self, score: float, last, char: str) -> tuple[float, str | None]:
        """Score ``char`` after ``last``: a character, None, or a half-known one's candidates."""
        if not _HAN.match(char):
            return score + OTHER, None
        if isinstance(last, tuple):
            key = (last, char)
            lp = self._mixed.get(key)
            if lp is None:
                p = sum(w * math.exp(self.model.logp(c if _HAN.match(c) else None, char)) for c, w in last)
                lp = math.log(p)
                if len(self._mixed) > 100_000:
                    self._mixed.clear()
                self._mixed[key] = lp
            return score + (lp + FOREIGN if char in self.foreign else lp), char
        lp = self.model.logp(last, char)
        if char in self.foreign:
            lp += FOREIGN
        return score + lp, char

    def slot(self, score: float, last, slot: Slot) -> tuple[float, tuple | None]:
        """Score a half-known character by how likely any character with its known byte is here
        (the sum over candidates); the likeliest few, weighted, are the context for the next one."""
        prev = last if isinstance(last, str) and _HAN.match(last) else None
        key = (prev, slot, self.writes)
        known = self._slots.get(key)
        if known is None:
            known = self._slot_mass(prev, slot)
            if len(self._slots) > 100_000:
                self._slots.clear()
            self._slots[key] = known
        return score + known[0], known[1]

    def fill(self, outs: list) -> tuple[list[str], dict[int, float]]:
        """Replace each half-known character by the likeliest one, or U+FFFD when unsure; also
        the indices filled with a character (not U+FFFD), with its posterior.

        Runs of adjacent half-known characters are decided jointly (max-marginals over the chain)
        between their known neighbours.
        """
        flat: list = []  # (index into outs, char or Slot)
        for k, out in enumerate(outs):
            if isinstance(out, Slot):
                flat.append((k, out))
            else:
                flat.extend((k, c) for c in out)
        chosen: dict[int, str] = {}
        guessed: dict[int, float] = {}
        i = 0
        while i < len(flat):
            if not isinstance(flat[i][1], Slot):
                i += 1
                continue
            j = i
            while j + 1 < len(flat) and isinstance(flat[j + 1][1], Slot):
                j += 1
            left = flat[i - 1][1] if i > 0 else None
            right = _after_gloss(flat, j + 1)
            for (k, _), (char, sure) in zip(flat[i:j + 1], self._decide([s for _, s in flat[i:j + 1]], left, right)):
                chosen[k] = char
                if char != "\ufffd":
                    guessed[k] = min(sure, guessed.get(k, 1.0))
            i = j + 1
        return [chosen[k] if isinstance(out, Slot) else out for k, out in enumerate(outs)], guessed

    def _slot_mass(self, prev: str | None, slot: Slot) -> tuple[float, tuple | None]:
        """log of the summed probability of a slot's candidates after ``prev``, and the top few.

        Summed as the model's interpolation: unigram and punctuation parts are fixed per slot;
        the bigram part only runs over the candidates seen after ``prev``."""
        key = (slot, self.writes)
        info = self._slot_infos.get(key)
        if info is None:
            info = self._slot_infos[key] = self._slot_info(slot)
        if info is None:
            return GUESS, None
        fixed, uni_sum, by_simple, top_uni = info
        model = self.model
        if prev is None:
            total = fixed + uni_sum
            best = [(c, p) for c, p in top_uni]
        else:
            followers = model.followers(prev)
            small, large = (followers, by_simple) if len(followers) < len(by_simple) else (by_simple, followers)
            bi_sum, hits = 0.0, []
            for simple in small:
                if simple in large:
                    p_bi = followers[simple]
                    for c, p_uni in by_simple[simple]:
                        bi_sum += p_bi
                        hits.append((c, model.mixed(p_bi, p_uni)))
            total = fixed + model.mixed(bi_sum, uni_sum)
            seen = {c for c, _ in hits}
            best = hits + [(c, p if c in _PUNCTUATION else model.mixed(0.0, p)) for c, p in top_uni if c not in seen]
        best.sort(key=lambda cp: -cp[1])
        return math.log(total) + SLOT, tuple((c, p / total) for c, p in best[:_MIX])

    def _slot_info(self, slot: Slot):
        """Per slot: punctuation mass, unigram mass, Han candidates by simplified form, top candidates."""
        cands = self._candidates(slot)
        if not cands:
            return None
        fixed, uni_sum, by_simple, scored = 0.0, 0.0, {}, []
        for c in cands:
            if c in _PUNCTUATION:
                p = math.exp(OTHER + _PUNCTUATION[c])
                fixed += p
            else:
                p = math.exp(self.model.unigram(c))
                uni_sum += p
                by_simple.setdefault(self.model.simplified(c), []).append((c, p))
            scored.append((c, p))
        scored.sort(key=lambda cp: -cp[1])
        return fixed, uni_sum, by_simple, scored[:_MIX]

    def _candidates(self, slot: Slot) -> list[str]:
        tables = self.tables
        if slot.silent:
            return []  # bytes vanished without a trace: nothing to go on
        if slot.lead is not None:
            chars = tables.by_lead.get(slot.lead, [])
        elif slot.trail is not None:
            chars = tables.by_trail.get(slot.trail, [])
        else:
            chars = tables.by_lead.get(slot.either, []) + tables.by_trail.get(slot.either, [])
        foreign = self.foreign  # the writer did not write it: not a candidate
        return [c for c in chars if c in _PUNCTUATION
                or (_HAN.match(c) and c not in foreign and self.model.unigram(c) > _RARE)]

    def _lp_alone(self, char: str) -> float:
        return self._lp(None, char)

    def _lp(self, prev: str | None, char: str) -> float:
        if char in _PUNCTUATION:
            return OTHER + _PUNCTUATION[char]
        return self.model.logp(prev if prev is not None and _HAN.match(prev) else None, char)

    def _decide(self, slots: list[Slot], left, right) -> list[tuple[str, float]]:
        """Each half-known character's likeliest reading (U+FFFD when unsure) and its posterior."""
        cands = [self._candidates(s) for s in slots]
        if any(not c for c in cands):
            return [("\ufffd", 0.0)] * len(slots)
        if len(slots) > 1:  # a chain: pairs of candidates multiply, so keep the commonest of each
            cands = [sorted(c, key=self._lp_alone, reverse=True)[:_CHAIN] for c in cands]
        left = left if isinstance(left, str) else None
        right = right if isinstance(right, str) and _HAN.match(right) else None
        forward = [{c: self._lp(left, c) for c in cands[0]}]
        for k in range(1, len(slots)):
            prev = forward[-1]
            forward.append({c: max(v + self._lp(p, c) for p, v in prev.items()) for c in cands[k]})
        backward = [dict.fromkeys(cands[-1], 0.0)]
        if right is not None:
            backward[0] = {c: self._lp(c, right) - self.model.unigram(right) for c in cands[-1]}
        for k in range(len(slots) - 2, -1, -1):
            nxt = backward[0]
            backward.insert(0, {c: max(v + self._lp(c, n) for n, v in nxt.items()) for c in cands[k]})
        out = []
        for f, b in zip(forward, backward):
            scores = {c: f[c] + b[c] for c in f}
            best = max(scores, key=scores.get)
            total = sum(math.exp(v - scores[best]) for v in scores.values())
            sure = 1.0 / total
            out.append((best if sure >= _CONFIDENT else "\ufffd", sure))
        return out


def _after_gloss(flat: list, i: int):
    """The character at ``i``, or the one after a ``(pinyin)`` gloss starting there."""
    if i >= len(flat):
        return None
    if flat[i][1] == "(":
        for j in range(i + 1, min(i + 9, len(flat))):
            if flat[j][1] == ")":
                return flat[j + 1][1] if j + 1 < len(flat) else None
    return flat[i][1]
