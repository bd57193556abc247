"""Standard input takes what files take: JSONL or CSV, gzipped or not (as the README says), read
record by record; anything else is one text document."""
from __future__ import annotations

import gzip
import io
import json

import pytest

from extract.readers import ReadOptions, read_inputs

GOOD = "今年超过10万人参与。"
JSONL = "".join(json.dumps({"id": i, "text": GOOD}, ensure_ascii=False) + "\n" for i in ("a", "b")).encode("utf-8")
CSV = f"id,title,text\na,标题,{GOOD}\nb,\"标题,二\",{GOOD}\n".encode("utf-8")


def _from_stdin(monkeypatch, data: bytes, options: ReadOptions = ReadOptions()):
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(data)))
    return [(d.doc_id, d.text, d.error) for d in read_inputs(["-"], options)]


@pytest.mark.parametrize("data", [JSONL, gzip.compress(JSONL), CSV, gzip.compress(CSV), b"\xef\xbb\xbf" + CSV],
                         ids=["jsonl", "jsonl.gz", "csv", "csv.gz", "csv-with-bom"])
def test_records_on_stdin_are_read_one_by_one(monkeypatch, data):
    assert _from_stdin(monkeypatch, data) == [("a", GOOD, ""), ("b", GOOD, "")]


def test_csv_on_stdin_with_a_chosen_text_column(monkeypatch):
    data = f"key,正文内容\nx,{GOOD}\n".encode("utf-8")
    got = _from_stdin(monkeypatch, data, ReadOptions(text_col="正文内容", id_col="key"))
    assert got == [("x", GOOD, "")]


@pytest.mark.parametrize("data", [GOOD.encode("utf-8"), gzip.compress(GOOD.encode("utf-8")),
                                  f"一，二，{GOOD}".encode("gb18030")], ids=["text", "text.gz", "gbk-text"])
def test_other_stdin_is_one_text_document(monkeypatch, data):
    ((doc_id, text, error),) = _from_stdin(monkeypatch, data)
    assert doc_id == "stdin" and error == "" and text.endswith(GOOD)
