"""Unicode clean-up with one stated width policy (see rules/normalize.yaml).

Full-width digits, Latin letters and ％ become ASCII so one number grammar serves all text, and
so do a full-width point or slash between digits (２．２, ３／５);
CJK punctuation keeps its width; CR and CRLF become LF; invisible and control characters go.
"""
from __future__ import annotations

import re

import regex

from .aligned import Edit

_WIDE = regex.compile(r"[０-９Ａ-Ｚａ-ｚ％]+|(?<=[0-9０-９])[．／](?=[0-9０-９])|(?<=[０-９])，(?=[０-９]{3})")
_INVISIBLE = regex.compile(r"\r\n?|[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\ufffe]+")
# Every match of either holds one of these characters; most texts hold none, which one scan of a
# plain class tells (the standard ``re`` module runs it several times as fast as ``regex``).
_ANY = re.compile(r"[０-９Ａ-Ｚａ-ｚ％．／\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u200b-\u200d\u2060\ufeff\ufffe]")
_TO_ASCII = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}


def unicode_cleanup(text: str) -> list[Edit]:
    if not _ANY.search(text):
        return []
    edits = [Edit(m.start(), m.end(), m.group().translate(_TO_ASCII)) for m in _WIDE.finditer(text)]
    for m in _INVISIBLE.finditer(text):
        edits.append(Edit(m.start(), m.end(), "\n" if m.group().startswith("\r") else ""))
    return edits
