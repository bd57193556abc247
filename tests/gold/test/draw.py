"""Draw the held-out test split (tests/gold/test/): news no rule was written against.

Run from the repository root: ``python tests/gold/test/draw.py ../shared/data/news > draw.jsonl``.
A fixed, reproducible draw, disjoint from the dev gold (tests/gold/*.jsonl): CCTV stories spread
over the years 2012-2026 (24 of two a year), Taiwan articles spread over the outlets' categories. Unlike
the dev draw, stories are not chosen for their numbers: any story of bounded length may come out,
so the split shows the pipeline on news as it comes. The stories were annotated from this output,
blind, before the pipeline ever ran on them; no rule or lexicon entry is written from them.
"""
import gzip
import json
import random
import sys
from collections import defaultdict
from pathlib import Path

SEED = 20261206
MIN_LEN, MAX_LEN = 200, 1100


def dev_ids(gold_dir: Path) -> set[str]:
    ids = set()
    for path in gold_dir.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                ids.add(json.loads(line)["doc_id"])
    return ids


def cctv(path: Path, skip: set[str], rng: random.Random, count: int = 24) -> list[dict]:
    by_year = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for record in map(json.loads, handle):
            doc_id = f"cctv-{record['id']}"
            if doc_id in skip or not MIN_LEN <= len(record["text"]) <= MAX_LEN:
                continue
            by_year[record["pub_time"][:4]].append({"doc_id": doc_id, "published": record["pub_time"],
                                                   "title": record["title"], "text": record["text"]})
    drawn = []
    for year in sorted(by_year):
        if "2012" <= year <= "2026":
            drawn += rng.sample(by_year[year], min(2, len(by_year[year])))
    return sorted(rng.sample(drawn, count), key=lambda doc: doc["published"])


def taiwan(path: Path, skip: set[str], rng: random.Random, count: int = 16) -> list[dict]:
    by_category = defaultdict(list)
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line_no, record in enumerate(map(json.loads, handle), start=1):
            doc_id = f"taiwan-{line_no}"
            if doc_id in skip or not MIN_LEN <= len(record["content"]) <= MAX_LEN:
                continue
            by_category[record["category"]].append({"doc_id": doc_id, "published": record["date"],
                                                    "title": record["title"], "text": record["content"]})
    categories = sorted(by_category, key=lambda c: (-len(by_category[c]), c))[:count]
    return [rng.choice(by_category[c]) for c in categories]


def main(news_dir: str, seed: int = SEED, cctv_count: int = 24, taiwan_count: int = 16,
         skip_folders: tuple[str, ...] = ()) -> None:
    """Print the draw; other splits (tests/gold/draw_tuning.py) draw the same way with their own seed,
    sizes and the folders of gold they must stay out of."""
    news = Path(news_dir)
    gold = Path(__file__).resolve().parent.parent
    skip = dev_ids(gold).union(*(dev_ids(gold / folder) for folder in skip_folders))
    rng = random.Random(seed)
    for doc in cctv(news / "cctv-xwlb-stories.jsonl.gz", skip, rng, cctv_count) + \
            taiwan(news / "taiwan-news-2017-zh-hant.jsonl.gz", skip, rng, taiwan_count):
        print(json.dumps(doc, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news")
