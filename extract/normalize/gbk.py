"""GBK bytes, for the byte-shift repair (``mojibake.py``): every two-byte character by its bytes,
the bytes a damaged character may stand for, and a character of which one byte survives."""
from __future__ import annotations

from typing import NamedTuple

MARKERS = frozenset("?\ufffd")  # what a decoder leaves where it lost bytes


class GbkTables:
    """Every two-byte GBK character, indexed by its bytes."""

    def __init__(self):
        self.pair: dict[tuple[int, int], str] = {}
        self.by_lead: dict[int, list[str]] = {}
        self.by_trail: dict[int, list[str]] = {}
        for lead in range(0x81, 0xFF):
            for trail in range(0x40, 0xFF):
                if trail == 0x7F:
                    continue
                try:
                    char = bytes((lead, trail)).decode("gbk")
                except UnicodeDecodeError:
                    continue
                if len(char) != 1:
                    continue
                self.pair[(lead, trail)] = char
                self.by_lead.setdefault(lead, []).append(char)
                self.by_trail.setdefault(trail, []).append(char)


def byte_readings(char: str) -> list[tuple[int, ...]]:
    """Byte readings of a damaged character: its GBK bytes, and for ASCII also its full-width form."""
    if char in MARKERS:
        return []
    try:
        raw = char.encode("gbk")
    except UnicodeEncodeError:
        return []
    out = [tuple(raw)]
    if len(raw) == 1 and 0x21 <= raw[0] <= 0x7E:
        out.append((0xA3, raw[0] + 0x80))
    return out


class Slot(NamedTuple):
    """A character of which one byte is known: ``lead`` or ``trail`` (the other is lost). A named
    tuple: the search makes and hashes one at every step, several times as fast as a dataclass."""

    lead: int | None = None
    trail: int | None = None
    either: int | None = None  # the known byte may be its lead or its trail
    silent: bool = False  # the decoder fell back in step without a marker
