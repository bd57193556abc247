"""One output folder, one run: a second run into the same ``--out`` fails at once with a clear
message (the first is left alone), a lock left by a killed run does not block the next one, an
output folder inside an input folder is refused, and the files appear with the umask's mode."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from extract.batch import OutputInsideInput, OutputLocked, run_batch
from extract.cli import main
from extract.outlock import LOCK_FILE, OutputLock

ROOT = Path(__file__).resolve().parents[2]
TEXT = "今年超过10万人参与。"
# holds the lock of sys.argv[1] as a run does, says so, then waits to be killed
_HOLDER = ("import sys, time; from extract.outlock import OutputLock; lock = OutputLock(sys.argv[1]); "
           "lock.acquire(); print('held', flush=True); time.sleep(600)")


@pytest.fixture
def source(tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text(json.dumps({"id": "d1", "text": TEXT}, ensure_ascii=False) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def holder(tmp_path):
    """Another process holding the lock of ``tmp_path/out``."""
    out = tmp_path / "out"
    out.mkdir()
    process = subprocess.Popen([sys.executable, "-c", _HOLDER, str(out)], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    assert process.stdout.readline().strip() == "held"
    yield process
    if process.poll() is None:
        process.kill()
    process.wait()


def test_a_second_run_into_a_busy_folder_fails_at_once(source, tmp_path, holder, pipeline, capsys):
    out = tmp_path / "out"
    started = time.perf_counter()
    with pytest.raises(OutputLocked, match=f"another xinwen run \\(process {holder.pid}\\) is writing into"):
        run_batch([str(source)], out, jobs=1, progress=False, pipeline=pipeline)
    assert time.perf_counter() - started < 5
    assert sorted(p.name for p in out.iterdir()) == [LOCK_FILE]  # nothing of the first run touched
    assert main(["run", str(source), "--out", str(out), "--quiet"]) == 2
    assert "another xinwen run" in capsys.readouterr().err


def test_a_lock_left_by_a_killed_run_does_not_block(source, tmp_path, holder, pipeline):
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    out = tmp_path / "out"
    assert (out / LOCK_FILE).exists()  # left behind by the dead process
    tally, _ = run_batch([str(source)], out, jobs=1, progress=False, pipeline=pipeline)
    assert tally.ok == 1 and (out / "documents.csv").exists()
    assert not (out / LOCK_FILE).exists()


def test_the_lock_is_exclusive_within_one_process_too(tmp_path):
    with OutputLock(tmp_path):
        with pytest.raises(OutputLocked):
            OutputLock(tmp_path).acquire()
    with OutputLock(tmp_path):  # released: free again
        pass


@pytest.mark.parametrize("where", [".", "out", "a/b/out"])
def test_an_output_folder_inside_an_input_folder_is_refused(tmp_path, pipeline, where):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXT, encoding="utf-8")
    out = folder / where
    with pytest.raises(OutputInsideInput, match="inside the input folder"):
        run_batch([str(folder)], out, jobs=1, progress=False, pipeline=pipeline)
    assert sorted(p.name for p in folder.iterdir()) == ["one.txt"]


def test_an_output_folder_beside_the_input_folder_is_fine(tmp_path, pipeline):
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "one.txt").write_text(TEXT, encoding="utf-8")
    tally, _ = run_batch([str(folder)], tmp_path / "corpus-out", jobs=1, progress=False, pipeline=pipeline)
    assert tally.documents == 1


@pytest.mark.parametrize("umask", [0o022, 0o002, 0o077])
def test_output_files_get_the_mode_the_umask_gives(source, tmp_path, pipeline, umask):
    previous = os.umask(umask)
    try:
        out = tmp_path / "out"
        run_batch([str(source)], out, jobs=1, progress=False, pipeline=pipeline)
    finally:
        os.umask(previous)
    modes = {p.name: p.stat().st_mode & 0o777 for p in out.iterdir()}
    assert modes and set(modes.values()) == {0o666 & ~umask}, modes
