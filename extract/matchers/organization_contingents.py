"""A numbered contingent sent abroad (issue 20): 海军第26批护航编队, 中国第26批赴黎巴嫩维和部队,
第20批援几内亚中国医疗队. The ordinal of its rotation (第N批) makes the unit one named body, where
the force word alone (海军) or a country's team (几内亚中国医疗队) is what the grammar sees; so the
contingent takes the place of the names inside it, as an institute takes its academy's.

The ``org.contingent`` entry of rules/organizations.yaml gives the unit heads that end it (护航编队,
维和部队, 医疗队 ...), and the owners that may lead it (海军, 中国, 我国; so does any region the
grammar knows, a country or a province: 江西省第四批医疗队).
Between the ordinal and the head: where it goes and what it does (赴马里维和, 援几内亚中国), Han
characters and brackets only (赴南苏丹（朱巴）维和步兵营), no word that joins two (和, 与: jieba words, so
维和 stays). With no owner, it needs a word of being sent (`sent`: 赴, 援): 第3批赴马里维和部队, but not
第三批医疗队, a batch of medics.
"""
from __future__ import annotations

from typing import Mapping

import regex

from ..mention import Mention
from ..rules import RulesError
from .base import TokenTable

_ORDINAL = r"第[0-9０-９一二三四五六七八九十百]+批"


class Contingents:
    def __init__(self, entry: Mapping, grammar):
        for key in ("heads", "owners", "org_type", "max_between"):
            if not entry.get(key):
                raise RulesError(f"organizations: org.contingent needs {key}")
        self.grammar, self.org_type = grammar, str(entry["org_type"])
        self.owners = set(entry["owners"])
        heads = "|".join(map(regex.escape, sorted(entry["heads"], key=len, reverse=True)))
        self.pattern = regex.compile(rf"{_ORDINAL}[\p{{Han}}（）()]{{0,{int(entry['max_between'])}}}?(?:{heads})")
        self.not_between = set(entry.get("not_between", []))
        self.sent = tuple(entry.get("sent", []))

    def __call__(self, text: str, tokens: TokenTable) -> list[Mention]:
        out = []
        for m in self.pattern.finditer(text):
            if not tokens.ends_word(m.end()) or self._joined(tokens, m.start(), m.end()):
                continue  # 护航编队|群: the head runs on into another word; 第二批|和|第三批: two contingents
            start = self._owner_start(tokens, m.start())
            if start == m.start() and not any(word in m.group() for word in self.sent):
                continue  # 第三批医疗队: a batch of medics, unless someone sends it somewhere
            out.append(self.grammar.mention(start, m.end(), text[start:m.end()], "org.contingent", self.org_type))
        return out

    def _joined(self, tokens: TokenTable, start: int, end: int) -> bool:
        """A word of ``not_between`` (和, 、) stands between the ordinal and the head (not 和 in 维和)."""
        k = tokens.covering(start)
        while k < len(tokens) and tokens.starts[k] < end:
            if tokens.word(k) in self.not_between:
                return True
            k += 1
        return False

    def _owner_start(self, tokens: TokenTable, begin: int) -> int:
        """Where the owner words right before the ordinal begin (中国|海军|第26批), else the ordinal."""
        k = tokens.starting_at(begin)
        start = begin
        if k is None:
            return start
        for i in range(k - 1, max(-1, k - 3), -1):
            if tokens.spaced[i]:
                break
            word = tokens.word(i)
            if word not in self.owners and not self.grammar.is_country(word):
                break
            start = tokens.starts[i]
        return start
