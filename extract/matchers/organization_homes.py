"""What opens an organization's name only to say where the body is from, and is no part of it.

Taiwan news marks a company's home by a country's short name and 商 (日商|UCC控股株式会社), and news
writes a country before the place that opens a body's name (中国|北京信息科技大学, 美国|俄亥俄州大学).
The annotated splits leave both out of the name. Words: ``org.grammar.home_marks`` and
``org.grammar.country_before_place`` in ``rules/organizations.yaml``.
"""
from __future__ import annotations

from typing import Iterable, Mapping

import regex


class HomeLead:
    """How many characters at the start of a name only say where the body is from (0 for none)."""

    def __init__(self, word_lists: Mapping[str, list[str]], region_re: regex.Pattern, countries: set[str],
                 provinces: set[str], levels: Iterable[str], tags: Mapping[str, str]):
        self.marks = tuple(word_lists["org.grammar.home_marks"])
        self.kept = tuple(word_lists["org.grammar.country_before_place"])
        self.home_countries = frozenset(w[:2] for w in self.kept)  # 中国: the lexicon's places are its own
        self.region_re, self.countries, self.provinces, self.tags = region_re, countries, provinces, tags
        self.level_chars = frozenset(level for level in levels if len(level) == 1)

    def __call__(self, name: str) -> int:
        """A home mark not glued into a word and before a name (日商|UCC…, not 美|商务部), or a country
        before a place of its own: a Chinese province after 中国 (中国|辽宁省监狱管理局), a state with its level
        after another country (美国|俄亥俄州大学; not 日本|总务省, a ministry, nor 马来西亚|海南会馆)."""
        mark = next((w for w in self.marks if name.startswith(w)), "")
        if mark:
            glued = self.tags.get(name[len(mark) - 1:len(mark) + 1]) is not None  # 美|商务部
            tag = self.tags.get(name[len(mark):len(mark) + 2])  # 港商|投资公司: no name follows
            proper = tag is None or tag.startswith(("ns", "nr", "nz", "nt", "j"))
            return len(mark) if not glued and proper and len(name) > len(mark) + 2 else 0
        country = self.region_re.match(name)
        if country is None or country.group() not in self.countries or name.startswith(self.kept):
            return 0
        rest = name[country.end():]
        place = self.region_re.match(rest)
        if place is not None and place.group() not in self.countries:
            # 中国|辽宁省…; a city stays (中国太原卫星发射中心, a formal name)
            own = country.group() in self.home_countries and place.group() in self.provinces
            return country.end() if own and len(rest) > place.end() + 1 else 0
        for i in range(4, min(len(rest) - 1, 7)):  # 俄亥俄|州, 托坎廷斯|州
            if rest[i - 1] in self.level_chars:
                # a place's name of three characters or more: jieba tags 大城|市 as a place too
                stem_place = (self.tags.get(rest[:i - 1]) or "").startswith("ns")
                return country.end() if stem_place and len(rest) > i + 1 else 0
        return 0
