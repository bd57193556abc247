"""Normalization: a chain of named steps over an aligned text (see ANNOTATION.md, "Normalization")."""
from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Mapping

import regex

from ..rules import RuleBook
from .aligned import AlignedText, Edit, Repair
from .cleanup import unicode_cleanup
from .charmodel import CharModel
from .damage_signs import ascii_alnum
from .glosses import GlossRemover, LostReadings
from .metadata import Metadata, MetadataReader, iso_datetime
from .mojibake import IN_DOUBT, MojibakeRepairer
from .script import ScriptConverter
from .shift_search import SURE
from .zones import BoilerplateZoner, Zone

_REPLACEMENT = regex.compile("\ufffd+")
_SHIFT_ROUNDS = 3
# Non-Han characters of the GBK symbol rows that ordinary Chinese prose does not use, or not
# next to damage (a lone bracket there is a shifted reading's as often as the writer's).
_STRAY = regex.compile(r"[^\p{Han}\s\x00-\x7f，。、；：？！“”‘’（）《》…—·％\ufffd]")
# What a damaged span leaves of a pinyin gloss after it: the whole gloss, or its end.
_GLOSS_REST = regex.compile(r"\([a-zü\u00e0-\u01dc]{1,7}\)|[a-zü\u00e0-\u01dc]{0,6}\)")
_HAN = regex.compile(r"\p{Han}")
_COMMON = math.log(1e-3)  # a character at least this frequent may well stand alone as a word
# Repairs of damage (a row touching one says ``repaired``); script conversion, clean-up and gloss
# removal are not.
DAMAGE_STEPS = frozenset({"gbk_shift", "lost_reading"})

__all__ = ["Normalizer", "Normalized", "Reading", "AlignedText", "Edit", "Repair", "Zone", "Metadata",
           "iso_datetime", "DAMAGE_STEPS"]


@dataclass(frozen=True)
class Reading:
    """A stretch of normalized text that went through a damage repair (``repaired``), or that a
    repair came close to changing, with the posterior probability that it reads right there."""

    start: int
    end: int
    posterior: float
    repaired: bool = True


@dataclass(frozen=True)
class Normalized:
    aligned: AlignedText
    script: str
    boilerplate: tuple[Zone, ...]
    damaged: tuple[Zone, ...]
    metadata: Metadata
    readings: tuple[Reading, ...] = ()  # sorted by start

    def provenance(self, start: int, end: int) -> tuple[bool, float | None]:
        """Whether text ``[start, end)`` went through a damage repair, and the least posterior of
        the readings it touches (None when it touches none)."""
        repaired, posterior = False, None
        for r in self.readings:
            if r.start >= end:
                break
            if r.end > start:
                repaired = repaired or r.repaired
                posterior = r.posterior if posterior is None else min(posterior, r.posterior)
        return repaired, posterior

    @property
    def uncertain(self) -> tuple[Reading, ...]:
        """Readings in doubt (posterior short of ``IN_DOUBT``, about 0.9985): kept and extracted
        from, their rows say so."""
        return tuple(r for r in self.readings if r.posterior < IN_DOUBT)

    @property
    def text(self) -> str:
        return self.aligned.text

    @property
    def repairs(self) -> list[Repair]:
        return self.aligned.repairs

    @property
    def excluded(self) -> tuple[Zone, ...]:
        """Spans nothing may be extracted from."""
        return tuple(sorted(self.boilerplate + self.damaged, key=lambda z: (z.start, z.end)))


