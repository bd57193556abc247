"""The words the facts linker reads: jieba's words of a document with their dictionary tags, and
the two word classes its rules test (a word of a noun phrase, a verb)."""
from __future__ import annotations

import operator
import re
from typing import Mapping, NamedTuple, Sequence

from ..matchers.base import token_table

_WHITESPACE = re.compile(r"\s")


class Word(NamedTuple):
    """A jieba word of the text (a tuple: a document has thousands, made at every link call)."""

    start: int
    end: int
    text: str
    tag: str  # jieba's dictionary tag; "" for a word the dictionary does not know


def nounish(word: Word) -> bool:
    """A word that can be part of a noun phrase: nouns, verbal/adjectival nouns, distinguishing
    words, abbreviations, place words, letters, and Han words the dictionary does not know."""
    tag = word.tag
    if not tag:
        return any("\u4e00" <= ch <= "\u9fff" for ch in word.text) or word.text.isalpha()
    return tag[0] in "nbjgzs" or tag in ("vn", "an", "eng") or tag == "a"


def verbish(word: Word) -> bool:
    return word.tag.startswith("v") and word.tag != "vn"


class WordList(Sequence):
    """The words of a text as two offset lists; ``Word``s (with their tags) are made on access."""

    def __init__(self, text: str, starts: list[int], ends: list[int], tags: Mapping[str, str]):
        self.text, self.starts, self.ends, self.tags = text, starts, ends, tags
        self._made: list[Word | None] = [None] * len(starts)  # clauses overlap: make each word once

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):  # a run of words (TextView.words_in), made in one call
            made = self._made[i]
            if None in made:
                first, _, step = i.indices(len(self))
                made = [w if w is not None else self._make(first + n * step) for n, w in enumerate(made)]
            return made
        made = self._made[i]
        return made if made is not None else self._make(i)

    def _make(self, i: int) -> Word:
        start, end = self.starts[i], self.ends[i]
        word = self.text[start:end]
        made = self._made[i] = Word(start, end, word, self.tags.get(word, ""))
        return made


def word_starts(words: Sequence[Word]) -> list[int]:
    """Where each word starts (a ``WordList`` has them already)."""
    return words.starts if isinstance(words, WordList) else [w.start for w in words]


def words_of(doc, tags: Mapping[str, str]) -> WordList:
    """The spaCy ``Doc``'s jieba words (its ``TokenTable``, whitespace tokens left out) with
    their dictionary tags ``tags``, made into ``Word``s only when a rule looks at them."""
    tokens = token_table(doc)
    text = doc.text
    if 0 in map(operator.sub, tokens.ends, tokens.starts):  # an empty token (none of ours): the slow way
        kept = [i for i, (start, end) in enumerate(zip(tokens.starts, tokens.ends))
                if end > start and not text[start:end].isspace()]
        return WordList(text, [tokens.starts[i] for i in kept], [tokens.ends[i] for i in kept], tags)
    # a whitespace token begins with whitespace: only those tokens need a look
    dropped = {i for i in (tokens.starting_at(m.start()) for m in _WHITESPACE.finditer(text))
               if i is not None and text[tokens.starts[i]:tokens.ends[i]].isspace()}
    return WordList(text, _without(tokens.starts, dropped), _without(tokens.ends, dropped), tags)


def _without(values: list[int], dropped: set[int]) -> list[int]:
    """``values`` less the items at the indices ``dropped``, copied in slices between them."""
    out, after = [], 0
    for i in sorted(dropped):
        out.extend(values[after:i])
        after = i + 1
    out.extend(values[after:])
    return out


def index_after(words: Sequence[Word], pos: int) -> int:
    """The index of the first of ``words`` that starts at ``pos`` or later."""
    for k, w in enumerate(words):
        if w.start >= pos:
            return k
    return len(words)
