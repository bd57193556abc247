"""Shared fixtures. Tests that need ../shared/data are marked ``shared_data``: they skip with a clear
message when it is absent (a user's fresh clone) and fail in CI (XINWEN_REQUIRE_SHARED_DATA=1)."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
SHARED_DATA = ROOT.parent / "shared" / "data"


@pytest.fixture(scope="session")
def pipeline():
    from extract import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def corpus_results(pipeline):
    from extract.readers import read_inputs

    return list(pipeline.process_all(read_inputs([str(CORPUS)])))


def shared_data(relative: str) -> Path:
    """Path under ../shared/data, or skip (fail in CI) when it is missing."""
    path = SHARED_DATA / relative
    if not path.exists():
        message = f"{path} is missing: these tests need ../shared/data beside the repository"
        if os.environ.get("XINWEN_REQUIRE_SHARED_DATA"):
            pytest.fail(message)
        pytest.skip(message)
    return path


def chromium_path() -> str:
    """Debian's Chromium for the browser tests, or skip (fail in CI: XINWEN_REQUIRE_BROWSER=1)."""
    import shutil

    path = os.environ.get("XINWEN_CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    missing = []
    if not path:
        missing.append("Chromium (apt-get install chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install -e '.[test]')")
    if missing:
        message = f"browser test needs {' and '.join(missing)}"
        if os.environ.get("XINWEN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    return path
