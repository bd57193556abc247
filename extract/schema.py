"""The data dictionary (``extract/schema.json``): each table's columns, their types and meanings.

One file drives the column names and the mention types (``layout``: the tables' headers,
``Mention``'s types and fields, the ``mention_id`` letters), the DataFrame dtypes
(``pandas_dtypes``), the ``schema.json`` written beside the tables (``output_schema``, with readr
column types for R), reading the tables back without type guessing (``read_tables``) and the data
dictionary of ``docs/tables.md`` (``python -m extract.schema`` prints it; paste it between the
page's ``schema:start`` and ``schema:end`` markers). Adding a column is one edit here plus the code
that fills it.
"""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Mapping

import pandas as pd

from .csvsafe import TRIGGERS, restore_frame
from .errors import XinwenError

PANDAS_DTYPE = {"string": "string", "integer": "Int64", "float": "Float64", "boolean": "boolean",
                "datetime": "datetime64[s]", "date": "datetime64[s]"}
READR_TYPE = {"string": "c", "integer": "i", "float": "d", "boolean": "l", "datetime": "T", "date": "D"}


def load_schema() -> dict:
    """The package's data dictionary, a fresh copy the caller may change (read on each call; it is small)."""
    return json.loads(resources.files(__package__).joinpath("schema.json").read_text(encoding="utf-8"))


@functools.cache
def _bundled() -> Mapping:
    """The package's data dictionary, read once for the code that only looks at it."""
    return load_schema()


@dataclass(frozen=True)
class Layout:
    """What the code writes, read off a data dictionary: every table in writing order (``tables``)
    with its column names (``columns``); the columns every mention table starts with (``common``);
    the mention types in table order (``types``), each with its table (``table``), its own columns
    after the common ones (``fields``) and the letter of its ``mention_id`` (``id_letter``)."""

    tables: tuple[str, ...]
    columns: Mapping[str, tuple[str, ...]]
    common: tuple[str, ...]
    types: tuple[str, ...]
    table: Mapping[str, str]
    fields: Mapping[str, tuple[str, ...]]
    id_letter: Mapping[str, str]

    @classmethod
    def of(cls, schema: Mapping) -> "Layout":
        specs = schema["tables"]
        table = {spec["mention_type"]: name for name, spec in specs.items() if "mention_type" in spec}
        return cls(
            tables=tuple(specs),
            columns=MappingProxyType({name: _names(table_columns(name, schema)) for name in specs}),
            common=_names(schema["common"]),
            types=tuple(table),
            table=MappingProxyType(table),
            fields=MappingProxyType({t: _names(specs[name]["columns"]) for t, name in table.items()}),
            id_letter=MappingProxyType({t: specs[name]["id_letter"] for t, name in table.items()}))

    @property
    def mention_tables(self) -> tuple[str, ...]:
        """The tables of one mention type each (``programs`` …), in type order."""
        return tuple(self.table[t] for t in self.types)


def _names(columns) -> tuple[str, ...]:
    return tuple(c["name"] for c in columns)


@functools.cache
def layout() -> Layout:
    """The package's ``Layout``, derived from ``schema.json`` on first use (nothing is read at import)."""
    return Layout.of(_bundled())


def table_columns(table: str, schema: Mapping | None = None) -> list[dict]:
    """Column definitions (name, type, meaning) of ``table``, in file order."""
    schema = schema or _bundled()
    spec = schema["tables"][table]
    return list(schema["common"] if spec.get("common") else []) + list(spec["columns"])


def pandas_dtypes(table: str, schema: Mapping | None = None) -> dict[str, str]:
    return {c["name"]: PANDAS_DTYPE[c["type"]] for c in table_columns(table, schema)}


def readr_col_types(table: str, schema: Mapping | None = None) -> str:
    """readr's compact column specification, e.g. ``read_csv(f, col_types = "cccciiiicc…")``."""
    return "".join(READR_TYPE[c["type"]] for c in table_columns(table, schema))


def output_schema(tables: Mapping[str, pd.DataFrame], fmt: str, encoding: str, neutralized: bool) -> dict:
    """The dictionary written as ``schema.json`` beside the tables: only the tables written, each
    column with its type, meaning and pandas dtype; how the CSV files are encoded."""
    schema = _bundled()
    out = {
        "about": schema["about"],
        "format": {"files": fmt, "encoding": encoding, "missing": "empty cell",
                   "neutralized_prefix": "'" if neutralized else None,
                   "neutralized_triggers": [t.encode("unicode_escape").decode("ascii") if t in "\t\r" else t
                                            for t in TRIGGERS] if neutralized else [],
                   "neutralized_after": "blanks: whitespace, zero-width space/joiners, word joiner, byte-order mark"
                   if neutralized else None},
        "tables": {},
    }
    for name in tables:
        if name not in schema["tables"]:
            continue
        columns = [{**c, "pandas_dtype": PANDAS_DTYPE[c["type"]]} for c in table_columns(name, schema)]
        out["tables"][name] = {"file": f"{name}.{fmt}", "description": schema["tables"][name]["description"],
                               "readr_col_types": readr_col_types(name, schema), "columns": columns}
    return out


