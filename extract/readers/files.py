"""Inputs to documents: files and folders (walked in a stable order), standard input, gzip; what
each file's name or first bytes say it is (text, JSONL, CSV); ids unique across a run. Only regular
files are read, and never more bytes than the size limit allows."""
from __future__ import annotations

import csv
import gzip
import io
import os
import stat
import sys
from pathlib import Path
from typing import Iterable, Iterator

from .document import DEFAULT_MAX_CHARS, Document, ReadError, ReadOptions, sanitized, too_long
from .encodings import decode_bytes
from .records import TEXT_FIELDS, read_csv, read_jsonl

SUFFIXES = (".txt", ".jsonl", ".jsonl.gz", ".csv", ".csv.gz", ".ndjson", ".jsonl.gzip")


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
        reader = read_jsonl if kind == "jsonl" else read_csv
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
            reader = read_csv if suffix.startswith(".csv") else read_jsonl
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
            yield Document(stem, str(path), error=too_long(f"{max(size, len(data)):,} bytes", options.max_chars))
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


def _text_document(doc_id: str, source: str, data: bytes, max_chars: int = DEFAULT_MAX_CHARS) -> Document:
    try:
        text, encoding = decode_bytes(data)
    except ValueError as exc:
        return Document(doc_id, source, error=f"{exc}; convert it to UTF-8 text or remove it from the input")
    if not text.strip():
        return Document(doc_id, source, encoding=encoding, error="empty document (only whitespace)")
    if len(text) > max_chars:
        return Document(doc_id, source, encoding=encoding, error=too_long(f"{len(text):,} characters", max_chars))
    return Document(doc_id, source, text=text, encoding=encoding)
