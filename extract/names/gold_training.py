"""Sentences of the names tuning splits (``tests/gold/tune*/``) as training data for the tagger
(``python -m extract.names.train --tuning-splits``; not in the shipped model, docs/names.md).

The public NER sets know organizations by other guides, and no public set labels programmes; the
tuning splits are news stories annotated blind by two readers per ``ANNOTATION.md`` (names only),
so they teach the contract's own extents. The dev gold, the test split and the newest tuning splits
are never read here: they are where the tagger is measured.

Each required organization of a document is labelled wherever its name occurs in the Simplified
text, longest first, without overlaps; a sentence holding an optional name, or a name that is only
part of a word, is left out, since either would teach a label the readers did not agree on. So is a
sentence holding a programme: labelled, they made the tagger name generic events and actions the
contract leaves out (春季运动会, 采取果断行动: docs/names.md), and unlabelled they would teach the opposite.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable, Iterator

from ..evaluate import load_gold
from ..normalize.aligned import AlignedText
from ..normalize.cleanup import unicode_cleanup
from .corpora import Sentence

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold"
# The tuning splits trained on. The newest two (tune13, tune14) stay out: they are where a tagger trained
# on these is measured, with the test split.
TRAIN_SPLITS = ("tune", "tune2", "tune3", "tune4", "tune5", "tune6", "tune7", "tune8", "tune9", "tune10",
                "tune11", "tune12")
LABELS = {"organization": "ORG"}  # programmes: the sentence is left out (see above)
SENTENCE_ENDS = "。！？\n"


def fold_width(text: str) -> str:
    """The text with the normalizer's width policy applied (ＡＢＣ -> ABC; Chinese punctuation stays)."""
    return AlignedText.identity(text).apply("unicode_cleanup", unicode_cleanup(text), record=False).text


def split_documents(splits: Iterable[str] = TRAIN_SPLITS, gold: Path = GOLD) -> Iterator[dict]:
    """The reconciled documents of each split present (``<split>/<split>.jsonl``), in split order."""
    for split in splits:
        path = gold / split / f"{split}.jsonl"
        if path.exists():
            yield from load_gold(path)


def document_sentences(document: dict) -> Iterator[Sentence]:
    """The sentences of one annotated document with their name spans (see the module docstring)."""
    text = fold_width(document.get("text_simplified") or document.get("text") or "")
    required, optional = [], []
    for mention in document.get("mentions", []):
        label = LABELS.get(mention.get("type"))
        name = mention.get("name") or ""
        if name:
            (required if label and not mention.get("optional") else optional).append((fold_width(name), label))
    spans = _spans(text, required)
    blocked = {i for name, _ in optional for start in _find(text, name) for i in range(start, start + len(name))}
    start = 0
    for end in range(len(text) + 1):
        if end < len(text) and text[end] not in SENTENCE_ENDS:
            continue
        inside = [(s - start, e - start, label) for s, e, label in spans if start <= s and e <= end]
        sentence = text[start:end]
        if sentence.strip() and not any(start <= i < end for i in blocked):
            yield sentence, inside
        start = end + 1


def _spans(text: str, names: list[tuple[str, str]]) -> list[tuple[int, int, str]]:
    """Every occurrence of the names, longest name first, none overlapping another."""
    taken: set[int] = set()
    spans = []
    for name, label in sorted(set(names), key=lambda item: (-len(item[0]), item)):
        for start in _find(text, name):
            places = range(start, start + len(name))
            if not taken.intersection(places):
                taken.update(places)
                spans.append((start, start + len(name), label))
    return sorted(spans)


def _find(text: str, name: str) -> Iterator[int]:
    start = text.find(name)
    while start >= 0:
        yield start
        start = text.find(name, start + 1)


def gold_sentences(splits: Iterable[str] = TRAIN_SPLITS, gold: Path = GOLD) -> list[Sentence]:
    """Every sentence of the splits' documents (see ``document_sentences``)."""
    return [sentence for document in split_documents(splits, gold) for sentence in document_sentences(document)]