class NotARunFolder(XinwenError, FileNotFoundError):
    """``read_tables`` (or ``xinwen report``) was given a folder that does not exist or holds no
    table ``xinwen run`` wrote."""


def read_table(folder: str | Path, name: str) -> pd.DataFrame:
    """One table of a ``xinwen run`` folder with the documented dtypes and nothing guessed: ids
    like ``000123`` or ``1e5`` stay text, ``NA`` in a text column stays ``NA``, an empty cell is
    missing (``<NA>``, text included), neutralized cells (``'=…``) are given back as written.
    A ``--format parquet`` folder's dataset (``programs.parquet/``) is read as such."""
    folder = Path(folder)
    if not (folder / f"{name}.csv").exists() and (folder / f"{name}.parquet").exists():
        return _read_parquet(folder / f"{name}.parquet", name)
    folder = Path(folder)
    written = folder / "schema.json"
    info = json.loads(written.read_text(encoding="utf-8")) if written.exists() else {}
    columns = table_columns(name)
    dtypes = {c["name"]: PANDAS_DTYPE[c["type"]] for c in columns if c["type"] not in ("datetime", "date")}
    dates = [c["name"] for c in columns if c["type"] in ("datetime", "date")]
    text = [c["name"] for c in columns if c["type"] == "string"]
    path = folder / f"{name}.csv"
    files = sorted(path.glob("part-*.csv")) if path.is_dir() else [path]  # run --parts: one file per chunk
    options = dict(encoding="utf-8-sig", keep_default_na=False, na_values={c["name"]: [""] for c in columns},
                   dtype={**dtypes, **{d: "string" for d in dates}})
    frame = pd.concat([pd.read_csv(f, **options) for f in files], ignore_index=True) if len(files) != 1 \
        else pd.read_csv(files[0], **options)
    for column in dates:
        frame[column] = pd.to_datetime(frame[column], format="ISO8601").astype("datetime64[s]")
    if info.get("format", {}).get("neutralized_prefix"):
        frame[text] = restore_frame(frame[text])
    return frame


def _read_parquet(path: Path, name: str) -> pd.DataFrame:
    """A Parquet table (one file, or a dataset folder of parts) with the documented dtypes."""
    frame = pd.read_parquet(path)
    for column in table_columns(name):
        if column["name"] in frame.columns:
            frame[column["name"]] = frame[column["name"]].astype(PANDAS_DTYPE[column["type"]])
    for column in frame.columns[frame.dtypes == "string"]:
        frame[column] = frame[column].mask(frame[column] == "")  # written by an older version
    return frame


def read_tables(folder: str | Path) -> dict[str, pd.DataFrame]:
    """Every table of a ``xinwen run`` folder (CSV or ``--format parquet``), keyed like
    ``Pipeline().run`` returns them. Raises ``NotARunFolder`` when the folder does not exist or
    holds none of the tables."""
    folder = Path(folder)
    if not folder.is_dir():
        raise NotARunFolder(f"{folder}: no such folder; read_tables reads the folder `xinwen run --out` wrote")
    names = layout().tables
    found = {name: read_table(folder, name) for name in names
             if (folder / f"{name}.csv").exists() or (folder / f"{name}.parquet").exists()}
    if not found:
        raise NotARunFolder(f"{folder} is not a xinwen run folder: it holds none of "
                            f"{', '.join(n + '.csv' for n in names)} (or .parquet); "
                            "point read_tables at the folder `xinwen run --out` wrote")
    return found


def markdown(schema: Mapping | None = None) -> str:
    """The data dictionary section of ``docs/tables.md``, generated (a test checks the page is in sync)."""
    schema = schema or _bundled()
    lines = ["A missing value is an empty cell in CSV, null in Parquet and `<NA>` in pandas (`Pipeline().run`, "
             "`read_tables`), text columns included: a text that is not there is missing, never `\"\"`, so "
             "`facts.organization.isna()` finds the facts with no organization.", "",
             "Every mention table starts with the same columns:", "", "| column | type | meaning |", "|---|---|---|"]
    lines += [f"| {c['name']} | {c['type']} | {c['meaning']} |" for c in schema["common"]]
    lines += ["", "Then, per table (`ANNOTATION.md` in `../shared` is the contract):", "",
              "| table | column | type | meaning |", "|---|---|---|---|"]
    for name, spec in schema["tables"].items():
        if spec.get("common"):
            lines += [f"| {name} | {c['name']} | {c['type']} | {c['meaning']} |" for c in spec["columns"]]
    lines += ["", "`documents` has one row per input document, the ones that could not be read included:", "",
              "| column | type | meaning |", "|---|---|---|"]
    lines += [f"| {c['name']} | {c['type']} | {c['meaning']} |" for c in schema["tables"]["documents"]["columns"]]
    lines += ["", "`facts` has one row per numeric claim, linked to what it measures, its programme, organization and date:",
              "", "| column | type | meaning |", "|---|---|---|"]
    lines += [f"| {c['name']} | {c['type']} | {c['meaning']} |" for c in schema["tables"]["facts"]["columns"]]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    print(markdown(), end="")