class Normalizer:
    """Runs the steps in order: byte-shift repair, clean-up, pinyin glosses, script, then zones
    and metadata. Byte-shift repair goes first because it needs the characters exactly as the
    decoder produced them (before widths change)."""

    def __init__(self, rules: RuleBook, repair_mojibake: bool = True):
        normalize: Mapping = rules.family("normalize")
        self.script = ScriptConverter()
        self.mojibake = MojibakeRepairer(script=self.script) if repair_mojibake else None
        self.glosses = GlossRemover(normalize["pinyin_syllables"])
        self.lost_readings = LostReadings(lambda: self.mojibake.model if self.mojibake else CharModel())
        self.zoner = BoilerplateZoner(rules.family("boilerplate"))
        self.metadata = MetadataReader(rules.family("metadata"))

    def __call__(self, raw: str) -> Normalized:
        aligned = AlignedText.identity(raw)
        doubtful: list[tuple[int, int, float]] = []  # readings in raw offsets, with their posterior
        if self.mojibake is not None:
            aligned = self._repair_shifts(aligned, doubtful)
        aligned, script = self._clean(aligned)
        if self.mojibake is not None and (doubtful or "\ufffd" in aligned.text
                                          or any(r.step == "gbk_shift" for r in aligned.repairs)):
            aligned = self._settle(aligned, doubtful)
        zones = tuple(self.zoner(aligned.text))
        metadata = self.metadata(aligned.text, zones)
        model = self.mojibake.model if self.mojibake is not None else None
        damaged = _damaged(aligned, doubtful, model)
        return Normalized(aligned, script, zones, damaged, metadata, _readings(aligned, doubtful, model))

    def _clean(self, aligned: AlignedText) -> tuple[AlignedText, str]:
        """The steps after byte-shift repair: clean-up, lost readings, glosses, script."""
        aligned = aligned.apply("unicode_cleanup", unicode_cleanup(aligned.text), record=False)
        aligned = aligned.apply("lost_reading", self.lost_readings(aligned.text))
        aligned = aligned.apply("pinyin_gloss", self.glosses(aligned.text))
        script = self.script.detect(aligned.text)
        if script in ("traditional", "mixed"):
            aligned = aligned.apply("opencc_t2s", self.script.edits(aligned.text))
        return aligned, script

    def _repair_shifts(self, aligned: AlignedText, doubtful: list[tuple[int, int, float]]) -> AlignedText:
        """Byte-shift repair, repeated on its own output until it changes nothing (a few rounds
        at most), so that normalizing normalized text finds nothing more to repair. The readings
        behind it are added to ``doubtful`` in raw offsets, with their posterior."""
        for _ in range(_SHIFT_ROUNDS):
            edits, readings = self.mojibake(aligned.text)
            doubtful.extend((*aligned.raw_span(start, end), p) for start, end, p in readings)
            if not edits:
                break
            aligned = self._apply_shifts(aligned, edits, readings)
        return aligned

    def _apply_shifts(self, aligned: AlignedText, edits: list[Edit],
                      readings: list[tuple[int, int, float]]) -> AlignedText:
        """The edits applied, each repaired run logged with the least posterior of the readings it touches."""
        before = aligned
        aligned = aligned.apply("gbk_shift", edits, record=False)
        for start, end, after in self.mojibake.runs(edits):
            raw_start, raw_end = before.raw_span(start, end)
            posterior = min((p for a, b, p in readings if a < end and start < b), default=1.0)
            aligned.repairs.append(Repair("gbk_shift", raw_start, raw_end, before.raw[raw_start:raw_end], after,
                                          posterior))
        return aligned

    def _settle(self, aligned: AlignedText, doubtful: list[tuple[int, int, float]]) -> AlignedText:
        """Repaired text made a fixed point: normalizing the output again must change nothing, but
        the output is Simplified, whose GBK bytes differ from the Traditional ones repaired, so a
        close call next to what stayed unreadable can come out the other way on the new bytes.
        The repair is run on the output as a second normalization would, and what it changes is
        taken now (its readings kept as in the first pass), until it changes nothing. Only text
        that was repaired, doubted or left with a lost character pays for it."""
        for _ in range(_SHIFT_ROUNDS):
            edits, readings = self.mojibake(aligned.text)
            doubtful.extend((*aligned.raw_span(start, end), p) for start, end, p in readings)
            if not edits:
                break
            aligned, _ = self._clean(self._apply_shifts(aligned, edits, readings))
        return aligned


def _damaged(aligned: AlignedText, doubtful: list[tuple[int, int, float]],
             model: CharModel | None) -> tuple[Zone, ...]:
    """Damage left in the text: the replacement characters standing for what could not be read
    (and readings with no posterior at all: a gloss a lost byte broke), each widened over what the
    loss left around it (see ``_widen``); and the repaired characters that look wrong where they
    stand (a stray symbol, a rare character that makes a word with neither neighbour): there no
    reading fits. A reading that is likely but not sure is not damage (``_readings``)."""
    text = aligned.text
    spans = [(m.start(), m.end()) for m in _REPLACEMENT.finditer(text)] if "\ufffd" in text else []
    shifted = [(r.raw_start, r.raw_end) for r in aligned.repairs if r.step == "gbk_shift"]
    if not spans and not doubtful and not shifted:
        return ()
    for raw_start, raw_end, posterior in doubtful:
        start, end = aligned.normalized_span(raw_start, raw_end)
        if start < end and posterior <= 0.0:
            spans.append((start, end))
    for raw_start, raw_end in shifted:
        # a stray symbol a repaired reading produced, or left next to it, shows it is not all right:
        # no reading fits there
        start, end = aligned.normalized_span(raw_start, raw_end)
        spans.extend((i, i + 1) for i in range(max(start - 1, 0), min(end + 1, len(text)))
                     if _stray(text, i) or start <= i < end and model is not None and _alone(model, text, i))
    spans = [_widen(text, start, end, model) for start, end in spans]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(Zone(start, end, "damaged") for start, end in merged)


