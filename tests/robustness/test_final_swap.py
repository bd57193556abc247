"""The final files of a run folder are replaced all together or not at all, and the folder says
which run wrote them (``run.json``: run id and each file's SHA-256). A disk that fills up while the
parts are joined, or a rename that fails during the swap, leaves the previous run's files exactly
as they were; a kill in the middle of the swap is finished by the next run in the folder."""
from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extract import parts
from extract.batch import BatchInterrupted, run_batch
from extract.parts import RUN_FILE, WORK_DIR

ROOT = Path(__file__).resolve().parents[2]
CHUNK = 1
OLD = ["今年超过10万人参与。", "处置有害信息400万条次。"]
NEW = ["2021年，广东省委网信办开展“清朗”专项行动。", "去年共有300家网站参与，今年超过500家。", "2020年3月，中央网信办发布规定。"]


def _source(path: Path, texts: list[str], prefix: str) -> Path:
    path.write_text("".join(json.dumps({"id": f"{prefix}{i}", "text": t}, ensure_ascii=False) + "\n"
                            for i, t in enumerate(texts)), encoding="utf-8")
    return path


def _run(source, out, pipeline, resume=False):
    return run_batch([str(source)], out, chunk_size=CHUNK, jobs=1, progress=False, pipeline=pipeline, resume=resume)


def _files(folder: Path, with_run_file: bool = True) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())
            if p.is_file() and (with_run_file or p.name != RUN_FILE)}


def _assert_run_file_matches(folder: Path) -> str:
    """Every final file is listed in run.json with its size and hash; returns the run id."""
    record = json.loads((folder / RUN_FILE).read_text(encoding="utf-8"))
    on_disk = {n: d for n, d in _files(folder).items() if n != RUN_FILE}
    assert set(record["files"]) == set(on_disk)
    for name, data in on_disk.items():
        assert record["files"][name] == {"bytes": len(data), "sha256": hashlib.sha256(data).hexdigest()}, name
    return record["run_id"]


@pytest.fixture
def folders(tmp_path, pipeline):
    """An output folder holding a finished older run, the newer run's input and its clean result."""
    old_source, new_source = _source(tmp_path / "old.jsonl", OLD, "o"), _source(tmp_path / "new.jsonl", NEW, "n")
    out, clean = tmp_path / "out", tmp_path / "clean"
    _run(old_source, out, pipeline)
    _run(new_source, clean, pipeline)
    return out, new_source, clean


def test_a_disk_full_while_joining_leaves_the_older_run_whole(folders, pipeline, monkeypatch):
    out, new_source, clean = folders
    before = _files(out)
    old_id = _assert_run_file_matches(out)
    calls = {"n": 0}
    original = parts._append

    def append(handle, data):
        calls["n"] += 1
        if calls["n"] == 3 * len(NEW) + 2:  # a few files joined, then the disk is full
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), str(handle.name))
        return original(handle, data)

    monkeypatch.setattr(parts, "_append", append)
    with pytest.raises(BatchInterrupted, match="No space left on device.*--resume"):
        _run(new_source, out, pipeline)
    assert _files(out) == before  # the older run, every file, byte for byte
    assert _assert_run_file_matches(out) == old_id
    monkeypatch.undo()
    tally, _ = _run(new_source, out, pipeline, resume=True)
    assert tally.skipped == len(NEW)
    assert _files(out, with_run_file=False) == _files(clean, with_run_file=False)
    assert _assert_run_file_matches(out) != old_id
    assert not (out / WORK_DIR).exists()


def test_a_failed_rename_during_the_swap_puts_the_older_run_back(folders, pipeline, monkeypatch):
    out, new_source, _ = folders
    before = _files(out)
    original = os.rename
    renames = {"n": 0}

    def rename(source, target):
        if (Path(out) / WORK_DIR / "swap.json").exists():
            renames["n"] += 1
            if renames["n"] == 12:  # old files moved aside, some new ones in
                raise OSError(errno.EIO, os.strerror(errno.EIO), str(source))
        return original(source, target)

    monkeypatch.setattr(os, "rename", rename)
    with pytest.raises(BatchInterrupted, match="Input/output error"):
        _run(new_source, out, pipeline)
    assert _files(out) == before


# runs the newer input into argv[1] and dies (SIGKILL, no clean-up) in the middle of the swap
_KILLED_MID_SWAP = """
import os, signal, sys
from pathlib import Path
from extract.batch import run_batch
original, count = os.rename, [0]
def rename(source, target):
    if (Path(sys.argv[1]) / ".xinwen-run" / "swap.json").exists():
        count[0] += 1
        if count[0] == 12:
            os.kill(os.getpid(), signal.SIGKILL)
    return original(source, target)
os.rename = rename
run_batch([sys.argv[2]], Path(sys.argv[1]), chunk_size=1, jobs=1, progress=False)
"""


def test_a_kill_during_the_swap_is_finished_by_the_next_run(folders, pipeline, monkeypatch):
    out, new_source, clean = folders
    done = subprocess.run([sys.executable, "-c", _KILLED_MID_SWAP, str(out), str(new_source)], cwd=ROOT,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == -9, done.stderr[-2000:]
    assert (out / WORK_DIR / "swap.json").exists()  # killed half way: a mix of runs for now
    old_source = out.parent / "old.jsonl"
    with pytest.raises(BatchInterrupted):  # the next run first finishes the swap, then is stopped
        _interrupt_at_first_commit(old_source, out, pipeline, monkeypatch)
    assert _files(out, with_run_file=False) == _files(clean, with_run_file=False)
    _assert_run_file_matches(out)


def _interrupt_at_first_commit(source, out, pipeline, monkeypatch):
    """Start a run into ``out`` and stop it (as on Ctrl-C) before its first chunk is kept."""
    def commit(self, index, files, record):
        raise KeyboardInterrupt

    monkeypatch.setattr(parts.PartStore, "commit", commit)
    _run(source, out, pipeline)
