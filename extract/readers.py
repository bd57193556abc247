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
import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from .errors import XinwenError

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


class ReadError(XinwenError, ValueError):
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
    if data.startswith(b"\xef\xbb\xbf"):
        return data.decode("utf-8-sig"), "utf-8-sig"
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return _decode_utf16(data[len(bom):], codec)
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
        return _mend_lines(data, best[1], best[2])
    if b"\x00" in data[:4096] or _looks_binary(data[:4096]):
        raise ValueError("binary file (not text): control bytes or NULs found")
    mixed = _decode_lines(data)
    if mixed is not None:
        return mixed
    raise ValueError("undecodable text: not UTF-8, UTF-16, GB18030 or Big5")


def _common_share(text: str) -> float:
    """Share of the ideographs of ``text`` that are common ones (GB2312 level 1 or Big5 level 1,
    the few thousand characters news is written in); 1.0 with fewer than two ideographs. A line
    decoded with the wrong codec reads as rare characters, Hangul or private-use ones: on news
    text the right codec scores 0.98 and more per line, a wrong one 0.1 to 0.86."""
    ideographs = [c for c in text if "\u3400" <= c <= "\u9fff" or "\uac00" <= c <= "\ud7af"
                  or "\ue000" <= c <= "\uf8ff" or "\uf900" <= c <= "\ufaff"]
    if len(ideographs) < 2:
        return 1.0
    return sum(map(_is_common, ideographs)) / len(ideographs)


def _is_common(c: str) -> bool:
    try:
        if 0xB0 <= c.encode("gb2312")[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        first, second = c.encode("big5")
        return 0xA4 <= first <= 0xC5 or (first == 0xC6 and second <= 0x7E)
    except (UnicodeEncodeError, ValueError):
        return False


_LINE_CODECS = ("utf-8", "gb18030", "big5")


def _mend_lines(data: bytes, text: str, codec: str) -> tuple[str, str]:
    """A file read whole with a legacy codec may have lines appended from another (a Big5 line,
    then a GBK one): each line that reads as rare characters is decoded again with the codec that
    reads it as common ones, so no line comes out ok and garbled. Line breaks are safe to split
    on: no multi-byte character of GB18030 or Big5 holds the byte 0x0A."""
    lines = text.split("\n")
    raw_lines = data.split(b"\n")
    if len(lines) != len(raw_lines):
        return text, codec
    used = {codec}
    for index, line in enumerate(lines):
        if _common_share(line) >= 0.9:
            continue
        for other in _LINE_CODECS:
            try:
                again = raw_lines[index].decode(other)
            except UnicodeDecodeError:
                continue
            if other != codec and _common_share(again) >= 0.95:
                lines[index] = again
                used.add(other)
                break
    if used == {codec}:
        return text, codec
    return "\n".join(lines), "+".join(sorted(used, key=_LINE_CODECS.index)) + " (per line)"


def _decode_utf16(body: bytes, codec: str) -> tuple[str, str]:
    """UTF-16 after its byte-order mark, up to where it stops reading as text: bytes appended in
    another encoding (a UTF-8 block after a UTF-16 one) are decoded on their own, and a file whose
    rest reads as nothing is reported, never returned as garbled UTF-16."""
    text = body[: len(body) // 2 * 2].decode(codec, errors="replace")
    good, size = [], 0
    for line in text.split("\n"):
        if "\ufffd" in line or _common_share(line) < 0.8:
            break
        good.append(line)
        size += len((line + "\n").encode(codec, errors="surrogatepass"))
    else:
        if len(body) % 2:
            raise ValueError("truncated UTF-16: an odd number of bytes")
        return text, "utf-16"
    if not good:
        raise ValueError("damaged UTF-16: its first line reads as no text")
    rest, rest_codec = decode_bytes(body[size:])
    return "\n".join(good) + "\n" + rest, f"utf-16+{rest_codec} (per block)"


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
    """Every document of ``inputs``, free of lone surrogates (an undecodable file name would stop
    the writers) and with an id no other document of the run has."""
    ids = _UniqueIds()
    for item in inputs:
        for document in _read_one(item, options):
            document = sanitized(document)
            document.doc_id = ids.claim(document.doc_id)
            yield document


class _UniqueIds:
    """Ids given so far; a taken id gets the first free ``~N`` suffix. Checking against every id
    given (not a count per id) keeps them unique whatever the input holds: ``dup``, ``dup``,
    ``dup~2`` become ``dup``, ``dup~2``, ``dup~2~2``, and mention ids (``doc_id:P1``) follow."""

    def __init__(self):
        self.taken: set[str] = set()

    def claim(self, doc_id: str) -> str:
        unique, n = doc_id, 1
        while unique in self.taken:
            n += 1
            unique = f"{doc_id}~{n}"
        self.taken.add(unique)
        return unique


def _read_one(item: str, options: ReadOptions) -> Iterator[Document]:
    if item == "-":
        yield from _read_stdin(sys.stdin.buffer, options)
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


def _read_stdin(stream, options: ReadOptions) -> Iterator[Document]:
    """Standard input, whatever it holds: gzip is unpacked, then JSONL (a first ``{``) and CSV (a
    header naming a text column) are read record by record like files, anything else is one text
    document. Nothing is read past what the size limit allows, so ``- < /dev/zero`` ends."""
    stream = io.BufferedReader(stream) if not hasattr(stream, "peek") else stream
    if stream.peek(2)[:2] == b"\x1f\x8b":
        stream = io.BufferedReader(gzip.GzipFile(fileobj=stream, mode="rb"))
    try:
        head = stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES]
    except (OSError, EOFError) as exc:
        yield Document("stdin", "-", error=f"cannot read stdin: {exc}")
        return
    kind = _sniff(head, options)
    try:
        if kind == "text":
            yield _text_document("stdin", "-", _read_bounded(stream, 4 * options.max_chars), options.max_chars)
            return
        handle = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="surrogateescape", newline="")
        reader = _read_jsonl_lines if kind == "jsonl" else _read_csv
        yield from reader(handle, "-", options)
    except (OSError, EOFError) as exc:
        yield Document("stdin", "-", error=f"cannot read stdin: {exc}")


