"""Readers: .txt files, folders, JSONL, CSV (optionally gzipped) and stdin, into ``Document``s.

A document that cannot be read is still a ``Document``, with ``error`` set, so the batch goes on and
``documents.csv`` says what happened. Encodings of text files are detected and recorded.

- ``document`` — the ``Document``, the ``ReadOptions``, surrogate clean-up and the size limit;
- ``encodings`` — decoding a text file whose encoding nobody said;
- ``records`` — JSONL and CSV records, one document each, a broken record costing only itself;
- ``files`` — files, folders, stdin and gzip, sniffed and walked in a stable order, ids made unique.
"""
from .document import DEFAULT_MAX_CHARS, Document, ReadError, ReadOptions, replace_surrogates, sanitized, too_long
from .encodings import decode_bytes
from .files import read_inputs

__all__ = ["DEFAULT_MAX_CHARS", "Document", "ReadError", "ReadOptions", "decode_bytes", "read_inputs",
           "replace_surrogates", "sanitized", "too_long"]
