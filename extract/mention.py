"""The one record that flows through every stage: a typed span of normalized text."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping

from .schema import layout

_CHECKED = frozenset({"type", "start", "end", "fields"})  # what __post_init__ checks or freezes


@dataclass(frozen=True)
class Mention:
    """A mention: half-open code-point offsets into the normalized text, the rule that made it,
    and the normalized fields of its type. Stages return new Mentions (``with_``), never mutate."""

    type: str
    start: int
    end: int
    surface: str
    rule: str
    fields: Mapping[str, Any] = field(default_factory=dict)
    doc_id: str = ""
    mention_id: str = ""
    raw_start: int = -1
    raw_end: int = -1
    sentence: str = ""
    confidence: float | None = None  # the probability that the row is right, where measured (model rows)
    repaired: bool = False  # its raw span went through a damage repair (not a mere script conversion)

    def __post_init__(self):
        if self.type not in layout().fields:
            raise ValueError(f"unknown mention type {self.type!r}; expected one of {layout().types}")
        if not 0 <= self.start < self.end:
            raise ValueError(f"bad span [{self.start}, {self.end}) for {self.surface!r}")
        object.__setattr__(self, "fields", MappingProxyType(dict(self.fields)))

    def with_(self, **changes) -> "Mention":
        """A copy with ``changes``; ``fields`` given are merged into the current ones. (Built directly:
        ``dataclasses.replace`` is generic and slow, and every final mention passes through here.
        A copy that keeps the type, offsets and fields needs no new checks: its values are copied.)"""
        fields = changes.pop("fields", None)
        unknown = changes.keys() - self.__dataclass_fields__.keys()
        if unknown:
            raise TypeError(f"Mention has no field {sorted(unknown)[0]!r}")
        if fields is not None:
            changes["fields"] = {**self.fields, **fields}
        if not changes.keys().isdisjoint(_CHECKED):
            return Mention(**{**self.__dict__, **changes})
        copy = object.__new__(Mention)
        copy.__dict__.update(self.__dict__, **changes)
        return copy

    def overlaps(self, other: "Mention") -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: "Mention") -> bool:
        return self.start <= other.start and other.end <= self.end


# the quotes and title marks a programme's name may stand in, opening -> closing
QUOTE_PAIRS = {"“": "”", "「": "」", "『": "』", "《": "》", '"': '"'}


def quote_close(m: Mention) -> int | None:
    """Where the quote that opens a mention's surface closes (“欢乐春节”活动: the offset of ”), in
    text offsets; None when the surface opens with no quote or the quote does not close in it."""
    close = QUOTE_PAIRS.get(m.surface[:1])
    at = m.surface.find(close, 1) if close else -1
    return m.start + at if at > 0 else None


def __getattr__(name: str):
    """``TYPES`` (the mention types, in table order) and ``FIELDS`` (each type's fields, in column
    order), read off the data dictionary (``schema.layout``) when first asked for, not at import:
    for the callers that import them by name (``explain.py``); new code asks ``layout()``."""
    if name == "TYPES":
        return layout().types
    if name == "FIELDS":
        return layout().fields
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
