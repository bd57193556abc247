"""Tables: one row per mention per type, plus documents and a long-form mentions table.

Columns follow ANNOTATION.md; rows keep input order, then text order, so a rerun writes
byte-identical files. Files are written to a temporary name and renamed into place (atomic).
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Sequence

import pandas as pd

from .mention import FIELDS, TYPES, Mention

COMMON = ("doc_id", "mention_id", "type", "surface", "start", "end", "raw_start", "raw_end", "sentence", "rule")
TABLE_NAMES = {"program": "programs", "organization": "organizations", "date": "dates", "numeric": "numerics"}
DOCUMENT_COLUMNS = ("doc_id", "source_path", "title", "source", "published", "encoding", "script", "n_chars",
                    "n_program", "n_organization", "n_date", "n_numeric", "n_repairs", "n_damaged", "status", "error")
MENTION_COLUMNS = COMMON + ("name", "value")
DTYPES = {
    "start": "Int64", "end": "Int64", "raw_start": "Int64", "raw_end": "Int64", "n_chars": "Int64",
    "n_program": "Int64", "n_organization": "Int64", "n_date": "Int64", "n_numeric": "Int64",
    "n_repairs": "Int64", "n_damaged": "Int64", "relative": "boolean", "value_max": "Float64",
}


def columns_of(kind: str) -> tuple[str, ...]:
    return COMMON + FIELDS[kind]


def _row(mention: Mention) -> dict:
    row = {c: getattr(mention, c) for c in COMMON}
    row.update({f: mention.fields.get(f) for f in FIELDS[mention.type]})
    return row


def build_tables(results: Sequence) -> dict[str, pd.DataFrame]:
    by_type: dict[str, list[dict]] = {t: [] for t in TYPES}
    long_rows, doc_rows = [], []
    for result in results:
        counts = {t: 0 for t in TYPES}
        for mention in result.mentions:
            counts[mention.type] += 1
            by_type[mention.type].append(_row(mention))
            value = mention.fields.get("value", "")
            long_rows.append({**{c: getattr(mention, c) for c in COMMON},
                              "name": mention.fields.get("name", ""),
                              "value": "" if value is None else _text(value)})
        document, normalized = result.document, result.normalized
        meta = normalized.metadata if normalized else None
        doc_rows.append({
            "doc_id": document.doc_id, "source_path": document.source_path,
            "title": document.title or (meta.title if meta else ""),
            "source": document.source or (meta.source if meta else ""),
            "published": document.published or (meta.published if meta else ""),
            "encoding": document.encoding, "script": normalized.script if normalized else "",
            "n_chars": len(normalized.text) if normalized else 0,
            **{f"n_{t}": counts[t] for t in TYPES},
            "n_repairs": len(normalized.repairs) if normalized else 0,
            "n_damaged": len(normalized.damaged) if normalized else 0,
            "status": result.status, "error": result.error,
        })
    tables = {TABLE_NAMES[t]: _frame(by_type[t], columns_of(t)) for t in TYPES}
    tables["mentions"] = _frame(long_rows, MENTION_COLUMNS)
    tables["documents"] = _frame(doc_rows, DOCUMENT_COLUMNS)
    return tables


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _frame(rows: list[dict], columns: Sequence[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in frame.columns:
        if column in DTYPES:
            frame[column] = frame[column].astype(DTYPES[column])
        elif column == "value" and "kind" in frame.columns and "unit" in frame.columns:
            frame[column] = frame[column].astype("Float64")
        else:
            frame[column] = frame[column].astype("string")
    return frame


def write_tables(tables: dict[str, pd.DataFrame], out: Path, fmt: str = "csv") -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, frame in tables.items():
        target = out / f"{name}.{fmt}"
        if fmt == "csv":
            data = _csv_text(frame).encode("utf-8")
            atomic_write(target, data)
        elif fmt == "parquet":
            fd, tmp = tempfile.mkstemp(dir=out, prefix=f".{name}.", suffix=".tmp")
            os.close(fd)
            try:
                frame.to_parquet(tmp, index=False)
                os.replace(tmp, target)
            finally:
                if os.path.exists(tmp):
                    os.unlink(tmp)
        else:
            raise ValueError(f"unknown format {fmt!r}: use csv or parquet")
        written.append(target)
    return written


def _csv_text(frame: pd.DataFrame) -> str:
    printable = frame.copy()
    for column in printable.columns:
        if str(printable[column].dtype) == "Float64":
            printable[column] = printable[column].map(lambda v: "" if pd.isna(v) else _text(float(v)))
    return printable.to_csv(index=False, lineterminator="\n")


def atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target`` and rename: the file appears whole or not at all."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
