"""Normalization throughput on the CCTV corpus, one core, side by side with OpenCC alone.

Loads the stories into memory first (reading and JSON parsing are not timed), then times, in one
run: OpenCC ``t2s`` over every text, and the full normalizer over every text. The one-time set-up
(character model, script tables) is timed separately and reported, not hidden.

    python benchmarks/normalize_speed.py [--corpus PATH] [--limit N]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
import time
from pathlib import Path

import opencc

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.normalize import Normalizer  # noqa: E402
from extract.rules import load_rules  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path,
                        default=ROOT.parent / "shared" / "data" / "news" / "cctv-xwlb-stories.jsonl.gz")
    parser.add_argument("--limit", type=int)
    args = parser.parse_args(argv)
    texts = []
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if args.limit is not None and k >= args.limit:
                break
            texts.append(json.loads(line)["text"])
    chars = sum(map(len, texts))

    converter = opencc.OpenCC("t2s")
    t0 = time.perf_counter()
    for text in texts:
        converter.convert(text)
    opencc_s = time.perf_counter() - t0

    t0 = time.perf_counter()
    normalizer = Normalizer(load_rules())
    normalizer.script.detect("")
    normalizer.mojibake.model  # noqa: B018 - built on first damage; build it now to time it
    setup_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    for text in texts:
        normalizer(text)
    normalize_s = time.perf_counter() - t0

    print(f"{len(texts)} documents, {chars / 1e6:.1f} M characters")
    print("| step | seconds | M characters/s |")
    print("|---|---|---|")
    print(f"| OpenCC t2s alone | {opencc_s:.1f} | {chars / opencc_s / 1e6:.2f} |")
    print(f"| xinwen normalize (all steps) | {normalize_s:.1f} | {chars / normalize_s / 1e6:.2f} |")
    print(f"| xinwen normalize incl. one-time set-up ({setup_s:.1f} s) | {normalize_s + setup_s:.1f} "
          f"| {chars / (normalize_s + setup_s) / 1e6:.2f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
