"""CSV safety and comfort: formula cells neutralized (reversibly), BOM for Excel, a data dictionary
beside the tables, and tables that read back without type guessing."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, strategies as st

from extract import read_tables
from extract.cli import main
from extract.csvsafe import neutralize, restore
from extract.schema import load_schema, markdown, pandas_dtypes

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("cell,written", [
    ("=HYPERLINK(\"http://x\")", "'=HYPERLINK(\"http://x\")"), ("+1", "'+1"), ("-5%", "'-5%"), ("@SUM(A1)", "'@SUM(A1)"),
    ("\tx", "'\tx"), ("\rx", "'\rx"), ("'=x", "''=x"), ("超1800万人次", "超1800万人次"), ("'quoted", "'quoted"),
    ("a=b", "a=b"), ("", ""),
])
def test_neutralize(cell, written):
    assert neutralize(cell) == written
    assert restore(written) == cell


@given(st.text(alphabet="'=+-@\t\rab中", max_size=8))
def test_restore_undoes_neutralize(cell):
    assert restore(neutralize(cell)) == cell
    assert not re.match(r"[=+\-@\t\r]", neutralize(cell))


@pytest.fixture(scope="module")
def hostile_input(tmp_path_factory):
    root = tmp_path_factory.mktemp("csv")
    records = [
        {"id": "000123", "title": "=1+1", "text": "2021年，广东省委网信办开展“清朗”系列专项行动，处置有害信息超400万条次。"},
        {"id": "1e5", "title": "@cmd", "text": "-5%的增长，NA，超过10万人参加。"},
        {"id": "=HYPERLINK(\"http://evil\")", "title": "-2+3", "text": "近300个展览。"},
        {"id": "NA", "title": "null", "text": "逾10万人参加。"},
    ]
    path = root / "in.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in records) + "\n", encoding="utf-8")
    return path


def _run(hostile_input, out, *options):
    assert main(["run", str(hostile_input), "--out", str(out), *options]) == 0
    return out


def test_default_csv_neutralizes_text_cells_only(hostile_input, tmp_path):
    out = _run(hostile_input, tmp_path / "out")
    raw = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert set(raw.title) >= {"'=1+1", "'@cmd", "'-2+3"}
    assert "'=HYPERLINK(\"http://evil\")" in set(raw.doc_id)
    for name in ("documents", "mentions", "numerics", "dates"):
        frame = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        for column in frame.columns:
            dtype = pandas_dtypes(name)[column]
            for cell in frame[column]:
                if dtype == "string":
                    assert not re.match(r"[=+\-@\t\r]", cell), (name, column, cell)
                elif cell:
                    assert not cell.startswith("'"), (name, column, cell)  # numbers stay numbers
    assert not (out / "documents.csv").read_bytes().startswith(b"\xef\xbb\xbf")


def test_negative_numbers_stay_numbers(tmp_path):
    from extract.tables import _csv_text

    frame = pd.DataFrame({"value": pd.array([-5.0, 2.5, None], dtype="Float64"),
                          "surface": pd.array(["-5%", "+2.5", None], dtype="string")})
    lines = _csv_text(frame).splitlines()
    assert lines[1:] == ["-5,'-5%", "2.5,'+2.5", ","]


def test_raw_cells_and_excel(hostile_input, tmp_path):
    out = _run(hostile_input, tmp_path / "raw", "--raw-cells", "--excel")
    data = (out / "documents.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    raw = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    assert raw.columns[0] == "doc_id" and set(raw.title) >= {"=1+1", "@cmd", "-2+3"}
    schema = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    assert schema["format"]["encoding"] == "utf-8-sig" and schema["format"]["neutralized_prefix"] is None


def test_tables_read_back_exactly_with_the_schema(hostile_input, tmp_path, pipeline):
    from extract.readers import read_inputs
    from extract.tables import build_tables

    for options in ((), ("--excel",), ("--raw-cells",)):
        out = _run(hostile_input, tmp_path / "-".join(options or ("plain",)), *options)
        back = read_tables(out)
        expected = build_tables(list(pipeline.process_all(read_inputs([str(hostile_input)]))))
        for name, frame in expected.items():
            pd.testing.assert_frame_equal(back[name], frame, check_dtype=True, obj=f"{name} {options}")
        docs = back["documents"]
        assert list(docs.doc_id) == ["000123", "1e5", "=HYPERLINK(\"http://evil\")", "NA"]
        assert docs.title.iloc[3] == "null"


def test_tables_written_in_parts_read_as_one(hostile_input, tmp_path):
    out = _run(hostile_input, tmp_path / "out")
    whole = read_tables(out)["documents"]
    lines = (out / "documents.csv").read_text(encoding="utf-8").splitlines(keepends=True)
    (out / "documents.csv").unlink()
    (out / "documents.csv").mkdir()  # what run --parts writes: one file per chunk
    (out / "documents.csv" / "part-00000.csv").write_text("".join(lines[:3]), encoding="utf-8")
    (out / "documents.csv" / "part-00001.csv").write_text(lines[0] + "".join(lines[3:]), encoding="utf-8")
    pd.testing.assert_frame_equal(read_tables(out)["documents"], whole)


def test_plain_pandas_with_the_written_schema(hostile_input, tmp_path):
    """What docs/usage.md shows: pd.read_csv with the dtypes from schema.json, nothing guessed."""
    out = _run(hostile_input, tmp_path / "out")
    schema = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    spec = schema["tables"]["documents"]
    dtypes = {c["name"]: c["pandas_dtype"] for c in spec["columns"] if not c["pandas_dtype"].startswith("datetime")}
    dates = [c["name"] for c in spec["columns"] if c["pandas_dtype"].startswith("datetime")]
    frame = pd.read_csv(out / "documents.csv", dtype=dtypes, parse_dates=dates, keep_default_na=False,
                        na_values={c["name"]: [""] for c in spec["columns"] if c["type"] != "string"})
    assert list(frame.doc_id)[:2] == ["000123", "1e5"] and frame.doc_id.iloc[3] == "NA"
    assert str(frame.n_chars.dtype) == "Int64" and pd.api.types.is_datetime64_any_dtype(frame.published)


def test_schema_is_written_beside_the_tables(hostile_input, tmp_path):
    out = _run(hostile_input, tmp_path / "out")
    schema = json.loads((out / "schema.json").read_text(encoding="utf-8"))
    for name, spec in schema["tables"].items():
        header = (out / spec["file"]).read_text(encoding="utf-8").splitlines()[0].split(",")
        assert header == [c["name"] for c in spec["columns"]]
        assert len(spec["readr_col_types"]) == len(header)
        assert all(c["meaning"] for c in spec["columns"])


def test_docs_data_dictionary_is_generated_from_the_schema():
    """docs/tables.md carries the data dictionary between the schema markers, as generated."""
    page = (ROOT / "docs" / "tables.md").read_text(encoding="utf-8")
    section = re.search(r"<!-- schema:start[^>]*-->\n(.*?)<!-- schema:end -->", page, re.S)
    assert section, "docs/tables.md lacks the generated data dictionary (python -m extract.schema)"
    assert section.group(1) == markdown(), "docs/tables.md data dictionary is out of date: run python -m extract.schema"


@pytest.mark.skipif(not shutil.which("Rscript"), reason="R is not installed (apt-get install r-cran-readr r-cran-jsonlite)")
def test_r_readr_reads_the_tables_with_the_schema(hostile_input, tmp_path):
    out = _run(hostile_input, tmp_path / "out")
    script = (
        "suppressMessages({library(readr); library(jsonlite)});"
        f"s <- fromJSON('{out}/schema.json');"
        f"d <- read_csv('{out}/documents.csv', col_types = s$tables$documents$readr_col_types, na = '', progress = FALSE);"
        "cat(d$doc_id[1], d$doc_id[2], class(d$n_chars), class(d$published)[1], sep='|')"
    )
    done = subprocess.run(["Rscript", "-e", script], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split("|") == ["000123", "1e5", "integer", "POSIXct"]
