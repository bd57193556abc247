"""A JSONL line nested a thousand deep (in a field nobody reads) is an error row; the documents
around it are read, in ``run``'s reader, ``normalize`` and ``explain``."""
from __future__ import annotations

import json

from extract.cli import main
from extract.readers import read_inputs

GOOD = "今年超过10万人参与。"


def _deep_file(tmp_path, depth: int = 1_000):
    path = tmp_path / "deep.jsonl"
    deep = '{"id": "deep", "x": ' + "[" * depth + "]" * depth + f', "text": "{GOOD}"}}'
    path.write_text(deep + "\n" + json.dumps({"id": "good", "text": GOOD}, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


def test_a_deeply_nested_line_is_an_error_row(tmp_path):
    deep, good = read_inputs([str(_deep_file(tmp_path))])
    assert deep.doc_id == "1" and deep.error == "line 1: JSON nested too deeply to read"
    assert good.doc_id == "good" and good.text == GOOD and not good.error


def test_normalize_goes_on_after_a_deeply_nested_line(tmp_path):
    out = tmp_path / "out"
    assert main(["normalize", str(_deep_file(tmp_path)), "--out", str(out)]) == 0
    records = [json.loads(line) for line in (out / "normalized.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(r["doc_id"], r["status"]) for r in records] == [("1", "error"), ("good", "ok")]


def test_explain_goes_on_after_a_deeply_nested_line(tmp_path, capsys):
    assert main(["explain", str(_deep_file(tmp_path)), "--json"]) == 0
    explained = json.loads(capsys.readouterr().out)
    assert [e["status"] for e in explained] == ["error", "ok"]
