"""Batch runs: chunks, worker processes, a Dask cluster, parts, resume after a kill, progress, segmenters.

Every run is compared with one pass over all documents in this process (the tables a one-shot run
writes), byte for byte, so the tests hold whatever the extraction rules produce today.
"""
from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import psutil
import pytest

from conftest import ROOT
from gold_docs import gold_documents, raw_text
from extract.batch import ChunkWriter, PipelineConfig, _fingerprint, run_batch
from extract.cli import build_parser, csv_options_of, main
from extract.parts import RUN_FILE, WORK_DIR, PartStore, ResumeError, ids_digest
from extract.progress import Progress, Tally
from extract.readers import ReadOptions, read_inputs
from extract.tables import build_tables, write_tables, write_texts

BROKEN_LINES = ["{not json", "", '{"id": "no-text", "title": "标题"}']


def _write_input(path: Path, copies: int, every: int = 1) -> Path:
    """Every ``every``-th gold document, ``copies`` times (repeated ids get ``~2`` ...), with broken
    lines among them."""
    lines = []
    for copy in range(copies):
        for k, doc in enumerate(gold_documents()[::every]):
            lines.append(json.dumps({"id": doc["doc_id"], "text": raw_text(doc), "published": doc.get("published") or ""},
                                    ensure_ascii=False))
            if copy == 0 and k in (1, 2, 5):
                lines.append(BROKEN_LINES[(1, 2, 5).index(k)])
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _one_pass(pipeline, source: Path, out: Path) -> Path:
    """What a one-shot run writes: every document in order, the tables and texts written once."""
    results = list(pipeline.process_all(read_inputs([str(source)])))
    write_tables(build_tables(results), out)
    write_texts(results, out)
    return out


def _assert_same_files(expected: Path, actual: Path) -> None:
    """Same tables, byte for byte; ``run.json`` (the run's own id) is only in a batch run's folder."""
    names = sorted(p.name for p in expected.iterdir() if p.name != RUN_FILE)
    assert names and sorted(p.name for p in actual.iterdir() if p.name != RUN_FILE) == names
    for name in names:
        assert (actual / name).read_bytes() == (expected / name).read_bytes(), name


@pytest.fixture(scope="module")
def small(tmp_path_factory, pipeline):
    folder = tmp_path_factory.mktemp("small")
    source = _write_input(folder / "in.jsonl", copies=1, every=3)
    return source, _one_pass(pipeline, source, folder / "one_pass")


@pytest.fixture(scope="module")
def large(tmp_path_factory, pipeline):
    folder = tmp_path_factory.mktemp("large")
    source = _write_input(folder / "in.jsonl", copies=2)
    return source, _one_pass(pipeline, source, folder / "one_pass")


def test_the_input_has_broken_documents_and_repeated_ids(small):
    source, expected = small
    docs = pd.read_csv(expected / "documents.csv", dtype=str, keep_default_na=False)
    assert (docs.status == "error").sum() == len(BROKEN_LINES) and (docs.status == "ok").sum() == 9
    assert docs.doc_id.is_unique


def _writer(*argv: str) -> ChunkWriter:
    """The writer ``xinwen run`` uses with these options."""
    args = build_parser().parse_args(["run", "in", "--out", "out", *argv])
    return ChunkWriter(args.format, csv_options_of(args))


@pytest.mark.parametrize("chunk_size", [2, 7])
def test_chunks_in_this_process_write_what_one_pass_writes(small, tmp_path, chunk_size, pipeline):
    source, expected = small
    out = tmp_path / "out"
    tally, label = run_batch([str(source)], out, writer=_writer(), jobs=1, chunk_size=chunk_size, progress=False,
                             pipeline=pipeline)
    assert label == "1 process" and tally.documents == 12 and tally.errors == len(BROKEN_LINES)
    _assert_same_files(expected, out)


def test_worker_processes_write_what_one_pass_writes(small, tmp_path):
    source, expected = small
    out = tmp_path / "out"
    assert main(["run", str(source), "--out", str(out), "--jobs", "2", "--chunk-size", "2", "--quiet"]) == 0
    _assert_same_files(expected, out)


@pytest.fixture(scope="module")
def dask_cluster():
    from distributed import LocalCluster

    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=":0") as cluster:
        yield cluster


