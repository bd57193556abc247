"""Agreement of the two blind annotators of the test split: F1 of one against the other, per type.

Run from the repository root: ``python tests/gold/test/agreement.py``. Annotator 1's file is taken
as the reference and annotator 2's mentions (optional ones included) as the predictions, scored by
``extract.evaluate`` exactly as the pipeline is scored against the reconciled gold; the figure is
the same (up to optional mentions) with the roles swapped.
"""
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from extract.evaluate import TYPES, evaluate, load_gold  # noqa: E402


def as_rows(docs: list[dict]) -> dict[str, list[dict]]:
    rows: dict[str, list[dict]] = {t: [] for t in TYPES}
    for doc in docs:
        for m in doc["mentions"]:
            rows[m["type"]].append({**m, "doc_id": doc["doc_id"], "name": m.get("name", m["surface"])})
    return rows


def main() -> None:
    print(f"{'batch':<6} {'type':<13} {'P':>6} {'R':>6} {'F1':>6}")
    for batch in ("A", "B"):
        one = load_gold(HERE / "annotators" / f"{batch}1.jsonl")
        two = load_gold(HERE / "annotators" / f"{batch}2.jsonl")
        report = evaluate(one, as_rows(two))
        for kind in TYPES:
            s = report["types"][kind]["strict"]
            print(f"{batch:<6} {kind:<13} {s['precision']:6.3f} {s['recall']:6.3f} {s['f1']:6.3f}")


if __name__ == "__main__":
    main()
