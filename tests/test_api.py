"""The Python API: DataFrames with the documented dtypes, and the components in a user's own spaCy
pipeline."""
from __future__ import annotations

import ast
import re

import pandas as pd
import pytest
import spacy

import extract
from extract import Pipeline, load_schema
from extract.schema import PANDAS_DTYPE, table_columns
from conftest import CORPUS, ROOT

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


def _readme_block(marker: str) -> str:
    """The README's Python code block that contains ``marker``."""
    blocks = re.findall(r"```python\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
    return next(b for b in blocks if marker in b)


def _shown_and_computed(code: str) -> list[tuple[str, str]]:
    """Run a snippet statement by statement; for each expression followed by a ``# result`` comment
    line, the comment and the repr of what the expression gave."""
    lines = code.splitlines()
    namespace: dict = {}
    pairs = []
    for node in ast.parse(code).body:
        source = ast.Module([node], type_ignores=[])
        if isinstance(node, ast.Expr):
            value = eval(compile(ast.Expression(node.value), "README", "eval"), namespace)
            shown = lines[node.end_lineno] if node.end_lineno < len(lines) else ""
            if shown.startswith("# "):
                pairs.append((shown[2:], repr(value)))
        else:
            exec(compile(source, "README", "exec"), namespace)
    return pairs


def test_the_readmes_spacy_snippet_gives_relative_dates_a_value():
    """The snippet showed 去年 with value '' (no way to give the components a reference date); now
    its xinwen_resolve takes one in its config and every result shown is what it computes."""
    code = _readme_block("spacy.blank")
    assert '"reference_date"' in code and "去年" in code
    pairs = _shown_and_computed(code)
    assert len(pairs) == 2 and "'去年', '2020'" in pairs[0][0]
    for shown, computed in pairs:
        assert computed == shown


@pytest.mark.parametrize("component", ["xinwen_dates", "xinwen_programs", "xinwen_resolve"])
def test_any_component_takes_the_reference_date_and_a_doc_keeps_its_own(component):
    """The date may be given to whichever xinwen component the user adds; a doc that carries its
    own publish date (doc.user_data) keeps it."""
    nlp = spacy.blank("zh")
    for name in ("xinwen_dates", "xinwen_programs", "xinwen_resolve"):
        nlp.add_pipe(name, config={"reference_date": "2021-04-27"} if name == component else {})
    doc = nlp("去年")
    assert [s._.fields["value"] for s in doc.spans["date"]] == ["2020"]
    own = nlp.make_doc("去年")
    own.user_data["xinwen_reference_date"] = "2015-06-01"
    own = nlp(own)
    assert [s._.fields["value"] for s in own.spans["date"]] == ["2014"]


@pytest.mark.parametrize("bad", ["2021-02-30", "yesterday"])
def test_a_reference_date_that_is_no_day_is_refused(bad):
    """A reference date that is no calendar day would leave every relative date empty, silently."""
    with pytest.raises(ValueError, match="not a calendar date"):
        spacy.blank("zh").add_pipe("xinwen_resolve", config={"reference_date": bad})
    with pytest.raises(ValueError, match="not a calendar date"):
        Pipeline(reference_date=bad)


def test_pipeline_reference_date_is_for_texts_without_a_publish_date(pipeline):
    """Pipeline(reference_date=...) as the README shows it: a bare text's 去年 gets a value."""
    assert (pipeline.run(["去年处置有害信息超1800万人次。"])["dates"]["value"].fillna("") == "").all()
    dates = Pipeline(reference_date="2021-04-27").run(["去年处置有害信息超1800万人次。"])["dates"]
    assert list(dates["value"]) == ["2020"] and str(dates["anchor"].iloc[0].date()) == "2021-04-27"


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


def test_a_platform_named_by_the_programme_grammar_is_no_organization_too():
    from extract.mention import Mention
    from extract.overlaps import settle_overlaps
    program = Mention("program", 0, 4, "央视新闻", "program.shaped.broadcaster_platform", {"name": "央视新闻", "kind": "platform"})
    event = Mention("program", 5, 8, "进博会", "program.bare.alias", {"name": "进博会", "kind": "event"})
    orgs = [Mention("organization", 0, 4, "央视新闻", "org.media", {"name": "央视新闻"}),
            Mention("organization", 5, 8, "进博会", "org.model", {"name": "进博会"})]
    settled = settle_overlaps({"program": [program, event], "organization": orgs})
    assert [o.surface for o in settled["organization"]] == ["进博会"]  # only the platform's twin goes


def test_a_body_inside_a_title_is_no_organization_of_the_story():
    from extract.mention import Mention
    from extract.overlaps import settle_overlaps
    title = Mention("program", 2, 15, "《中国共产党纪律处分条例》", "program.title", {"name": "中国共产党纪律处分条例", "kind": "document"})
    paper = Mention("program", 20, 26, "《求是》杂志", "program.title", {"name": "求是", "kind": "document"})
    orgs = [Mention("organization", 3, 8, "中国共产党", "org.known", {"name": "中国共产党"}),
            Mention("organization", 20, 26, "《求是》杂志", "org.media.title", {"name": "求是"}),
            Mention("organization", 30, 33, "国务院", "org.known", {"name": "国务院"})]
    settled = settle_overlaps({"program": [title, paper], "organization": orgs})
    assert [o.surface for o in settled["organization"]] == ["《求是》杂志", "国务院"]


def test_a_body_that_fills_its_title_stays():
    from extract.mention import Mention
    from extract.overlaps import settle_overlaps
    title = Mention("program", 2, 6, "《网易》", "program.title", {"name": "网易", "kind": "other"})
    org = Mention("organization", 3, 5, "网易", "org.known.company", {"name": "网易"})
    film = Mention("program", 10, 17, "《平原游击队》", "program.title", {"name": "平原游击队", "kind": "other"})
    team = Mention("organization", 11, 16, "平原游击队", "org.team", {"name": "平原游击队"})
    settled = settle_overlaps({"program": [title, film], "organization": [org, team]})
    assert [o.surface for o in settled["organization"]] == ["网易"]
