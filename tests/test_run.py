"""End to end: `xinwen run` on the bundled corpus, tables and columns, offsets, determinism, bad input."""
from __future__ import annotations

import subprocess
import sys

import pandas as pd
import pytest

from extract.cli import main
from extract.schema import layout
from conftest import CORPUS


@pytest.fixture(scope="module")
def corpus_out(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    assert main(["run", str(CORPUS), "--out", str(out)]) == 0
    return out


def _read(out, name):
    return pd.read_csv(out / f"{name}.csv", dtype=str, keep_default_na=False)


def test_every_table_has_the_contract_columns(corpus_out):
    for name in layout().tables:  # the data dictionary's columns, in its order
        assert tuple(_read(corpus_out, name).columns) == layout().columns[name], name
    for kind, name in layout().table.items():
        assert tuple(_read(corpus_out, name).columns) == layout().common + layout().fields[kind]


def test_required_rows_from_the_bundled_corpus(corpus_out):
    numerics = _read(corpus_out, "numerics")
    row = numerics[numerics.surface == "超1800万人次"].iloc[0]
    assert (row.value, row.bound, row.unit) == ("18000000", "lower", "人次")
    dates = _read(corpus_out, "dates")
    assert "2021-04-27T10:22:41" in set(dates[dates.surface == "2021-04-27 10:22:41"].value)
    assert "佛山市委网信办" in set(_read(corpus_out, "organizations").name)
    assert "争做中国好网民" in set(_read(corpus_out, "programs").name)


def test_documents_table(corpus_out):
    docs = _read(corpus_out, "documents")
    assert list(docs.doc_id) == sorted(p.stem for p in CORPUS.glob("*.txt"))
    assert set(docs.status) == {"ok"}
    by_id = docs.set_index("doc_id")
    assert by_id.loc["001_9f553aeb5d715b53", "published"] == "2021-04-27T10:22:41"
    assert by_id.loc["001_9f553aeb5d715b53", "script"] == "traditional"
    assert by_id.loc["002_c78bdc0d0583f07a", "script"] == "simplified"
    mentions = _read(corpus_out, "mentions")
    for kind in layout().types:
        total = docs[f"n_{kind}"].astype(int).sum()
        assert total == (mentions.type == kind).sum()


def test_offsets_of_every_mention_in_every_corpus_document(corpus_results, pipeline):
    checked = 0
    for result in corpus_results:
        text, raw = result.normalized.text, result.document.text
        for m in result.mentions:
            assert text[m.start:m.end] == m.surface
            shifted = [r for r in result.normalized.repairs
                       if r.step == "gbk_shift" and r.raw_start < m.raw_end and m.raw_start < r.raw_end]
            if not shifted:  # a byte-shift repair reads characters in context, not from a slice alone
                assert pipeline.normalizer(raw[m.raw_start:m.raw_end]).text.strip() == m.surface.strip(), m
            assert m.surface in m.sentence or m.sentence in m.surface
            checked += 1
    types = {m.type for r in corpus_results for m in r.mentions}
    assert types == {"program", "organization", "date", "numeric"} and checked > 100


def test_two_runs_write_identical_bytes(tmp_path, corpus_out):
    second = tmp_path / "again"
    assert main(["run", str(CORPUS), "--out", str(second)]) == 0
    for path in corpus_out.glob("*.csv"):
        assert (second / path.name).read_bytes() == path.read_bytes(), path.name


def test_parquet_output(tmp_path):
    assert main(["run", str(CORPUS / "001_9f553aeb5d715b53.txt"), "--out", str(tmp_path), "--format", "parquet"]) == 0
    frame = pd.read_parquet(tmp_path / "numerics.parquet")
    assert str(frame["value"].dtype) == "Float64" and (frame.surface == "超1800万人次").any()


def test_bad_inputs_are_reported_and_the_batch_goes_on(tmp_path):
    data = tmp_path / "in"
    data.mkdir()
    (data / "empty.txt").write_bytes(b"")
    (data / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    (data / "undecodable.txt").write_bytes(bytes(range(128, 256)) * 4)
    (data / "good.txt").write_text("2021年，广东省委网信办开展“清朗”系列专项行动，处置有害信息400万条次。", encoding="utf-8")
    (data / "lines.jsonl").write_text('{"id": "ok1", "text": "今年超过10万人参与。"}\n\n{broken\n', encoding="utf-8")
    out = tmp_path / "out"
    assert main(["run", str(data), "--out", str(out)]) == 0
    docs = _read(out, "documents").set_index("doc_id")
    assert docs.loc["good", "status"] == "ok" and docs.loc["ok1", "status"] == "ok"
    for doc_id in ("empty", "binary", "undecodable", "2", "3"):
        assert docs.loc[doc_id, "status"] == "error" and docs.loc[doc_id, "error"], doc_id
    assert (_read(out, "numerics").doc_id == "good").any()


def test_exit_code_is_nonzero_only_when_nothing_could_be_read(tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    assert main(["run", str(tmp_path / "empty.txt"), "--out", str(tmp_path / "o")]) == 1
    assert main(["run", "/nonexistent", "--out", str(tmp_path / "o")]) == 2


def test_no_partial_files_are_left(tmp_path):
    main(["run", str(CORPUS / "003_bf62d02a60225246.txt"), "--out", str(tmp_path)])
    assert not list(tmp_path.glob(".*tmp"))


def test_console_entry_point_and_module():
    done = subprocess.run([sys.executable, "-m", "extract", "--help"], capture_output=True, text=True)
    assert done.returncode == 0 and "run" in done.stdout


def test_user_rules_folder_extends_the_bundled_rules(tmp_path, pipeline):
    from extract import Pipeline
    from extract.readers import Document

    (tmp_path / "mine.yaml").write_text(
        "family: organizations\nknown:\n  - id: org.known\n    names:\n      星火小队: {org_type: social_org}\n",
        encoding="utf-8")
    text = "星火小队组织了活动。"
    assert not [m for m in pipeline.process(Document("d", "", text=text)).mentions if m.type == "organization"]
    mine = Pipeline([str(tmp_path)]).process(Document("d", "", text=text))
    assert [m.surface for m in mine.mentions if m.type == "organization"] == ["星火小队"]
