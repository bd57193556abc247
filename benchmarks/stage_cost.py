"""CPU time of each pipeline stage, in one process, over the first N CCTV stories.

    python benchmarks/stage_cost.py [--limit 3000] [--corpus PATH]

Runs the stages of ``Pipeline.process`` one by one (normalization, segmentation into the plain
words ``process`` runs on, each matcher, resolution, finalizing, facts) and prints each one's CPU seconds
(``time.process_time``), its share and its characters per CPU-second, then ``jieba.lcut`` over the
same texts for scale. A first pass over 200 stories warms the one-time loads (the character model,
the name model) so that the figures are the steady state a long batch runs at.
"""
from __future__ import annotations

import argparse
import gzip
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CCTV = ROOT.parent / "shared" / "data" / "news" / "cctv-xwlb-stories.jsonl.gz"


def load(corpus: Path, limit: int):
    from extract.readers import Document

    with gzip.open(corpus, "rt", encoding="utf-8") as handle:
        for line in itertools.islice(handle, limit):
            story = json.loads(line)
            yield Document(story["id"], str(corpus), text=story["text"], published=(story.get("pub_time") or "")[:10])


def stage_times(pipeline, documents) -> Counter:
    from extract.components import EXCLUDED_KEY, REFERENCE_KEY
    from extract.matchers.base import mentions_of
    from extract.pipeline import finalize
    from extract.schema import layout

    spent: Counter = Counter()

    def timed(name, call, *args):
        start = time.process_time()
        out = call(*args)
        spent[name] += time.process_time() - start
        return out

    for document in documents:
        normalized = timed("normalize", pipeline.normalizer, document.text)
        # the words as ``Pipeline.process`` has them: a PlainDoc, not a spaCy Doc (its lexemes cost more)
        doc = timed("segment", pipeline.nlp.tokenizer.plain, normalized.text)
        doc.user_data[EXCLUDED_KEY] = [(z.start, z.end) for z in normalized.excluded]
        doc.user_data[REFERENCE_KEY] = document.published
        for name, component in pipeline.nlp.pipeline:
            doc = timed(name.replace("xinwen_", ""), component, doc)
        mentions = [m for key in layout().types for m in mentions_of(doc, key)]
        final = timed("finalize", finalize, document.doc_id, normalized, mentions)
        if hasattr(pipeline, "facts"):
            timed("facts", pipeline.facts.link_doc, doc, final, document.published)
    return spent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=3000)
    parser.add_argument("--corpus", type=Path, default=CCTV)
    args = parser.parse_args(argv)
    from extract.pipeline import Pipeline

    pipeline = Pipeline()
    stage_times(pipeline, load(args.corpus, 200))  # warm-up
    documents = list(load(args.corpus, args.limit))
    chars = sum(len(d.text) for d in documents)
    spent = stage_times(pipeline, documents)
    total = sum(spent.values())
    print(f"{len(documents)} stories, {chars:,} characters")
    print("| stage | CPU s | share | k chars per CPU-second |\n|---|---|---|---|")
    for name, seconds in spent.most_common():
        print(f"| {name} | {seconds:.2f} | {seconds / total:.1%} | {chars / seconds / 1e3:,.0f} |")
    print(f"| **whole pipeline** | {total:.2f} | 100% | {chars / total / 1e3:,.0f} |")
    import jieba

    jieba.initialize()
    start = time.process_time()
    for document in documents:
        jieba.lcut(document.text)
    print(f"| jieba.lcut (for scale) | {time.process_time() - start:.2f} | | "
          f"{chars / (time.process_time() - start) / 1e3:,.0f} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
