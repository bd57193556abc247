"""What a reader makes of one input: a ``Document`` (an unreadable one too, with ``error`` set),
the options that say where a record keeps its text, and the clean-up every document gets (lone
surrogates out, the size limit named)."""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field

from ..errors import XinwenError

DEFAULT_MAX_CHARS = 2_000_000  # a longer document is reported, not processed (time and memory grow with it)
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ReadOptions:
    text_field: str | None = None
    id_field: str | None = None
    published_field: str | None = None
    text_col: str | None = None
    id_col: str | None = None
    max_chars: int = DEFAULT_MAX_CHARS


@dataclass
class Document:
    doc_id: str
    source_path: str
    text: str = ""
    title: str = ""
    published: str = ""
    source: str = ""
    url: str = ""
    encoding: str = ""
    error: str = ""
    extra: dict = field(default_factory=dict)


class ReadError(XinwenError, ValueError):
    """An input that cannot be read at all (a missing path, an unknown format)."""


def too_long(size: str, max_chars: int) -> str:
    return (f"document too long ({size}; the limit is {max_chars:,} characters): "
            "split it, or raise --max-chars")


def replace_surrogates(value: str) -> tuple[str, int]:
    """Lone surrogates (JSON escapes such as ``\\ud800``, undecodable bytes) cannot be written as
    UTF-8: each becomes U+FFFD, one code point for one, so offsets do not move."""
    if not SURROGATE.search(value):
        return value, 0
    return SURROGATE.subn("\ufffd", value)


def sanitized(document: Document) -> Document:
    """``document`` with every text field free of lone surrogates (the encoding says how many went)."""
    fields = ("doc_id", "source_path", "text", "title", "published", "source", "url")
    cleaned = {name: replace_surrogates(getattr(document, name)) for name in fields}
    if not any(n for _, n in cleaned.values()):
        return document
    count = cleaned["text"][1]
    encoding = document.encoding + (f" ({count} undecodable bytes or lone surrogates replaced by U+FFFD)" if count else "")
    return dataclasses.replace(document, encoding=encoding, **{k: v for k, (v, _) in cleaned.items()})
