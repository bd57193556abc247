"""Nothing from the input names a file: document ids such as ``../../etc/x`` stay data (a cell in
the tables), and ``xinwen run`` and ``xinwen report`` write only inside their output folder (the
report's pages are numbered, ``docs/doc-00001.html``, never named after a document). A report
folder, or its ``docs`` folder, that is a symbolic link is refused, not written through."""
from __future__ import annotations

import json
import os

import pandas as pd

import pytest

from extract.batch import run_batch
from extract.cli import main
from extract.csvsafe import NUL_STANDIN
from extract.report import ReportError, build_report

HOSTILE_IDS = ["../../etc/x", "/etc/passwd", "..\\..\\windows\\x", "a/../../../b", "CON", "x\x00y", "~/.ssh/id", ".."]


def _tree(folder) -> set[str]:
    return {os.path.relpath(os.path.join(d, f), folder) for d, _, files in os.walk(folder) for f in files}


def test_hostile_document_ids_write_nothing_outside_the_output_folder(tmp_path, pipeline):
    work = tmp_path / "a" / "b" / "c"
    work.mkdir(parents=True)
    source = work / "in.jsonl"
    source.write_text("\n".join(json.dumps({"id": doc_id, "text": "2021年，广东省委网信办开展“清朗”专项行动。"},
                                           ensure_ascii=False) for doc_id in HOSTILE_IDS) + "\n", encoding="utf-8")
    before = _tree(tmp_path)
    out = work / "out"
    run_batch([str(source)], out, jobs=1, progress=False, pipeline=pipeline)
    build_report(out)
    written = _tree(tmp_path) - before
    assert written and all(path.startswith(os.path.join("a", "b", "c", "out") + os.sep) for path in written), written
    docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
    assert list(docs.doc_id) == [i.replace("\x00", NUL_STANDIN) for i in HOSTILE_IDS]  # kept as data (NUL shown)
    assert sorted(p.name for p in (out / "report" / "docs").iterdir()) == [f"doc-{i:05d}.html" for i in range(1, 9)]


@pytest.mark.parametrize("link", ["report", "report/docs"])
def test_the_report_does_not_follow_a_symbolic_link_out_of_the_run_folder(tmp_path, pipeline, capsys, link):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d", "text": "今年超过10万人参与。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out, elsewhere = tmp_path / "out", tmp_path / "elsewhere"
    run_batch([str(source)], out, jobs=1, progress=False, pipeline=pipeline)
    elsewhere.mkdir()
    (elsewhere / "style.css").write_text("precious", encoding="utf-8")
    (out / link).parent.mkdir(parents=True, exist_ok=True)
    (out / link).symlink_to(elsewhere, target_is_directory=True)
    with pytest.raises(ReportError, match="symbolic link"):
        build_report(out)
    assert main(["report", str(out)]) == 2
    assert "symbolic link" in capsys.readouterr().err
    assert sorted(p.name for p in elsewhere.iterdir()) == ["style.css"]
    assert (elsewhere / "style.css").read_text(encoding="utf-8") == "precious"


def test_a_report_file_that_is_a_link_is_replaced_not_written_through(tmp_path, pipeline):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps({"id": "d", "text": "今年超过10万人参与。"}, ensure_ascii=False) + "\n", encoding="utf-8")
    out, victim = tmp_path / "out", tmp_path / "victim.txt"
    run_batch([str(source)], out, jobs=1, progress=False, pipeline=pipeline)
    victim.write_text("precious", encoding="utf-8")
    (out / "report").mkdir()
    for name in ("style.css", "index.html"):
        (out / "report" / name).symlink_to(victim)
    build_report(out)
    assert victim.read_text(encoding="utf-8") == "precious"
    assert not (out / "report" / "style.css").is_symlink()
