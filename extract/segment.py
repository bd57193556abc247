"""Segmentation: a spaCy ``zh`` pipeline whose tokenizer is a private jieba-compatible segmenter.

spaCy's own jieba mode uses jieba's module-level tokenizer (global state shared with every other
user of jieba in the process); here each pipeline owns its segmenter, fed with the words the rules
need kept whole (organization names, programme heads, units), so segmentation never splits a name a
matcher needs. ``doc.text`` always equals the input.

Two backends share one source of truth, jieba's dictionary file and the rules' user words:

- ``jieba`` — the reference: a private ``jieba.Tokenizer`` (pure Python).
- ``rjieba`` (the default) — the jieba-rs binding, loaded word by word from the same dictionary
  file, then given the same user words in the same order. Same algorithm (prefix DAG,
  max-probability route, HMM for unknown runs), compiled. ``benchmarks/segmenter_agreement.py``
  measures how often it agrees with jieba.
"""
from __future__ import annotations

import bisect
import functools
import logging
import re
from contextlib import contextmanager
from itertools import accumulate
from typing import TYPE_CHECKING, Iterable, Iterator, Mapping

import jieba
from spacy.tokens import Doc
from spacy.util import get_words_and_spaces

from .components import WORDS_KEY
from .errors import XinwenError

if TYPE_CHECKING:
    from .rules import RuleBook

SEGMENTERS = ("jieba", "rjieba")
# rjieba cuts exactly like jieba on all but 2 of 74,545 CCTV stories (benchmarks/segmenter_agreement.py)
# and gives the same tables on tests/gold/ (tests/test_batch.py), about ten times faster.
DEFAULT_SEGMENTER = "rjieba"


class SegmenterError(XinwenError, ValueError):
    """A segmenter that cannot be used (unknown name, backend not installed)."""


class TextDoc(Doc):
    """A ``Doc`` that remembers its text.

    spaCy rebuilds ``Doc.text`` from every token on each access; the matchers read it many times per
    document, which made that join the single largest cost of a run. The text of a tokenized doc
    never changes (merging or splitting tokens keeps it), so it is kept once, per doc: ``text``, the
    text the ``words`` and ``spaces`` spell."""

    def __init__(self, vocab, words=None, spaces=None, *, text: str | None = None, **kwargs):
        super().__init__(vocab, words=words, spaces=spaces, **kwargs)
        self._text = text

    @property
    def text(self) -> str:
        return self._text if self._text is not None else Doc.text.__get__(self)

    @property
    def text_with_ws(self) -> str:
        return self.text


class PlainDoc:
    """What the components read and write of a ``Doc``, without spaCy's ``Doc``: the text, the
    tokens' words and space flags (a ``TokenTable`` is made from them), ``user_data`` and ``spans``
    (each type's kept mentions, as ``write_mentions`` leaves them). ``Pipeline.process`` runs the
    components over one: a Doc makes a lexeme for every word it has not met, with two dozen
    attributes and strings no component reads, which cost more than the cut itself (0.6 s of
    1.1 s on 2,000 CCTV stories). ``Pipeline.annotate`` makes the real Doc, for spaCy users."""

    __slots__ = ("text", "words", "spaces", "user_data", "spans")

    def __init__(self, text: str, words: list[str], spaces: list[bool]):
        self.text, self.words, self.spaces = text, words, spaces
        self.user_data: dict = {}
        self.spans: dict = {}


class _JiebaBackend:
    def __init__(self, dictionary: jieba.Tokenizer, words: list[str]):
        self.tokenizer = dictionary
        with _quiet(jieba.default_logger):
            self.tokenizer.initialize()
        for word in words:
            self.tokenizer.add_word(word)

    def cut(self, text: str) -> list[str]:
        return [w for w in self.tokenizer.cut(text, cut_all=False, HMM=True) if w]


