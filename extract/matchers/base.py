"""What every matcher shares: span extensions, excluded zones, writing mentions to ``doc.spans``."""
from __future__ import annotations

from typing import Iterable

from spacy.tokens import Doc, Span

from ..mention import Mention

EXCLUDED_KEY = "xinwen_excluded"  # doc.user_data: [(start, end), ...] nothing is extracted from
REFERENCE_KEY = "xinwen_reference_date"  # doc.user_data: ISO date or ""


def ensure_extensions() -> None:
    """Registered when a component is created (not at import): ``span._.mention``."""
    if not Span.has_extension("mention"):
        Span.set_extension("mention", default=None)


def excluded(doc: Doc, start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in doc.user_data.get(EXCLUDED_KEY, ()))


def write_mentions(doc: Doc, key: str, mentions: Iterable[Mention]) -> None:
    spans = []
    for mention in sorted(mentions, key=lambda m: (m.start, m.end)):
        if excluded(doc, mention.start, mention.end):
            continue
        span = doc.char_span(mention.start, mention.end, label=mention.type, alignment_mode="expand")
        if span is None:
            continue
        span._.mention = mention
        spans.append(span)
    doc.spans[key] = spans


def mentions_of(doc: Doc, key: str) -> list[Mention]:
    return [span._.mention for span in doc.spans.get(key, []) if span._.mention is not None]


def token_index_at(doc: Doc, char: int) -> int | None:
    """Index of the token starting exactly at ``char``, else None."""
    token = doc.char_span(char, char + 1, alignment_mode="expand") if char < len(doc.text) else None
    if token is None or token.start_char != char:
        return None
    return token.start


def longest_first(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))
