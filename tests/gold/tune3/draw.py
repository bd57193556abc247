"""Draw the third tuning split (tests/gold/tune3/): more unseen news for the name tagger's settings.

Run from the repository root: ``python tests/gold/tune3/draw.py ../shared/data/news > draw.jsonl``.
The draw of tests/gold/test/draw.py with another seed (18 CCTV stories, 12 Taiwan articles),
disjoint from the dev gold, the test split and the first two tuning splits; only programmes and
organizations are annotated. The test split stays untouched by tuning.
"""
import importlib.util
import sys
from pathlib import Path

SEED = 20261209


def _test_draw():
    path = Path(__file__).resolve().parent.parent / "test" / "draw.py"
    spec = importlib.util.spec_from_file_location("test_split_draw", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    _test_draw().main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news", seed=SEED, cctv_count=18,
                      taiwan_count=12, skip_folders=("test", "tune", "tune2"))
