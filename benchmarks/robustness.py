"""Bad inputs at full size, and faults during corpus runs, each in its own ``xinwen run``.

    python benchmarks/robustness.py                 # every case: the 200 MB document, 100,000 JSONL lines ...
    python benchmarks/robustness.py too-long nested-quotes
    python benchmarks/robustness.py faults          # only the corpus faults (kill, resume, disk full ...)

The cases are those of ``tests/robustness/cases.py`` (the suite runs them smaller). For each: did the
run end normally (exit code 0 or 1, no traceback), are all its documents in ``documents.csv`` with the
expected status (rows lost must be 0), wall-clock seconds and the peak resident memory of the run.

The faults run a slice of the real corpus (``../shared/data/news``) in chunks: the main process
SIGKILLed after its first chunk (workers must die with it; ``--resume`` finishes), the disk full
while the final files are joined (the older run's files must stay whole; ``--resume`` finishes),
a second run into a busy folder and a resume over a changed input (both refused at once). For
each: did it hold, rows lost and bytes differing from a clean run (both must be 0; ``run.json``,
which names the run, is left out of the comparison). The last table counts cases tried and held.
"""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from robustness.cases import cases  # noqa: E402

TIMEOUT = 600
# xinwen run in this process (--jobs 1 runs inline), then its own peak resident memory on stderr
# (VmHWM, not ru_maxrss: Linux carries ru_maxrss over from the parent across fork and exec)
_RUN = ("import re, sys; from extract.cli import main; code = main(sys.argv[1:]); "
        "print('PEAK', re.search(r'VmHWM:\\s+(\\d+)', open('/proc/self/status').read())[1], file=sys.stderr); "
        "sys.exit(code)")


def run_case(case, folder: Path) -> dict:
    inputs = case.make(folder)
    out = folder / "out"
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", _RUN, "run", *inputs, "--out", str(out), "--jobs", "1", "--quiet"],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        _, stderr = process.communicate(timeout=TIMEOUT)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        return {"case": case.name, "survived": f"no: over {TIMEOUT} s", "rows lost": "-", "seconds": f">{TIMEOUT}",
                "peak MB": "-"}
    seconds = time.perf_counter() - started
    peaks = [line for line in stderr.decode(errors="replace").splitlines() if line.startswith("PEAK ")]
    peak = int(peaks[-1].split()[1]) // 1024 if peaks else "-"
    survived = process.returncode in (0, 1) and b"Traceback" not in stderr
    lost = len(case.status)
    wrong = 0
    if (out / "documents.csv").exists():
        docs = pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)
        got = dict(zip(docs.doc_id, docs.status))
        lost = sum(1 for doc_id in case.status if doc_id not in got)
        wrong = sum(1 for doc_id, status in case.status.items() if got.get(doc_id, status) != status)
    return {"case": case.name, "survived": "yes" if survived else f"no (exit {process.returncode})",
            "documents": len(case.status), "rows lost": lost, "unexpected status": wrong,
            "seconds": round(seconds, 1), "peak MB": peak}


# -- faults during corpus runs -------------------------------------------------------------------
NEWS = ROOT.parent / "shared" / "data" / "news" / "cctv-xwlb-stories.jsonl.gz"
SLICE, CHUNK = 60, 10
# xinwen run with the disk "full" (ENOSPC) at the 5th block written while the final files are joined
_DISK_FULL = ("import errno, os, sys; from extract import parts; from extract.cli import main; calls = [0]\n"
              "original = parts._append\n"
              "def append(handle, data):\n"
              "    calls[0] += 1\n"
              "    if calls[0] == 5: raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC), handle.name)\n"
              "    return original(handle, data)\n"
              "parts._append = append; sys.exit(main(sys.argv[1:]))")


def _slice(folder: Path, n: int, skip: int = 0) -> Path:
    """``n`` news records (after ``skip``) as a JSONL file."""
    import gzip

    path = folder / f"news-{skip}-{n}.jsonl"
    with gzip.open(NEWS, "rt", encoding="utf-8") as source, open(path, "w", encoding="utf-8") as target:
        for i, line in enumerate(source):
            if i >= skip + n:
                break
            if i >= skip:
                target.write(line)
    return path


def _xinwen(*args, script: str = "import sys; from extract.cli import main; sys.exit(main(sys.argv[1:]))",
            wait: bool = True):
    command = [sys.executable, "-c", script, *[str(a) for a in args], "--quiet", "--chunk-size", str(CHUNK)]
    if not wait:
        return subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                                start_new_session=True)
    return subprocess.run(command, cwd=ROOT, capture_output=True, timeout=TIMEOUT)


