"""Tables: one row per mention per type, plus documents, a long-form mentions table and facts
(one row per numeric claim with its links, ``extract/facts.py``).

Columns follow ANNOTATION.md; rows keep input order, then text order, so a rerun writes
byte-identical files. Files are written to a temporary name and renamed into place (atomic).
"""
from __future__ import annotations

import io
import json
import operator
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import pandas as pd

from .csvsafe import NUL_STANDIN, neutralize_frame
from .normalize import iso_datetime
from .schema import layout, output_schema, pandas_dtypes, table_columns


def build_tables(results: Sequence) -> dict[str, pd.DataFrame]:
    """Every table of ``results``, in the data dictionary's order and with its columns (``layout``)."""
    shape = layout()
    # mention rows are tuples in column order: pandas reads them into the same columns as it would
    # dicts (one object array, the same type inference), without a dict to build and look up per row
    common = operator.attrgetter(*shape.common)
    by_type: dict[str, list[tuple]] = {t: [] for t in shape.types}
    long_rows, doc_rows, fact_rows = [], [], []
    for result in results:
        counts = {t: 0 for t in shape.types}
        for mention in result.mentions:
            counts[mention.type] += 1
            shared, fields = common(mention), mention.fields
            by_type[mention.type].append((*shared, *[fields.get(f) for f in shape.fields[mention.type]]))
            value = fields.get("value", "")
            long_rows.append((*shared, fields.get("name", ""), "" if value is None else _text(value)))
        fact_rows.extend(getattr(result, "facts", None) or [])
        doc_rows.append(_document_row(result, counts))
    rows = {**{shape.table[t]: by_type[t] for t in shape.types},
            "facts": fact_rows, "mentions": long_rows, "documents": doc_rows}
    return {name: _frame(rows[name], shape.columns[name], pandas_dtypes(name)) for name in shape.tables}


def _document_row(result, counts: dict[str, int]) -> dict:
    """The ``documents`` row of one result; ``counts``: its mentions per type."""
    document, normalized = result.document, result.normalized
    meta = normalized.metadata if normalized else None
    return {
        "doc_id": document.doc_id, "source_path": document.source_path,
        "title": document.title or (meta.title if meta else ""),
        "source": document.source or (meta.source if meta else ""),
        "published": document.published or (meta.published if meta else ""),
        "encoding": document.encoding, "script": normalized.script if normalized else "",
        "n_chars": len(normalized.text) if normalized else 0,
        **{f"n_{t}": n for t, n in counts.items()},
        "n_repairs": len(normalized.repairs) if normalized else 0,
        "n_damaged": len(normalized.damaged) if normalized else 0,
        "status": result.status, "error": result.error,
    }


def drop_below(tables: dict[str, pd.DataFrame], threshold: float) -> tuple[dict[str, pd.DataFrame], dict[str, int]]:
    """The tables without the rows whose ``confidence`` is below ``threshold`` (a row with none,
    nothing having measured it, stays), and how many each lost. The long ``mentions`` table and
    ``facts`` lose theirs too."""
    kept, dropped = {}, {}
    for name, frame in tables.items():
        if "confidence" not in frame.columns:
            kept[name] = frame
            continue
        below = (frame["confidence"] < threshold).fillna(False).astype(bool)
        dropped[name] = int(below.sum())
        kept[name] = frame[~below].reset_index(drop=True) if dropped[name] else frame
    return kept, dropped


def _text(value) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _frame(rows: list, columns: Sequence[str], dtypes: dict[str, str]) -> pd.DataFrame:
    """Rows (dicts, or tuples in column order) -> a DataFrame with the data dictionary's dtypes
    (a column it does not list is text)."""
    frame = pd.DataFrame(rows, columns=list(columns))
    for column in frame.columns:
        dtype = dtypes.get(column, "string")
        if dtype.startswith("datetime"):
            frame[column] = pd.to_datetime(frame[column].map(_iso_or_none), format="ISO8601").astype(dtype)
        else:
            frame[column] = frame[column].astype(dtype)
            if dtype == "string":  # missing text is missing (<NA>, null in Parquet), never ""
                frame[column] = frame[column].mask(frame[column] == "")
    return frame


def _iso_or_none(value) -> str | None:
    """A whole date or date-time as ISO 8601 (``2021-04-27 10:22:41`` too), else None (missing)."""
    if not value:
        return None
    return iso_datetime(str(value)) or None


@dataclass(frozen=True)
class CsvOptions:
    """How CSV cells are written. ``excel``: UTF-8 with a byte-order mark, so Excel reads Chinese
    right. ``raw_cells``: leave text starting with ``= + - @``, tab or CR as it is (by default such
    cells get a leading ``'`` so a spreadsheet does not run them as formulas)."""

    excel: bool = False
    raw_cells: bool = False

