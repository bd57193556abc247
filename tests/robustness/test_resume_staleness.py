"""``--resume`` never keeps a chunk made from something else: the manifest fingerprints every file
of an input folder, the rules' content, the options and xinwen's version up front, and each chunk
by the content of its documents (what came on stdin included). A changed input is refused with a
message naming what changed; the same input resumes."""
from __future__ import annotations

import io
import json
import sys

import pytest

import extract
from extract import parts
from extract.batch import BatchInterrupted, ResumeError, run_batch

CHUNK = 1
TEXTS = ["今年超过10万人参与。", "2021年，广东省委网信办开展“清朗”专项行动。", "处置有害信息400万条次。"]


def _interrupted_after(monkeypatch, n: int) -> None:
    """The next run stops (as on Ctrl-C) once ``n`` chunks are committed."""
    original = parts.PartStore.commit

    def commit(self, index, files, record):
        if len(self.done) == n:
            raise KeyboardInterrupt
        return original(self, index, files, record)

    monkeypatch.setattr(parts.PartStore, "commit", commit)


def _run(inputs, out, pipeline, rules=(), resume=False):
    if rules:  # a pipeline with other rules is built by the run itself
        return run_batch([str(i) for i in inputs], out, chunk_size=CHUNK, jobs=1, progress=False, resume=resume,
                         config=extract.batch.PipelineConfig(tuple(str(r) for r in rules)))
    return run_batch([str(i) for i in inputs], out, chunk_size=CHUNK, jobs=1, progress=False, pipeline=pipeline,
                     resume=resume)


def _start(monkeypatch, inputs, out, pipeline, rules=()):
    _interrupted_after(monkeypatch, 1)
    with pytest.raises(BatchInterrupted):
        _run(inputs, out, pipeline, rules)
    monkeypatch.undo()


@pytest.fixture
def folder(tmp_path):
    path = tmp_path / "corpus"
    path.mkdir()
    for i, text in enumerate(TEXTS):
        (path / f"{i}.txt").write_text(text, encoding="utf-8")
    return path


def test_a_file_changed_in_an_input_folder_is_refused(folder, tmp_path, pipeline, monkeypatch):
    out = tmp_path / "out"
    _start(monkeypatch, [folder], out, pipeline)
    (folder / "0.txt").write_text("改过的文字，今年超过20万人参与。", encoding="utf-8")
    with pytest.raises(ResumeError, match="inputs"):
        _run([folder], out, pipeline, resume=True)


def test_an_unchanged_folder_resumes(folder, tmp_path, pipeline, monkeypatch):
    out = tmp_path / "out"
    _start(monkeypatch, [folder], out, pipeline)
    tally, _ = _run([folder], out, pipeline, resume=True)
    assert tally.skipped == 1 and tally.documents == 3


def _stdin(monkeypatch, lines: list[str]) -> None:
    data = "".join(json.dumps({"id": f"s{i}", "text": t}, ensure_ascii=False) + "\n" for i, t in enumerate(lines))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8"))


def _stdin_run_interrupted(out, pipeline, monkeypatch) -> None:
    """A run of TEXTS on stdin, stopped after its first chunk."""
    _stdin(monkeypatch, TEXTS)
    _interrupted_after(monkeypatch, 1)
    with pytest.raises(BatchInterrupted):
        _run(["-"], out, pipeline)
    monkeypatch.undo()


def test_other_text_on_stdin_is_refused(tmp_path, pipeline, monkeypatch):
    out = tmp_path / "out"
    _stdin_run_interrupted(out, pipeline, monkeypatch)
    _stdin(monkeypatch, ["别的文字。"] + TEXTS[1:])  # same ids, another first text
    with pytest.raises(ResumeError, match="chunk 0 .* other documents"):
        _run(["-"], out, pipeline, resume=True)


def test_the_same_stdin_resumes(tmp_path, pipeline, monkeypatch):
    out = tmp_path / "out"
    _stdin_run_interrupted(out, pipeline, monkeypatch)
    _stdin(monkeypatch, TEXTS)
    tally, _ = _run(["-"], out, pipeline, resume=True)
    assert tally.skipped == 1 and tally.documents == 3


def test_an_edited_rules_file_is_refused(folder, tmp_path, pipeline, monkeypatch):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "extra.yaml").write_text("family: boilerplate\nlines: []\n", encoding="utf-8")
    out = tmp_path / "out"
    _start(monkeypatch, [folder], out, pipeline, rules=[rules])
    (rules / "extra.yaml").write_text("family: boilerplate\nlines: []\n# edited\n", encoding="utf-8")
    with pytest.raises(ResumeError, match="rules"):
        _run([folder], out, pipeline, rules=[rules], resume=True)


def test_another_version_is_refused(folder, tmp_path, pipeline, monkeypatch):
    out = tmp_path / "out"
    _start(monkeypatch, [folder], out, pipeline)
    monkeypatch.setattr(extract, "__version__", extract.__version__ + ".post1")
    with pytest.raises(ResumeError, match="version"):
        _run([folder], out, pipeline, resume=True)


@pytest.mark.parametrize("garbage", [b"\x85\x85\n\n", b"\xff", "\u2028".encode("utf-8"), b"\x00" * 7])
def test_a_garbled_manifest_is_refused_not_a_crash(tmp_path, garbage):
    store = parts.PartStore(tmp_path, {"inputs": ["x"]})
    store.commit(0, {"t.csv": b"h\n0\n"}, {"docs": 1, "ids": "d0"})
    store.manifest.write_bytes(garbage + store.manifest.read_bytes())
    with pytest.raises(ResumeError, match="not a manifest"):
        parts.PartStore(tmp_path, {"inputs": ["x"]}, resume=True)


def test_a_header_holding_line_separator_characters_resumes(tmp_path):
    fingerprint = {"inputs": ["/data/a\u2028b\x85c\x1cd.jsonl"]}  # str.splitlines would cut the header here
    store = parts.PartStore(tmp_path, fingerprint)
    store.commit(0, {"t.csv": b"h\n0\n"}, {"docs": 1, "ids": "d0"})
    assert sorted(parts.PartStore(tmp_path, fingerprint, resume=True).done) == [0]
