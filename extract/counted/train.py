"""Train the object model: ``python -m extract.counted.train [--audit tests/audit] [--news DIR] [--out DIR]``.

Training data are the judged numerics rows of the precision audit (``tests/audit/**/numerics-*.jsonl``,
made for this project: two blind judges and a reconciliation per round). A row whose span is right
gives the right object: the judges' ``right_value`` where they corrected it, else the object the row
had. The stories come from the news corpora of ``../shared/data/news`` (the rows give their ids),
run through the pipeline with the grammar alone; a row whose object is no run of words from the
claim's end, or whose claim the pipeline no longer reads there, is left out.

The rounds given by ``--held-out`` (the newest three by default) are first left out of training and measured (the grammar's
objects against the model's on them); then the model is trained on every round and written with a
JSON file of what it was trained on. Deterministic: fixed order, L-BFGS.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from ..names.train import NEWS, news_records
from .features import FEATURE_VERSION, items, labels
from .model import MARGIN, MODEL_PATH, Candidate

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_AUDIT = ROOT / "tests" / "audit"
DEFAULT_NEWS = ROOT.parent / "shared" / "data" / "news"
TERMS = {"judged rows": "tests/audit (this project's own judgements, MIT like the code)",
         "texts": "../shared/data/news: CCTV 新闻联播 stories (content belongs to CCTV, study use only) and "
                  "Taiwan news 2017 (articles belong to the outlets); see ../shared/data/README.md"}
PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}
HELD_OUT = 3  # the newest rounds, measured before the final training unless --held-out names others


def judged_rows(audit: Path) -> dict[str, list[dict]]:
    """The judged numerics rows by story, each with ``round`` (1 for the files at the top)."""
    by_doc: dict[str, list[dict]] = defaultdict(list)
    paths = sorted(audit.glob("numerics-*.jsonl")) + sorted(audit.glob("round*/numerics-*.jsonl"))
    for path in paths:
        number = int(path.parent.name[5:]) if path.parent.name.startswith("round") else 1
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                if "verdict" in row:
                    by_doc[row["doc_id"]].append({**row, "round": number})
    return by_doc


def right_object(row: dict) -> str | None:
    """The object a judged row should have, or None when the row says nothing of it (a wrong or
    unclear span, no mention at all)."""
    fixed = row.get("right_value") or {}
    if not row.get("span_right") or row.get("verdict") == "unclear" or "surface" in fixed:
        return None
    return fixed["object"] if "object" in fixed else (row.get("fields") or {}).get("object", "")


def stories(news: Path, wanted: set[str]) -> Iterator[tuple[str, str, str]]:
    """(doc_id, text, published) of the wanted stories, in file order."""
    for name in NEWS:
        yield from (story for story in news_records(news, name) if story[0] in wanted)


class Recorder:
    """Stands in for the model while the grammar reads a story: keeps every candidate, chooses none."""

    def __init__(self):
        self.seen: list[Candidate] = []

    def choose(self, candidate: Candidate) -> None:
        self.seen.append(candidate)
        return None


def examples(audit: Path, news: Path, tags: Mapping[str, str], pipeline, limit: int | None = None,
             quiet: bool = False) -> list[dict]:
    """One example per judged row ``pipeline`` (the grammar alone) reads again: round, candidate,
    right length, and the grammar's object and the right one."""
    from opencc import OpenCC

    from ..matchers.numerics import NumericMatcher
    from ..readers import Document

    rows = judged_rows(audit)
    wanted = set(sorted(rows)[:limit] if limit else rows)
    recorder = Recorder()
    matcher = NumericMatcher(pipeline.rules.family("numerics"), tags, recorder)
    simplified = OpenCC("t2s").convert
    out: list[dict] = []
    for n, (doc_id, text, published) in enumerate(stories(news, wanted), start=1):
        _, doc = pipeline.annotate(Document(doc_id, "", text=text, published=published), plain=True)
        recorder.seen.clear()
        matcher(doc)
        for row in rows[doc_id]:
            right = right_object(row)
            after = simplified(row["sentence"].split("⟧", 1)[-1][:8])
            near = [c for c in recorder.seen if doc.text.startswith(after, c.pos) and abs(c.pos - row["end"]) <= 40]
            if right is None or not near:
                continue
            c = min(near, key=lambda c: abs(c.pos - row["end"]))
            options = c.options
            out.append({"round": row["round"], "candidate": c, "right": options.index(right) if right in options else None,
                        "rule": options[c.rule_len], "object": right, "options": options})
        if not quiet and n % 1000 == 0:
            print(f"  {n} stories read, {len(out)} rows", file=sys.stderr)
    return out


