"""Safety of CSV cells: formula injection (OWASP "CSV Injection") and bytes that break readers.

A spreadsheet treats a cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return as a
formula, and so does Excel with their full-width forms (``＝＋－＠``, what a Chinese input method
types) and after leading blanks it skips (space, no-break space, zero-width space, byte-order mark);
scraped text may carry one on purpose. ``neutralize`` prefixes such a text cell with a single quote,
which spreadsheets show as text. The rule is reversible: a cell that already starts with quotes
before a trigger gets one more, so ``restore`` (stripping one quote from ``'+<blanks><trigger>``)
gives back exactly what was written. Only text cells are touched; numbers stay numbers (``-5`` in a
float column is not a formula risk and must not become text).

``without_nul`` keeps NUL out of every written cell: C-based readers (readr, Excel, ``cut``) end a
string there, so a raw NUL silently truncates a cell or the rest of a file.
"""
from __future__ import annotations

import pandas as pd
import regex

TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠", "﹦", "﹢", "﹣")
PREFIX = "'"
NUL_STANDIN = "\ufffd"  # the replacement character: a NUL is unreadable data, shown as such
_TRIGGER = r"[=+\-@\t\r＝＋－＠﹦﹢﹣]"
_BLANKS = r"[\s\u200b-\u200d\u2060\ufeff]*"
_NEEDS_PREFIX = regex.compile(rf"'*{_BLANKS}{_TRIGGER}")
_PREFIXED = regex.compile(rf"'+{_BLANKS}{_TRIGGER}")


def neutralize(cell: str) -> str:
    """``=1+1`` -> ``'=1+1``; text that a spreadsheet would not evaluate is returned unchanged."""
    return PREFIX + cell if _NEEDS_PREFIX.match(cell) else cell


def restore(cell: str) -> str:
    """The inverse of ``neutralize``."""
    return cell[1:] if _PREFIXED.match(cell) else cell


def _is_text(series: pd.Series) -> bool:
    return pd.api.types.is_string_dtype(series.dtype) or series.dtype == object


def _map_text_cells(frame: pd.DataFrame, pattern: regex.Pattern, change) -> pd.DataFrame:
    """A copy with ``change`` applied to the text cells that ``pattern`` matches at their start;
    other cells and columns untouched. The match is vectorized: few cells ever need a change."""
    out = frame.copy()
    for column in out.columns:
        series = out[column]
        if not _is_text(series) or series.empty:
            continue
        hits = series.str.match(pattern.pattern).fillna(False).astype(bool)
        if hits.any():
            changed = series.copy()
            changed[hits] = [change(v) for v in series[hits]]
            out[column] = changed.astype(series.dtype)
    return out


def without_nul(cell: str) -> str:
    """``cell`` with each NUL replaced by U+FFFD (idempotent: applying it twice changes nothing more)."""
    return cell.replace("\0", NUL_STANDIN)


def neutralize_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with every text cell neutralized."""
    return _map_text_cells(frame, _NEEDS_PREFIX, neutralize)


def restore_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The inverse of ``neutralize_frame``."""
    return _map_text_cells(frame, _PREFIXED, restore)
