"""Faults during a batch run: the disk fills up, the output folder becomes read-only. The run stops
with a clear message (``BatchInterrupted``: exit code 3 from ``xinwen run``), the parts already
done stay whole, ``--resume`` finishes the rest once the fault is gone, and the tables are byte for
byte those of a clean run: no row lost, none duplicated.

Two ways to cause each fault: for real, on a small tmpfs mounted for the test (needs root with
CAP_SYS_ADMIN; skipped with a message otherwise — ``XINWEN_REQUIRE_TMPFS=1`` makes that a failure),
filled up with a file or remounted read-only after a few chunks; and injected (everywhere), an
``OSError`` with ENOSPC / EACCES raised by the part writer. A worker killed mid-batch is
``tests/test_batch.py::test_a_run_killed_partway_and_resumed_writes_what_one_pass_writes``.
"""
from __future__ import annotations

import errno
import json
import os
import subprocess
from pathlib import Path

import pytest

from gold_docs import gold_documents, raw_text
from extract import parts
from extract.batch import BatchInterrupted, run_batch
from extract.parts import RUN_FILE, WORK_DIR

CHUNK = 2


@pytest.fixture(scope="module")
def source(tmp_path_factory):
    path = tmp_path_factory.mktemp("faults") / "in.jsonl"
    lines = [json.dumps({"id": d["doc_id"], "text": raw_text(d), "published": d.get("published") or ""},
                        ensure_ascii=False) for d in gold_documents()[:12]]
    lines.insert(3, "{broken")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def clean(source, tmp_path_factory, pipeline):
    out = tmp_path_factory.mktemp("clean") / "out"
    run_batch([str(source)], out, chunk_size=CHUNK, jobs=1, progress=False, pipeline=pipeline)
    return out


def _files(folder: Path) -> dict[str, bytes]:
    """The tables of a run folder by name (not ``run.json``: each run has its own id)."""
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != RUN_FILE}


def _run(source, out, pipeline, resume=False):
    return run_batch([str(source)], out, chunk_size=CHUNK, jobs=1, progress=False, pipeline=pipeline, resume=resume)


def _after_commits(monkeypatch, n: int, fault) -> None:
    """Cause ``fault()`` once ``n`` chunks are committed (the fault then hits the next write)."""
    original = parts.PartStore.commit

    def commit(self, index, files, record):
        if len(self.done) == n:
            fault()
        return original(self, index, files, record)

    monkeypatch.setattr(parts.PartStore, "commit", commit)


def _stopped_then_resumed(source, out, clean, pipeline, monkeypatch, cure, reason: str) -> None:
    with pytest.raises(BatchInterrupted) as stopped:
        _run(source, out, pipeline)
    message = str(stopped.value)
    assert reason in message and "--resume" in message and "2 chunks are done" in message, message
    done = [json.loads(line) for line in (out / WORK_DIR / "manifest.jsonl").read_text().splitlines()[1:]]
    assert [r["chunk"] for r in done] == [0, 1]  # the parts done before the fault are recorded, whole
    assert not (out / "documents.csv").exists()
    monkeypatch.undo()
    cure()
    tally, _ = _run(source, out, pipeline, resume=True)
    assert tally.skipped == 2 * CHUNK
    assert _files(out) == _files(clean)  # nothing lost, nothing twice
    assert not (out / WORK_DIR).exists()


@pytest.mark.parametrize("code, reason", [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")])
def test_injected_write_fault_then_resume(source, clean, tmp_path, pipeline, monkeypatch, code, reason):
    failing = {"on": False}
    original = parts._fsync_write

    def write(path, data):
        if failing["on"]:
            raise OSError(code, os.strerror(code), str(path))
        return original(path, data)

    monkeypatch.setattr(parts, "_fsync_write", write)
    _after_commits(monkeypatch, 2, lambda: failing.update(on=True))
    _stopped_then_resumed(source, tmp_path / "out", clean, pipeline, monkeypatch, lambda: None, reason)


@pytest.fixture
def tmpfs(tmp_path):
    mount = tmp_path / "mnt"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mount)], capture_output=True, text=True)
    if done.returncode != 0:
        message = f"cannot mount a tmpfs here ({done.stderr.strip() or 'not root'}); the injected faults still ran"
        if os.environ.get("XINWEN_REQUIRE_TMPFS"):
            pytest.fail(message)
        pytest.skip(message)
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_for_real_then_resume(source, clean, tmpfs, pipeline, monkeypatch):
    filler = tmpfs / "filler"

    def fill() -> None:
        with open(filler, "wb") as handle:
            try:
                while True:
                    handle.write(b"\0" * 65536)
                    handle.flush()
            except OSError as exc:
                assert exc.errno == errno.ENOSPC

    _after_commits(monkeypatch, 2, fill)
    _stopped_then_resumed(source, tmpfs / "out", clean, pipeline, monkeypatch, filler.unlink, "No space left on device")


def test_folder_made_read_only_for_real_then_resume(source, clean, tmpfs, pipeline, monkeypatch):
    def remount(mode: str) -> None:
        subprocess.run(["mount", "-o", f"remount,{mode}", str(tmpfs)], check=True)

    _after_commits(monkeypatch, 2, lambda: remount("ro"))
    _stopped_then_resumed(source, tmpfs / "out", clean, pipeline, monkeypatch, lambda: remount("rw"),
                          "Read-only file system")


def test_an_output_folder_that_cannot_be_written_is_a_clear_error(source, tmpfs, pipeline):
    subprocess.run(["mount", "-o", "remount,ro", str(tmpfs)], check=True)
    with pytest.raises(BatchInterrupted, match="cannot write to .*Read-only file system"):
        _run(source, tmpfs / "out", pipeline)
