"""JSONL and CSV: one document per record, read line by line with a bound on every line, so a
broken record (malformed JSON, an unterminated quote, a line longer than a document may be) costs
that record and never the ones after it."""
from __future__ import annotations

import csv
import json
from typing import Iterator

from .document import SURROGATE, Document, ReadOptions, sanitized, too_long
from .encodings import common_share

TEXT_FIELDS = ("text", "content", "body", "article", "正文")
ID_FIELDS = ("id", "doc_id", "_id", "uuid", "news_id")
PUBLISHED_FIELDS = ("published", "pub_time", "publish_time", "pubdate", "date", "datetime", "time", "broadcast_date")
TITLE_FIELDS = ("title", "headline")
SOURCE_FIELDS = ("source", "website", "site", "media")
URL_FIELDS = ("url", "link")


def _pick(record: dict, explicit: str | None, candidates: tuple[str, ...]):
    """The value of the chosen field, or of the first candidate that holds one; "" when none does."""
    if explicit:
        value = record.get(explicit, "")
    else:
        value = next((record[k] for k in candidates if record.get(k) not in (None, "")), "")
    return "" if value is None else value


def _field_text(record: dict, explicit: str | None, candidates: tuple[str, ...]) -> str:
    return str(_pick(record, explicit, candidates))


def _not_text(value) -> str:
    """What a text field holds when it is not a string, said so a user can find it: the JSON type
    and the start of the value (a list, a number, an object, true, NaN)."""
    if isinstance(value, bool):
        kind = "a boolean"
    elif isinstance(value, float) and value != value:
        kind = "NaN"
    elif isinstance(value, (int, float)):
        kind = "a number"
    elif isinstance(value, list):
        kind = "a list"
    elif isinstance(value, dict):
        kind = "an object"
    else:
        kind = f"a {type(value).__name__}"
    shown = json.dumps(value, ensure_ascii=False, default=str)
    return kind + (f" ({shown[:60]}{'...' if len(shown) > 60 else ''})" if kind != "NaN" else "")


