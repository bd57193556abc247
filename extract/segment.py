"""Segmentation: a spaCy ``zh`` pipeline whose tokenizer is a private jieba tokenizer.

spaCy's own jieba mode uses jieba's module-level tokenizer (global state shared with every other
user of jieba in the process); here each pipeline owns a ``jieba.Tokenizer`` fed with the words
the rules need kept whole (organization names, programme heads, units), so segmentation never
splits a name a matcher needs. ``doc.text`` always equals the input.
"""
from __future__ import annotations

import logging
from typing import Iterable

import jieba
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

jieba.setLogLevel(logging.WARNING)


class JiebaTokenizer:
    def __init__(self, vocab, user_words: Iterable[str] = ()):
        self.vocab = vocab
        self.jieba = jieba.Tokenizer()
        self.jieba.initialize()
        for word in sorted(set(user_words)):
            if word and not word.isspace():
                self.jieba.add_word(word)

    def __call__(self, text: str) -> Doc:
        words = [w for w in self.jieba.cut(text, cut_all=False, HMM=True) if w]
        words, spaces = get_words_and_spaces(words, text)
        return Doc(self.vocab, words=words, spaces=spaces)

    # spaCy serialisation hooks: the tokenizer is rebuilt from rules, nothing to save.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self


def user_words(rules) -> list[str]:
    """Words from every rule family that declares ``segmenter_words`` or a lexicon of names."""
    words: list[str] = []
    for family in rules.families.values():
        words.extend(family.get("segmenter_words", []))
    return words


def word_tags(tokenizer: "JiebaTokenizer", tagged_words: dict[str, str] | None = None) -> dict[str, str]:
    """jieba's dictionary part-of-speech tags (``n``, ``v``, ``ns`` ...) for a cheap look-up of a
    token's usual class, plus the rules' own words. Unknown words are absent (callers decide)."""
    tags: dict[str, str] = {}
    with tokenizer.jieba.get_dict_file() as handle:
        for raw in handle:
            parts = raw.decode("utf-8").split()
            if len(parts) == 3:
                tags[parts[0]] = parts[2]
    tags.update(tagged_words or {})
    return tags
