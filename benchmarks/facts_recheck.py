"""Re-run the pipeline on the stories of a judged facts batch and score each judged link again.

    python benchmarks/facts_recheck.py [tests/audit/facts-1.jsonl] [--show]

For every judged row (``tests/audit/facts-N.jsonl``, reconciled) the story is run through the
current pipeline and the fact at the same claim (same key) is read back. A link judged ``wrong`` is
counted fixed when it now equals the judges' ``right_value``; a link judged ``right`` is counted
kept when it is unchanged (a changed one is listed: it may still be right, a reader decides). The
link accuracy now is (kept right + fixed wrong) / judged, a lower bound.
"""
from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import audit  # noqa: E402  (benchmarks/audit.py)

LINKS = audit.LINKS


def _norm(value) -> str:
    text = "" if value is None else str(value)
    return text.strip().strip("“”「」《》\"'").replace(" ", "")


def link_value(link: str, row: dict) -> str:
    got = (row.get("links") or {}).get(link) or {}
    return _norm(got.get("value") if link == "date" else got.get("text"))


def stories_of(doc_ids: set[str], news: Path = audit.NEWS) -> list:
    found = []
    for name, source in ((audit.CCTV_FILE, "cctv"), (audit.TAIWAN_FILE, "taiwan")):
        for _, story in audit._records(news / name, source):
            if story.doc_id in doc_ids:
                found.append(story)
    return found


def recheck(judged: list[dict]) -> dict:
    docs = {r["doc_id"] for r in judged}
    now: dict[str, dict] = {}
    for story, result in audit.run_pipeline(stories_of(docs), quiet=True):
        for row in audit.fact_rows(story, result):
            now[row["key"]] = row
    tally = {k: Counter() for k in LINKS}
    changes = []
    for i, row in enumerate(judged):
        new = now.get(row["key"])
        for link in LINKS:
            verdict = (row.get("link_verdicts") or {}).get(link)
            if verdict not in ("right", "wrong"):
                continue
            old = link_value(link, row)
            got = link_value(link, new) if new is not None else None
            if verdict == "right":
                ok = got == old
                tally[link]["right_kept" if ok else "right_changed"] += 1
                if not ok:
                    changes.append((i, link, "was right", old, got, row))
            else:
                want = _norm((row.get("right_value") or {}).get(link))
                # a time of the wanted day (2021-12-05T16:00 for 2021-12-05) is that day, more finely
                ok = got == want or (link == "date" and got is not None and bool(want) and got.startswith(want + "T"))
                tally[link]["wrong_fixed" if ok else "wrong_left"] += 1
                changes.append((i, link, "FIXED" if ok else "wrong", want, got, row))
    return {"tally": tally, "changes": changes, "rows": len(judged), "missing": sum(r["key"] not in now for r in judged)}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("batch", nargs="?", type=Path, default=audit.AUDIT / "facts-1.jsonl",
                        help="a reconciled facts batch (default: tests/audit/facts-1.jsonl)")
    parser.add_argument("--show", action="store_true", help="list every link that changed")
    args = parser.parse_args(argv)
    if not args.batch.is_file():
        parser.error(f"no such batch: {args.batch}")
    show = args.show
    judged = audit.read_jsonl(args.batch)
    out = recheck(judged)
    print(f"{out['rows']} judged facts, {out['missing']} claims no longer found")
    for link in LINKS:
        t = out["tally"][link]
        judged_n = sum(t.values())
        right_now = t["right_kept"] + t["wrong_fixed"]
        print(f"  {link:12} judged wrong {t['wrong_fixed'] + t['wrong_left']:3}, now right {t['wrong_fixed']:3}; "
              f"judged right {t['right_kept'] + t['right_changed']:3}, changed {t['right_changed']:3}; "
              f"right now >= {right_now}/{judged_n} = {right_now / judged_n:.2f}")
    if show:
        for i, link, what, want, got, row in out["changes"]:
            print(f"#{i} {link:12} {what:9} want={want!r} got={got!r}  [{row['surface']}]")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