@contextmanager
def _quiet(logger: logging.Logger):
    """``logger`` at WARNING for the block, then at its own level again: jieba logs each dictionary
    it loads at DEBUG, to stderr, which would land in every run's output. Only for the load, so a
    caller's own use of jieba logs as it always did."""
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def dictionary_lines(dictionary: jieba.Tokenizer) -> Iterator[list[str]]:
    """jieba's dictionary file, each line split into its fields (word, frequency, tag). The file is
    decoded in one piece; the lines are split one at a time (kept all at once, their 349,000 lists
    would make the garbage collector walk them again and again)."""
    with dictionary.get_dict_file() as handle:
        text = handle.read().decode("utf-8")
    for line in text.split("\n"):
        yield line.split()


class _RJiebaBackend:
    def __init__(self, dictionary: jieba.Tokenizer, words: list[str]):
        import rjieba

        self.tokenizer = rjieba.Jieba.empty()
        self.tags: dict[str, str] = {}  # the dictionary's part-of-speech tags, read in the same pass (word_tags)
        add_word = self.tokenizer.add_word
        for parts in dictionary_lines(dictionary):
            if len(parts) >= 2:
                add_word(parts[0], int(parts[1]), parts[2] if len(parts) > 2 else None)
                if len(parts) == 3:
                    self.tags[parts[0]] = parts[2]
        for word in words:
            self.tokenizer.add_word(word, None, None)

    def cut(self, text: str) -> list[str]:
        words = self.tokenizer.cut(text, True)
        if not _SPLITTABLE.search(text):  # no ASCII run to split: most texts
            return [w for w in words if w]
        out: list[str] = []
        for word in words:
            if len(word) > 1 and word.isascii() and _ASCII_RUN.fullmatch(word) and not _ALNUM.fullmatch(word) \
                    and not self.tokenizer.has_word(word):
                out.extend(w for w in _JIEBA_SKIP.split(word) if w)
            elif word:
                out.append(word)
        return out


# jieba-rs joins an ASCII run such as ``1-5`` or ``TD-LTE`` that jieba (0.42, whose Han-block pattern
# includes ``-``) hands to its HMM, which splits off everything but letters, digits, decimals and a
# trailing ``%``. The same split, applied to such runs when they are not dictionary words:
_ASCII_RUN = re.compile(r"[A-Za-z0-9+#&._%\-]+")
_ALNUM = re.compile(r"[A-Za-z0-9]+(?:\.[0-9]+)?%?")
_JIEBA_SKIP = re.compile(r"([A-Za-z0-9]+(?:\.[0-9]+)?%?)")
_SPLITTABLE = re.compile(r"[+#&._%\-]")  # a run that is not plain letters and digits holds one of these
_WHITESPACE = re.compile(r"\s")


_BACKENDS = {"jieba": _JiebaBackend, "rjieba": _RJiebaBackend}


def check_segmenter(name: str) -> None:
    """Raise ``SegmenterError`` now, with a message, if ``name`` cannot be used here."""
    if name not in _BACKENDS:
        raise SegmenterError(f"unknown segmenter {name!r}: choose one of {', '.join(SEGMENTERS)}")
    if name == "rjieba":
        try:
            import rjieba  # noqa: F401
        except ImportError as exc:
            raise SegmenterError("--segmenter rjieba needs the rjieba package: pip install rjieba") from exc


def make_segmenter(name: str = DEFAULT_SEGMENTER, words: Iterable[str] = ()):
    """A segmenter (``.cut(text) -> list[str]``) over jieba's dictionary plus ``words``."""
    check_segmenter(name)
    return _BACKENDS[name](jieba.Tokenizer(), _clean_words(words))


def _clean_words(words: Iterable[str]) -> list[str]:
    return [w for w in sorted(set(words)) if w and not w.isspace()]


class WordSpans:
    """Where each word of the segmentation starts and ends, kept as plain offsets when the text is
    cut: components ask "is this a word boundary?" and "which word covers this character?"
    thousands of times a document, and walking spaCy tokens for that costs more than the cut."""

    __slots__ = ("starts", "ends", "_starts")

    def __init__(self, pieces: Iterable[str]):
        self._starts: list[int] = [0, *accumulate(map(len, pieces))]
        self.starts = set(self._starts[:-1])
        self.ends = set(self._starts[1:])

    def span(self, k: int) -> tuple[int, int] | None:
        """(start, end) of the word holding character ``k``, None outside the text."""
        i = bisect.bisect_right(self._starts, k) - 1
        if i < 0 or i >= len(self._starts) - 1:
            return None
        return self._starts[i], self._starts[i + 1]

    def within(self, start: int, end: int) -> Iterator[tuple[int, int]]:
        """(start, end) of each word that lies whole in [start, end)."""
        bounds = self._starts
        for i in range(bisect.bisect_left(bounds, start), len(bounds) - 1):
            if bounds[i + 1] > end:
                break
            yield bounds[i], bounds[i + 1]


