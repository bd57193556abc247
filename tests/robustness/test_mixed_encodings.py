"""Mixed encodings in one file never come out ok and garbled: a file whose encoding changes (a
Big5 line then a GBK one, a UTF-16 block then a UTF-8 one) is decoded line by line or block by
block, and a GBK-encoded JSONL or CSV line is read as GBK, not as U+FFFD."""
from __future__ import annotations

import json

import pytest

from extract.readers import read_inputs

SIMPLIFIED = "今年广东省委网信办开展清朗专项行动，处置有害信息四百万条。"
TRADITIONAL = "今年臺灣民眾踴躍參與活動，各界反應熱烈，主辦單位表示滿意。"

MIXED_FILES = {
    "big5-then-gbk": (TRADITIONAL.encode("big5") + b"\n" + SIMPLIFIED.encode("gbk") + b"\n", "big5"),
    "gbk-then-big5": (SIMPLIFIED.encode("gbk") + b"\n" + TRADITIONAL.encode("big5") + b"\n", "big5"),
    "utf16-then-utf8": ((SIMPLIFIED + "\n").encode("utf-16") + (SIMPLIFIED + "。\n").encode("utf-8"), "utf-16+utf-8"),
    "utf16-then-utf8-odd": ((SIMPLIFIED + "\n").encode("utf-16") + (SIMPLIFIED + "\n").encode("utf-8"), "utf-16+utf-8"),
}


@pytest.mark.parametrize("name", sorted(MIXED_FILES))
def test_a_text_file_whose_encoding_changes_is_read_part_by_part(name, tmp_path):
    data, codec = MIXED_FILES[name]
    path = tmp_path / "mixed.txt"
    path.write_bytes(data)
    (document,) = read_inputs([str(path)])
    assert document.error == ""
    lines = [line for line in document.text.split("\n") if line]
    assert {line.rstrip("。") for line in lines} >= {SIMPLIFIED.rstrip("。")} and all(
        line.rstrip("。") in (SIMPLIFIED.rstrip("。"), TRADITIONAL.rstrip("。")) for line in lines), document.text
    assert codec in document.encoding


def test_damaged_utf16_is_reported_not_returned_garbled(tmp_path):
    path = tmp_path / "damaged.txt"
    path.write_bytes((SIMPLIFIED + "\n").encode("utf-16") + bytes(range(0x80, 0xC0)) * 3)
    (document,) = read_inputs([str(path)])
    assert document.error and document.text == ""


@pytest.mark.parametrize("codec", ["gbk", "big5"])
def test_a_legacy_encoded_jsonl_is_read_as_its_text(codec, tmp_path):
    text = SIMPLIFIED if codec == "gbk" else TRADITIONAL
    path = tmp_path / "legacy.jsonl"
    path.write_bytes((json.dumps({"id": "a", "text": text}, ensure_ascii=False) + "\n").encode(codec)
                     + (json.dumps({"id": "b", "text": SIMPLIFIED}, ensure_ascii=False) + "\n").encode("utf-8"))
    first, second = read_inputs([str(path)])
    assert (first.text, first.error) == (text, "") and "\ufffd" not in first.text
    assert first.encoding.startswith("gb18030" if codec == "gbk" else "big5")
    assert (second.text, second.encoding) == (SIMPLIFIED, "utf-8")


def test_a_gbk_encoded_csv_is_read_as_its_text(tmp_path):
    path = tmp_path / "legacy.csv"
    path.write_bytes(f"id,text\na,{SIMPLIFIED}\n".encode("gbk"))
    (document,) = read_inputs([str(path)])
    assert (document.text, document.error) == (SIMPLIFIED, "")


def test_undecodable_record_bytes_make_an_error_row_not_an_ok_one(tmp_path):
    path = tmp_path / "bad.jsonl"
    path.write_bytes(b'{"id": "x", "text": "abc ' + bytes(range(0xF8, 0x100)) * 2 + b' def"}\n'
                     + b'{"id": "y", "text": "ok \xe4\xbb\x8a\xe5\xb9\xb4 \xff"}\n')
    bad, stray = read_inputs([str(path)])
    assert bad.error.startswith("undecodable text") and bad.text == ""
    assert stray.error == "" and stray.text == "ok 今年 \ufffd"  # one stray byte in UTF-8: noted, kept
