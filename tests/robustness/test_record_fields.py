"""A JSONL text field that is not a string (a list, a number, an object, true, NaN) is an error row
that says what the field held; its Python repr is never processed as if it were the text."""
from __future__ import annotations

import pytest

from extract.readers import read_inputs

CASES = {
    "list": ('["今年超过10万人参与。", "第二段"]', "a list"),
    "number": ("12345", "a number"),
    "float": ("1.5", "a number"),
    "object": ('{"body": "今年超过10万人参与。"}', "an object"),
    "true": ("true", "a boolean"),
    "nan": ("NaN", "NaN"),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_a_text_field_that_is_not_a_string_is_an_error_row(name, tmp_path):
    raw, kind = CASES[name]
    path = tmp_path / "records.jsonl"
    path.write_text(f'{{"id": "{name}", "text": {raw}}}\n{{"id": "good", "text": "今年超过10万人参与。"}}\n',
                    encoding="utf-8")
    bad, good = read_inputs([str(path)])
    assert bad.doc_id == name
    assert bad.text == ""
    assert f"holds {kind}" in bad.error and "not a string" in bad.error
    assert good.error == "" and good.text == "今年超过10万人参与。"


def test_a_chosen_text_field_that_is_not_a_string_is_named(tmp_path):
    from extract.readers import ReadOptions

    path = tmp_path / "records.jsonl"
    path.write_text('{"id": "a", "body": [1, 2]}\n', encoding="utf-8")
    (document,) = read_inputs([str(path)], ReadOptions(text_field="body"))
    assert document.error.startswith("text field 'body' holds a list ([1, 2])")