def _tables(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir()) if p.is_file() and p.name != "run.json"} \
        if folder.is_dir() else {}


def _bytes_differing(a: dict[str, bytes], b: dict[str, bytes]) -> int:
    """Bytes that differ between two folders' files (a missing file: all its bytes)."""
    total = 0
    for name in set(a) | set(b):
        x, y = a.get(name, b""), b.get(name, b"")
        total += abs(len(x) - len(y)) + sum(1 for p, q in zip(x, y) if p != q)
    return total


def _rows_lost(clean: Path, out: Path) -> int:
    want = pd.read_csv(clean / "documents.csv", dtype=str, keep_default_na=False)["doc_id"]
    if not (out / "documents.csv").exists():
        return len(want)
    got = set(pd.read_csv(out / "documents.csv", dtype=str, keep_default_na=False)["doc_id"])
    return sum(1 for d in want if d not in got)


def _children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines() if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid) and "Z" not in fields.get("State", ""):
            found.append(int(status.parent.name))
    return found


def _alive(pids: list[int]) -> list[int]:
    return [p for p in pids if Path(f"/proc/{p}").exists() and "Z" not in
            next((line for line in Path(f"/proc/{p}/status").read_text().splitlines() if line.startswith("State")), "")]


def fault_kill(folder: Path, source: Path, clean: Path) -> dict:
    """SIGKILL of the main process (2 workers) after its first chunk; then --resume."""
    import signal

    out = folder / "killed"
    process = _xinwen("run", source, "--out", out, "--jobs", 2, wait=False)
    manifest = out / ".xinwen-run" / "manifest.jsonl"
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline and not (manifest.exists() and len(manifest.read_text().splitlines()) >= 2):
        time.sleep(0.05)
    workers = _children(process.pid)
    process.send_signal(signal.SIGKILL)
    process.wait()
    time.sleep(5)
    orphans = _alive(workers)
    for pid in orphans:
        os.kill(pid, signal.SIGKILL)
    resumed = _xinwen("run", source, "--out", out, "--jobs", 1, "--resume")
    held = not orphans and resumed.returncode == 0
    return {"fault": "main SIGKILLed after 1 chunk, --resume", "held": held,
            "detail": f"{len(workers)} child processes, {len(orphans)} left alive",
            "rows lost": _rows_lost(clean, out), "bytes differing": _bytes_differing(_tables(clean), _tables(out))}


def fault_disk_full(folder: Path, source: Path, clean: Path, older: Path) -> dict:
    """Disk full while joining, over an older run's folder; then --resume."""
    out = folder / "full"
    first = _xinwen("run", older, "--out", out, "--jobs", 1)
    before = _tables(out)
    stopped = _xinwen("run", source, "--out", out, "--jobs", 1, script=_DISK_FULL)
    kept_whole = _tables(out) == before and stopped.returncode == 3
    resumed = _xinwen("run", source, "--out", out, "--jobs", 1, "--resume")
    held = first.returncode == 0 and kept_whole and resumed.returncode == 0
    return {"fault": "disk full while joining, --resume", "held": held,
            "detail": f"older run kept whole: {kept_whole}",
            "rows lost": _rows_lost(clean, out), "bytes differing": _bytes_differing(_tables(clean), _tables(out))}


def fault_busy(folder: Path, source: Path) -> dict:
    """A second run into a folder a first run is writing: refused at once."""
    out = folder / "busy"
    first = _xinwen("run", source, "--out", out, "--jobs", 1, wait=False)
    lock = out / ".xinwen-lock"
    while not lock.exists() and first.poll() is None:
        time.sleep(0.05)
    started = time.perf_counter()
    second = _xinwen("run", source, "--out", out, "--jobs", 1)
    seconds = time.perf_counter() - started
    first.wait()
    held = second.returncode == 2 and b"another xinwen run" in second.stderr and first.returncode == 0
    return {"fault": "second run into a busy --out", "held": held, "detail": f"refused in {seconds:.1f} s",
            "rows lost": "-", "bytes differing": "-"}


