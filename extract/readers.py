"""Readers: .txt files, folders, JSONL, CSV (optionally gzipped) and stdin, into ``Document``s.

A document that cannot be read is still a ``Document``, with ``error`` set, so the batch goes on and
``documents.csv`` says what happened. Encodings of text files are detected and recorded.
"""
from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

TEXT_FIELDS = ("text", "content", "body", "article", "正文")
ID_FIELDS = ("id", "doc_id", "_id", "uuid", "news_id")
PUBLISHED_FIELDS = ("published", "pub_time", "publish_time", "pubdate", "date", "datetime", "time", "broadcast_date")
TITLE_FIELDS = ("title", "headline")
SOURCE_FIELDS = ("source", "website", "site", "media")
URL_FIELDS = ("url", "link")
SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".csv", ".csv.gz", ".ndjson", ".jsonl.gzip")
DEFAULT_MAX_CHARS = 2_000_000  # a longer document is reported, not processed (time and memory grow with it)
_SURROGATE = re.compile("[\ud800-\udfff]")


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


class ReadError(ValueError):
    """An input that cannot be read at all (a missing path, an unknown format)."""


# -- encodings -------------------------------------------------------------------------------
def _plausibility(text: str) -> float:
    """Share of characters a Chinese news text is made of: ASCII, common Han (GB2312 or Big5
    repertoire), CJK and full-width punctuation. Wrong decodings score low."""
    if not text:
        return 0.0
    good = 0
    for c in text[:4000]:
        if c.isascii():
            good += c.isprintable() or c in "\n\r\t"
        elif "\u3000" <= c <= "\u303f" or "\uff00" <= c <= "\uffef" or c in "“”‘’…—·":
            good += 1
        elif "\u4e00" <= c <= "\u9fff":
            for codec in ("gb2312", "big5"):
                try:
                    c.encode(codec)
                    good += 1
                    break
                except UnicodeEncodeError:
                    continue
    return good / min(len(text), 4000)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode a text file: BOMs, UTF-8, UTF-16 without BOM, GB18030 or Big5. Raises ValueError."""
    if not data:
        raise ValueError("empty file")
    for bom, codec in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            return data.decode(codec), codec
    try:
        text = data.decode("utf-8")
        if not _looks_binary(data[:4096]) and text.count("\x00") <= max(2, len(text) // 100):
            return text, "utf-8"  # a few stray NULs: clean-up removes them
    except UnicodeDecodeError:
        pass
    candidates = ["utf-16-le", "utf-16-be"] if len(data) % 2 == 0 else []
    if b"\x00" not in data[:4096]:
        candidates += ["gb18030", "big5"]
    best: tuple[float, str, str] | None = None
    for codec in candidates:
        try:
            text = data.decode(codec)
        except UnicodeDecodeError:
            continue
        score = _plausibility(text)
        if best is None or score > best[0]:
            best = (score, text, codec)
    if best is not None and best[0] >= 0.9:
        return best[1], best[2]
    if b"\x00" in data[:4096] or _looks_binary(data[:4096]):
        raise ValueError("binary file (not text): control bytes or NULs found")
    mixed = _decode_lines(data)
    if mixed is not None:
        return mixed
    raise ValueError("undecodable text: not UTF-8, UTF-16, GB18030 or Big5")


def _decode_lines(data: bytes) -> tuple[str, str] | None:
    """A file no one codec reads: lines appended from UTF-8 and GBK sources, or UTF-8 cut short.
    Each line is read as UTF-8, else as GB18030 when that reads as Chinese; a few bytes neither
    reads become U+FFFD (damaged spans, nothing extracted from them). None when most is unreadable."""
    lines, used, replaced = [], set(), 0
    for line in data.split(b"\n"):
        try:
            lines.append(line.decode("utf-8"))
            used.add("utf-8")
            continue
        except UnicodeDecodeError:
            pass
        try:
            text = line.decode("gb18030")
            if _plausibility(text) >= 0.9:
                lines.append(text)
                used.add("gb18030")
                continue
        except UnicodeDecodeError:
            pass
        text = line.decode("utf-8", errors="replace")
        replaced += text.count("\ufffd") - line.count("\ufffd".encode())
        lines.append(text)
        used.add("utf-8")
    text = "\n".join(lines)
    if not used or replaced > max(4, len(text) // 100) or _plausibility(text) < 0.9:
        return None
    encoding = "+".join(sorted(used, key=("utf-8", "gb18030").index))
    return text, encoding + (f" ({replaced} undecodable sequences replaced by U+FFFD)" if replaced else "")


def _looks_binary(sample: bytes) -> bool:
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > max(2, len(sample) // 100)


# -- inputs ------------------------------------------------------------------------------------
def read_inputs(inputs: Iterable[str], options: ReadOptions = ReadOptions()) -> Iterator[Document]:
    seen: dict[str, int] = {}
    for item in inputs:
        for document in _read_one(item, options):
            count = seen.get(document.doc_id, 0)
            seen[document.doc_id] = count + 1
            if count:
                document.doc_id = f"{document.doc_id}~{count + 1}"
            yield document


def _read_one(item: str, options: ReadOptions) -> Iterator[Document]:
    if item == "-":
        data = sys.stdin.buffer.read()
        if data.lstrip()[:1] == b"{":
            yield from _read_jsonl_lines(io.StringIO(data.decode("utf-8", errors="replace")), "-", options)
        else:
            yield _text_document("stdin", "-", data, options.max_chars)
        return
    path = Path(item)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and _suffix(p) in SUFFIXES)
        for file in files:
            relative = file.relative_to(path)
            yield from _read_file(file, relative, options)
        return
    if not path.exists():
        raise ReadError(f"input {item} does not exist")
    yield from _read_file(path, Path(path.name), options)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _read_file(path: Path, relative: Path, options: ReadOptions) -> Iterator[Document]:
    suffix = _suffix(path)
    stem = str(relative)[: -len(suffix)] if suffix and str(relative).lower().endswith(suffix) else str(relative)
    if suffix in (".jsonl", ".ndjson", ".jsonl.gz", ".jsonl.gzip"):
        try:
            with _open_text(path) as handle:
                yield from _read_jsonl_lines(handle, str(path), options)
        except (OSError, EOFError, UnicodeDecodeError) as exc:
            yield Document(stem, str(path), error=f"cannot read {path.name}: {exc}")
    elif suffix in (".csv", ".csv.gz"):
        try:
            with _open_text(path) as handle:
                yield from _read_csv(handle, str(path), options)
        except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
            yield Document(stem, str(path), error=f"cannot read {path.name}: {exc}")
    else:
        try:
            size = path.stat().st_size
            if size > 4 * options.max_chars:  # more than any encoding can fit in max_chars: not read at all
                yield Document(stem, str(path), error=_too_long(f"{size:,} bytes", options.max_chars))
                return
            data = path.read_bytes()
        except OSError as exc:
            yield Document(stem, str(path), error=f"cannot read file: {exc}")
            return
        yield _text_document(stem, str(path), data, options.max_chars)


def _open_text(path: Path):
    """Undecodable bytes become lone surrogates (``surrogateescape``), so one bad byte costs its
    record, not the file; ``_record_document`` replaces them."""
    if path.name.lower().endswith((".gz", ".gzip")):
        return gzip.open(path, "rt", encoding="utf-8-sig", errors="surrogateescape", newline="")
    return open(path, encoding="utf-8-sig", errors="surrogateescape", newline="")


def _too_long(size: str, max_chars: int) -> str:
    return (f"document too long ({size}; the limit is {max_chars:,} characters): "
            "split it, or raise --max-chars")


def replace_surrogates(value: str) -> tuple[str, int]:
    """Lone surrogates (JSON escapes such as ``\\ud800``, undecodable bytes) cannot be written as
    UTF-8: each becomes U+FFFD, one code point for one, so offsets do not move."""
    if not _SURROGATE.search(value):
        return value, 0
    return _SURROGATE.subn("\ufffd", value)


def sanitized(document: Document) -> Document:
    """``document`` with every text field free of lone surrogates (the encoding says how many went)."""
    fields = ("doc_id", "source_path", "text", "title", "published", "source", "url")
    cleaned = {name: replace_surrogates(getattr(document, name)) for name in fields}
    if not any(n for _, n in cleaned.values()):
        return document
    count = cleaned["text"][1]
    encoding = document.encoding + (f" ({count} undecodable bytes or lone surrogates replaced by U+FFFD)" if count else "")
    return dataclasses.replace(document, encoding=encoding, **{k: v for k, (v, _) in cleaned.items()})


def _text_document(doc_id: str, source: str, data: bytes, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        return Document(doc_id, source, error=f"{exc}; convert it to UTF-8 text or remove it from the input")
    if not text.strip():
        return Document(doc_id, source, encoding=encoding, error="empty document (only whitespace)")
    if len(text) > max_chars:
        return Document(doc_id, source, encoding=encoding, error=_too_long(f"{len(text):,} characters", max_chars))
    return Document(doc_id, source, text=text, encoding=encoding)


def _pick(record: dict, explicit: str | None, candidates: tuple[str, ...]) -> str:
    if explicit:
        value = record.get(explicit, "")
    else:
        value = next((record[k] for k in candidates if record.get(k) not in (None, "")), "")
    return "" if value is None else str(value)


def _record_document(record: dict, fallback_id: str, source: str, options: ReadOptions, id_key, text_key) -> Document:
    doc_id = _pick(record, id_key, ID_FIELDS) or fallback_id
    text = _pick(record, text_key, TEXT_FIELDS)
    document = Document(
        doc_id, source, text=text,
        title=_pick(record, None, TITLE_FIELDS), published=_pick(record, options.published_field, PUBLISHED_FIELDS),
        source=_pick(record, None, SOURCE_FIELDS), url=_pick(record, None, URL_FIELDS), encoding="utf-8",
    )
    document = sanitized(document)
    if not document.text.strip():
        wanted = text_key or "/".join(TEXT_FIELDS)
        document.error = f"no text: field {wanted!r} is missing or empty (choose the field with --text-field/--text-col)"
    elif len(document.text) > options.max_chars:
        document.error = _too_long(f"{len(document.text):,} characters", options.max_chars)
        document.text = ""
    return document


def _read_jsonl_lines(handle, source: str, options: ReadOptions) -> Iterator[Document]:
    for line_no, line in enumerate(handle, start=1):
        if not line.strip():
            yield Document(str(line_no), source, error=f"line {line_no}: empty line")
            continue
        if len(line) > 8 * options.max_chars:  # escapes and other fields aside, too long to hold a text under the limit
            yield Document(str(line_no), source, error=f"line {line_no}: " + _too_long(f"{len(line):,} characters", options.max_chars))
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Document(str(line_no), source, error=f"line {line_no}: malformed JSON ({exc.msg} at column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield Document(str(line_no), source, error=f"line {line_no}: a JSON object was expected")
            continue
        yield _record_document(record, str(line_no), source, options, options.id_field, options.text_field)


def _read_csv(handle, source: str, options: ReadOptions) -> Iterator[Document]:
    reader = csv.DictReader(handle)
    if options.text_col and reader.fieldnames and options.text_col not in reader.fieldnames:
        raise csv.Error(f"no column {options.text_col!r}; columns are {', '.join(reader.fieldnames)}")
    for row_no, row in enumerate(reader, start=1):
        yield _record_document(row, str(row_no), source, options, options.id_col, options.text_col)
