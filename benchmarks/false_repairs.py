"""False repairs on clean corpora: how often normalization changes text that was not damaged.

Runs the normalizer over every CCTV story (clean Simplified) and every Taiwan article (clean
Traditional, some page boilerplate) and counts the documents that received any byte-shift repair
or damaged span, and those that had a pinyin gloss removed (neither corpus carries glosses, so
every removal is a false one). Prints the figures and a few examples of each for inspection.

    python benchmarks/false_repairs.py [--cctv PATH] [--taiwan PATH] [--limit N] [--show K] [--json OUT]
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.normalize import Normalizer  # noqa: E402
from extract.rules import load_rules  # noqa: E402

NEWS = ROOT.parent / "shared" / "data" / "news"


def texts(path: Path, field: str, limit: int | None):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if limit is not None and k >= limit:
                return
            record = json.loads(line)
            yield record.get("id") or record.get("url") or str(k), record.get(field) or ""


def count(normalizer: Normalizer, records, show: int) -> dict:
    docs = shifted = damaged = glossed = 0
    examples: list[str] = []
    for doc_id, text in records:
        docs += 1
        n = normalizer(text)
        shift = [r for r in n.repairs if r.step == "gbk_shift"]
        gloss = [r for r in n.repairs if r.step in ("pinyin_gloss", "lost_reading")]
        shifted += bool(shift)
        damaged += bool(n.damaged)
        glossed += bool(gloss)
        if (shift or gloss or n.damaged) and len(examples) < show:
            for r in shift + gloss:
                context = text[max(0, r.raw_start - 8):r.raw_end + 8].replace("\n", " ")
                examples.append(f"{doc_id} {r.step}: {r.before!r} -> {r.after!r} in {context!r}")
            for z in n.damaged:
                examples.append(f"{doc_id} damaged: {n.text[max(0, z.start - 8):z.end + 8]!r}")
    return {"documents": docs, "byte_shift_repaired": shifted, "damaged": damaged,
"gloss_removed": glossed, "examples": examples}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cctv", type=Path, default=NEWS / "cctv-xwlb-stories.jsonl.gz")
    parser.add_argument("--taiwan", type=Path, default=NEWS / "taiwan-news-2017-zh-hant.jsonl.gz")
    parser.add_argument("--limit", type=int, help="documents per corpus (default: all)")
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    normalizer = Normalizer(load_rules())
    figures = {
        "cctv": count(normalizer, texts(args.cctv, "text", args.limit), args.show),
        "taiwan": count(normalizer, texts(args.taiwan, "content", args.limit), args.show),
    }
    print("| corpus | documents | byte-shift repaired | damaged span | gloss removed |")
    print("|---|---|---|---|---|")
    for name, f in figures.items():
        n = f["documents"]
        print(f"| {name} | {n} | {f['byte_shift_repaired']} ({f['byte_shift_repaired'] / n:.3%}) "
              f"| {f['damaged']} ({f['damaged'] / n:.3%}) | {f['gloss_removed']} ({f['gloss_removed'] / n:.3%}) |")
    for name, f in figures.items():
        for line in f["examples"]:
            print(f"  {name}: {line}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