def fault_stale_resume(folder: Path, source: Path) -> dict:
    """--resume after the input changed: refused."""
    import shutil
    import signal

    out, changed = folder / "stale", folder / "changing.jsonl"
    shutil.copyfile(source, changed)
    process = _xinwen("run", changed, "--out", out, "--jobs", 1, wait=False)
    manifest = out / ".xinwen-run" / "manifest.jsonl"
    while process.poll() is None and not (manifest.exists() and len(manifest.read_text().splitlines()) >= 2):
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    with open(changed, "a", encoding="utf-8") as handle:
        handle.write('{"id": "new", "text": "今年超过10万人参与。"}\n')
    resumed = _xinwen("run", changed, "--out", out, "--jobs", 1, "--resume")
    held = resumed.returncode == 2 and b"other settings" in resumed.stderr
    return {"fault": "--resume over a changed input", "held": held, "detail": "refused" if held else "kept",
            "rows lost": "-", "bytes differing": "-"}


def fault_cr_cells(folder: Path) -> dict:
    """Ids, titles and sources holding CR, LF, quotes, commas and NUL: every row read back as written."""
    import json

    from extract import read_tables

    cells = ["a\rb", "标题\r", "x,\"y\"\n", "\r\n", "n\u0000"]
    source = folder / "cells.jsonl"
    source.write_text("".join(json.dumps({"id": f"{i}{c}", "title": c, "source": c, "text": "今年超过10万人参与。"},
                                         ensure_ascii=False) + "\n" for i, c in enumerate(cells)), encoding="utf-8")
    out = folder / "cells"
    done = _xinwen("run", source, "--out", out, "--jobs", 1)
    want = [c.replace("\0", "\ufffd") for c in cells]
    documents = read_tables(out)["documents"] if done.returncode == 0 else pd.DataFrame({"title": []})
    lost = len(cells) - len(documents)
    wrong = sum(1 for a, b in zip(documents["title"], want) if a != b) + abs(lost)
    return {"fault": "CR, LF, quotes, NUL in cells", "held": lost == 0 and wrong == 0,
            "detail": f"{wrong} cells read back wrong", "rows lost": lost, "bytes differing": "-"}


def fault_out_in_input(folder: Path, source: Path) -> dict:
    """--out inside the input folder: refused."""
    import shutil

    corpus = folder / "corpus"
    corpus.mkdir()
    shutil.copyfile(source, corpus / source.name)
    done = _xinwen("run", corpus, "--out", corpus / "out", "--jobs", 1)
    held = done.returncode == 2 and b"inside the input folder" in done.stderr and not (corpus / "out").exists()
    return {"fault": "--out inside the input folder", "held": held, "detail": "refused" if held else "ran",
            "rows lost": "-", "bytes differing": "-"}


def faults() -> list[dict]:
    with tempfile.TemporaryDirectory(prefix="xinwen-faults-") as tmp:
        folder = Path(tmp)
        source, older = _slice(folder, SLICE), _slice(folder, SLICE // 2, skip=SLICE)
        clean = folder / "clean"
        _xinwen("run", source, "--out", clean, "--jobs", 1)
        rows = []
        for check in (lambda: fault_kill(folder, source, clean), lambda: fault_disk_full(folder, source, clean, older),
                      lambda: fault_busy(folder, source), lambda: fault_stale_resume(folder, source),
                      lambda: fault_cr_cells(folder), lambda: fault_out_in_input(folder, source)):
            row = check()
            print(row, flush=True)
            rows.append(row)
    return rows


def main(argv: list[str]) -> None:
    wanted = set(argv) - {"faults"}
    rows = []
    if not argv or wanted:
        chosen = [c for c in cases(big_megabytes=200, jsonl_lines=100_000) if not wanted or c.name in wanted]
        for case in chosen:
            with tempfile.TemporaryDirectory(prefix="xinwen-robust-") as tmp:
                row = run_case(case, Path(tmp))
            print(row, flush=True)
            rows.append(row)
        print(pd.DataFrame(rows).to_string(index=False))
    fault_rows = faults() if not argv or "faults" in argv else []
    if fault_rows:
        print(pd.DataFrame(fault_rows).to_string(index=False))
    held = sum(r["survived"] == "yes" and not r.get("rows lost") and not r.get("unexpected status") for r in rows)
    held += sum(bool(r["held"]) and r["rows lost"] in (0, "-") and r["bytes differing"] in (0, "-") for r in fault_rows)
    print(pd.DataFrame([{"cases tried": len(rows) + len(fault_rows), "held": held,
                         "rows lost": sum(r["rows lost"] for r in fault_rows if r["rows lost"] != "-"),
                         "bytes differing from a clean run": sum(r["bytes differing"] for r in fault_rows
                                                                 if r["bytes differing"] != "-")}]).to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
