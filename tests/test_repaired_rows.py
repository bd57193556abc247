"""Honest rows from repaired text (ANNOTATION.md, Normalization; issue 23): a likely but uncertain
byte-shift repair is read and extracted from, every row it touched says ``repaired`` with a
``confidence`` no higher than the repair's posterior; only what has no reading is damaged. Also
``read_tables`` on Parquet and on a folder that is not a run folder, and missing text as ``<NA>``."""
from __future__ import annotations

import pandas as pd
import pytest

from extract import read_tables
from extract.cli import main
from extract.schema import NotARunFolder
from conftest import CORPUS

SEED = CORPUS / "004_b5519ea694e741d6.txt"


@pytest.fixture(scope="module")
def seed_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("seed")
    assert main(["run", str(SEED), "--out", str(out)]) == 0
    return out


@pytest.mark.parametrize("name", ["天津楷模", "天津好人"])
def test_programmes_read_from_an_uncertain_repair_are_extracted_and_say_so(seed_out, name):
    programs = read_tables(seed_out)["programs"]
    row = programs[programs.name == name]
    assert len(row) == 1, "a likely repair is extracted from, not hidden as damage"
    row = row.iloc[0]
    assert row.repaired is True or bool(row.repaired)
    assert 0.0 < row.confidence < 0.99  # no higher than the repair's posterior, short of certain


def test_confidence_is_no_higher_than_the_posterior_of_what_the_row_touches(corpus_results):
    seen = 0
    for result in corpus_results:
        normalized = result.normalized
        for m in result.mentions:
            repaired, posterior = normalized.provenance(m.start, m.end)
            assert m.repaired == repaired
            if posterior is not None:
                seen += 1
                assert m.confidence is not None and m.confidence <= posterior
    assert seen


def test_a_script_conversion_alone_is_no_repair(pipeline):
    tables = pipeline.run(["佛山市委網信辦開展“清朗”系列專項行動。"])
    assert not tables["programs"].repaired.any() and tables["programs"].confidence.isna().all()
    assert not tables["organizations"].repaired.any()


def test_only_text_with_no_reading_is_damaged(pipeline):
    normalized = pipeline.normalizer(SEED.read_text(encoding="utf-8"))
    text = normalized.text
    assert "“天津楷模”“天津好人”" in text
    at = text.index("天津楷模")
    assert not any(z.start < at + 4 and at < z.end for z in normalized.damaged)
    assert any(r.start < at + 4 and at < r.end and r.posterior < 0.99 for r in normalized.readings)


def test_facts_carry_repaired_and_the_least_confidence_of_their_links(seed_out):
    tables = read_tables(seed_out)
    facts, by_id = tables["facts"], {}
    for name in ("programs", "organizations", "dates", "numerics"):
        for row in tables[name].itertuples():
            by_id[row.mention_id] = row
    assert {"repaired", "confidence"} <= set(facts.columns)
    for fact in facts.itertuples():
        links = [by_id[i] for i in (fact.mention_id, fact.programme_id, fact.organization_id) if not pd.isna(i)]
        assert bool(fact.repaired) == any(bool(link.repaired) for link in links) or not bool(fact.repaired)
        known = [link.confidence for link in links if not pd.isna(link.confidence)]
        if known:
            assert fact.confidence <= min(known) + 1e-12


def test_min_confidence_drops_rows_and_counts_them(tmp_path, capsys):
    assert main(["run", str(SEED), "--out", str(tmp_path), "--min-confidence", "0.99"]) == 0
    summary = capsys.readouterr().err
    programs = read_tables(tmp_path)["programs"]
    assert not (programs.confidence < 0.99).fillna(False).any()
    assert "天津楷模" not in set(programs.name)
    assert "rows below --min-confidence dropped" in summary
    dropped = int(summary.split(" rows below --min-confidence")[0].rsplit("(", 1)[1])
    assert dropped >= 2


def test_explain_marks_a_repaired_row(pipeline):
    from extract.explain import explain, format_explanation
    from extract.readers import Document

    data = explain(pipeline, Document("seed", "", text=SEED.read_text(encoding="utf-8")))
    rows = [m for m in data["mentions"] if m["fields"].get("name") == "天津楷模"]
    assert rows and rows[0]["repaired"] and rows[0]["confidence"] < 0.99
    assert "REPAIRED" in format_explanation(data)


def test_the_report_marks_a_repaired_row(seed_out, tmp_path):
    from extract.report import build_report

    index = build_report(seed_out, tmp_path / "report")
    pages = list((index.parent).rglob("*.html"))
    assert any("from-repair" in p.read_text(encoding="utf-8") for p in pages)


# -- read_tables (paper cuts 3 and 4) --------------------------------------------------------

def test_read_tables_reads_a_parquet_run_folder(tmp_path):
    assert main(["run", str(CORPUS / "001_9f553aeb5d715b53.txt"), "--out", str(tmp_path), "--format", "parquet"]) == 0
    tables = read_tables(tmp_path)
    assert {"programs", "numerics", "facts", "documents"} <= set(tables)
    assert str(tables["numerics"]["value"].dtype) == "Float64"
    assert (tables["numerics"].surface == "超1800万人次").any()


@pytest.mark.parametrize("make", ["missing", "empty", "other"])
def test_read_tables_refuses_what_is_not_a_run_folder(tmp_path, make):
    folder = tmp_path / "nowhere"
    if make != "missing":
        folder.mkdir()
    if make == "other":
        (folder / "notes.txt").write_text("hi", encoding="utf-8")
    with pytest.raises(NotARunFolder, match="xinwen run"):
        read_tables(folder)


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_missing_text_is_missing_not_empty(tmp_path, fmt, pipeline):
    assert main(["run", str(CORPUS / "001_9f553aeb5d715b53.txt"), "--out", str(tmp_path), "--format", fmt]) == 0
    facts = read_tables(tmp_path)["facts"]
    assert facts.organization.isna().any()
    assert not (facts.organization == "").fillna(False).any()
    for frame in read_tables(tmp_path).values():
        for column in frame.columns[frame.dtypes == "string"]:
            assert not (frame[column] == "").fillna(False).any(), column
    programs = pipeline.run([str(CORPUS / "001_9f553aeb5d715b53.txt")])["programs"]
    assert programs["head"].isna().any() and not (programs["head"] == "").fillna(False).any()
