"""Reading words around a number when spaces stand inside them (``小于 或 等于100``, ``6 个 百 分点``,
``170 之下``): scraped text is full of them. Runs around every numeral, so the common case (no space
near) costs three substring tests (cheaper than a regular expression or a call) and no copy."""
from __future__ import annotations

from typing import Sequence

BLANKS = " \t\u3000"


def despace(text: str, pos: int, limit: int) -> tuple[str, Sequence[int]]:
    """Up to ``limit`` characters from ``pos`` without spaces and tabs, with their offsets."""
    chunk = text[pos:pos + limit]
    if " " not in chunk and "\t" not in chunk and "\u3000" not in chunk:
        return chunk, range(pos, pos + len(chunk))
    chars, offsets = [], []
    i = pos
    while i < len(text) and len(chars) < limit:
        if text[i] not in BLANKS:
            chars.append(text[i])
            offsets.append(i)
        i += 1
    return "".join(chars), offsets


def despace_back(text: str, pos: int, limit: int) -> tuple[str, Sequence[int]]:
    """Up to ``limit`` characters before ``pos`` without spaces and tabs, with their offsets."""
    chunk = text[max(0, pos - limit):pos]
    if " " not in chunk and "\t" not in chunk and "\u3000" not in chunk:
        return chunk, range(pos - len(chunk), pos)
    chars, offsets = [], []
    i = pos - 1
    while i >= 0 and len(chars) < limit:
        if text[i] not in BLANKS:
            chars.append(text[i])
            offsets.append(i)
        i -= 1
    return "".join(reversed(chars)), offsets[::-1]


def skip_blank(text: str, pos: int) -> int:
    """The position after the spaces and tabs at ``pos``."""
    while pos < len(text) and text[pos] in " \t":
        pos += 1
    return pos