def word_spans(doc) -> WordSpans:
    """The segmenter's word spans (kept by the tokenizer), or read off the tokens of a doc made
    some other way."""
    spans = doc.user_data.get(WORDS_KEY)
    if spans is None:
        spans = WordSpans(doc.text[t.idx:t.idx + len(t.text_with_ws)] for t in doc)
    return spans


def words_and_spaces(pieces: list[str], text: str) -> tuple[list[str], list[bool]]:
    """spaCy's ``get_words_and_spaces`` for pieces that tile the text exactly (what the segmenters
    return): the same words and space flags, in one pass. spaCy's version searches the rest of the
    text for every word, which copies it each time and grows with the square of a document's length.

    Only a piece that begins with whitespace can change what is around it (it is skipped, joins a
    gap token or gives the word before it its space flag); the runs of pieces between two such are
    copied as they are, in bulk, which is most of a news text."""
    if "" in pieces:
        pieces = [p for p in pieces if p]  # an empty piece changes nothing
    offsets = [0, *accumulate(map(len, pieces))]
    special = _led_by_whitespace(text, offsets)
    words: list[str] = []
    spaces: list[bool] = []
    text_pos = i = 0
    for k in special + [len(pieces)]:
        if i < k:  # pieces[i:k] begin with no whitespace: each is a word, only the last may take a space
            if offsets[i] > text_pos:  # the whitespace between two words is a token of its own
                words.append(text[text_pos:offsets[i]])
                spaces.append(False)
            words.extend(pieces[i:k])
            spaces.extend([False] * (k - i))
            text_pos = _space_after(text, offsets[k], spaces)
        if k < len(pieces):
            text_pos = _special_piece(text, offsets[k], offsets[k + 1], text_pos, words, spaces)
        i = k + 1
    if text_pos < len(text):
        words.append(text[text_pos:])
        spaces.append(False)
    return words, spaces


def _led_by_whitespace(text: str, offsets: list[int]) -> list[int]:
    """The pieces (by index; ``offsets`` are where each begins, then the text's end) that begin with
    whitespace, in order."""
    found = []
    for m in _WHITESPACE.finditer(text):
        k = bisect.bisect_left(offsets, m.start())
        if k < len(offsets) - 1 and offsets[k] == m.start():
            found.append(k)
    return found


def _space_after(text: str, pos: int, spaces: list[bool]) -> int:
    """A space right after the last word is its flag: where the text goes on."""
    if pos < len(text) and text[pos] == " ":
        spaces[-1] = True
        return pos + 1
    return pos


def _special_piece(text: str, start: int, end: int, text_pos: int, words: list[str], spaces: list[bool]) -> int:
    """One piece that begins with whitespace, the way spaCy aligns it: where the text goes on."""
    if start < text_pos:  # " a" after a word whose space flag took that space
        start = text_pos
    piece = text[start:end]
    if not piece or piece.isspace():
        return text_pos
    if start > text_pos:
        words.append(text[text_pos:start])
        spaces.append(False)
    words.append(piece)
    spaces.append(False)
    return _space_after(text, end, spaces)


