"""Draw the news stories annotated in tests/gold/ (a fixed, reproducible draw).

Run from the repository root: ``python tests/gold/draw.py ../shared/data/news``.
It prints one JSON object a line (doc_id, published, text) for the stories to
annotate; the annotated result lives in ``cctv.jsonl`` and ``taiwan.jsonl``.
Stories are preferred when they state numbers and dates, because those are the
mentions the gold set must exercise; length is bounded so one story can be
annotated by reading it whole.
"""
import gzip
import json
import random
import re
import sys
from pathlib import Path

SEED = 20261122
NUMBER = re.compile(r"[0-9０-９]+|[一二三四五六七八九十百千万亿两]+[个家场次名所件项条万亿]")
DATE = re.compile(r"[0-9一二三四五六七八九十〇○]+[年月日]|去年|今年|今日|近年|以来")


def candidates(path, text_field, min_len, max_len):
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        for line_no, line in enumerate(handle, start=1):
            record = json.loads(line)
            text = record[text_field]
            if not min_len <= len(text) <= max_len:
                continue
            if len(NUMBER.findall(text)) >= 3 and DATE.search(text):
                yield line_no, record


def draw(path, text_field, count, min_len, max_len, rng):
    pool = list(candidates(path, text_field, min_len, max_len))
    return rng.sample(pool, count)


def main(news_dir):
    news = Path(news_dir)
    rng = random.Random(SEED)
    for line_no, record in draw(news / "cctv-xwlb-stories.jsonl.gz", "text", 12, 250, 1200, rng):
        print(json.dumps({"doc_id": f"cctv-{record['id']}", "published": record["pub_time"],
                          "title": record["title"], "text": record["text"]}, ensure_ascii=False))
    for line_no, record in draw(news / "taiwan-news-2017-zh-hant.jsonl.gz", "content", 8, 250, 1200, rng):
        print(json.dumps({"doc_id": f"taiwan-{line_no}", "published": record["date"],
                          "title": record["title"], "text": record["content"]}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "../shared/data/news")
