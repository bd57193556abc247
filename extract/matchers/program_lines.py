"""Rail lines named by the short names of the places they join: 京张高铁, 中老铁路, 沪昆高铁, 佛莞城际铁路.

The news names a line by one character for each end (京 Beijing, 张 Zhangjiakou), a word jieba's
dictionary does not hold as a common word: it knows it not at all (中老, 雅万), as an abbreviation
(京沪: j), a proper noun (京广: nz) or a place that is no province, city or country of the rules
(京津, 福厦: ns). A one-character short name cut off by jieba joins the word it stands before
(沪|昆高铁, 广|深港高铁, 佛|肇城际); a line named by both ends in full is joined by 至 (重庆至万州高速铁路).
A common word (全国|铁路, 乘坐|高铁, 普速|铁路), a region by its full name (中国|铁路, 北京|铁路: the
country's network, a bureau), a station (雄安站|城际铁路) or a body after the head (京沪高铁|公司,
铁路|局) makes no line. A city jieba tags as a place is taken before a high-speed line's head
(延安高铁, most often 西安至延安高铁). Settings: ``lines`` in ``rules/programs.yaml``.
"""
from __future__ import annotations

from typing import Mapping

import regex

from ..mention import Mention
from .base import SpanSet, TokenTable

_HAN = regex.compile(r"\p{Han}+")


class LineMatcher:
    """One ``lines`` entry: its heads, and the tests a short name before them must pass."""

    def __init__(self, entry: Mapping, tags: Mapping[str, str], regions: set[str]):
        self.rule_id = entry["id"]
        self.kind = entry.get("kind", "project")
        self.heads = sorted(entry["heads"], key=len, reverse=True)
        self.word_tags = tuple(entry["word_tags"])
        self.min_chars, self.max_chars = int(entry.get("min_chars", 2)), int(entry.get("max_chars", 4))
        self.not_after = tuple(entry.get("not_after", ()))
        self.joined_tags = tuple(entry.get("joined_tags", ()))
        self.place_heads = frozenset(entry.get("place_heads", ()))
        self.not_first = frozenset(entry.get("not_first", ""))
        self.between = frozenset(entry.get("between", ()))
        self.not_last = frozenset(entry.get("not_last", ""))
        self.place_not_last = frozenset(entry.get("place_not_last", ""))
        self.not_names = frozenset(entry.get("not_names", ()))
        self.not_inside = frozenset(entry.get("not_inside", ""))
        self.tags, self.regions = tags, regions
        self.head_ends = regex.compile("|".join(map(regex.escape, self.heads)))

    def __call__(self, text: str, tokens: TokenTable, taken: SpanSet) -> list[Mention]:
        out = []
        for m in self.head_ends.finditer(text):
            k = tokens.starting_at(m.start())
            if k is None or k == 0 or not tokens.ends_word(m.end()) or text.startswith(self.not_after, m.end()):
                continue
            start = self._between_places(tokens, k - 1)
            if start is None:
                start = self._short_name(text, tokens, k - 1, m.group() in self.place_heads)
            if start is None or taken.overlaps(start, m.end()):
                continue
            taken.add(start, m.end())
            name = text[start:m.end()]
            out.append(Mention("program", start, m.end(), name, self.rule_id,
                               {"name": name, "head": m.group(), "kind": self.kind}))
        return out

    def _between_places(self, tokens: TokenTable, k: int) -> int | None:
        """重庆至万州|高速铁路: a line named by both its ends in full, joined by 至; where it starts."""
        if k < 2 or tokens.word(k - 1) not in self.between:
            return None
        return tokens.starts[k - 2] if self._place(tokens.word(k)) and self._place(tokens.word(k - 2)) else None

    def _place(self, word: str) -> bool:
        return 1 < len(word) <= self.max_chars and word[-1] not in self.place_not_last \
            and (word in self.regions or (self.tags.get(word) or "").startswith("ns"))

    def _short_name(self, text: str, tokens: TokenTable, k: int, place_head: bool) -> int | None:
        """Where the places' short name before the head (ending with token ``k``) starts, or None. A
        word jieba glued to a function word's character (来|蒙内, 和|川藏: unknown to it) starts after it.
        After 至 the line is named by its ends in full (郑州至重庆万州高速铁路): what 至 leads is no
        short name."""
        if any(tokens.word(i) in self.between for i in range(max(0, k - 2), k)):
            return None
        word = tokens.word(k)
        start = tokens.starts[k]
        if self.tags.get(word) is None and word[0] in self.not_first:
            word, start = word[1:], start + 1  # 这是|高铁 keeps one character: too short
        if not self._short(word, place_head) or tokens.spaced[k]:
            return None
        chars = len(word)
        if start == tokens.starts[k] and k > 0 and not tokens.spaced[k - 1]:
            before = tokens.word(k - 1)
            if len(before) == 1 and chars + 1 <= self.max_chars and before not in self.not_first \
                    and self._short(before, place_head, self.joined_tags):
                start, chars = tokens.starts[k - 1], chars + 1  # 沪|昆高铁, 广|深港高铁, 佛|肇城际
        if start > 0 and not _HAN.match(text, start - 1) and text[start - 1].isalnum():
            return None  # 4日起|铁路: a date's end, not a name
        return start if chars >= self.min_chars else None

    def _short(self, word: str, place_head: bool, tags: tuple[str, ...] = ()) -> bool:
        """A word that may be places' short names: Han, not a region's full name, a word jieba does not
        know or knows with one of ``word_tags`` (or of ``tags``: a lone character's, 广 a, 佛 n). jieba
        tags many common words as places (大桥, 山区, 新区): a place word of two characters only before
        a high-speed line's head (京津|城际, 福厦|高铁), and a one-character one anywhere (沪|昆)."""
        if not _HAN.fullmatch(word) or len(word) > self.max_chars or word in self.regions or word[-1] in self.not_last \
                or word in self.not_names or not self.not_inside.isdisjoint(word):
            return False  # 盘毂是|高铁: a function word inside
        tag = self.tags.get(word)
        if tag is not None and tag.startswith("ns") and len(word) > 1:
            return place_head and len(word) == 2
        return tag is None or tag.startswith(self.word_tags + tags)