class JiebaTokenizer:
    """The spaCy tokenizer of a xinwen pipeline, built from its rules: ``rules`` (the ``RuleBook``
    whose words it keeps whole; the pipeline's components read theirs from here, ``pipeline_rules``),
    ``jieba`` (the ``jieba.Tokenizer`` that owns the dictionary, the source of truth for words and
    tags whichever backend cuts), ``segmenter`` (the backend's name) and ``dictionary_tags``."""

    def __init__(self, vocab, rules: RuleBook, segmenter: str = DEFAULT_SEGMENTER):
        self.vocab = vocab
        self.rules = rules
        self.segmenter = segmenter
        self.backend = make_segmenter(segmenter, user_words(rules))
        self.jieba = self.backend.tokenizer if segmenter == "jieba" else jieba.Tokenizer()

    @functools.cached_property
    def dictionary_tags(self) -> Mapping[str, str]:
        """jieba's dictionary part-of-speech tags (``n``, ``v``, ``ns`` ...), read once however many
        components ask (the rjieba backend read them with the words)."""
        tags = getattr(self.backend, "tags", None)
        if tags is None:
            tags = {parts[0]: parts[2] for parts in dictionary_lines(self.jieba) if len(parts) == 3}
        return tags

    def __call__(self, text: str) -> Doc:
        words, spaces, spans = self._cut(text)
        doc = TextDoc(self.vocab, words=words, spaces=spaces, text=text)
        if spans is not None:
            doc.user_data[WORDS_KEY] = spans
        return doc

    def plain(self, text: str) -> "PlainDoc":
        """The tokens a ``__call__`` Doc would have, as a ``PlainDoc``."""
        words, spaces, spans = self._cut(text)
        doc = PlainDoc(text, words, spaces)
        # the words as the fallback of ``word_spans`` reads them off a Doc's tokens
        doc.user_data[WORDS_KEY] = spans or WordSpans(w + " " if s else w for w, s in zip(words, spaces))
        return doc

    def _cut(self, text: str) -> tuple[list[str], list[bool], WordSpans | None]:
        """spaCy's words and space flags of ``text``, and the segmenter's words when they tile it."""
        pieces = self.backend.cut(text)
        if "".join(pieces) == text:
            return (*words_and_spaces(pieces, text), WordSpans(pieces))
        return (*get_words_and_spaces(pieces, text), None)

    # spaCy serialisation hooks: the tokenizer is rebuilt from rules, nothing to save.
    def to_bytes(self, **kwargs) -> bytes:
        return b""

    def from_bytes(self, data: bytes, **kwargs) -> "JiebaTokenizer":
        return self


def zh_like_num():
    """spaCy's ``zh`` ``like_num`` with its pattern compiled once. spaCy's own builds the pattern
    string anew for every word it sees first, over a third of what a new word's lexical attributes
    cost; this one gives the same answer for every text (tests/test_segment_lexattrs.py holds it to
    spaCy's), so ``token.like_num`` is unchanged."""
    from spacy.lang.zh.lex_attrs import _base_num_words, _count_num_words, _single_num_words

    count, base = "|".join(_count_num_words), "|".join(_base_num_words)
    number = re.compile("^((" + count + "){1}" + "(" + base + "){1})+" + "(" + count + ")?$")
    single = frozenset(_single_num_words)

    def like_num(text: str) -> bool:
        if text.startswith(("+", "-", "±", "~")):
            text = text[1:]
        text = text.replace(",", "").replace(".", "").replace("，", "").replace("。", "")
        if text.isdigit():
            return True
        if text.count("/") == 1:
            num, denom = text.split("/")
            if num.isdigit() and denom.isdigit():
                return True
        return text in single or number.match(text) is not None

    return like_num


def user_words(rules) -> list[str]:
    """Words from every rule family that declares ``segmenter_words`` or a lexicon of names (the
    ``names`` of its ``known`` entries: 中央网信办, 国开行), so jieba keeps those names whole."""
    words: list[str] = []
    for family in rules.families.values():
        words.extend(family.get("segmenter_words", []))
        for entry in family.get("known", []) if isinstance(family.get("known"), list) else []:
            if isinstance(entry, dict) and isinstance(entry.get("names"), dict):
                words.extend(entry["names"])
    return words


def word_tags(tokenizer: JiebaTokenizer, tagged_words: dict[str, str] | None = None) -> dict[str, str]:
    """The tokenizer's dictionary tags (``JiebaTokenizer.dictionary_tags``) for a cheap look-up of a
    token's usual class, plus the rules' own words. Unknown words are absent (callers decide)."""
    tags = dict(tokenizer.dictionary_tags)
    tags.update(tagged_words or {})
    return tags
