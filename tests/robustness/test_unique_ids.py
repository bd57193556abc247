"""Document ids are unique in a run whatever the input holds, so mention ids (``doc_id:P1``) are
too: an id that is taken gets the first free ``~N``, checked against every id already given."""
from __future__ import annotations

import json

import pytest

from extract.readers import read_inputs

ID_LISTS = [
    ["dup", "dup", "dup~2"],
    ["dup~2", "dup", "dup"],
    ["x", "x~2", "x", "x", "x~3"],
    ["a", "a", "a~2", "a~2", "a~2~2"],
]


@pytest.mark.parametrize("ids", ID_LISTS, ids=lambda ids: ",".join(ids))
def test_ids_are_unique_whatever_the_input(ids, tmp_path):
    path = tmp_path / "dups.jsonl"
    path.write_text("".join(json.dumps({"id": i, "text": "今年超过10万人参与。"}) + "\n" for i in ids), encoding="utf-8")
    given = [d.doc_id for d in read_inputs([str(path)])]
    assert len(set(given)) == len(given), given
    assert given[0] == ids[0]  # the first holder of an id keeps it


def test_ids_are_unique_across_inputs_and_file_names(tmp_path):
    (tmp_path / "dup.txt").write_text("今年超过10万人参与。", encoding="utf-8")
    jsonl = tmp_path / "more.jsonl"
    jsonl.write_text('{"id": "dup", "text": "甲"}\n{"id": "dup~2", "text": "乙"}\n', encoding="utf-8")
    given = [d.doc_id for d in read_inputs([str(tmp_path / "dup.txt"), str(jsonl), str(jsonl)])]
    assert given[0] == "dup" and len(set(given)) == len(given) == 5, given


def test_mention_ids_are_unique_with_duplicate_document_ids(pipeline, tmp_path):
    path = tmp_path / "dups.jsonl"
    text = "2021年，广东省委网信办开展“清朗”专项行动，今年超过10万人参与。"
    path.write_text("".join(json.dumps({"id": i, "text": text}, ensure_ascii=False) + "\n"
                            for i in ["dup", "dup", "dup~2"]), encoding="utf-8")
    mention_ids = [m.mention_id for d in read_inputs([str(path)]) for m in pipeline.process(d).mentions]
    assert len(mention_ids) >= 6
    assert len(set(mention_ids)) == len(mention_ids)
