"""Re-run the judged date or numeric rows of the audit through the current pipeline (issue 21).

For each judged row: run its story's sentence (with the sentence before, for context) and look for
the mention the judges asked for (the row's span, or ``right_value['surface']``, or nothing when
``surface`` is null). A row judged wrong is *fixed* when that mention now carries the judged fields;
a row judged right *regresses* when it no longer does. ``audit.py report`` scores the stored rows;
this says what the code does now.

    python benchmarks/audit_recheck.py [--type numerics] [--round round7] [--show] [--story]

With --story a CCTV row runs its story up to the sentence (the judged run saw the whole story, so
当天 after 26日 three sentences back is the 26th); without it, the row's sentence before.

Rows are read from every round: tests/audit/<type>-N.jsonl, round2/, round3/ and any later round.
"""
from __future__ import annotations

import argparse
import gzip
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIELDS = {"dates": ("value", "kind", "granularity", "relative", "anchor"),
          "numerics": ("value", "value_max", "qualifier", "bound", "unit", "object", "kind")}
MENTION = {"dates": "date", "numerics": "numeric"}
CCTV = ROOT.parent / "shared" / "data" / "news" / "cctv-xwlb-stories.jsonl.gz"


def expected(row: dict, fields: tuple[str, ...]) -> dict | None:
    """What the judged row should be: fields, surface (None when no mention should be there)."""
    want = {"surface": row["surface"], **{k: row["fields"].get(k) for k in fields}}
    if row["verdict"] == "wrong":
        want.update(row.get("right_value") or {})
    return None if want.get("surface") is None else want


def _same(got, want) -> bool:
    """Numbers compare as numbers (2.5 and 2.50), everything else as text."""
    try:
        return float(got) == float(want)
    except (TypeError, ValueError):
        return str(got if got is not None else "") == str(want if want is not None else "")


def story_texts(ids: set[str]) -> dict[str, str]:
    """The CCTV stories of the judged rows, by doc_id: 当天, 次日 and a bare time count from a day
    the story named sentences earlier, which the row's one sentence of context may not hold."""
    texts = {}
    with gzip.open(CCTV, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            if f"cctv-{record['id']}" in ids:
                texts[f"cctv-{record['id']}"] = record["text"]
    return texts


def _before(row: dict, stories: dict | None) -> str:
    """What runs before the row's sentence: the story up to it when known, else the row's context."""
    sentence = row["sentence"].replace("⟦", "").replace("⟧", "")
    story = (stories or {}).get(row.get("doc_id"), "")
    at = story.find(sentence) if story else -1
    return story[:at] if at > 0 else (row.get("context_before") or "")


def check(pipeline, row: dict, kind: str = "dates", stories: dict | None = None) -> tuple[bool, str]:
    from extract.readers import Document
    sentence = row["sentence"].replace("⟦", "").replace("⟧", "")
    before = _before(row, stories)
    text = before + sentence
    result = pipeline.process(Document(row["key"], "", text=text, published=row["reference"]))
    offset = len(before)
    found = [m for m in result.mentions if m.type == MENTION[kind] and m.start >= offset - 0]
    fields = FIELDS[kind]
    want = expected(row, fields)
    start = row["sentence"].index("⟦")
    if want is None:
        hit = [m for m in found if m.start - offset <= start < m.end - offset or start <= m.start - offset < start + len(row["surface"])]
        return (not any(m.surface == row["surface"] or row["surface"] in m.surface for m in hit)), \
            f"should be none, got {[m.surface for m in hit]}"
    cands = [m for m in found if m.surface == want["surface"]]
    if not cands:
        return False, f"no {want['surface']!r}; got {[m.surface for m in found]}"
    m = min(cands, key=lambda m: abs(m.start - offset - start))
    bad = [f"{k}={m.fields.get(k)!r}≠{want[k]!r}" for k in fields
           if k in want and k != "granularity" and not _same(m.fields.get(k), want[k])]
    # the agreement notes accept a duration's granularity either way
    if "granularity" in want and kind == "dates" and m.fields.get("kind") != "duration" and str(m.fields.get("granularity")) != str(want["granularity"]):
        bad.append(f"granularity={m.fields.get('granularity')!r}≠{want['granularity']!r}")
    return not bad, "; ".join(bad)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the rows still wrong and the regressions")
    parser.add_argument("--type", choices=sorted(FIELDS), default="dates")
    parser.add_argument("--round", metavar="NAME", help="one round only (round7; 'round1' for tests/audit/ itself)")
    parser.add_argument("--story", action="store_true",
                        help="run a CCTV row's story up to its sentence, as the judged run did (not one sentence before)")
    args = parser.parse_args(argv)
    from extract.pipeline import Pipeline
    pipeline = Pipeline()
    counts = Counter()
    audit = ROOT / "tests" / "audit"
    paths = sorted(audit.glob(f"{args.type}-*.jsonl")) + sorted(audit.glob(f"round*/{args.type}-*.jsonl"))
    if args.round:
        paths = [p for p in paths if (p.parent.name if p.parent != audit else "round1") == args.round]
    stories = story_texts({json.loads(line)["doc_id"] for path in paths
                           for line in path.read_text(encoding="utf-8").splitlines()}) if args.story else None
    for path in paths:
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            if row["verdict"] not in ("right", "wrong"):
                continue
            ok, why = check(pipeline, row, args.type, stories)
            tag = f"{row['verdict']}_{'random' if row['sample'] == 'random' else 'rule'}"
            counts[tag] += 1
            counts[tag + "_ok"] += ok
            if args.show and not ok:
                print(f"{'STILL WRONG' if row['verdict'] == 'wrong' else 'REGRESSED'} {path.parent.name}/{row['batch']}.{i} "
                      f"{row['surface']!r} ({row['rule']}): {why}")
    for tag in ("wrong_random", "wrong_rule", "right_random", "right_rule"):
        n, ok = counts[tag], counts[tag + "_ok"]
        print(f"{tag:<13} {ok}/{n} now right" + (f" ({ok / n:.3f})" if n else ""))
    n = counts["wrong_random"] + counts["right_random"]
    ok = counts["wrong_random_ok"] + counts["right_random_ok"]
    print(f"random rows right now: {ok}/{n} = {ok / n:.3f}" if n else "")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
