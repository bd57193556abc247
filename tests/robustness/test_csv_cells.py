"""Every text cell survives the CSV files whole: a carriage return, line feed, quote or comma in any
cell (an id, a title, a file name) is quoted, so the rows read back as written by ``read_tables``,
by pandas with no options and by Python's csv module; NUL is never written raw (C readers end a
string there); formulas are neutralized in their full-width forms and behind invisible blanks."""
from __future__ import annotations

import csv
import io
import json

import pandas as pd
import pytest

from extract import read_tables
from extract.batch import run_batch
from extract.csvsafe import NUL_STANDIN, neutralize, restore
from extract.tables import _csv_text

TEXT = "今年超过10万人参与。"
HOSTILE = ["a\rb", "a\r\nb", "end\r", "\r", "line\nbreak", 'say "hi"', "x,y", "tab\tin", "'\r=1", "plain"]


def _run(tmp_path, pipeline, *inputs) -> dict[str, pd.DataFrame]:
    out = tmp_path / "out"
    run_batch([str(i) for i in inputs], out, jobs=1, progress=False, pipeline=pipeline)
    return out


@pytest.mark.parametrize("cell", HOSTILE)
def test_a_text_cell_reads_back_as_written(cell):
    frame = pd.DataFrame({"doc_id": [cell, "next"], "n": [1, 2]}).astype({"doc_id": "string", "n": "Int64"})
    text = _csv_text(frame, raw_cells=True)
    assert pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)["doc_id"].tolist() == [cell, "next"]
    assert [row[0] for row in csv.reader(io.StringIO(text, newline=""))] == ["doc_id", cell, "next"]


def test_a_table_without_cr_or_nul_is_written_as_before():
    frame = pd.DataFrame({"doc_id": ["a", 'b"c', "d,e"]}).astype("string")
    assert _csv_text(frame, raw_cells=True) == 'doc_id\na\n"b""c"\n"d,e"\n'


def test_ids_titles_and_sources_with_cr_round_trip_through_a_run(tmp_path, pipeline):
    source = tmp_path / "cr.jsonl"
    records = [{"id": "a\rb", "title": "标题\r", "source": "x,\"y\"\n", "text": TEXT},
               {"id": "c", "title": "\r\n", "source": "=1", "text": TEXT}]
    source.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    out = _run(tmp_path, pipeline, source)
    documents = read_tables(out)["documents"]
    assert documents["doc_id"].tolist() == ["a\rb", "c"]
    assert documents["title"].tolist() == ["标题\r", "\r\n"]
    assert documents["source"].tolist() == ["x,\"y\"\n", "=1"]
    for name in ("documents", "mentions", "numerics", "dates", "facts"):
        plain = pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)
        assert len(plain) == len(read_tables(out)[name]) and len(plain) >= 2, name
        assert set(plain["doc_id"]) == {"a\rb", "c"}, name


def test_a_csv_title_ending_in_cr_round_trips(tmp_path, pipeline):
    source = tmp_path / "in.csv"
    with open(source, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([["id", "title", "text"], ["k1", "标题\r", TEXT], ["k2", "二", TEXT]])
    documents = read_tables(_run(tmp_path, pipeline, source))["documents"]
    assert documents["title"].tolist() == ["标题\r", "二"]


def test_a_file_named_with_cr_round_trips(tmp_path, pipeline):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "cr\rname.txt").write_text(TEXT, encoding="utf-8")
    documents = read_tables(_run(tmp_path, pipeline, folder))["documents"]
    assert documents["doc_id"].tolist() == ["cr\rname"]
    assert documents["source_path"].str.endswith("cr\rname.txt").all()


def test_nul_is_never_written_raw(tmp_path, pipeline):
    source = tmp_path / "nul.jsonl"
    source.write_text(json.dumps({"id": "n\u0000", "title": "t\u0000x", "source": "\u0000s", "text": TEXT}) + "\n",
                      encoding="utf-8")
    out = _run(tmp_path, pipeline, source)
    for path in out.glob("*.csv"):
        assert b"\0" not in path.read_bytes(), path.name
    documents = read_tables(out)["documents"]
    assert documents[["doc_id", "title", "source"]].iloc[0].tolist() == [f"n{NUL_STANDIN}", f"t{NUL_STANDIN}x",
                                                                         f"{NUL_STANDIN}s"]


@pytest.mark.parametrize("cell", ["＝1+1", "＋1", "－1", "＠SUM(A1)", "﹦1", " =1", "\u00a0=1", "\u200b=cmd",
                                  "\ufeff@x", "\u3000+1", " \t-2", "''\u200b＝1"])
def test_formulas_behind_blanks_or_in_full_width_are_neutralized(cell):
    written = neutralize(cell)
    assert written == "'" + cell
    assert restore(written) == cell


@pytest.mark.parametrize("cell", ["a＝b", "超1800万", "1－2", " plain", "\u200b中"])
def test_text_that_is_no_formula_is_left_alone(cell):
    assert neutralize(cell) == cell == restore(cell)
