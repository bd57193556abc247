"""Normalization: a chain of named steps over an aligned text (see ANNOTATION.md, "Normalization")."""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from typing import Mapping

import regex

from ..rules import RuleBook
from .aligned import AlignedText, Edit, Repair
from .cleanup import unicode_cleanup
from .charmodel import CharModel
from .glosses import GlossRemover, LostReadings
from .metadata import Metadata, MetadataReader, iso_datetime
from .mojibake import MojibakeRepairer
from .script import ScriptConverter
from .zones import BoilerplateZoner, Zone

_REPLACEMENT = regex.compile("\ufffd+")
_SHIFT_ROUNDS = 3
# Non-Han characters of the GBK symbol rows that ordinary Chinese prose does not use.
_STRAY = regex.compile(r"[^\p{Han}\s\x00-\x7f，。、；：？！“”‘’（）《》〈〉【】「」『』…—·％\ufffd]")

__all__ = ["Normalizer", "Normalized", "AlignedText", "Edit", "Repair", "Zone", "Metadata", "iso_datetime"]


@dataclass(frozen=True)
class Normalized:
    aligned: AlignedText
    script: str
    boilerplate: tuple[Zone, ...]
    damaged: tuple[Zone, ...]
    metadata: Metadata

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
        self.mojibake = MojibakeRepairer() if repair_mojibake else None
        self.glosses = GlossRemover(normalize["pinyin_syllables"])
        self.lost_readings = LostReadings(lambda: self.mojibake.model if self.mojibake else CharModel())
        self.script = ScriptConverter()
        self.zoner = BoilerplateZoner(rules.family("boilerplate"))
        self.metadata = MetadataReader(rules.family("metadata"))

    def __call__(self, raw: str) -> Normalized:
        aligned = AlignedText.identity(raw)
        doubtful: list[tuple[int, int]] = []
        if self.mojibake is not None:
            aligned = self._repair_shifts(aligned, doubtful)
        aligned = aligned.apply("unicode_cleanup", unicode_cleanup(aligned.text), record=False)
        aligned = aligned.apply("lost_reading", self.lost_readings(aligned.text))
        aligned = aligned.apply("pinyin_gloss", self.glosses(aligned.text))
        script = self.script.detect(aligned.text)
        if script in ("traditional", "mixed"):
            aligned = aligned.apply("opencc_t2s", self.script.edits(aligned.text))
        zones = tuple(self.zoner(aligned.text))
        metadata = self.metadata(aligned.text, zones)
        return Normalized(aligned, script, zones, _damaged(aligned, doubtful), metadata)

    def _repair_shifts(self, aligned: AlignedText, doubtful: list[tuple[int, int]]) -> AlignedText:
        """Byte-shift repair, repeated on its own output until it changes nothing (a few rounds
        at most), so that normalizing normalized text finds nothing more to repair. Spans in
        doubt are added to ``doubtful`` in raw offsets."""
        for _ in range(_SHIFT_ROUNDS):
            edits, doubts = self.mojibake(aligned.text)
            doubtful.extend(aligned.raw_span(start, end) for start, end in doubts)
            if not edits:
                break
            before = aligned
            aligned = aligned.apply("gbk_shift", edits, record=False)
            for start, end, after in self.mojibake.runs(edits):
                raw_start, raw_end = before.raw_span(start, end)
                aligned.repairs.append(Repair("gbk_shift", raw_start, raw_end, before.raw[raw_start:raw_end], after))
        return aligned


def _damaged(aligned: AlignedText, doubtful: list[tuple[int, int]]) -> tuple[Zone, ...]:
    """Damage left in the text: the replacement characters standing for what could not be read,
    and the stretches whose reading byte-shift repair was unsure of (given in raw offsets)."""
    text = aligned.text
    spans = [(m.start(), m.end()) for m in _REPLACEMENT.finditer(text)] if "\ufffd" in text else []
    if doubtful:
        starts, ends = aligned.starts, aligned.ends
        for raw_start, raw_end in doubtful:
            start = bisect_right(ends, raw_start)  # first character ending after raw_start
            end = bisect_left(starts, raw_end)  # characters starting before raw_end
            if start < end:
                spans.append((start, end))
    spans = [_widen(text, start, end) for start, end in spans]
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return tuple(Zone(start, end, "damaged") for start, end in merged)


def _widen(text: str, start: int, end: int) -> tuple[int, int]:
    """A damaged span grown over the stray characters touching it: symbols a shifted GBK reading
    produces and Chinese prose hardly uses (kana, box drawing, circled numbers, Greek, Cyrillic,
    bopomofo, pinyin letters, ...) and lone Latin letters."""
    while start > 0 and _stray(text, start - 1):
        start -= 1
    while end < len(text) and _stray(text, end):
        end += 1
    return start, end


def _stray(text: str, i: int) -> bool:
    char = text[i]
    if char.isascii():
        return char.isalpha() and not (text[i - 1:i].isascii() and text[i - 1:i].isalpha()) \
            and not (text[i + 1:i + 2].isascii() and text[i + 1:i + 2].isalpha())
    return bool(_STRAY.match(char))
