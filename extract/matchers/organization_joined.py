"""Names whose stem holds a joiner: a foreign name in parts (乔治·梅森大学, 佩诺—里加集团) and a national
body named by two fields (国家粮食和物资储备局, 全国人大宪法和法律委员会, 中国物流与采购联合会).

A Chinese joiner (和, 与) between two common nouns joins a name only when a national lead opens it
(国家, 中国 ...: ``org.grammar.joined_leads``), a region, or a well-known body (全国人大), and the nearest
such lead opens the name; else the name starts after the joiner, as before (基层党组织和|村委会 are two
bodies). Neither field may be a post's or a body's word (``org.grammar.field_not_ends``).
"""
from __future__ import annotations

from dataclasses import replace
from typing import Callable, Mapping

from .base import TokenTable


class JoinedNames:
    def __init__(self, marks, words, leads, not_ends, tags: Mapping[str, str], name_part: Callable[[str], bool],
                 is_known: Callable[[str], bool], ends_body: Callable[[str], bool], is_region: Callable[[str], bool]):
        self.marks, self.words, self.leads, self.not_ends = set(marks), set(words), set(leads), set(not_ends)
        self.tags, self.name_part, self.is_known, self.ends_body = tags, name_part, is_known, ends_body
        self.is_region = is_region

    def takes(self, tokens: TokenTable, k: int, g, suffix_word: str) -> bool:
        """Token ``k`` is a joiner right before the name grown so far, between two parts of it; the growth
        before a Chinese joiner is kept in ``g.joined`` for ``settle``."""
        piece = tokens.word(k)
        if k == 0 or k + 1 >= len(tokens) or g.start != tokens.starts[k] + 1 or g.has_prefix:
            return False
        before, after = tokens.word(k - 1), tokens.word(k + 1)
        if piece in self.marks:
            return self.name_part(before) and self.name_part(after)  # 乔治·梅森大学
        if piece not in self.words or g.joined is not None or not self._field(before) or before[-1] in self.not_ends \
                or not (self._field(after) or k + 1 == g.first and self._field_with_suffix(after, suffix_word)):
            return False
        g.joined = replace(g)
        return True

    def settle(self, tokens: TokenTable, g) -> None:
        """A Chinese joiner stays in the name only with a lead (a national word, a well-known body, a region)
        before the field it joins, and the nearest lead opens the name; else the name is what it was before
        the joiner (基层党建和|村务监督委员会, 中央和|国家机关工委)."""
        if g.joined is None:
            return
        field = tokens.covering(g.joined.start - 2)
        for k in range(field - 1, tokens.covering(g.start) - 1, -1):  # the nearest lead opens the name
            word = tokens.word(k)
            if word in self.leads or self.is_known(word) or self.is_region(word):
                g.start = tokens.starts[k]  # not 北京会见|土耳其国库和财政部: what lies before the lead is no part
                if g.prefix_start is not None and g.prefix_start < g.start:
                    g.prefix_start = g.start
                return
        kept = g.joined
        for name in ("start", "has_prefix", "has_stem", "proper", "prefix_start", "before_verb", "known"):
            setattr(g, name, getattr(kept, name))

    def _field(self, word: str) -> bool:
        """粮食, 物资, 宪法, 采购: a common noun or verb of two characters or more, no body's name."""
        return self._common(word) and not self.is_known(word) and not self.ends_body(word)

    def _field_with_suffix(self, word: str, suffix_word: str) -> bool:
        """草原局, 法律委员会: the suffix's own word, a field and the suffix (not the suffix alone: 银行)."""
        return len(word) > len(suffix_word) and word.endswith(suffix_word) and not self.is_known(word) \
            and self._common(word[:-len(suffix_word)])

    def _common(self, word: str) -> bool:
        """A word of two characters or more jieba tags as a common noun or verb (no person, place or body)."""
        tag = self.tags.get(word) or ""
        return len(word) >= 2 and tag.startswith(("n", "v")) and not tag.startswith(("nr", "ns", "nt", "nz"))