def _record_document(record: dict, fallback_id: str, source: str, options: ReadOptions, id_key, text_key,
                     encoding: str = "utf-8") -> Document:
    doc_id = _field_text(record, id_key, ID_FIELDS) or fallback_id
    value = _pick(record, text_key, TEXT_FIELDS)
    document = Document(
        doc_id, source, text=value if isinstance(value, str) else "",
        title=_field_text(record, None, TITLE_FIELDS), published=_field_text(record, options.published_field, PUBLISHED_FIELDS),
        source=_field_text(record, None, SOURCE_FIELDS), url=_field_text(record, None, URL_FIELDS), encoding=encoding,
    )
    replaced = len(SURROGATE.findall(document.text))
    document = sanitized(document)
    wanted = text_key or "/".join(TEXT_FIELDS)
    if not isinstance(value, str):  # never its Python repr as if it were the text
        document.error = f"text field {wanted!r} holds {_not_text(value)}, not a string"
    elif replaced > max(4, len(document.text) // 100):  # never ok and garbled
        document.error = (f"undecodable text: {replaced} bytes or escapes are not UTF-8, and the record does not "
                          "read as GB18030 or Big5 either; convert the file to UTF-8")
        document.text = ""
    elif not document.text.strip():
        document.error = f"no text: field {wanted!r} is missing or empty (choose the field with --text-field/--text-col)"
    elif len(document.text) > options.max_chars:
        document.error = too_long(f"{len(document.text):,} characters", options.max_chars)
        document.text = ""
    return document


class _LineTooLong(Exception):
    """A physical line longer than the reader's bound; it has been skipped to its end."""

    def __init__(self, length: int):
        super().__init__(f"a line of {length:,} characters, longer than a document may be")
        self.length = length


class _Lines:
    """The lines of a text handle, each read with a bound: a line over ``limit`` characters is
    skipped in pieces (never held whole) and raises ``_LineTooLong``; ``number`` is the line last read."""

    def __init__(self, handle, limit: int):
        self.handle, self.limit, self.number = handle, limit, 0
        self.codecs: set[str] = set()  # legacy codecs lines were decoded with since the caller last cleared it

    def __iter__(self):
        return self

    def __next__(self) -> str:
        line = self.handle.readline(self.limit + 1)
        if not line:
            raise StopIteration
        self.number += 1
        if len(line) > self.limit and not line.endswith("\n"):
            length = len(line)
            while line and not line.endswith("\n"):
                line = self.handle.readline(1 << 20)
                length += len(line)
            raise _LineTooLong(length)
        return self._redecoded(line) if SURROGATE.search(line) else line

    def _redecoded(self, line: str) -> str:
        """A line that is not UTF-8 (undecodable bytes are lone surrogates here) read again as
        GB18030 or Big5 when that reads as common characters: a GBK-encoded JSONL or CSV line is
        its text, not U+FFFD. A UTF-8 line with a stray byte or two is left as it is."""
        bad = len(SURROGATE.findall(line))
        if 2 * bad < sum(not c.isascii() for c in line):
            return line
        raw = line.encode("utf-8", errors="surrogateescape")
        for codec in ("gb18030", "big5"):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if common_share(text) >= 0.9:
                self.codecs.add(codec)
                return text
        return line

    def encoding(self) -> str:
        """The encoding of the lines read since the last call: utf-8, or the codecs that read them."""
        codecs, self.codecs = self.codecs, set()
        return "+".join(sorted(codecs)) + " (per line)" if codecs else "utf-8"


def _jsonl_line_limit(options: ReadOptions) -> int:
    return 8 * options.max_chars  # escapes and other fields aside, too long to hold a text under the limit


def read_jsonl(handle, source: str, options: ReadOptions) -> Iterator[Document]:
    lines = _Lines(handle, _jsonl_line_limit(options))
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except _LineTooLong as exc:
            yield Document(str(lines.number), source, error=f"line {lines.number}: " + too_long(f"{exc.length:,} characters", options.max_chars))
            continue
        yield _jsonl_document(line, lines.number, source, options, lines.encoding())


def _jsonl_document(line: str, line_no: int, source: str, options: ReadOptions, encoding: str = "utf-8") -> Document:
    """One JSONL line as a document; a line that is not a JSON object is an error row naming it."""
    if not line.strip():
        return Document(str(line_no), source, error=f"line {line_no}: empty line")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        return Document(str(line_no), source, error=f"line {line_no}: malformed JSON ({exc.msg} at column {exc.colno})")
    except RecursionError:  # [[[[... a thousand deep: one bad line, not a stopped batch
        return Document(str(line_no), source, error=f"line {line_no}: JSON nested too deeply to read")
    if not isinstance(record, dict):
        return Document(str(line_no), source, error=f"line {line_no}: a JSON object was expected")
    return _record_document(record, str(line_no), source, options, options.id_field, options.text_field, encoding)


class _Record:
    """The physical lines of the CSV record being parsed, kept so that a broken record (an
    unterminated quote, a stray quote, a field over the limit) can be reported and the lines after
    its first one parsed again: one bad row costs that row, never the rows after it."""

    def __init__(self, lines: _Lines):
        self.lines, self.kept, self.replay, self.first_line = lines, [], [], 0

    def __iter__(self):
        return self

    def __next__(self) -> str:
        try:
            line = self.replay.pop() if self.replay else next(self.lines)
        except _LineTooLong:
            if not self.kept:  # the broken record is this line
                self.first_line = self.lines.number
            raise
        if not self.kept:
            self.first_line = self.lines.number - len(self.replay)
        self.kept.append(line)
        return line

    def done(self) -> None:
        self.kept = []

    def restart_after_first(self) -> None:
        """Parse again from the second line of the broken record."""
        self.replay.extend(reversed(self.kept[1:]))
        self.kept = []


def read_csv(handle, source: str, options: ReadOptions) -> Iterator[Document]:
    if csv.field_size_limit() < options.max_chars:  # a cell may be as long as a document may be
        csv.field_size_limit(options.max_chars)
    lines = _Lines(handle, 4 * options.max_chars)
    record = _Record(lines)
    header = None
    row_no = 0
    reader = csv.reader(record, strict=True)
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except (csv.Error, _LineTooLong) as exc:
            if header is None:
                raise csv.Error(f"the header row is broken: {exc}") from None
            row_no += 1
            yield Document(str(row_no), source, error=f"row {row_no} (line {record.first_line}): broken CSV record ({exc}); "
                                                       "the rows after it are read")
            record.restart_after_first()
            reader = csv.reader(record, strict=True)
            continue
        record.done()
        if header is None:
            header = row
            if options.text_col and options.text_col not in header:
                raise csv.Error(f"no column {options.text_col!r}; columns are {', '.join(header)}")
            continue
        if not row:
            continue
        row_no += 1
        yield _record_document(dict(zip(header, row)), str(row_no), source, options, options.id_col, options.text_col,
                               lines.encoding())
