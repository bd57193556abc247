"""What every matcher shares: span extensions, excluded zones, writing mentions to ``doc.spans``."""
from __future__ import annotations

import bisect
from itertools import accumulate
from typing import Iterable

import regex
from spacy.attrs import IDX, LENGTH, SPACY
from spacy.tokens import Doc, Span

from ..components import EXCLUDED_KEY, INDEX_KEY, MENTIONS_KEY, REFERENCE_KEY, TOKENS_KEY
from ..mention import Mention
from ..segment import PlainDoc


def reference_day(value) -> str:
    """A reference date given from Python (``Pipeline(reference_date=...)``, a component's config)
    as ``YYYY-MM-DD``, or "" when none is given. A value that is no calendar day (``2021-02-30``,
    ``yesterday``) would leave every relative date without a value, silently: it raises instead."""
    from ..normalize import iso_datetime

    if not value:
        return ""
    day = iso_datetime(str(value))[:10]
    if not day:
        raise ValueError(f"reference date {value!r} is not a calendar date; give the publish date as "
                         "YYYY-MM-DD, such as 2021-04-27")
    return day


def with_reference(component, reference_date: str):
    """``component`` that first gives the doc ``reference_date`` (a component's config), unless the
    doc already has one of its own (``doc.user_data[REFERENCE_KEY]``, set by ``Pipeline`` from the
    publish date or by the caller): so any xinwen component configured with a date lets
    ``xinwen_resolve`` give relative dates a value."""
    day = reference_day(reference_date)
    if not day:
        return component

    def referenced(doc: Doc) -> Doc:
        if not doc.user_data.get(REFERENCE_KEY):
            doc.user_data[REFERENCE_KEY] = day
        return component(doc)

    return referenced


class TokenTable:
    """Each spaCy token's start, end and trailing-space flag as plain lists, read once from
    ``Doc.to_array``: matchers visit tokens many times a document, and every ``Token`` object made
    on the way costs more than the test it serves."""

    __slots__ = ("text", "starts", "ends", "spaced")

    def __init__(self, doc: Doc | PlainDoc):
        self.text = doc.text
        if isinstance(doc, PlainDoc):  # the offsets a Doc gives its tokens: each word, then its space
            lengths = [len(word) + space for word, space in zip(doc.words, doc.spaces)]
            self.starts: list[int] = [0, *accumulate(lengths)][:-1]
            self.ends: list[int] = [start + len(word) for start, word in zip(self.starts, doc.words)]
            self.spaced: list[bool] = list(doc.spaces)
            return
        table = doc.to_array([IDX, LENGTH, SPACY]).reshape(-1, 3)
        self.starts = table[:, 0].tolist()
        self.ends = (table[:, 0] + table[:, 1]).tolist()
        self.spaced = table[:, 2].astype(bool).tolist()

    def __len__(self) -> int:
        return len(self.starts)

    def starting_at(self, k: int) -> int | None:
        """The index of the token starting at character ``k`` (the last, should two), else None."""
        i = bisect.bisect_right(self.starts, k) - 1
        return i if i >= 0 and self.starts[i] == k else None

    def word(self, i: int) -> str:
        return self.text[self.starts[i]:self.ends[i]]

    def covering(self, k: int) -> int:
        """The index of the token character ``k`` belongs to (the one before, in a gap)."""
        return max(0, bisect.bisect_right(self.starts, k) - 1)

    def ends_word(self, end: int) -> bool:
        """Does a token end at character ``end`` (the character before it is a word's last)?"""
        return self.ends[self.covering(end - 1)] == end


def token_table(doc: Doc) -> TokenTable:
    """The doc's ``TokenTable``, made on first use and kept in ``doc.user_data``."""
    table = doc.user_data.get(TOKENS_KEY)
    if table is None:
        table = doc.user_data[TOKENS_KEY] = TokenTable(doc)
    return table


def _span_mention(span: Span):
    return span.doc.user_data.get(INDEX_KEY, {}).get((span.label_, span.start, span.end))


def _span_rule(span: Span):
    mention = _span_mention(span)
    return mention.rule if mention is not None else None


def _span_fields(span: Span):
    mention = _span_mention(span)
    return dict(mention.fields) if mention is not None else None


def ensure_extensions() -> None:
    """Registered when a component is created (not at import): ``span._.mention`` (the exact
    Mention), ``span._.rule`` (the rule id) and ``span._.fields`` (its normalized fields as a dict).
    An extension a user registered under the same name first is left alone.

    Getters, not stored values: spaCy keys stored span extensions by offsets alone, so a date and a
    number over the same characters would overwrite each other's value."""
    for name, getter in (("mention", _span_mention), ("rule", _span_rule), ("fields", _span_fields)):
        if not Span.has_extension(name):
            Span.set_extension(name, getter=getter)


