"""Organization names against People's Daily 1998 (dev split, ORG spans), beside jieba's ``nt`` tag.

Each sentence of the BIO file goes through the real pipeline as a document of its own; an
organization mention is right when its span in the sentence equals a gold ORG span (strict, micro
over spans). The baseline, measured in the same run, is jieba's part-of-speech tagger on a private
dictionary: every token tagged ``nt`` (organization) is a predicted span. Prints both figures.

    python benchmarks/ner_orgs.py [--bio PATH] [--limit N] [--misses N] [--false-alarms N]
"""
from __future__ import annotations

import argparse
import collections
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.pipeline import Pipeline  # noqa: E402
from extract.readers import Document  # noqa: E402

DEV = ROOT.parent / "shared" / "data" / "ner" / "peoples-daily-1998-dev.bio"


def read_bio(path: Path, label: str = "ORG") -> list[tuple[str, set[tuple[int, int]]]]:
    """(sentence, {(start, end)}) per blank-line separated sentence; end exclusive."""
    sentences, chars, tags = [], [], []

    def flush():
        if chars:
            sentences.append(("".join(chars), _spans(tags, label)))
        chars.clear()
        tags.clear()

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            parts = line.split()
            if not parts:
                flush()
                continue
            chars.append(parts[0])
            tags.append(parts[-1])
    flush()
    return sentences


def _spans(tags: list[str], label: str) -> set[tuple[int, int]]:
    out, start = set(), None
    for i, tag in enumerate(tags + ["O"]):
        inside = tag == f"I-{label}" and start is not None
        if start is not None and not inside:
            out.add((start, i))
            start = None
        if tag == f"B-{label}" or (tag == f"I-{label}" and start is None):
            start = i
    return out


class Score:
    def __init__(self):
        self.tp = self.fp = self.fn = 0
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


def xinwen_spans(pipeline: Pipeline, index: int, text: str) -> set[tuple[int, int]]:
    result = pipeline.process(Document(f"pd-{index}", "", text=text))
    if result.status != "ok":  # a broken run must not pass for a low score
        raise RuntimeError(f"sentence {index} failed: {result.error}")
    return {(m.raw_start, m.raw_end) for m in result.mentions if m.type == "organization"}


def jieba_nt_spans(tagger, text: str) -> set[tuple[int, int]]:
    out, position = set(), 0
    for pair in tagger.cut(text):
        if pair.flag == "nt":
            out.add((position, position + len(pair.word)))
        position += len(pair.word)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--bio", type=Path, default=DEV)
    parser.add_argument("--limit", type=int, help="first N sentences only (default: all)")
    parser.add_argument("--misses", type=int, default=0, help="list the N most frequent missed names")
    parser.add_argument("--false-alarms", type=int, default=0, help="list the N most frequent false alarms")
    args = parser.parse_args(argv)
    if not args.bio.exists():
        print(f"no such file: {args.bio}", file=sys.stderr)
        return 2
    import jieba
    import jieba.posseg

    sentences = read_bio(args.bio)[: args.limit]
    pipeline = Pipeline()
    tagger = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    scores = {"xinwen": Score(), "jieba nt": Score()}
    seconds = collections.Counter()
    for index, (text, gold) in enumerate(sentences):
        t0 = time.perf_counter()
        scores["xinwen"].add(text, gold, xinwen_spans(pipeline, index, text))
        t1 = time.perf_counter()
        scores["jieba nt"].add(text, gold, jieba_nt_spans(tagger, text))
        seconds["xinwen"] += t1 - t0
        seconds["jieba nt"] += time.perf_counter() - t1
    gold_total = sum(len(g) for _, g in sentences)
    print(f"{args.bio.name}: {len(sentences)} sentences, {gold_total} ORG spans (strict span match)")
    print(f"{'system':<10} {'P':>6} {'R':>6} {'F1':>6} {'seconds':>8}")
    for name, score in scores.items():
        p, r, f = score.figures()
        print(f"{name:<10} {p:6.3f} {r:6.3f} {f:6.3f} {seconds[name]:8.1f}")
    score = scores["xinwen"]
    if args.misses:
        print("\nmost frequent misses:", ", ".join(f"{k} {v}" for k, v in score.misses.most_common(args.misses)))
    if args.false_alarms:
        print("\nmost frequent false alarms:",
              ", ".join(f"{k} {v}" for k, v in score.false_alarms.most_common(args.false_alarms)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
