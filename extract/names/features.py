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

FEATURE_VERSION = 3  # bump when the features change: a model trained on others is refused
CACHE_WORDS = 60_000  # distinct words whose features are kept (about 1 kB each: the frequent news vocabulary fits, memory stays bounded)

_EDITION = regex.compile(r"第[0-9一二三四五六七八九十百零〇两]+[届次期]|首届|[0-9]{2,4}年?度?")
_OPEN = set("“「『《〈\"(（[【")
_CLOSE = set("”」』》〉\")）]】")
_HAN = regex.compile(r"\p{Han}+")
_LATIN = regex.compile(r"[A-Za-z]+")
_DIGIT = regex.compile(r"[0-9.]+")
# what makes a word a cue, a place a name may end: an organization suffix or programme head, an
# edition, a word jieba tags as an organization, other proper name, abbreviation, foreign person
# name (transliterated companies) or foreign word, or a word it does not know. Places and people's
# names are common in news and end no organization by themselves.
_CUE_EDITION = regex.compile(r"第[0-9一二三四五六七八九十百零〇两]+[届次期]|首届|[0-9]{4}年?")
_CUE_TAGS = {"nt", "nz", "j", "nrt", "eng"}


def longest_ending(word: str, lexicon: Mapping | set, longest: int) -> str | None:
    """The longest word of ``lexicon``, at most ``longest`` characters, that ``word`` ends with."""
    for k in range(min(len(word), longest), 0, -1):
        if word[-k:] in lexicon:
            return word[-k:]
    return None


def _encoded(features) -> tuple[bytes, ...]:
    return tuple(f.encode("utf-8") for f in features)


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
        return longest_ending(word, lexicon, longest)


class WordFeatures:
    """Per-word feature lists, remembered: a word's own, and as a neighbour one and two words away.

    Few attributes an item (about fifteen): tagging cost grows with them, and the tagger runs on
    every sentence of every story. Han script is the default shape, written only when it is not."""

    def __init__(self, lexicons: Lexicons, tags: Mapping[str, str], known: frozenset[bytes] | None = None):
        self.lex = lexicons
        self.tags = tags
        self.known = known  # the attributes the model has weights for (None: keep all, as in training)
        self._cache: dict[str, tuple] = {}
        self.cached = self._cache.get  # a word's entry if it is remembered (never cleared by rebinding)
        self._edge = ((), (b"-1BOS",), (b"+1EOS",), (), (), False)

    def entry(self, word: str) -> tuple:
        """(own, as left neighbour, as right neighbour, two left, two right, is a name cue)."""
        cached = self._cache.get(word)
        if cached is None:
            if len(self._cache) >= CACHE_WORDS:
                self._cache.clear()  # a batch of millions of stories meets ever more rare words
            own, flags, cue = self._compute(word)
            tag = self.tags.get(word, "UNK")
            near = [f"w={word}", f"t={tag}", *flags]
            # UTF-8 bytes, encoded once: CRFsuite would encode every string of every item again (a
            # quarter of the tagging time); tuples, which the garbage collector stops tracking
            cached = self._cache[word] = (self._kept(own), self._kept(f"-1{f}" for f in near),
                                          self._kept(f"+1{f}" for f in near), self._kept([f"-2t={tag}"]),
                                          self._kept([f"+2t={tag}"]), cue)
        return cached

    def _kept(self, features) -> tuple[bytes, ...]:
        known = self.known
        return _encoded(features) if known is None else tuple(f for f in map(str.encode, features) if f in known)

    def _compute(self, word: str) -> tuple[list[str], list[str], bool]:
        lex = self.lex
        tag = self.tags.get(word, "UNK")
        feats = [f"w={word}", f"t={tag}", f"p1={word[0]}", f"s1={word[-1]}"]
        if len(word) > 2:
            feats.append(f"s2={word[-2:]}")
        if tag == "UNK" and 1 < len(word) <= 6:
            feats.extend(f"uc={c}" for c in word[1:-1])  # the inside of a word jieba does not know
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
        return feats + flags, flags, self._cue(word, tag, kind, suffix, head)

    def _cue(self, word: str, tag: str, kind: str, suffix: str | None, head: str | None) -> bool:
        """Whether a name may end at this word (``is_cue``). A one-character suffix or head ends a
        name only in a word jieba does not know or tags as a name (部 in 全部, 展 in 发展 do not)."""
        if kind not in "HLM":
            return bool(_CUE_EDITION.fullmatch(word))
        proper = tag == "UNK" or tag in _CUE_TAGS
        for ending in (suffix, head):
            if ending is not None and (len(ending) > 1 or proper):
                return True
        return len(word) > 1 and proper or bool(_CUE_EDITION.fullmatch(word))

    def is_cue(self, word: str) -> bool:
        """A word that may belong to a name: one jieba does not know, a proper word, or one the
        grammar's lexicons know. A sentence without one is not tagged."""
        return self.entry(word)[5]

    def sequence(self, words: Sequence[str]) -> list[tuple[bytes, ...]]:
        """The items of one sentence: each word's own features, its neighbours' (two each side),
        and where it stands with respect to quotes and title marks."""
        return self.items(words, list(map(self.entry, words)))

    def items(self, words: Sequence[str], entries: list[tuple]) -> list[tuple[bytes, ...]]:
        """``sequence`` from the words' entries, for a caller that has looked them up already."""
        edge = self._edge
        padded = [edge, edge, *entries, edge, edge]
        items = [(*o[0], *a[1], *b[2], *aa[3], *bb[4])  # one tuple built, not four on the way
                 for aa, a, o, b, bb in zip(padded, padded[1:], padded[2:], padded[3:], padded[4:])]
        if items:
            items[0] = items[0] + (b"BOS",)
            items[-1] = items[-1] + (b"EOS",)
        if not _OPEN.isdisjoint(words):
            self._mark_quotes(words, items)
        return items

    @staticmethod
    def _mark_quotes(words: Sequence[str], items: list[list[str]]) -> None:
        depth = 0
        for i, word in enumerate(words):
            if word in _CLOSE and depth:
                depth -= 1
            extra = []
            if depth:
                extra.append("inq")
            if i > 0 and words[i - 1] in _OPEN:
                extra.append(f"after={words[i - 1]}")
            if i + 1 < len(words) and words[i + 1] in _CLOSE:
                extra.append(f"before={words[i + 1]}")
            if extra:
                items[i] = items[i] + _encoded(extra)
            if word in _OPEN:
                depth += 1
