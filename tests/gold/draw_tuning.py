"""Draw a tuning split for names: unseen news on which rules and the tagger's settings are looked at.

Run from the repository root: ``python tests/gold/draw_tuning.py tune2 ../shared/data/news > draw.jsonl``.
The draw of tests/gold/test/draw.py with the split's own seed (18 CCTV stories, 12 Taiwan articles),
disjoint from the dev gold, the test split and the tuning splits drawn before it; only programmes and
organizations are annotated. Each split was drawn when the one before was no longer blind to the
rules, and the test split stays untouched by tuning.
"""
import importlib.util
import sys
from pathlib import Path

# split: (seed, the folders whose stories it leaves out besides the dev gold)
SPLITS = {"tune": (20261207, ("test",)), "tune2": (20261208, ("test", "tune")),
          "tune3": (20261209, ("test", "tune", "tune2")),
          "tune4": (20261210, ("test", "tune", "tune2", "tune3")),
          "tune5": (20261211, ("test", "tune", "tune2", "tune3", "tune4")),
          "tune6": (20261212, ("test", "tune", "tune2", "tune3", "tune4", "tune5")),
          "tune7": (20261213, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6")),
          "tune8": (20261214, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7")),
          "tune9": (20261215, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8")),
          "tune10": (20261216, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9")),
          "tune11": (20261217, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10")),
          "tune12": (20261218, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10",
                                "tune11")),
          "tune13": (20261219, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10",
                                "tune11", "tune12")),
          "tune14": (20261220, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10",
                                "tune11", "tune12", "tune13")),
          "tune15": (20261221, ("test", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10",
                                "tune11", "tune12", "tune13", "tune14"))}


def _test_draw():
    path = Path(__file__).resolve().parent / "test" / "draw.py"
    spec = importlib.util.spec_from_file_location("test_split_draw", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


if __name__ == "__main__":
    split = sys.argv[1]
    seed, skip = SPLITS[split]
    _test_draw().main(sys.argv[2] if len(sys.argv) > 2 else "../shared/data/news", seed=seed, cctv_count=18,
                      taiwan_count=12, skip_folders=skip)
