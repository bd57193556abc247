"""The object model at run time: one CRFsuite model per process, asked once per claim."""
from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ..errors import XinwenError
from .features import FEATURE_VERSION, NUMBER_FIRST, PUNCT, items, labels

MODEL_PATH = Path(__file__).resolve().parent / "model" / "objects.crfsuite"
# how much likelier (as a sequence probability) the model's object must be than the grammar's to
# replace it: measured on rounds held out of training (python -m extract.counted.train)
MARGIN = 0.2
# to empty the grammar's object (a level, a predicate: no noun counted); four folds over rounds 1-26:
# one judged row fewer right than with 0.2, three fewer broken (100级|台阶 is kept)
EMPTY_MARGIN = 0.6
RULE = "object.model"  # added to a claim's rule when its object is the model's
_NUMBER_GOES_ON = "多余"  # 1个|多亿: characters that carry the number on, opening no object


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
        # the items stay set in the tagger for the probabilities below
        best = tagger.tag(items(words, rule_len, candidate.unit, candidate.kind, self.tags))
        length = 0
        while length < len(best) and best[length] == "I":
            length += 1
        if length == rule_len or any(PUNCT.fullmatch(w) or NUMBER_FIRST.match(w) for w in words[rule_len:length]):
            return None  # 十多宗|举行|「|公众活动, 7家|机构|和|13个|工作站: the model adds no mark or number the grammar did not take
        if rule_len == 0 and words[0][:1] in _NUMBER_GOES_ON:
            return None  # 1个|多亿: the number goes on, nothing counted starts there (no judged row lost)
        if length > rule_len and length < len(words) and NUMBER_FIRST.match(words[length]):
            return None  # 22个省份|安排扶贫项目|41.55万个: a number after the added words makes them the predicate
        ours = tagger.probability(labels(len(words), length))
        theirs = tagger.probability(labels(len(words), rule_len))
        margin = self.empty_margin if length == 0 else self.margin
        return length if ours - theirs >= margin else None
