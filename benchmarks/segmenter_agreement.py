"""Does the fast segmenter cut like jieba? Token agreement of ``rjieba`` with ``jieba`` on the CCTV corpus.

Both backends get jieba's dictionary and the rules' user words (``extract.segment.make_segmenter``).
A token agrees when the other backend produced a token with the same start and end; a document
agrees when every token does. Prints the figures and the most frequent disagreements.

    python benchmarks/segmenter_agreement.py [--corpus PATH] [--limit N] [--show 20]
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

from extract.rules import load_rules  # noqa: E402
from extract.segment import make_segmenter, user_words  # noqa: E402

CCTV = ROOT.parent / "shared" / "data" / "news" / "cctv-xwlb-stories.jsonl.gz"


def spans(words: list[str]) -> set[tuple[int, int]]:
    out, position = set(), 0
    for word in words:
        out.add((position, position + len(word)))
        position += len(word)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=CCTV)
    parser.add_argument("--limit", type=int, help="first N stories only (default: all)")
    parser.add_argument("--show", type=int, default=15, help="list the N most frequent disagreements")
    args = parser.parse_args(argv)
    words = user_words(load_rules())
    reference, fast = make_segmenter("jieba", words), make_segmenter("rjieba", words)
    docs = same_docs = ref_tokens = agreed = fast_tokens = chars = 0
    seconds = {"jieba": 0.0, "rjieba": 0.0}
    diffs: collections.Counter = collections.Counter()
    with gzip.open(args.corpus, "rt", encoding="utf-8") as handle:
        for k, line in enumerate(handle):
            if args.limit is not None and k >= args.limit:
                break
            text = json.loads(line).get("text") or ""
            t0 = time.perf_counter()
            a = reference.cut(text)
            t1 = time.perf_counter()
            b = fast.cut(text)
            seconds["jieba"] += t1 - t0
            seconds["rjieba"] += time.perf_counter() - t1
            sa, sb = spans(a), spans(b)
            docs += 1
            chars += len(text)
            same_docs += a == b
            ref_tokens += len(sa)
            fast_tokens += len(sb)
            agreed += len(sa & sb)
            if a != b:
                for start, end in sorted(sa - sb)[:3]:
                    diffs[text[start:end]] += 1
    print(f"{docs} documents, {chars / 1e6:.1f} M characters")
    print(f"tokens: jieba {ref_tokens}, rjieba {fast_tokens}, same span {agreed} "
          f"({agreed / max(ref_tokens, 1):.4%} of jieba's, {agreed / max(fast_tokens, 1):.4%} of rjieba's)")
    print(f"documents segmented identically: {same_docs} ({same_docs / max(docs, 1):.2%})")
    print(f"segmenting alone: jieba {chars / seconds['jieba'] / 1e3:.0f} k chars/s, "
          f"rjieba {chars / seconds['rjieba'] / 1e3:.0f} k chars/s")
    if args.show and diffs:
        print("jieba tokens rjieba does not produce (most frequent):",
              ", ".join(f"{w}×{n}" for w, n in diffs.most_common(args.show)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
