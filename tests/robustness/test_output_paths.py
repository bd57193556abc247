"""Nothing from the input names a file: document ids such as ``../../etc/x`` stay data (a cell in
the tables), and ``xinwen run`` and ``xinwen report`` write only inside their output folder (the
report's pages are numbered, ``docs/doc-00001.html``, never named after a document)."""
from __future__ import annotations

import json
import os

import pandas as pd

from extract.batch import run_batch
from extract.report import build_report

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
    assert list(docs.doc_id) == HOSTILE_IDS  # kept as data, exactly
    assert sorted(p.name for p in (out / "report" / "docs").iterdir()) == [f"doc-{i:05d}.html" for i in range(1, 9)]
