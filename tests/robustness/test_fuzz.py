"""The fuzzers of ``fuzz.py`` for a fixed number of inputs with a fixed seed (a short run for every
test run; the README gives the longer one). A crash fails the test and prints libFuzzer's report."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

if sys.platform != "linux":  # atheris is installed with the test extra on Linux only (its wheels)
    pytest.skip("atheris fuzzing runs on Linux", allow_module_level=True)

FUZZ = Path(__file__).with_name("fuzz.py")
RUNS = {"readers": 3_000, "normalizer": 3_000, "csv": 1_000, "manifest": 2_000}  # the CSV round trip is slow


@pytest.mark.parametrize("target", ["readers", "normalizer", "csv", "manifest"])
def test_fuzzing_finds_no_crash(target, tmp_path):
    done = subprocess.run([sys.executable, str(FUZZ), target, f"-runs={RUNS[target]}", "-seed=1",
                           f"-artifact_prefix={tmp_path}/"], capture_output=True, text=True, timeout=600)
    report = "\n".join(line for line in done.stderr.splitlines() if not line.startswith("INFO: Instrumenting"))
    assert done.returncode == 0, report[-4000:]
    assert f"Done {RUNS[target]} runs" in report
