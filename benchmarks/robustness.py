"""Bad inputs at full size, each in its own ``xinwen run`` (one process), with its time and peak memory.

    python benchmarks/robustness.py                 # every case: the 200 MB document, 100,000 JSONL lines ...
    python benchmarks/robustness.py too-long nested-quotes

The cases are those of ``tests/robustness/cases.py`` (the suite runs them smaller). For each: did the
run end normally (exit code 0 or 1, no traceback), are all its documents in ``documents.csv`` with the
expected status (rows lost must be 0), wall-clock seconds and the peak resident memory of the run.
"""
from __future__ import annotations

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


def main(argv: list[str]) -> None:
    wanted = set(argv)
    chosen = [c for c in cases(big_megabytes=200, jsonl_lines=100_000) if not wanted or c.name in wanted]
    rows = []
    for case in chosen:
        with tempfile.TemporaryDirectory(prefix="xinwen-robust-") as tmp:
            row = run_case(case, Path(tmp))
        print(row, flush=True)
        rows.append(row)
    print(pd.DataFrame(rows).to_string(index=False))


if __name__ == "__main__":
    main(sys.argv[1:])
