"""A Taiwan city's office by its short name (issue 20): the city and two characters of what the
office does, and 处 (台北市公园处, 北市都更处 = 台北市都市更新处), as Taiwan news names a city
government's offices; after that the story writes the office alone (公园处, 都更处), the same body.

处 alone is no suffix of the grammar (rules/organizations.yaml, org.government: it made the name
tagger tag places and counts, 俄军多处, 台中市2处); here it names an office only right after a
Taiwan city (`places` of the ``org.office.city`` entry) and two characters that begin a jieba word,
with 处 a jieba word of its own or fused with a post or 在 after it (处长, 公园|处在|民生东路): not
新北市|成为|处处, 台北市|交由|处理.
"""
from __future__ import annotations

from typing import Mapping

import regex

from ..mention import Mention
from ..rules import RulesError
from .base import TokenTable


class CityOffices:
    """Finds ``org.office.city`` names: the full forms, then each one's short form in the story."""

    def __init__(self, entry: Mapping, grammar):
        for key in ("places", "suffix", "org_type"):
            if not entry.get(key):
                raise RulesError(f"organizations: org.office.city needs {key}")
        self.mention, self.tag = grammar.mention, grammar.tag
        self.stop_tags = tuple(entry.get("stem_not_tags", []))
        self.org_type = str(entry["org_type"])
        self.suffix = str(entry["suffix"])
        self.words = {self.suffix} | {self.suffix + f for f in entry.get("fused", [])}
        self.not_in_stem = set(entry.get("not_in_stem", []))
        places = "|".join(map(regex.escape, sorted(entry["places"], key=len, reverse=True)))
        self.full = regex.compile(rf"(?:{places})(\p{{Han}}{{2}}){regex.escape(self.suffix)}")

    def __call__(self, text: str, tokens: TokenTable) -> list[Mention]:
        out, stems = [], set()
        for m in self.full.finditer(text):
            if self._office(text, tokens, m.start(1), m.end()):
                out.append(self.mention(m.start(), m.end(), m.group(), "org.office.city", self.org_type))
                stems.add(m.group(1))
        for stem in stems:  # the office alone, after its city named it
            short = regex.compile(regex.escape(stem + self.suffix))
            for m in short.finditer(text):
                if not any(o.start <= m.start() < o.end for o in out) and self._office(text, tokens, m.start(), m.end()):
                    out.append(self.mention(m.start(), m.end(), m.group(), "org.office.city", self.org_type))
        return out

    def _office(self, text: str, tokens: TokenTable, stem_start: int, end: int) -> bool:
        """The stem begins a jieba word, holds no function character, is no word jieba tags as a
        place, time or verb, and 处 is a word of its own (or one of the ``fused`` words: 处长, 处在)."""
        stem = text[stem_start:end - 1]
        if tokens.starting_at(stem_start) is None or self.not_in_stem.intersection(stem):
            return False
        tag = self.tag(stem) or ""
        if tag.startswith(self.stop_tags) and not tag.startswith("vn"):
            return False  # 郊区|处在, 成为|处: a place or a verb is no office's field
        k = tokens.starting_at(end - 1)
        return k is not None and tokens.word(k) in self.words
