"""The audit of unquoted programme names (issue 20): the draws the rows came from, and precision per
round and rule from the judged rows in ``tests/audit/programs-bare.jsonl``.

    python benchmarks/bare_audit.py draw 2 /tmp/audit2.jsonl   # the stories of round 2 (CCTV, fixed seed)
    python -m extract run /tmp/audit2.jsonl --out /tmp/audit2 --jobs 1
    python benchmarks/bare_audit.py report                     # precision per round, sample and rule

Each round drew CCTV stories with ``benchmarks/audit.py``'s ``draw_source`` (a fixed-seed order of
all stories), leaving out the gold's stories and those of the design draw and of every earlier round:

| round | seed | stories | rows judged |
|---|---|---|---|
| design (rules read, not judged) | ``prog-bare-explore`` | 3,000 | none |
| 1 | ``prog-bare-audit`` | 400 | all bare rows (129); ``random60`` the first 60 of a shuffled order |
| 2 | ``prog-bare-audit-2`` | 400 | all bare rows (124); ``random60`` as round 1 |
| 3 | ``prog-bare-audit-3`` | 2,000 | up to 10 random rows per rule |
| 4 | ``prog-bare-audit-4`` | 3,000 | up to 12 random rows per rule that round 3 found under 0.9 |
| 5 | ``prog-bare-audit-5`` | 3,000 | ``random60`` as round 1; up to 10 random rows per rule new in round 5 (``alias``, ``exam``) |
| 6 | ``prog-bare-audit-6`` | 3,000 | ``random40``: the first 40 of a shuffled order; up to 12 random rows of the rule new in round 6 (``action``, code 7e02448), then 3 more of its rows at the commit that narrowed it to 行动 (33aa344) |

Every row says which commit made it (``code``); rounds 1 to 3 each guided the changes after them, so
a round measures the code it names, not the final code.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

JUDGED = ROOT / "tests" / "audit" / "programs-bare.jsonl"
ROUNDS = {0: ("prog-bare-explore", 3000), 1: ("prog-bare-audit", 400), 2: ("prog-bare-audit-2", 400),
          3: ("prog-bare-audit-3", 2000), 4: ("prog-bare-audit-4", 3000), 5: ("prog-bare-audit-5", 3000),
          6: ("prog-bare-audit-6", 3000)}


def draw(round_no: int, out: Path) -> int:
    """The stories of a round (0 is the design draw), written as JSONL ``xinwen run`` reads."""
    from audit import CCTV_FILE, NEWS, draw_source, gold_ids

    skip = gold_ids()
    for earlier in range(round_no):
        seed, count = ROUNDS[earlier]
        skip |= {s.doc_id for s in draw_source(NEWS / CCTV_FILE, "cctv", count, skip, seed=seed)}
    seed, count = ROUNDS[round_no]
    stories = draw_source(NEWS / CCTV_FILE, "cctv", count, skip, seed=seed)
    with out.open("w", encoding="utf-8") as handle:
        for s in stories:
            handle.write(json.dumps({"id": s.doc_id, "title": s.title, "text": s.text, "published": s.published},
                                    ensure_ascii=False) + "\n")
    return len(stories)


def report(path: Path = JUDGED) -> dict:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    figures: dict = defaultdict(dict)
    for (round_no, sample), group in sorted(_groups(rows).items()):
        right = Counter(r["rule"] for r in group if r["verdict"] == "right")
        total = Counter(r["rule"] for r in group)
        code = sorted({r["code"] for r in group})
        print(f"round {round_no} ({sample}, code {', '.join(code)}): "
              f"{sum(right.values())} of {sum(total.values())} right")
        for rule in sorted(total):
            print(f"  {rule:30} {right[rule]:3} / {total[rule]:3}")
            figures[(round_no, sample)][rule] = (right[rule], total[rule])
    return figures


def _groups(rows: list[dict]) -> dict:
    groups: dict = defaultdict(list)
    for r in rows:
        groups[(r["round"], r["sample"] if r["sample"] == "rule" else "all")].append(r)
        if r["sample"].startswith("random"):  # random60, random40: the first rows of a shuffled order
            groups[(r["round"], r["sample"])].append(r)
    return groups


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = parser.add_subparsers(dest="command", required=True)
    d = sub.add_parser("draw", help="write the stories of a round as JSONL")
    d.add_argument("round", type=int, choices=sorted(ROUNDS))
    d.add_argument("out", type=Path)
    sub.add_parser("report", help="precision per round, sample and rule")
    args = parser.parse_args(argv)
    if args.command == "draw":
        print(f"{draw(args.round, args.out)} stories -> {args.out}")
    else:
        report()
    return 0


if __name__ == "__main__":
    sys.exit(main())
