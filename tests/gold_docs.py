"""The gold documents as pipeline input: ``path`` entries are read from the repository."""
from __future__ import annotations

import json
from pathlib import Path

from extract.evaluate import load_gold

GOLD_DIR = Path(__file__).resolve().parent / "gold"
ROOT = GOLD_DIR.parent.parent


def gold_files() -> list[Path]:
    return sorted(GOLD_DIR.glob("*.jsonl"))


def gold_documents() -> list[dict]:
    return [doc for path in gold_files() for doc in load_gold(path)]


def raw_text(doc: dict) -> str:
    return doc["text"] if "text" in doc else (ROOT / doc["path"]).read_text(encoding="utf-8")


def write_input(docs: list[dict], path: Path) -> Path:
    with open(path, "w", encoding="utf-8") as handle:
        for doc in docs:
            handle.write(json.dumps({"id": doc["doc_id"], "text": raw_text(doc),
                                     "published": doc.get("published") or ""}, ensure_ascii=False) + "\n")
    return path


if __name__ == "__main__":
    import sys

    out = Path(sys.argv[1] if len(sys.argv) > 1 else "outputs/gold_input.jsonl")
    out.parent.mkdir(parents=True, exist_ok=True)
    write_input(gold_documents(), out)
    with open(out.with_name("gold.jsonl"), "w", encoding="utf-8") as handle:
        for path in gold_files():
            handle.write(path.read_text(encoding="utf-8"))
