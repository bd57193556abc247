"""The developer's entry points behave as the README says."""
from __future__ import annotations

import re
import shlex
import subprocess
import sys

from conftest import ROOT


def _make_recipe(target: str) -> list[str]:
    """The command lines of a Makefile target's recipe."""
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    body = re.search(rf"^{target}:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert body, f"no recipe for {target!r} in the Makefile"
    return [line.strip() for line in body.group(1).splitlines()]


def test_make_test_says_why_tests_were_skipped(tmp_path):
    """Under -q a skipped test is one 's' among the dots: a missing ../shared/data or Chromium went
    unnoticed. The command `make test` runs prints each skip with its reason."""
    (command,) = [line for line in _make_recipe("test") if "pytest" in line]
    args = shlex.split(command.replace("$(BIN)/python", shlex.quote(sys.executable)))
    (tmp_path / "test_skips.py").write_text(
        "import pytest\n\n\ndef test_needs_something():\n    pytest.skip('Chromium is missing')\n", encoding="utf-8")
    run = subprocess.run([*args, "-p", "no:cacheprovider", str(tmp_path / "test_skips.py")],
                         cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "SKIPPED [1]" in run.stdout and "Chromium is missing" in run.stdout
