"""The Python API: DataFrames with the documented dtypes, and the components in a user's own spaCy
pipeline."""
from __future__ import annotations

import pandas as pd
import pytest
import spacy

import extract
from extract import Pipeline, load_schema
from extract.schema import PANDAS_DTYPE, table_columns
from conftest import CORPUS

TEXT = "2021年，广东省委网信办开展“清朗”系列专项行动，处置有害信息超1800万人次。"


@pytest.fixture(scope="module")
def tables(pipeline):
    return pipeline.run([str(CORPUS / "001_9f553aeb5d715b53.txt"), TEXT])


def test_run_returns_every_table_with_the_schema_columns_and_dtypes(tables):
    schema = load_schema()
    assert set(tables) == set(schema["tables"])
    for name, frame in tables.items():
        columns = table_columns(name, schema)
        assert list(frame.columns) == [c["name"] for c in columns]
        for column in columns:
            assert str(frame[column["name"]].dtype) == PANDAS_DTYPE[column["type"]], (name, column["name"])


def test_dtypes_that_matter_to_an_analyst(tables):
    docs = tables["documents"].set_index("doc_id")
    assert docs.loc["001_9f553aeb5d715b53", "published"] == pd.Timestamp("2021-04-27 10:22:41")
    assert pd.isna(docs.loc["text-1", "published"])  # a bare text has no publish date: missing, not ""
    numerics = tables["numerics"]
    assert numerics.loc[numerics.surface == "超1800万人次", "value"].iloc[0] == 18_000_000
    assert numerics["value_max"].isna().any()  # nullable floats: missing is <NA>
    assert tables["dates"]["relative"].isin([True, False]).all()
    assert (tables["programs"]["end"] > tables["programs"]["start"]).all()


def test_raw_texts_and_paths_mix(tables):
    assert list(tables["documents"].doc_id) == ["001_9f553aeb5d715b53", "text-1"]
    assert "清朗" in set(tables["programs"][tables["programs"].doc_id == "text-1"].name)


def test_a_text_longer_than_a_file_name_is_text(pipeline):
    """``run`` asks whether each input is a path; for a sentence over 255 bytes the file system
    answers File name too long, which must mean text, not a crash."""
    long_text = TEXT * 4
    assert len(long_text.encode()) > 255
    tables = pipeline.run([long_text])
    assert list(tables["documents"].doc_id) == ["text-1"]
    assert (tables["numerics"].surface == "超1800万人次").sum() == 4


def test_a_component_in_a_users_own_blank_pipeline():
    nlp = spacy.blank("zh")
    nlp.add_pipe("xinwen_numerics")
    doc = nlp(TEXT)
    spans = list(doc.spans["numeric"])
    claim = next(s for s in spans if s.text == "超1800万人次")
    assert claim._.fields["value"] == 18_000_000 and claim._.fields["bound"] == "lower"
    assert claim._.fields["unit"] == "人次" and claim._.rule.startswith("numeric.")
    assert claim._.mention.start == claim.start_char


def test_all_components_together_settle_overlaps_like_the_pipeline():
    nlp = spacy.blank("zh")
    for name in ("xinwen_programs", "xinwen_organizations", "xinwen_dates", "xinwen_numerics", "xinwen_resolve"):
        nlp.add_pipe(name)
    doc = nlp("开展“百万职工网络安全技能赛”活动，2021年共3.4万户参加。")
    assert {s._.fields["name"] for s in doc.spans["program"]} == {"百万职工网络安全技能赛"}
    programs = [(s.start_char, s.end_char) for s in doc.spans["program"]]
    for span in doc.spans["numeric"]:  # no number inside the programme name survives
        assert not any(a < span.end_char and span.start_char < b for a, b in programs)
    assert "2021" in {s._.fields["value"] for s in doc.spans["date"]}
    assert 34000 in {s._.fields["value"] for s in doc.spans["numeric"]}


def test_the_package_exports_the_api():
    for name in ("Pipeline", "read_tables", "load_schema", "parse_number", "Mention"):
        assert hasattr(extract, name) and name in extract.__all__
