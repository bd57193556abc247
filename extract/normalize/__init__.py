"""Normalization: a chain of named steps over an aligned text (see ANNOTATION.md, "Normalization")."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import regex

from ..rules import RuleBook
from .aligned import AlignedText, Edit, Repair
from .cleanup import unicode_cleanup
from .glosses import GlossRemover
from .metadata import Metadata, MetadataReader, iso_datetime
from .mojibake import MojibakeRepairer
from .script import ScriptConverter
from .zones import BoilerplateZoner, Zone

_REPLACEMENT = regex.compile("\ufffd+")

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
        self.script = ScriptConverter()
        self.zoner = BoilerplateZoner(rules.family("boilerplate"))
        self.metadata = MetadataReader(rules.family("metadata"))

    def __call__(self, raw: str) -> Normalized:
        aligned = AlignedText.identity(raw)
        if self.mojibake is not None:
            edits = self.mojibake(raw)
            aligned = aligned.apply("gbk_shift", edits, record=False)
            aligned.repairs.extend(Repair("gbk_shift", start, end, raw[start:end], after)
                                   for start, end, after in self.mojibake.runs(edits))
        aligned = aligned.apply("unicode_cleanup", unicode_cleanup(aligned.text), record=False)
        aligned = aligned.apply("pinyin_gloss", self.glosses(aligned.text))
        script = self.script.detect(aligned.text)
        if script in ("traditional", "mixed"):
            aligned = aligned.apply("opencc_t2s", self.script.edits(aligned.text))
        zones = tuple(self.zoner(aligned.text))
        metadata = self.metadata(aligned.text, zones)
        return Normalized(aligned, script, zones, _damaged(aligned.text), metadata)


def _damaged(text: str) -> tuple[Zone, ...]:
    """Damage left in the text: the replacement characters standing for what could not be read."""
    if "\ufffd" not in text:
        return ()
    return tuple(Zone(m.start(), m.end(), "damaged") for m in _REPLACEMENT.finditer(text))
