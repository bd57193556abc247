"""File names are bytes on POSIX: one that is not UTF-8 (byte ``\\xff``) is read, its id written
with U+FFFD for the byte, by every command (it once stopped ``normalize`` with UnicodeEncodeError)."""
from __future__ import annotations

import json
import os

import pytest

from extract.cli import main
from extract.readers import read_inputs

GOOD = "今年超过10万人参与。"


def _undecodable_name(tmp_path):
    name = os.fsdecode(b"news\xff.txt")
    path = tmp_path / name
    try:
        path.write_text(GOOD, encoding="utf-8")
    except (OSError, UnicodeEncodeError):
        pytest.skip("this file system refuses names that are not UTF-8")
    return path


def test_reader_ids_hold_no_lone_surrogates(tmp_path):
    (document,) = read_inputs([str(_undecodable_name(tmp_path))])
    assert document.doc_id == "news\ufffd" and document.text == GOOD
    document.doc_id.encode("utf-8")
    document.source_path.encode("utf-8")


def test_normalize_writes_a_file_with_an_undecodable_name(tmp_path):
    out = tmp_path / "out"
    assert main(["normalize", str(_undecodable_name(tmp_path)), "--out", str(out)]) == 0
    (record,) = [json.loads(line) for line in (out / "normalized.jsonl").read_text(encoding="utf-8").splitlines()]
    assert record["doc_id"] == "news\ufffd" and record["status"] == "ok" and record["text"] == GOOD