def write_tables(tables: dict[str, pd.DataFrame], out: Path, fmt: str = "csv",
                 csv_options: CsvOptions = CsvOptions()) -> list[Path]:
    """Write each table (and ``schema.json``, the data dictionary of what was written)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, data in render_tables(tables, fmt, csv_options).items():
        target = out / name
        atomic_write(target, data)
        written.append(target)
    return written


def render_tables(tables: dict[str, pd.DataFrame], fmt: str = "csv",
                  csv_options: CsvOptions = CsvOptions()) -> dict[str, bytes]:
    """The bytes of each table's file and of ``schema.json``, by file name, in writing order: what
    ``write_tables`` writes, for a caller that keeps them in memory (a batch's chunks)."""
    files = {}
    for name, frame in tables.items():
        if fmt == "csv":
            data = _csv_text(frame, raw_cells=csv_options.raw_cells, date_columns=_date_columns(name))
            files[f"{name}.csv"] = data.encode("utf-8-sig" if csv_options.excel else "utf-8")
        elif fmt == "parquet":
            buffer = io.BytesIO()
            frame.to_parquet(buffer, index=False)
            files[f"{name}.parquet"] = buffer.getvalue()
        else:
            raise ValueError(f"unknown format {fmt!r}: use csv or parquet")
    schema = output_schema(tables, fmt, "utf-8-sig" if (fmt == "csv" and csv_options.excel) else "utf-8",
                           neutralized=fmt == "csv" and not csv_options.raw_cells)
    files["schema.json"] = (json.dumps(schema, ensure_ascii=False, indent=1) + "\n").encode("utf-8")
    return files


def _date_columns(table: str) -> set[str]:
    if table not in layout().columns:
        return set()
    return {c["name"] for c in table_columns(table) if c["type"] == "date"}


def _csv_text(frame: pd.DataFrame, raw_cells: bool = False, date_columns: set[str] = frozenset()) -> str:
    """CSV text: floats without a spurious ``.0``, date-times as ISO 8601 (``date_columns`` as the
    day alone), text cells neutralized against formula injection unless ``raw_cells`` (numbers are
    never touched)."""
    printable = frame if raw_cells else neutralize_frame(frame)
    printable = printable.copy()
    carriage_returns = False
    for column in printable.columns:
        dtype = printable[column].dtype
        if str(dtype) == "Float64":
            printable[column] = printable[column].map(lambda v: "" if pd.isna(v) else _text(float(v)))
        elif pd.api.types.is_datetime64_any_dtype(dtype):
            layout = "%Y-%m-%d" if column in date_columns else "%Y-%m-%dT%H:%M:%S"
            printable[column] = printable[column].dt.strftime(layout).astype("string")
        elif pd.api.types.is_string_dtype(dtype) or dtype == object:
            printable[column], has_cr = _cell_safe(printable[column])
            carriage_returns |= has_cr
    text = printable.to_csv(index=False, lineterminator="\n")
    return text.replace(_CR_STANDIN, "\r") if carriage_returns else text


# Python's csv module quotes a cell holding a separator, a quote or a character of the line
# terminator ("\n"), but not one holding a bare "\r", which every reader takes for a line end. A CR
# is written as this stand-in (NUL never reaches the text: ``_cell_safe``), whose "\n" makes the
# cell quoted, and turned back into "\r" in the quoted text.
_CR_STANDIN = "\0\n"


def _cell_safe(series: pd.Series) -> tuple[pd.Series, bool]:
    """A text column ready for the CSV writer: NUL replaced (``csvsafe.without_nul``), each CR as
    ``_CR_STANDIN``; and whether there was a CR. Untouched (the same object) when neither occurs."""
    text = series.astype("string")
    has_nul = bool(text.str.contains("\0", regex=False).fillna(False).any())
    has_cr = bool(text.str.contains("\r", regex=False).fillna(False).any())
    if not (has_nul or has_cr):
        return series, False
    if has_nul:
        text = text.str.replace("\0", NUL_STANDIN, regex=False)
    if has_cr:
        text = text.str.replace("\r", _CR_STANDIN, regex=False)
    return text.astype(series.dtype), has_cr


def write_texts(results: Sequence, out: Path) -> Path:
    """``OUT/texts.jsonl``: each document's normalized text with its repairs (raw and normalized
    offsets), damaged spans and boilerplate zones, so ``xinwen report`` can show the text without
    the inputs. One JSON object per line, in input order."""
    out.mkdir(parents=True, exist_ok=True)
    target = out / "texts.jsonl"
    atomic_write(target, render_texts(results))
    return target


def render_texts(results: Sequence) -> bytes:
    """The bytes of ``texts.jsonl`` (``write_texts``)."""
    lines = []
    for result in results:
        record = {"doc_id": result.document.doc_id, "status": result.status, "error": result.error}
        normalized = result.normalized
        if normalized is not None:
            aligned = normalized.aligned
            record.update(
                text=normalized.text,
                repairs=[{"step": r.step, "raw_start": r.raw_start, "raw_end": r.raw_end,
                          **dict(zip(("start", "end"), aligned.normalized_span(r.raw_start, r.raw_end))),
                          "before": r.before, "after": r.after} for r in normalized.repairs],
                damaged=[[z.start, z.end] for z in normalized.damaged],
                uncertain=[[r.start, r.end, round(r.posterior, 4), r.repaired] for r in normalized.uncertain],
                boilerplate=[[z.start, z.end, z.rule] for z in normalized.boilerplate],
            )
        lines.append(json.dumps(record, ensure_ascii=False))
    return ("\n".join(lines) + "\n" if lines else "").encode("utf-8")


def atomic_write(target: Path, data: bytes) -> None:
    """Write to a temporary file beside ``target`` and rename: the file appears whole or not at all."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def current_umask() -> int:
    """The process's umask, read without changing it where Linux tells it (``/proc/self/status``):
    ``os.umask`` can only be read by setting it, a moment in which another thread's files would get
    the wrong mode."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError):
        pass
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_mode() -> int:
    """The mode ``open()`` gives a new file (0666 less the umask): ``tempfile`` makes its files 0600,
    and a file renamed into place would keep that, unreadable to the group the umask lets in."""
    return 0o666 & ~current_umask()


def folder_mode() -> int:
    """The mode ``mkdir`` gives a new folder (0777 less the umask), for the same reason as ``file_mode``."""
    return 0o777 & ~current_umask()
