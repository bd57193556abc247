"""Normalization: a chain of named steps over an aligned text (see ANNOTATION.md, "Normalization")."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..rules import RuleBook
from .aligned import AlignedText, Edit, Repair
from .cleanup import unicode_cleanup
from .glosses import GlossRemover
from .metadata import Metadata, MetadataReader, iso_datetime
from .script import ScriptConverter
from .zones import BoilerplateZoner, Zone

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
    """Runs the steps in order: clean-up, pinyin glosses, script, then zones and metadata."""

    def __init__(self, rules: RuleBook):
        normalize: Mapping = rules.family("normalize")
        self.glosses = GlossRemover(normalize["pinyin_syllables"])
        self.script = ScriptConverter()
        self.zoner = BoilerplateZoner(rules.family("boilerplate"))
        self.metadata = MetadataReader(rules.family("metadata"))

    def __call__(self, raw: str) -> Normalized:
        aligned = AlignedText.identity(raw)
        aligned = aligned.apply("unicode_cleanup", unicode_cleanup(aligned.text), record=False)
        aligned = aligned.apply("pinyin_gloss", self.glosses(aligned.text))
        script = self.script.detect(aligned.text)
        if script in ("traditional", "mixed"):
            aligned = aligned.apply("opencc_t2s", self.script.edits(aligned.text))
        zones = tuple(self.zoner(aligned.text))
        metadata = self.metadata(aligned.text, zones)
        return Normalized(aligned, script, zones, (), metadata)