def test_a_dask_cluster_writes_what_one_pass_writes(small, tmp_path, dask_cluster, capsys):
    source, expected = small
    out = tmp_path / "out"
    address = dask_cluster.scheduler_address
    assert main(["run", str(source), "--out", str(out), "--dask", address, "--chunk-size", "3", "--quiet"]) == 0
    _assert_same_files(expected, out)
    assert f"Dask at {address}" in capsys.readouterr().err
    assert len(dask_cluster.workers) == 2


def test_parts_are_kept_as_a_partitioned_dataset(small, tmp_path, pipeline):
    source, expected = small
    out = tmp_path / "out"
    run_batch([str(source)], out, writer=_writer(), jobs=1, chunk_size=5, keep_parts=True, progress=False,
              pipeline=pipeline)
    n_docs = len(pd.read_csv(expected / "documents.csv", dtype=str))
    for name in ("programs", "documents", "mentions"):
        parts = sorted((out / f"{name}.csv").glob("part-*.csv"))
        assert len(parts) == -(-n_docs // 5)
        joined = parts[0].read_bytes() + b"".join(p.read_bytes().split(b"\n", 1)[1] for p in parts[1:])
        assert joined == (expected / f"{name}.csv").read_bytes()
    texts = sorted((out / "texts.jsonl").glob("part-*.jsonl"))
    assert b"".join(p.read_bytes() for p in texts) == (expected / "texts.jsonl").read_bytes()
    assert not (out / WORK_DIR).exists()


def test_parquet_is_a_partitioned_dataset_equal_to_one_file(small, tmp_path, pipeline):
    source, _ = small
    out, one_file = tmp_path / "out", tmp_path / "one_file"
    run_batch([str(source)], out, writer=_writer("--format", "parquet"), jobs=1, chunk_size=5, progress=False,
              pipeline=pipeline)
    tables = build_tables(list(pipeline.process_all(read_inputs([str(source)]))))
    write_tables(tables, one_file, "parquet")
    for name, frame in tables.items():
        assert len(list((out / f"{name}.parquet").glob("part-*.parquet"))) == -(-len(tables["documents"]) // 5)
        pd.testing.assert_frame_equal(pd.read_parquet(out / f"{name}.parquet"),
                                      pd.read_parquet(one_file / f"{name}.parquet"), check_dtype=True)


def test_an_input_with_no_documents_writes_empty_tables(tmp_path):
    (tmp_path / "in").mkdir()
    assert main(["run", str(tmp_path / "in"), "--out", str(tmp_path / "out"), "--quiet"]) == 1
    docs = pd.read_csv(tmp_path / "out" / "documents.csv")
    assert docs.empty and "doc_id" in docs.columns


# -- resume ------------------------------------------------------------------------------------------
def _start(source: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "extract", "run", str(source), "--out", str(out), "--quiet",
                             "--chunk-size", "2", *extra], cwd=ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, start_new_session=True)


def _chunks_done(out: Path) -> int:
    manifest = out / WORK_DIR / "manifest.jsonl"
    return max(0, len(manifest.read_text(encoding="utf-8").splitlines()) - 1) if manifest.exists() else 0


def _wait_for_chunks(process: subprocess.Popen, out: Path, n: int) -> None:
    deadline = time.monotonic() + 120
    while _chunks_done(out) < n:
        assert process.poll() is None, process.stderr.read().decode()
        assert time.monotonic() < deadline, "no chunk was done in time"
        time.sleep(0.005)


@pytest.mark.parametrize("victims", ["workers", "everything"])
def test_a_run_killed_partway_and_resumed_writes_what_one_pass_writes(large, tmp_path, pipeline, victims):
    source, expected = large
    out = tmp_path / "out"
    n_docs = len(pd.read_csv(expected / "documents.csv", dtype=str))
    n_chunks = -(-n_docs // 2)
    process = _start(source, out, "--jobs", "2" if victims == "workers" else "1")
    _wait_for_chunks(process, out, 2)
    if victims == "workers":  # SIGKILL every worker process; the main process notices and stops
        workers = [p for p in psutil.Process(process.pid).children(recursive=True)
                   if "spawn_main" in " ".join(p.cmdline())]
        assert len(workers) == 2
        for worker in workers:
            worker.send_signal(signal.SIGKILL)
        code = process.wait(timeout=60)
        assert code == 3, process.stderr.read().decode()
    else:  # SIGKILL a one-process run
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=60)
    process.stderr.close()
    done = _chunks_done(out)
    assert 2 <= done < n_chunks
    records = [json.loads(line) for line in (out / WORK_DIR / "manifest.jsonl").read_text().splitlines()[1:]]
    assert not (out / "programs.csv").exists()
    tally, _ = run_batch([str(source)], out, writer=_writer(), chunk_size=2, jobs=1, resume=True, progress=False,
                         pipeline=pipeline)
    assert tally.skipped == sum(r["docs"] for r in records) > 0 and tally.documents == n_docs
    _assert_same_files(expected, out)


def test_a_resume_with_other_settings_is_refused(small, tmp_path):
    source, _ = small
    out = tmp_path / "out"
    writer = _writer()
    unfinished = _fingerprint([str(source)], ReadOptions(), PipelineConfig(), writer, 1)
    _ = PartStore(out, unfinished).manifest  # an unfinished run with chunks of 1, nothing done yet
    with pytest.raises(ResumeError, match="chunk_size"):
        run_batch([str(source)], out, writer=writer, chunk_size=2, resume=True, progress=False)
    with pytest.raises(ResumeError, match="pipeline.reference_date"):
        run_batch([str(source)], out, writer=writer, chunk_size=1, resume=True, progress=False,
                  config=PipelineConfig(reference_date="2020-01-01"))
    assert main(["run", str(source), "--out", str(out), "--chunk-size", "2", "--resume", "--quiet"]) == 2
    assert (out / WORK_DIR / "manifest.jsonl").exists() and not (out / "programs.csv").exists()


def test_a_retrained_model_changes_the_fingerprint(small, tmp_path, monkeypatch):
    """A resume never reuses rows made with another model file of the same version."""
    from extract.counted import model as objects

    source, _ = small
    before = _fingerprint([str(source)], ReadOptions(), PipelineConfig(), _writer(), 1)
    retrained = tmp_path / "objects.crfsuite"
    retrained.write_bytes(objects.MODEL_PATH.read_bytes() + b"\0")
    monkeypatch.setattr(objects, "MODEL_PATH", retrained)
    after = _fingerprint([str(source)], ReadOptions(), PipelineConfig(), _writer(), 1)
    assert before["models"]["objects.crfsuite"] != after["models"]["objects.crfsuite"]
    assert before["models"]["names.crfsuite"] == after["models"]["names.crfsuite"]


def _store(out: Path, resume: bool) -> PartStore:
    return PartStore(out, {"run": "test"}, resume=resume)


def _files(index: int) -> dict[str, bytes]:
    return {"t.csv": f"h\nrow{index}a\nrow{index}b\n".encode(), "x.jsonl": f'{{"k": {index}}}\n'.encode()}


def test_a_kill_at_any_step_of_a_commit_loses_and_duplicates_nothing(tmp_path):
    store = _store(tmp_path, resume=False)
    for index in (0, 1):
        store.commit(index, _files(index), {"docs": 1, "ids": str(index)})
    # A kill while part 2 was being written, one after it was renamed into place but before it was
    # recorded, and one in the middle of recording part 3:
    (store.parts / ".tmp-00002-abc").mkdir()
    (store.parts / ".tmp-00002-abc" / "t.csv").write_bytes(b"h\nhalf")
    (store.parts / "00002").mkdir()
    (store.parts / "00002" / "t.csv").write_bytes(b"h\nstale\n")
    with open(store.manifest, "ab") as handle:
        handle.write(b'{"chunk": 3, "do')
    resumed = _store(tmp_path, resume=True)
    assert sorted(resumed.done) == [0, 1]
    assert not list(resumed.parts.glob(".tmp-*"))
    assert resumed.is_done(1, "1", 1) and not resumed.is_done(2, "2", 1)
    with pytest.raises(ResumeError, match="other documents"):
        resumed.is_done(0, "changed", 1)
    for index in (2, 3):
        resumed.commit(index, _files(index), {"docs": 1, "ids": str(index)})
    assert sorted(_store(tmp_path, resume=True).done) == [0, 1, 2, 3]
    resumed.finish(4)
    rows = "".join(f"row{k}a\nrow{k}b\n" for k in range(4))
    assert (tmp_path / "t.csv").read_text() == "h\n" + rows
    assert (tmp_path / "x.jsonl").read_text() == "".join(f'{{"k": {k}}}\n' for k in range(4))
    assert not (tmp_path / WORK_DIR).exists()


def test_a_fresh_run_discards_an_old_unfinished_one(tmp_path):
    store = _store(tmp_path, resume=False)
    store.commit(0, _files(0), {"docs": 1, "ids": "0"})
    assert not _store(tmp_path, resume=False).done
    assert _store(tmp_path, resume=True).done == {}  # the fresh run above rewrote the manifest


def test_ids_digest_depends_on_every_id_and_their_order():
    assert ids_digest(["a", "b"]) != ids_digest(["b", "a"])
    assert ids_digest(["ab"]) != ids_digest(["a", "b"])


# -- progress --------------------------------------------------------------------------------------
class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


@pytest.mark.parametrize("stream, enabled, shown", [
    (_Terminal(), True, True), (_Terminal(), False, False), (io.StringIO(), True, False)])
def test_the_progress_bar_shows_only_on_a_terminal(stream, enabled, shown):
    tally = Tally()
    progress = Progress(tally, enabled=enabled, stream=stream)
    tally.add(3, 2, 3000, {"programs": 4})
    progress.update(3)
    progress.close()
    text = stream.getvalue()
    assert ("3 docs" in text and "1 errors" in text and "chars/s" in text) == shown
    assert bool(text) == shown


def test_the_summary_line_counts_documents_rows_and_resumed_work(tmp_path):
    tally = Tally()
    tally.add(5, 4, 1000, {"programs": 2, "dates": 7})
    tally.add(3, 3, 500, {"dates": 1}, skipped=True)
    line = tally.summary(tmp_path, "1 process")
    assert "8 documents (7 ok, 1 errors, 3 done before)" in line
    assert "2 programs, 0 organizations, 8 dates, 0 numerics" in line and "1 process" in line


def test_a_run_not_on_a_terminal_prints_only_the_summary(small, tmp_path, capsys):
    source, _ = small
    assert main(["run", str(source), "--out", str(tmp_path / "out"), "--jobs", "1"]) == 0
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("xinwen: ") and "documents" in err[0]


# -- segmenters --------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def jieba_pipeline():
    from extract import Pipeline

    return Pipeline(segmenter="jieba")


def test_rjieba_cuts_like_jieba(pipeline, jieba_pipeline):
    assert pipeline.segmenter == "rjieba"
    fast, reference = pipeline.nlp.tokenizer.backend, jieba_pipeline.nlp.tokenizer.backend
    texts = [raw_text(d) for d in gold_documents()] + [
        "今年1-5月份", "TD-LTE技术", "型DF-4战机", "1.5-2.5万", "3.5%增长", "w_q", "a.b.c", "電話：010-6201"]
    for text in texts:
        assert fast.cut(text) == reference.cut(text), text


def test_both_segmenters_give_the_same_tables_on_the_gold_documents(large, pipeline, jieba_pipeline):
    documents = [d for d in read_inputs([str(large[0])]) if "~" not in d.doc_id]  # all gold documents once
    fast = build_tables([pipeline.process(d) for d in documents])
    reference = build_tables([jieba_pipeline.process(d) for d in documents])
    assert len(fast["mentions"]) > 100
    for name in fast:
        pd.testing.assert_frame_equal(fast[name], reference[name])


def test_docs_keep_their_text(pipeline):
    for doc in gold_documents()[:5]:
        text = raw_text(doc)
        made = pipeline.nlp.make_doc(text)
        assert made.text == text == "".join(t.text_with_ws for t in made)
        with made.retokenize() as retokenizer:
            retokenizer.merge(made[0:3])
        assert made.text == text == "".join(t.text_with_ws for t in made)


def test_an_unknown_segmenter_is_refused(small, tmp_path):
    from extract.segment import SegmenterError, make_segmenter

    with pytest.raises(SegmenterError, match="unknown segmenter"):
        make_segmenter("nope")
    writer = ChunkWriter()
    with pytest.raises(SegmenterError):
        run_batch([str(small[0])], tmp_path, config=PipelineConfig(segmenter="nope"), writer=writer, progress=False)
