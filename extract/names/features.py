"""Features of one jieba word for the name tagger, from the word and the grammar's lexicons.

The tagger labels words, not characters: a name begins and ends where a word does on 95-98% of the
training sets' organization names, and a word's features are the same wherever it stands, so they
are computed once per distinct word (``WordFeatures`` keeps them) and a sentence's items are lists
joined from that cache. The grammar's knowledge enters as features, not decisions: organization
suffixes (with their type), regions and countries, levels, posts, programme heads (with their kind),
document words, and whether a word is inside quotes or title marks.
"""
from __future__ import annotations

from typing import Mapping, Sequence

import regex

FEATURE_VERSION = 2  # bump when the features change: a model trained on others is refused

_EDITION = regex.compile(r"第[0-9一二三四五六七八九十百零〇两]+[届次期]|首届|[0-9]{2,4}年?度?")
_OPEN = set("“「『《〈\"(（[【")
_CLOSE = set("”」』》〉\")）]】")
_HAN = regex.compile(r"\p{Han}+")
_LATIN = regex.compile(r"[A-Za-z]+")
_DIGIT = regex.compile(r"[0-9.]+")
_PROPER = ("nt", "nz", "ns", "nr", "j", "eng")


def shape(word: str) -> str:
    if _HAN.fullmatch(word):
        return "H"
    if _LATIN.fullmatch(word):
        return "L"
    if _DIGIT.fullmatch(word):
        return "D"
    if word in _OPEN:
        return "O"
    if word in _CLOSE:
        return "C"
    if not any(c.isalnum() for c in word):
        return "P"
    return "M"


class Lexicons:
    """The word lists the features look words up in, read from the organization and programme rules."""

    def __init__(self, organizations: Mapping, programs: Mapping):
        self.org_suffix: dict[str, str] = {}
        for entry in organizations.get("known", []):
            for name in entry.get("names", {}):
                self.org_suffix.setdefault(name, "known")
        for group in ("departments", "institutions"):
            for entry in organizations.get(group, []):
                for word in entry.get("words", []):
                    self.org_suffix.setdefault(word, entry.get("org_type", "other"))
        regions = organizations.get("regions", {})
        self.regions = set(regions.get("provinces", [])) | set(regions.get("cities", []))
        self.countries = set(regions.get("countries", []))
        self.levels = set(regions.get("levels", []))
        self.titles = set(organizations.get("titles", []))
        self.generic = set(organizations.get("generic", []))
        self.connectors = set(organizations.get("connectors", []))
        self.heads: dict[str, str] = {}
        for entry in programs.get("heads", []):
            for word in entry.get("words", []):
                self.heads.setdefault(word, entry.get("kind", "other"))
        for entry in programs.get("unquoted", []):
            for word in entry.get("heads", []):
                self.heads.setdefault(word, "event")
        self.document_words = set(programs.get("document_words", []))
        self.modifiers = set(programs.get("head_modifiers", []))
        self.max_suffix = max(map(len, self.org_suffix), default=1)
        self.max_head = max(map(len, list(self.heads) + list(self.document_words)), default=1)

    def ending(self, word: str, lexicon: Mapping | set, longest: int) -> str | None:
        """The longest word of ``lexicon`` that ``word`` ends with."""
        for k in range(min(len(word), longest), 0, -1):
            if word[-k:] in lexicon:
                return word[-k:]
        return None


