"""Only regular files are read, and every input is read with the size limit applied while reading:
a FIFO, ``/dev/zero`` or ``- < /dev/zero`` ends at once with an error row instead of hanging or
reading until memory runs out. Each case runs in a child process with a memory cap and a timeout,
so a regression fails the test instead of taking the machine down."""
from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
READ = ("import json, sys\nfrom extract.readers import ReadOptions, read_inputs\n"
        "print(json.dumps([[d.doc_id, d.error] for d in read_inputs(sys.argv[1:], ReadOptions(max_chars=100_000))]))")


def _capped() -> None:
    """In the child: at most 1 GB of address space, so reading without bound fails fast."""
    resource.setrlimit(resource.RLIMIT_AS, (1 << 30, 1 << 30))


def _read_in_child(inputs: list[str], stdin_path: str | None = None) -> list[list[str]]:
    with open(stdin_path or os.devnull, "rb") as stdin:
        done = subprocess.run([sys.executable, "-c", READ, *inputs], stdin=stdin, capture_output=True, text=True,
                              timeout=60, cwd=ROOT, preexec_fn=_capped, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
@pytest.mark.parametrize("name", ["pipe.txt", "pipe.jsonl", "pipe.csv.gz"])
def test_a_fifo_is_refused_not_waited_on(name, tmp_path):
    os.mkfifo(tmp_path / name)
    (tmp_path / "good.txt").write_text("今年超过10万人参与。", encoding="utf-8")
    rows = _read_in_child([str(tmp_path / name), str(tmp_path / "good.txt")])
    assert "not a regular file (a FIFO)" in rows[0][1]
    assert rows[1] == ["good", ""]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_is_refused():
    (row,) = _read_in_child(["/dev/zero"])
    assert "not a regular file (a device)" in row[1]


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_endless_stdin_is_read_only_up_to_the_limit():
    (row,) = _read_in_child(["-"], stdin_path="/dev/zero")
    assert row[0] == "stdin" and row[1].startswith(("document too long", "binary file"))


def test_an_endless_jsonl_line_is_skipped_in_pieces(tmp_path):
    path = tmp_path / "long.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        handle.write('{"id": "long", "text": "' + "长" * 1_000_000 + '"}\n')
        handle.write('{"id": "good", "text": "今年超过10万人参与。"}\n')
    long, good = _read_in_child([str(path)])
    assert long[0] == "1" and "document too long" in long[1]
    assert good == ["good", ""]
