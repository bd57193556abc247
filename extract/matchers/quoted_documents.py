"""A quoted name that is a document's title by its own last word: “南海行为准则”,
「台南市人行道设置露天座管理办法」, “香港人权与民主法案”.

A 《》 title ends in its type word and is a document; in “…” and 「…」 the same shape is a title too,
but the marks also hold phrases (“中国方案”, “双重标准”) and clauses (“违反国际法”), so the words
before the type word must be long enough to name something and read as a title, not a clause. The
words are in rules/programs.yaml, ``quoted_documents``.
"""
from __future__ import annotations

from typing import Mapping

import regex

from .base import TokenTable, alternation


class QuotedDocuments:
    def __init__(self, rules: Mapping, tags: Mapping[str, str]):
        self.tags = tags
        entry = rules.get("quoted_documents", [{}])[0]
        self.rule_id = entry.get("id", "program.quoted_document")
        self.kind = {word: kind for kind, words in entry.get("kinds", {}).items() for word in words}
        after = f"(?:{alternation(entry['after'])})?" if entry.get("after") else ""  # 条例|草案
        heads = alternation(self.kind) if self.kind else "(?!)"
        self.end = regex.compile(rf"(?P<head>{heads}){after}$")
        self.min_stem = int(entry.get("min_stem", 4))
        self.marks = frozenset(entry.get("marks", ""))
        self.not_after = tuple(entry.get("not_after", ()))
        settings = rules.get("bare_settings", {})
        # a verb that takes a document as its object, or a modal: the quote holds a clause
        self.clause_words = frozenset([*settings.get("stop_words", ()), *settings.get("modals", ()),
                                       *entry.get("clause_words", ())])
        self.opening = tuple(entry.get("de_after", ()))  # 关于…的意见: 的 inside a title
        self.clause_tags = tuple(entry.get("clause_tags", ()))
        self.demonstratives = frozenset(entry.get("demonstratives", ""))  # “这回真有办法”

    def __call__(self, tokens: TokenTable, start: int, end: int) -> tuple[str, str] | None:
        """The (head, kind) of the quoted text between ``start`` and ``end`` when it is a title."""
        name = tokens.text[start:end]
        found = self.end.search(name)
        if not found:
            return None
        stem = name[:found.start()]
        if len(stem) < self.min_stem or stem.endswith(self.not_after) or any(c in self.marks for c in name):
            return None
        titled = stem.startswith(self.opening)  # 关于…的意见 is a title whatever its verbs
        if "的" in stem and not titled:
            return None
        if not titled and self._clause(tokens, start, start + len(stem)):
            return None
        head = found.group("head")
        return head, self.kind[head]

    def _clause(self, tokens: TokenTable, start: int, end: int) -> bool:
        """Do the words before the type word read as a clause: a word of ``clause_words``, an adverb,
        pronoun or idiom (``clause_tags``: “坚决拥护党中央决定”), a verb opening them (“拿出中国方案”;
        inside, a verb is the title's: 公立学校教职员退休资遣抚恤条例), or a verb of one character right
        before the type word (“多措并举想办法”)?"""
        words = []
        i = tokens.covering(start)
        while i < len(tokens) and tokens.starts[i] < end:
            words.append(tokens.word(i))
            i += 1
        tags = [self.tags.get(w) or "" for w in words]
        if any(w in self.clause_words for w in words) or any(t in self.clause_tags for t in tags) \
                or tokens.text[start] in self.demonstratives:
            return True
        if words and tokens.starts[i - 1] < end < tokens.ends[i - 1] and tags[-1].startswith("v"):
            return True  # “广泛征求意见”: the type word ends a verb (征求意见)
        return bool(words) and (tags[0] == "v" and len(words[0]) > 1 or tags[-1] == "v" and len(words[-1]) == 1)