class WordFeatures:
    """Per-word feature lists, remembered: a word's own, and as a neighbour one and two words away.

    Few attributes an item (about fifteen): tagging cost grows with them, and the tagger runs on
    every sentence of every story. Han script is the default shape, written only when it is not."""

    def __init__(self, lexicons: Lexicons, tags: Mapping[str, str]):
        self.lex = lexicons
        self.tags = tags
        self._cache: dict[str, tuple] = {}
        self._edge = ([], ["-1BOS"], ["+1EOS"], [], [], False)

    def entry(self, word: str) -> tuple:
        """(own, as left neighbour, as right neighbour, two left, two right, is a name cue)."""
        cached = self._cache.get(word)
        if cached is None:
            own, flags, cue = self._compute(word)
            tag = self.tags.get(word, "UNK")
            near = [f"w={word}", f"t={tag}", *flags]
            cached = self._cache[word] = (own, [f"-1{f}" for f in near], [f"+1{f}" for f in near],
                                          [f"-2t={tag}"], [f"+2t={tag}"], cue)
        return cached

    def _compute(self, word: str) -> tuple[list[str], list[str], bool]:
        lex = self.lex
        tag = self.tags.get(word, "UNK")
        feats = [f"w={word}", f"t={tag}", f"p1={word[0]}", f"s1={word[-1]}"]
        if len(word) > 2:
            feats.append(f"s2={word[-2:]}")
        kind = shape(word)
        if kind != "H":
            feats.append(f"sh={kind}")
        flags = []
        suffix = lex.ending(word, lex.org_suffix, lex.max_suffix)
        if suffix is not None:
            flags.append(f"orgs={lex.org_suffix[suffix]}" if suffix != word else "orgx")
        head = lex.ending(word, lex.heads, lex.max_head)
        if head is not None:
            flags.append(f"ph={lex.heads[head]}")
        elif lex.ending(word, lex.document_words, lex.max_head) is not None:
            flags.append("pdoc")
        for flag, words in (("reg", lex.regions), ("cty", lex.countries), ("lvl", lex.levels),
                            ("ttl", lex.titles), ("gen", lex.generic), ("con", lex.connectors)):
            if word in words:
                flags.append(flag)
                break
        if _EDITION.fullmatch(word):
            flags.append("edition")
        cue = bool(flags) or (kind in "HLM" and len(word) > 1 and (tag == "UNK" or tag.startswith(_PROPER)))
        return feats + flags, flags, cue

    def is_cue(self, word: str) -> bool:
        """A word that may belong to a name: one jieba does not know, a proper word, or one the
        grammar's lexicons know. A sentence without one is not tagged."""
        return self.entry(word)[5]

    def sequence(self, words: Sequence[str], lo: int = 0, hi: int | None = None) -> list[list[str]]:
        """The items of words ``lo`` to ``hi`` of one sentence: each word's own features, its
        neighbours' (two each side, from the whole sentence), and where it stands with respect to
        quotes and title marks."""
        hi = len(words) if hi is None else hi
        edge = self._edge
        entry = self.entry
        padded = [edge, edge, *(entry(w) for w in words[max(0, lo - 2):hi + 2]), edge, edge]
        shift = 2 + min(lo, 2)  # where word ``lo`` sits in ``padded``
        if lo >= 2:
            del padded[:2]
            shift = 2
        if hi + 2 <= len(words):
            del padded[-2:]
        items = [padded[k][0] + padded[k - 1][1] + padded[k + 1][2] + padded[k - 2][3] + padded[k + 2][4]
                 for k in range(shift, shift + hi - lo)]
        if items and lo == 0:
            items[0] = items[0] + ["BOS"]
        if items and hi == len(words):
            items[-1] = items[-1] + ["EOS"]
        if any(w in _OPEN for w in words):
            self._mark_quotes(words, items, lo, hi)
        return items

    @staticmethod
    def _mark_quotes(words: Sequence[str], items: list[list[str]], lo: int, hi: int) -> None:
        depth = 0
        for i, word in enumerate(words[:hi]):
            if word in _CLOSE and depth:
                depth -= 1
            extra = []
            if depth:
                extra.append("inq")
            if i > 0 and words[i - 1] in _OPEN:
                extra.append(f"after={words[i - 1]}")
            if i + 1 < len(words) and words[i + 1] in _CLOSE:
                extra.append(f"before={words[i + 1]}")
            if extra and i >= lo:
                items[i - lo] = items[i - lo] + extra
            if word in _OPEN:
                depth += 1
