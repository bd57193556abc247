"""Re-run the judged date rows of every audit round through the current pipeline (issue 21).

The rounds: tests/audit/dates-N.jsonl, tests/audit/round2/dates-N.jsonl, tests/audit/round3/dates-N.jsonl
(every reconciled dates batch under tests/audit, never judges/ or to_judge/).

For each judged row: run its story's sentence (with the sentence before, for context) and look for
the mention the judges asked for (the row's span, or ``right_value['surface']``, or nothing when
``surface`` is null). A row judged wrong is *fixed* when that mention now carries the judged fields;
a row judged right *regresses* when it no longer does. ``audit.py report`` scores the stored rows;
this says what the code does now.

    python benchmarks/audit_recheck.py [--show]
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FIELDS = ("value", "kind", "granularity", "relative", "anchor")


def expected(row: dict) -> dict | None:
    """What the judged row should be: fields, surface (None when no mention should be there)."""
    want = {"surface": row["surface"], **{k: row["fields"].get(k) for k in FIELDS}}
    if row["verdict"] == "wrong":
        want.update(row.get("right_value") or {})
    return None if want.get("surface") is None else want


def check(pipeline, row: dict) -> tuple[bool, str]:
    from extract.readers import Document
    sentence = row["sentence"].replace("⟦", "").replace("⟧", "")
    text = (row.get("context_before") or "") + sentence
    result = pipeline.process(Document(row["key"], "", text=text, published=row["reference"]))
    offset = len(row.get("context_before") or "")
    found = [m for m in result.mentions if m.type == "date" and m.start >= offset - 0]
    want = expected(row)
    start = row["sentence"].index("⟦")
    if want is None:
        hit = [m for m in found if m.start - offset <= start < m.end - offset or start <= m.start - offset < start + len(row["surface"])]
        return (not any(m.surface == row["surface"] or row["surface"] in m.surface for m in hit)), \
            f"should be none, got {[m.surface for m in hit]}"
    cands = [m for m in found if m.surface == want["surface"]]
    if not cands:
        return False, f"no {want['surface']!r}; got {[m.surface for m in found]}"
    m = min(cands, key=lambda m: abs(m.start - offset - start))
    bad = [f"{k}={m.fields.get(k)!r}≠{want[k]!r}" for k in FIELDS
           if k in want and k != "granularity" and str(m.fields.get(k) or "") != str(want[k] or "")]
    # the agreement notes accept a duration's granularity either way
    if "granularity" in want and m.fields.get("kind") != "duration" and str(m.fields.get("granularity")) != str(want["granularity"]):
        bad.append(f"granularity={m.fields.get('granularity')!r}≠{want['granularity']!r}")
    return not bad, "; ".join(bad)


def batches() -> list[Path]:
    """The reconciled dates batches of every round: tests/audit/ and its round folders."""
    audit = ROOT / "tests" / "audit"
    rounds = [audit] + sorted(p for p in audit.iterdir() if p.is_dir() and p.name.startswith("round"))
    return [path for folder in rounds for path in sorted(folder.glob("dates-*.jsonl"))]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="list the rows still wrong and the regressions")
    args = parser.parse_args(argv)
    from extract.pipeline import Pipeline
    pipeline = Pipeline()
    counts = Counter()
    for path in batches():
        prefix = "" if path.parent.name == "audit" else path.parent.name + "/"
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            row = json.loads(line)
            if row["verdict"] not in ("right", "wrong"):
                continue
            ok, why = check(pipeline, row)
            tag = f"{row['verdict']}_{'random' if row['sample'] == 'random' else 'rule'}"
            counts[tag] += 1
            counts[tag + "_ok"] += ok
            if args.show and not ok:
                print(f"{'STILL WRONG' if row['verdict'] == 'wrong' else 'REGRESSED'} {prefix}{row['batch']}.{i} "
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
