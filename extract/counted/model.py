"""The object model at run time: one CRFsuite model per process, asked once per claim."""
from __future__ import annotations

import functools
import json
from pathlib import Path
from dataclasses import dataclass
from typing import Mapping, Sequence

from ..errors import XinwenError
from .features import FEATURE_VERSION, NUMBER_FIRST, PUNCT, items, labels

MODEL_PATH = Path(__file__).resolve().parent / "model" / "objects.crfsuite"
# how much likelier (as a sequence probability) the model's object must be than the grammar's to
# replace it: measured on rounds held out of training (python -m extract.counted.train)
MARGIN = 0.2
EMPTY_MARGIN = 0.6  # to empty the grammar's object (a level, a predicate: no noun counted); 4-fold over rounds 1-26: as good as 0.2, 3 fewer broken
RULE = "object.model"
_NUMBER_GOES_ON = "多余"  # added to a claim's rule when its object is the model's


class ObjectModelError(XinwenError, RuntimeError):
    """A model file that is missing or was trained with other features."""


def model_info(path: Path = MODEL_PATH) -> dict:
    meta = path.with_suffix(".json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}


@functools.lru_cache(maxsize=4)
def _load(path: str):
    import pycrfsuite

    if not Path(path).exists():
        raise ObjectModelError(f"object model not found: {path} (train it: python -m extract.counted.train)")
    version = model_info(Path(path)).get("feature_version")
    if version != FEATURE_VERSION:
        raise ObjectModelError(f"object model {path} was trained with feature version {version}, this code makes"
                               f" version {FEATURE_VERSION}: retrain it (python -m extract.counted.train)")
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    return tagger


@dataclass(frozen=True)
class Candidate:
    """A claim's object to decide: the words after the claim (from ``pos``), and the grammar's answer
    as a number of those words."""
    pos: int
    words: Sequence[str]
    options: Sequence[str]  # the objects it may have, as written: "" and each run of words from pos
    rule_len: int
    unit: str
    kind: str


class ObjectModel:
    """Where the counted noun ends, by the model, given the grammar's answer."""

    def __init__(self, tags: Mapping[str, str], path: Path | str = MODEL_PATH, margin: float = MARGIN):
        self.tagger = _load(str(path))  # fails here, not on the first document, when the file is missing
        self.tags = tags
        self.margin = margin
        self.empty_margin = EMPTY_MARGIN

    def choose(self, candidate: Candidate) -> int | None:
        """The object's length in words when the model overrides the grammar's, else None."""
        words, rule_len = candidate.words, candidate.rule_len
        if not words or rule_len == 0 and PUNCT.fullmatch(words[0]):
            return None  # nothing to cut, and a mark first: nothing it may add (45% of claims, not tagged)
        tagger = self.tagger
        best = tagger.tag(items(words, rule_len, candidate.unit, candidate.kind, self.tags))  # the xseq stays set for probability
        length = 0
        while length < len(best) and best[length] == "I":
            length += 1
        if length == rule_len or any(PUNCT.fullmatch(w) or NUMBER_FIRST.match(w) for w in words[rule_len:length]):
            return None  # 十多宗|举行|「|公众活动, 7家|机构|和|13个|工作站: the model adds no mark or number the grammar did not take
        if rule_len == 0 and words[0][:1] in _NUMBER_GOES_ON:
            return None  # 1个|多亿: the number goes on, nothing counted starts there (no judged row lost)
        ours = tagger.probability(labels(len(words), length))
        theirs = tagger.probability(labels(len(words), rule_len))
        margin = self.empty_margin if length == 0 else self.margin
        return length if ours - theirs >= margin else None
