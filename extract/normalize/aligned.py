"""Text that remembers where every character came from.

Each normalization step proposes edits on the current text; ``AlignedText.apply`` makes the new
text and carries, for every normalized code point, the half-open raw span it came from. Edits that
keep length map one to one; others map each new character to the whole raw span they replaced.
"""
from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of the current text with ``after``."""

    start: int
    end: int
    after: str


@dataclass(frozen=True)
class Repair:
    """A change normalization made, in raw-document coordinates, for ``explain`` and reports."""

    step: str
    raw_start: int
    raw_end: int
    before: str
    after: str
    posterior: float = 1.0  # the probability that the repaired text reads right (byte-shift repair)


@dataclass
class AlignedText:
    raw: str
    text: str
    starts: array  # starts[i]: raw offset where normalized char i begins
    ends: array  # ends[i]: raw offset where normalized char i ends
    repairs: list[Repair] = field(default_factory=list)

    @classmethod
    def identity(cls, raw: str) -> "AlignedText":
        return _Identity(raw)

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw half-open span covering normalized ``[start, end)``."""
        if start >= end:
            pos = self.starts[start] if start < len(self.starts) else len(self.raw)
            return pos, pos
        return self.starts[start], self.ends[end - 1]

    def normalized_span(self, raw_start: int, raw_end: int) -> tuple[int, int]:
        """The normalized characters that came from raw ``[raw_start, raw_end)`` (empty when they
        were deleted, or when the raw span is)."""
        if raw_end <= raw_start:
            start = bisect_left(self.starts, raw_start)
            return start, start
        start = bisect_right(self.ends, raw_start)  # the first character ending after raw_start
        return start, max(start, bisect_left(self.starts, raw_end))  # ... to the last starting before raw_end

    def apply(self, step: str, edits: list[Edit], record: bool = True) -> "AlignedText":
        if not edits:
            return self
        text, starts, ends = self.text, self.starts, self.ends
        pieces: list[str] = []
        new_starts, new_ends = array("q"), array("q")
        repairs = list(self.repairs)
        pos = 0
        for edit in sorted(edits, key=lambda e: (e.start, e.end)):
            if edit.start < pos or edit.end < edit.start or edit.end > len(text):
                raise ValueError(f"{step}: overlapping or out-of-range edit {edit}")
            pieces.append(text[pos:edit.start])
            new_starts.extend(starts[pos:edit.start])
            new_ends.extend(ends[pos:edit.start])
            width = edit.end - edit.start
            if len(edit.after) == width:
                new_starts.extend(starts[edit.start:edit.end])
                new_ends.extend(ends[edit.start:edit.end])
            elif edit.after:
                raw_start, raw_end = self.raw_span(edit.start, edit.end)
                new_starts.extend([raw_start] * len(edit.after))
                new_ends.extend([raw_end] * len(edit.after))
            pieces.append(edit.after)
            if record:
                raw_start, raw_end = self.raw_span(edit.start, edit.end)
                repairs.append(Repair(step, raw_start, raw_end, self.raw[raw_start:raw_end], edit.after))
            pos = edit.end
        pieces.append(text[pos:])
        new_starts.extend(starts[pos:])
        new_ends.extend(ends[pos:])
        return AlignedText(self.raw, "".join(pieces), new_starts, new_ends, repairs)


class _Identity(AlignedText):
    """The raw text before any edit; its offset arrays are built only if something asks for them."""

    def __init__(self, raw: str):
        self.raw, self.text, self.repairs = raw, raw, []

    @property
    def starts(self) -> array:  # type: ignore[override]
        return array("q", range(len(self.raw)))

    @property
    def ends(self) -> array:  # type: ignore[override]
        return array("q", range(1, len(self.raw) + 1))

    def raw_span(self, start: int, end: int) -> tuple[int, int]:
        return (start, start) if start >= end else (start, end)