_SNIFF_BYTES = 4096


def _sniff(head: bytes, options: ReadOptions) -> str:
    """``jsonl``, ``csv`` or ``text``: what the first bytes of an unnamed input look like."""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"{":
        return "jsonl"
    first = head.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].decode("utf-8", errors="replace")
    names = {c.strip().strip('"').lower() for c in first.split(",")} if "," in first else set()
    wanted = {options.text_col.lower()} if options.text_col else set(TEXT_FIELDS)
    return "csv" if names & wanted else "text"


def _read_bounded(stream, limit: int) -> bytes:
    """At most ``limit + 1`` bytes of ``stream``: one more than the limit says it is over it, and
    an endless input (``/dev/zero``) costs no more than that."""
    return stream.read(limit + 1)


def _suffix(path: Path) -> str:
    name = path.name.lower()
    for suffix in sorted(SUFFIXES, key=len, reverse=True):
        if name.endswith(suffix):
            return suffix
    return path.suffix.lower()


def _read_file(path: Path, relative: Path, options: ReadOptions) -> Iterator[Document]:
    suffix = _suffix(path)
    stem = str(relative)[: -len(suffix)] if suffix and str(relative).lower().endswith(suffix) else str(relative)
    try:
        raw = _open_regular(path)
    except (OSError, ValueError) as exc:
        yield Document(stem, str(path), error=f"cannot read {path.name}: {exc}")
        return
    with raw:
        if suffix in (".jsonl", ".ndjson", ".jsonl.gz", ".jsonl.gzip", ".csv", ".csv.gz"):
            reader = _read_csv if suffix.startswith(".csv") else _read_jsonl_lines
            try:
                with _open_text(raw, path) as handle:
                    yield from reader(handle, str(path), options)
            except (OSError, EOFError, UnicodeDecodeError, csv.Error) as exc:
                yield Document(stem, str(path), error=f"cannot read {path.name}: {exc}")
            return
        limit = 4 * options.max_chars  # more bytes than any encoding fits in max_chars characters
        try:
            size = os.fstat(raw.fileno()).st_size
            data = b"" if size > limit else _read_bounded(raw, limit)  # bounded: the file may grow meanwhile
        except OSError as exc:
            yield Document(stem, str(path), error=f"cannot read file: {exc}")
            return
        if size > limit or len(data) > limit:
            yield Document(stem, str(path), error=_too_long(f"{max(size, len(data)):,} bytes", options.max_chars))
            return
        yield _text_document(stem, str(path), data, options.max_chars)


def _open_regular(path: Path):
    """``path`` opened for reading, or ValueError when it is not a regular file. Opened without
    blocking and checked on the open descriptor, so a FIFO (even one swapped in after the folder was
    listed) or a device such as ``/dev/zero`` is refused instead of hanging or reading forever."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = "a FIFO" if stat.S_ISFIFO(mode) else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a socket or other special file"
            raise ValueError(f"not a regular file ({kind}); only regular files are read")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def _open_text(raw, path: Path):
    """Undecodable bytes become lone surrogates (``surrogateescape``), so one bad byte costs its
    record, not the file; ``_record_document`` replaces them."""
    if path.name.lower().endswith((".gz", ".gzip")):
        raw = gzip.GzipFile(fileobj=raw, mode="rb")
    return io.TextIOWrapper(raw, encoding="utf-8-sig", errors="surrogateescape", newline="")


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
    replaced = len(_SURROGATE.findall(document.text))
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
        document.error = _too_long(f"{len(document.text):,} characters", options.max_chars)
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
        return self._redecoded(line) if _SURROGATE.search(line) else line

    def _redecoded(self, line: str) -> str:
        """A line that is not UTF-8 (undecodable bytes are lone surrogates here) read again as
        GB18030 or Big5 when that reads as common characters: a GBK-encoded JSONL or CSV line is
        its text, not U+FFFD. A UTF-8 line with a stray byte or two is left as it is."""
        bad = len(_SURROGATE.findall(line))
        if 2 * bad < sum(not c.isascii() for c in line):
            return line
        raw = line.encode("utf-8", errors="surrogateescape")
        for codec in ("gb18030", "big5"):
            try:
                text = raw.decode(codec)
            except UnicodeDecodeError:
                continue
            if _common_share(text) >= 0.9:
                self.codecs.add(codec)
                return text
        return line

    def encoding(self) -> str:
        """The encoding of the lines read since the last call: utf-8, or the codecs that read them."""
        codecs, self.codecs = self.codecs, set()
        return "+".join(sorted(codecs)) + " (per line)" if codecs else "utf-8"


def _jsonl_line_limit(options: ReadOptions) -> int:
    return 8 * options.max_chars  # escapes and other fields aside, too long to hold a text under the limit


def _read_jsonl_lines(handle, source: str, options: ReadOptions) -> Iterator[Document]:
    lines = _Lines(handle, _jsonl_line_limit(options))
    while True:
        try:
            line = next(lines)
        except StopIteration:
            return
        except _LineTooLong as exc:
            yield Document(str(lines.number), source, error=f"line {lines.number}: " + _too_long(f"{exc.length:,} characters", options.max_chars))
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


def _read_csv(handle, source: str, options: ReadOptions) -> Iterator[Document]:
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