def _readings(aligned: AlignedText, doubtful: list[tuple[int, int, float]],
              model: CharModel | None) -> tuple[Reading, ...]:
    """Where the text went through a damage repair, or a repair came close, in normalized offsets,
    each with its posterior: the repairs themselves (a filled-in lost reading passed ``SURE``),
    and the readings behind byte-shift repair; one in doubt is widened as a damaged span would be
    (``_widen``: where the loss lies is as unsure as what it reads)."""
    if not doubtful and not aligned.repairs:
        return ()
    out = []
    for r in aligned.repairs:
        if r.step in DAMAGE_STEPS:
            start, end = aligned.normalized_span(r.raw_start, r.raw_end)
            if start < end:
                out.append(Reading(start, end, r.posterior if r.step == "gbk_shift" else SURE, True))
    repaired = [(r.start, r.end) for r in out]
    for raw_start, raw_end, posterior in doubtful:
        start, end = aligned.normalized_span(raw_start, raw_end)
        if start < end and posterior > 0.0:  # a kept text a repair came close to is not repaired
            if posterior < IN_DOUBT:
                start, end = _widen(aligned.text, start, end, model)
            out.append(Reading(start, end, posterior, any(a < end and start < b for a, b in repaired)))
    return tuple(sorted(set(out), key=lambda r: (r.start, r.end, r.posterior)))


def _widen(text: str, start: int, end: int, model: CharModel | None) -> tuple[int, int]:
    """A damaged span grown over what the loss left around it, where the exact place of a lost
    byte is unsure: the stray characters touching it (symbols a shifted GBK reading produces and
    Chinese prose hardly uses: kana, box drawing, circled numbers, Greek, bopomofo, lone ASCII
    letters, digits and signs); the rest of a pinyin gloss whose character it took; and a Han
    character on either side that makes no word with the text beyond it (a character read from
    a byte next to the loss, plausible alone)."""
    start, end = _grow(text, start, end)
    if "\ufffd" in text[start:end]:  # the bytes around a lost one: folded full-width forms
        start, end = _beside_loss(text, start, end)
    gloss = _GLOSS_REST.match(text, end)
    if gloss:
        end = gloss.end()
    if model is not None:
        if start > 0 and _HAN.match(text[start - 1]) and not model.makes_word(text[start - 2:start]):
            start -= 1
        if end < len(text) and _HAN.match(text[end]) and not model.makes_word(text[end:end + 2]):
            end += 1
        start, end = _grow(text, start, end)
    return start, end


def _beside_loss(text: str, start: int, end: int) -> tuple[int, int]:
    """A span holding a replacement character grown over up to three ASCII characters touching it
    with Chinese text beyond them (``力量OM�大家``, ``相向而行13�对话``: the damage folds the
    full-width forms a shifted reading produces). Not over a punctuation mark or a Han character
    that makes a word: a name often begins right after a lost character (``入口�“云游博物馆”``)."""
    k = start
    while k > 0 and start - k < 3 and text[k - 1].isascii() and text[k - 1].isprintable() \
            and not text[k - 1].isspace():
        k -= 1
    if k < start and (k == 0 or not text[k - 1].isascii()):
        start = k
    k = end
    while k < len(text) and k - end < 3 and text[k].isascii() and text[k].isprintable() and not text[k].isspace():
        k += 1
    if k > end and (k == len(text) or not text[k].isascii()):
        end = k
    return start, end


def _grow(text: str, start: int, end: int) -> tuple[int, int]:
    while start > 0 and _stray(text, start - 1):
        start -= 1
    while end < len(text) and _stray(text, end):
        end += 1
    return start, end


def _alone(model: CharModel, text: str, i: int) -> bool:
    """A repaired character that makes a word with neither neighbour and is no common word on
    its own: the reading is likely wrong there (``第饰党代会`` for ``第十二次党代会``)."""
    return bool(_HAN.match(text[i])) and model.unigram(text[i]) < _COMMON \
        and not model.makes_word(text[i - 1:i + 1]) and not model.makes_word(text[i:i + 2])


def _stray(text: str, i: int) -> bool:
    char = text[i]
    if char.isascii():  # a lone one: no ASCII letter or digit either side
        return char.isprintable() and not char.isspace() and not ascii_alnum(text[i - 1:i]) \
            and not ascii_alnum(text[i + 1:i + 2])
    return bool(_STRAY.match(char))