def write_mentions(doc: Doc | PlainDoc, key: str, mentions: Iterable[Mention]) -> None:
    """Keep the exact mentions in ``doc.user_data`` and token-aligned spans in ``doc.spans[key]``
    (a ``PlainDoc`` keeps the mentions there: it has no spans, nor the index their getters read)."""
    kept, spans = _token_aligned(doc, mentions)
    doc.user_data.setdefault(MENTIONS_KEY, {})[key] = kept
    if isinstance(doc, PlainDoc):
        doc.spans[key] = kept
        return
    index = {k: v for k, v in doc.user_data.get(INDEX_KEY, {}).items() if k[0] != key}
    index.update(((key, first, end), mention) for mention, (first, end) in zip(kept, spans))
    doc.user_data[INDEX_KEY] = index
    label = doc.vocab.strings.add(key)  # the label's id, looked up once rather than per span
    doc.spans[key] = [Span(doc, first, end, label=label) for first, end in spans]


def _token_aligned(doc: Doc | PlainDoc, mentions: Iterable[Mention]) -> tuple[list[Mention], list[tuple[int, int]]]:
    """The mentions, in text order, that fall on tokens outside the excluded zones, and the
    [first, end) token range of each."""
    kept, spans = [], []
    excluded = doc.user_data.get(EXCLUDED_KEY, ())
    zones = SpanSet(excluded) if excluded else None
    tokens = token_table(doc)
    starts, ends, size = tokens.starts, tokens.ends, len(doc.text)
    for mention in sorted(mentions, key=_offsets) if starts else ():
        start, end = mention.start, mention.end
        if end > size or (zones is not None and zones.overlaps(start, end)):
            continue
        # the tokens the mention touches (spaCy's char_span with alignment "expand", by bisection)
        first, last = tokens.covering(start), tokens.covering(end - 1)
        if ends[first] <= start:
            first += 1  # the mention starts in the gap after a token
        if first > last:
            continue
        kept.append(mention)
        spans.append((first, last + 1))
    return kept, spans


def _offsets(mention: Mention) -> tuple[int, int]:
    return mention.start, mention.end


def mentions_of(doc: Doc, key: str) -> list[Mention]:
    return list(doc.user_data.get(MENTIONS_KEY, {}).get(key, []))


def token_index_at(doc: Doc, char: int) -> int | None:
    """Index of the token starting exactly at ``char``, else None."""
    return token_table(doc).starting_at(char) if char < len(doc.text) else None


def longest_first(words: Iterable[str]) -> list[str]:
    return sorted(set(words), key=lambda w: (-len(w), w))


class SpanSet:
    """Disjoint half-open spans kept in order: "does [start, end) touch any?" in log time. Matchers
    ask it for every candidate; scanning a list instead made a 1 MB document quadratic."""

    __slots__ = ("_starts", "_ends")

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in sorted(spans):  # in order, each add appends or merges with the last
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect.bisect_right(self._starts, start) - 1
        if i >= 0 and self._ends[i] > start:
            return True
        return i + 1 < len(self._starts) and self._starts[i + 1] < end

    def add(self, start: int, end: int) -> None:
        """Add a span, merged with any it overlaps or touches."""
        i = bisect.bisect_right(self._starts, start)
        if i > 0 and self._ends[i - 1] >= start:
            i -= 1
            start, end = self._starts[i], max(end, self._ends[i])
            del self._starts[i], self._ends[i]
        while i < len(self._starts) and self._starts[i] <= end:
            end = max(end, self._ends[i])
            del self._starts[i], self._ends[i]
        self._starts.insert(i, start)
        self._ends.insert(i, end)


def longest_non_overlapping(mentions: Iterable[Mention]) -> list[Mention]:
    """The longest mentions first (then the earliest), each kept unless it overlaps one kept; in
    text order."""
    chosen: list[Mention] = []
    taken = SpanSet()
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not taken.overlaps(mention.start, mention.end):
            taken.add(mention.start, mention.end)
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def index_words(words: Iterable[str], at: int = 0) -> dict[str, list[str]]:
    """Words grouped by their first (``at=0``) or last (``at=-1``) character, longest first in each
    group: a look-up at one position tries a handful of words, not the whole lexicon."""
    index: dict[str, list[str]] = {}
    for word in longest_first(words):
        if word:
            index.setdefault(word[at], []).append(word)
    return index


def alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first so the longest word wins."""
    return "|".join(regex.escape(w) for w in longest_first(words))
