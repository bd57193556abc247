"""Each reader: text files (encodings), folders, JSONL, CSV, gzip, stdin; ids; bad input."""
from __future__ import annotations

import gzip
import io
import json
import sys

import pytest

from extract.readers import ReadError, ReadOptions, decode_bytes, read_inputs
from conftest import CORPUS, shared_data

TEXT = "佛山市委网信办出台《行动计划》，超1800万人次参与。"


@pytest.mark.parametrize("codec", ["utf-8", "utf-8-sig", "gb18030", "big5", "utf-16", "utf-16-le"])
def test_text_encodings_are_detected(tmp_path, codec):
    text = TEXT if codec != "big5" else "佛山市委網信辦出台行動計劃，超過一千八百萬人次參與。"
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode(codec))
    [doc] = list(read_inputs([str(path)]))
    assert doc.text == text and not doc.error
    expected = {"utf-8": "utf-8", "utf-8-sig": "utf-8-sig", "gb18030": "gb18030", "big5": "big5",
                "utf-16": "utf-16", "utf-16-le": "utf-16-le"}[codec]
    assert doc.encoding == expected


def test_folder_is_recursive_and_ids_are_relative_paths(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "sub" / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    ids = [d.doc_id for d in read_inputs([str(tmp_path)])]
    assert ids == ["a", "sub/b"]


def test_corpus_ids():
    ids = [d.doc_id for d in read_inputs([str(CORPUS)])]
    assert ids[0] == "000_ba09cf37c00f26cf" and len(ids) == 5


def test_jsonl_fields_and_line_number_ids(tmp_path):
    path = tmp_path / "news.jsonl"
    lines = [
        json.dumps({"id": "x1", "text": TEXT, "title": "T", "published": "2021-04-27", "source": "南方日报", "url": "u"}, ensure_ascii=False),
        json.dumps({"content": TEXT, "pub_time": "2022-01-02 10:00:00"}, ensure_ascii=False),
        "",
        "{not json",
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    docs = list(read_inputs([str(path)]))
    assert [d.doc_id for d in docs] == ["x1", "2", "3", "4"]
    assert docs[0].title == "T" and docs[0].published == "2021-04-27" and docs[0].source == "南方日报"
    assert docs[1].text == TEXT and docs[1].published == "2022-01-02 10:00:00"
    assert "empty line" in docs[2].error and "malformed JSON" in docs[3].error


def test_jsonl_custom_fields_and_gzip(tmp_path):
    path = tmp_path / "news.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as handle:
        handle.write(json.dumps({"key": "k9", "body2": TEXT, "when": "2020-05-05"}, ensure_ascii=False) + "\n")
    options = ReadOptions(text_field="body2", id_field="key", published_field="when")
    [doc] = list(read_inputs([str(path)], options))
    assert (doc.doc_id, doc.text, doc.published) == ("k9", TEXT, "2020-05-05")


def test_csv_with_text_col_and_gzip(tmp_path):
    import csv

    for name, opener in (("a.csv", open), ("b.csv.gz", gzip.open)):
        path = tmp_path / name
        with opener(path, "wt", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            writer.writerow(["nid", "body"])
            writer.writerow(["n1", "第一行\n第二行，“引号”"])
        [doc] = list(read_inputs([str(path)], ReadOptions(text_col="body", id_col="nid")))
        assert doc.doc_id == "n1" and doc.text == "第一行\n第二行，“引号”"


def test_stdin_text_and_jsonl(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(TEXT.encode("utf-8"))))
    [doc] = list(read_inputs(["-"]))
    assert doc.doc_id == "stdin" and doc.text == TEXT
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(json.dumps({"id": "s", "text": TEXT}).encode())))
    [doc] = list(read_inputs(["-"]))
    assert doc.doc_id == "s" and doc.text == TEXT


@pytest.mark.parametrize("data,message", [
    (b"", "empty file"),
    (b"   \n\t  ", "empty document"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00" * 20, "binary"),
    (bytes(range(128, 256)) * 4, "undecodable"),
])
def test_bad_text_files_become_error_documents(tmp_path, data, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [doc] = list(read_inputs([str(path)]))
    assert message in doc.error


def test_missing_input_is_a_clear_error():
    with pytest.raises(ReadError, match="does not exist"):
        list(read_inputs(["/nonexistent/x.txt"]))


def test_decode_rejects_nothing_silently():
    with pytest.raises(ValueError):
        decode_bytes(b"")


@pytest.mark.shared_data
@pytest.mark.parametrize("name,field", [("cctv-xwlb-stories.jsonl.gz", "id"), ("taiwan-news-2017-zh-hant.jsonl.gz", None)])
def test_shared_news_files_read_without_options(name, field):
    path = shared_data(f"news/{name}")
    reader = read_inputs([str(path)])
    docs = [next(reader) for _ in range(3)]
    assert all(d.text and not d.error and d.published for d in docs)
    if field is None:
        assert docs[0].doc_id == "1"
    else:
        assert docs[0].doc_id.startswith("VIDE")
