"""The learned name tagger: a linear-chain CRF (CRFsuite) over jieba words, loaded once per process.

Labels are BIO over words for organizations (ORG) and programmes (PRG). ``NameTagger.spans`` tags
one text's words sentence by sentence and returns each name with its probability: the least of the
CRF's marginals over the name's labels and the label after it (a name is only as sure as its
weakest word, and as its end).
"""
from __future__ import annotations

import functools
import json
from operator import itemgetter
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Sequence

from ..errors import XinwenError
from .features import FEATURE_VERSION, Lexicons, WordFeatures

MODEL_PATH = Path(__file__).resolve().parent / "model" / "names.crfsuite"
LABELS = {"ORG": "organization", "PRG": "program"}
_SENTENCE_END = set("。！？!?；;\n")
_IS_CUE = itemgetter(5)  # a word entry's cue flag (WordFeatures.entry)


class ModelError(XinwenError, RuntimeError):
    """A model file that is missing or was trained with other features."""


@dataclass(frozen=True)
class TaggedName:
    label: str  # "ORG" or "PRG"
    first: int  # index of its first word
    last: int  # index of its last word (inclusive)
    probability: float


def model_info(path: Path = MODEL_PATH) -> dict:
    """What the training script wrote beside the model: datasets, figures, feature version."""
    meta = path.with_suffix(".json")
    return json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}


def attributes_path(model: Path) -> Path:
    return model.with_suffix(".attributes")


def write_attributes(model: Path) -> int:
    """Write beside the model the attributes it has weights for (one a line): features it never
    saw are dropped from items before tagging, which changes no label and halves the look-ups."""
    import pycrfsuite

    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    names = sorted(tagger.info().attributes)
    attributes_path(model).write_text("".join(f"{name}\n" for name in names), encoding="utf-8")
    return len(names)


@functools.lru_cache(maxsize=4)
def _load(path: str):
    """One CRFsuite model per file per process, with the set of attributes it knows: every pipeline
    built in the process shares them."""
    import pycrfsuite

    info = model_info(Path(path))
    if not Path(path).exists():
        raise ModelError(f"name model not found: {path} (train it: python -m extract.names.train)")
    if info.get("feature_version") != FEATURE_VERSION:
        raise ModelError(f"name model {path} was trained with feature version {info.get('feature_version')},"
                         f" this code makes version {FEATURE_VERSION}: retrain it (python -m extract.names.train)")
    tagger = pycrfsuite.Tagger()
    tagger.open(path)
    listed = attributes_path(Path(path))
    if not listed.exists():
        raise ModelError(f"{listed} is missing: it is written with the model (python -m extract.names.train)")
    known = frozenset(line.encode("utf-8") for line in listed.read_text(encoding="utf-8").splitlines())
    return tagger, known


class NameTagger:
    def __init__(self, organizations: Mapping, programs: Mapping, tags: Mapping[str, str],
                 model_path: Path | str = MODEL_PATH):
        self.tagger, known = _load(str(model_path))
        self.features = WordFeatures(Lexicons(organizations, programs), tags, known)

    def sentences(self, words: Sequence[str]) -> list[tuple[int, int]]:
        """[start, end) word ranges of the sentences: a CRF sequence ends after a sentence mark."""
        breaks = [i for i, word in enumerate(words) if word in _SENTENCE_END or not word.strip()]
        out, start = [], 0
        for i in breaks:
            if i > start:
                out.append((start, i))
            start = i + 1
        if start < len(words):
            out.append((start, len(words)))
        return out

    def tag(self, words: Sequence[str]) -> list[TaggedName]:
        return self.tag_with_coverage(words)[0]

    def tag_with_coverage(self, words: Sequence[str]) -> tuple[list[TaggedName], list[tuple[int, int]]]:
        """The names, and the [start, end) word ranges the tagger looked at (where it found no name,
        it says there is none; elsewhere it did not look). A sentence is tagged whole or not at all:
        tagged in pieces, the chain decides a name's end without the words that close it."""
        names: list[TaggedName] = []
        seen: list[tuple[int, int]] = []
        entry, cached = self.features.entry, self.features.cached
        for start, end in self.sentences(words):
            sentence = words[start:end]
            # looked up once, for the cue test and the items; a known word without a call
            entries = [cached(word) or entry(word) for word in sentence]
            if any(map(_IS_CUE, entries)):  # a cue (WordFeatures.is_cue)
                names.extend(self._tag_sentence(sentence, entries, start))
                seen.append((start, end))
        return names, seen

    def _tag_sentence(self, sentence: Sequence[str], entries: list[tuple], offset: int) -> list[TaggedName]:
        tagger = self.tagger
        labels = tagger.tag(self.features.items(sentence, entries))
        n = len(labels)
        if labels.count("O") == n:  # no name: most sentences
            return []
        out = []
        i = 0
        while i < n:
            if labels[i] == "O":
                i += 1
                continue
            kind = labels[i][2:]
            inside = f"I-{kind}"
            j = i + 1
            while j < n and labels[j] == inside:
                j += 1
            probability = min(tagger.marginal(labels[k], k) for k in range(i, j))
            if j < n:
                probability = min(probability, 1.0 - tagger.marginal(inside, j))
            out.append(TaggedName(kind, offset + i, offset + j - 1, round(probability, 4)))
            i = j
        return out