def train(examples_: Iterable[dict], tags, path: Path, iterations: int) -> int:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    count = 0
    for e in examples_:
        c = e["candidate"]
        if e["right"] is not None:
            trainer.append(items(c.words, c.rule_len, c.unit, c.kind, tags), labels(len(c.words), e["right"]))
            count += 1
    trainer.set_params(dict(PARAMS, max_iterations=iterations))
    trainer.train(str(path))
    return count


def measure(examples_: Sequence[dict], model) -> Counter:
    """The grammar's objects against the model's on ``examples_`` (right when equal to the judged object)."""
    figures = Counter()
    for e in examples_:
        length = model.choose(e["candidate"])
        ours = e["rule"] if length is None else e["options"][length]
        figures["rows"] += 1
        figures["grammar right"] += e["rule"] == e["object"]
        figures["model right"] += ours == e["object"]
        if ours != e["rule"]:
            figures["changed"] += 1
            figures["mended"] += ours == e["object"]
            figures["broken"] += e["rule"] == e["object"]
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="train the model of what a numeric claim counts")
    parser.add_argument("--audit", type=Path, default=DEFAULT_AUDIT, help="the judged audit rows (tests/audit)")
    parser.add_argument("--news", type=Path, default=DEFAULT_NEWS, help="the news corpora the rows come from")
    parser.add_argument("--out", type=Path, default=MODEL_PATH.parent, help="where the model is written")
    parser.add_argument("--held-out", default="", help="rounds measured before the final training, as 24,25,26"
                        f" (default: the newest {HELD_OUT})")
    parser.add_argument("--limit", type=int, help="at most N stories (a quick run)")
    parser.add_argument("--iterations", type=int, default=PARAMS["max_iterations"])
    args = parser.parse_args(argv)
    from ..pipeline import Pipeline
    from ..segment import word_tags
    from .model import ObjectModel

    started = time.perf_counter()
    pipeline = Pipeline(names=False, object_model=False)
    tags = word_tags(pipeline.nlp.tokenizer)
    data = examples(args.audit, args.news, tags, pipeline, args.limit)
    if not data:
        print(f"no judged rows found under {args.audit} with their stories in {args.news}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    held = {int(r) for r in args.held_out.split(",") if r.strip()} or set(sorted({e["round"] for e in data})[-HELD_OUT:])
    info = {"feature_version": FEATURE_VERSION, "params": dict(PARAMS, max_iterations=args.iterations),
            "margin": MARGIN, "terms": TERMS, "rounds": dict(sorted(Counter(e["round"] for e in data).items()))}
    if held and any(e["round"] in held for e in data) and any(e["round"] not in held for e in data):
        trial = args.out / "held-out.crfsuite"
        (args.out / "held-out.json").write_text(json.dumps({"feature_version": FEATURE_VERSION}), encoding="utf-8")
        train((e for e in data if e["round"] not in held), tags, trial, args.iterations)
        figures = measure([e for e in data if e["round"] in held], ObjectModel(tags, trial))
        for leftover in (trial, trial.with_suffix(".json")):
            leftover.unlink()
        info["held_out"] = {"rounds": sorted(held), **figures}
        n = figures["rows"]
        print(f"held-out rounds {sorted(held)}: {n} rows; object right by the grammar {figures['grammar right'] / n:.4f},"
              f" with the model {figures['model right'] / n:.4f} ({figures['changed']} changed: {figures['mended']} mended,"
              f" {figures['broken']} broken)")
    model = args.out / MODEL_PATH.name
    info["rows"] = train(data, tags, model, args.iterations)
    info["seconds"] = round(time.perf_counter() - started, 1)
    model.with_suffix(".json").write_text(json.dumps(info, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"trained on {info['rows']} rows of {len(info['rounds'])} rounds; model {model.stat().st_size / 1e6:.2f} MB"
          f" at {model} ({info['seconds']} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
