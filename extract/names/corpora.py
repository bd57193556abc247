"""The public NER training sets of ``../shared/data/ner/`` as (text, organization spans).

Only the ``*-train`` files are read here: the ``*-dev`` files are where the tagger is measured
(``benchmarks/ner_orgs.py``). Each file is one JSON object a sentence. MSRA, People's Daily 1998,
Resume and Weibo carry ``orgs`` (end exclusive); CLUENER's train keeps its own schema (``label``:
type -> entity -> inclusive ``[start, end]``), whose organization, company and government types are
organizations in our contract. Digits and Latin letters are folded to half width (MSRA has them
full width), as normalized news text has them.
"""
from __future__ import annotations

import gzip
import json
import unicodedata
from pathlib import Path
from typing import Iterator

# file name -> where it came from and on what terms (the README's model section repeats this)
TRAIN_FILES = {
    "msra-train.jsonl.gz": "MSRA NER (SIGHAN 2006 bakeoff-3), research use",
    "peoples-daily-199801-train.jsonl.gz": "People's Daily January 1998 (PKU-ICL), free for research",
    "cluener2020-train.jsonl": "CLUENER2020 (CLUE benchmark), research use",
    "resume-train.jsonl.gz": "Resume NER (Zhang & Yang 2018), cite the paper",
    "weibo-train.jsonl.gz": "Weibo NER (Peng & Dredze 2015), cite the paper",
}
CLUENER_ORG_TYPES = ("organization", "company", "government")

Sentence = tuple[str, list[tuple[int, int, str]]]  # text, [(start, end, label)]


def _open(path: Path):
    return gzip.open(path, "rt", encoding="utf-8") if path.suffix == ".gz" else open(path, encoding="utf-8")


def fold_width(text: str) -> str:
    """Full-width ASCII to half width, character by character (offsets do not move)."""
    return "".join(unicodedata.normalize("NFKC", c) if "\uff01" <= c <= "\uff5e" else c for c in text)


def read_train_file(path: Path) -> Iterator[Sentence]:
    with _open(path) as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            text = fold_width(record["text"])
            if "orgs" in record:
                spans = [(s, e, "ORG") for s, e in record["orgs"]]
            else:
                spans = [(s, e + 1, "ORG") for kind in CLUENER_ORG_TYPES
                         for positions in record.get("label", {}).get(kind, {}).values() for s, e in positions]
            yield text, sorted(set(spans))


def read_training_sets(data_dir: Path, limit: int | None = None) -> dict[str, list[Sentence]]:
    """Every training file present under ``data_dir``, at most ``limit`` sentences each."""
    out = {}
    for name in TRAIN_FILES:
        path = data_dir / name
        if path.exists():
            sentences = []
            for sentence in read_train_file(path):
                if limit is not None and len(sentences) >= limit:
                    break
                sentences.append(sentence)
            out[name] = sentences
    return out
