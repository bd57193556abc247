"""What one word is to a bare programme name (a place, a proper name, a word a name may hold, a word
that ends one): the tests the walk and the evidence of ``bare_programs`` share."""
from __future__ import annotations

from typing import TYPE_CHECKING

import regex

if TYPE_CHECKING:
    from .base import TokenTable

WORD = regex.compile(r"[\p{Han}A-Za-z0-9·\-]+")
HAN = regex.compile(r"\p{Han}+")
DASHES = frozenset("—–-－")  # 中国—东盟: a dash that may join the parties of a name
# numbers and counts name nothing by themselves: 500强, 一次会议, 三大全球倡议
NUMBER = regex.compile(r"[0-9]+|[一二三四五六七八九十两百千几]+[次大个项点]?")
_NOUN_TAGS = ("n", "vn", "j", "eng", "b", "s", "l")


class BareWords:
    """Word tests over the settings ``BareProgramMatcher`` reads (tags, regions, generic words, …)."""

    def _place(self, word: str) -> bool:
        if word in self.regions:
            return True
        if word in self.generic or word in self.not_places or len(word) < 2:
            return False
        tag = self.tags.get(word)
        if tag is None:  # 川藏, 港珠澳: jieba does not know it, but it is made of places' one-character names
            return sum(c in self.place_initials for c in word) >= 2
        return tag.startswith("ns")

    def _boundary(self, word: str) -> bool:
        """A word a name never holds, that ends it cleanly: a function word, a word that takes a name
        as its object (实施, 深入实施), a side in talks (中方, 匈方), a locative (行政区|内)."""
        return word in self.stop_words or word in self.locatives or self._function(word) or self._governs(word) \
            or (len(word) == 2 and word[-1] in self.side_endings) \
            or (word not in self.tags and not self._plain_chars.isdisjoint(word)  # 受该, 大到: jieba's guesses
                and not (len(word) > 1 and all(c in self.place_initials for c in word)))  # not 黎以: two countries

    def _function(self, word: str) -> bool:
        """A function word (的, 在, 对, 这个, 从而): one that begins with a function character and is
        no noun (以色列, 对外, 对话 are nouns)."""
        if word[0] in self.determiners:
            # 本行政区域, 这项, 该国: a determiner opens no name; a place or a foreign name jieba knows
            # may begin with its character (那不勒斯, 那达慕)
            tag = self.tags.get(word) or ""
            return not (len(word) > 2 and tag.startswith(("ns", "nr")))
        if word[0] not in self.function_chars:
            return False
        tag = self.tags.get(word)
        return len(word) == 1 or not (tag or "").startswith(_NOUN_TAGS)

    def _governs(self, word: str) -> bool:
        """A word ending in a verb that takes a name as its object governs too: 如期完成, 认真贯彻."""
        tag = self.tags.get(word)
        if tag is not None and tag.startswith(("nt", "ns", "nr", "nz")):
            return False  # 亚太经合组织 is a body, not a verb
        if tag is None and any(word.endswith(b) and len(word) > len(b) + 1 for b in self.bodies):
            return False  # 上海合作组织, a name the segmenter was given: a body, not 组织 the verb
        return any(word.endswith(v) for v in self.stop_suffixes.get(word[-1], ()))

    def _name_word(self, word: str, tag: str | None) -> bool:
        """A word a name may hold besides verbs: nouns, verbal nouns, distinguishing words,
        adjectives, abbreviations, fixed phrases, foreign words, words jieba does not know."""
        return tag is None or tag.startswith(("n", "vn", "an", "j", "b", "s", "l", "eng", "a")) and tag != "ad"

    def joins_parties(self, tokens: "TokenTable", k: int, start: int) -> bool:
        """Token ``k`` is a dash between two places or bodies and the name so far starts right after
        it: the dash joins the parties of one name (中国—东盟博览会, 北京—东京论坛)."""
        if not 0 < k < len(tokens) - 1 or tokens.word(k) not in DASHES or tokens.ends[k] != start \
                or tokens.spaced[k - 1] or tokens.spaced[k]:
            return False
        return self.is_party(tokens.word(k - 1)) and self.is_party(tokens.word(k + 1))

    def is_party(self, word: str) -> bool:
        """中国, 东盟, 阿拉伯: a place, a body or a foreign name, as one side of a name that joins two
        with a dash (中国—东盟博览会, 北京—东京论坛); jieba tags some peoples' names as persons (阿拉伯), a
        body's short name as an abbreviation (东盟)."""
        return len(word) > 1 and (self._proper(word) or (self.tags.get(word) or "").startswith(("nr", "nt", "j")))

    def _proper(self, word: str, tag: str | None = "") -> bool:
        """A place, an organization, a foreign name or word, or a word jieba does not know that opens
        with a place's one-character name (伊核, 欧中, 中老): not 自贸, 互认."""
        if tag == "":
            tag = self.tags.get(word)
        if word in self.regions:
            return True
        if word in self.generic or word in self.not_places:
            return False  # 城市, 全球: jieba tags them as places; they name none
        if tag is None:
            return len(word) > 1 and (word[0] in self.place_initials or word.isascii() and word.isalpha())
        if tag.startswith("nr") and len(word) > 2 and word[:-1] in self.regions:
            return True  # 伊朗核 (tagged a person's name): a country and one character of what it is about
        return tag.startswith(self.proper_tags)
