"""What linking facts costs: the share of pipeline time spent in ``extract/facts/``.

Runs every gold document and the bundled corpus through the pipeline (``--passes`` times, one
core), timing the whole per-document work and, separately, ``FactLinker.link_doc`` on its result.

    python benchmarks/facts_cost.py [--passes N]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from extract import Pipeline  # noqa: E402
from extract.components import REFERENCE_KEY  # noqa: E402
from extract.matchers.base import mentions_of  # noqa: E402
from extract.pipeline import finalize  # noqa: E402
from extract.readers import Document, read_inputs  # noqa: E402
from extract.schema import layout  # noqa: E402
from gold_docs import gold_documents, raw_text  # noqa: E402


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    documents = [Document(d["doc_id"], "", text=raw_text(d), published=d.get("published") or "")
                 for d in gold_documents()] + list(read_inputs([str(ROOT / "corpus")]))
    total = linking = 0.0
    chars = 0
    for _ in range(args.passes):
        for document in documents:
            started = time.perf_counter()
            normalized, doc = pipeline.annotate(document)
            final = finalize(document.doc_id, normalized, [m for k in layout().types for m in mentions_of(doc, k)])
            matched = time.perf_counter()
            pipeline.facts.link_doc(doc, final, doc.user_data[REFERENCE_KEY])
            done = time.perf_counter()
            total += done - started
            linking += done - matched
            chars += len(normalized.text)
    print(f"{len(documents)} documents x {args.passes} passes, {chars} characters: pipeline {total:.2f} s, "
          f"facts {linking:.2f} s ({100 * linking / total:.1f}%), facts alone {chars / linking / 1000:.0f} k characters/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
