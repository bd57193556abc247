"""Importing xinwen changes nothing outside it: no logger levels, no files read; what a stage needs
is set up when the stage is built."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

_CODE = """
import logging, jieba
before = jieba.default_logger.level
import extract, extract.cli, extract.batch, extract.segment
assert jieba.default_logger.level == before, "importing changed jieba's log level"
from extract.segment import make_segmenter
assert make_segmenter("jieba").cut("今天天气很好")
assert jieba.default_logger.level == before, "building the segmenter left jieba's log level changed"
"""


def test_importing_and_building_the_jieba_segmenter_leave_jiebas_logger_alone():
    done = subprocess.run([sys.executable, "-c", _CODE], capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    assert "prefix dict" not in done.stderr  # its dictionary load is not logged into a run's output
