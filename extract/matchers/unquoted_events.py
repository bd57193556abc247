"""Event names written without quotes (极客少年挑战赛, 第81届世界科幻大会, 杭州亚运会): a run of descriptive
words ending in an event head (``unquoted`` in rules/programs.yaml), after a launching verb, continuing a
list of programmes, or led by a region, year or edition. The programme matcher says which words describe
(``descriptive``), which end in a head (``head_of``) and what kind a head makes (``kind_of``).
"""
from __future__ import annotations

import bisect
from typing import Callable, Mapping

import regex

from ..mention import Mention
from .base import SpanSet, TokenTable

COMPLEMENTS = "好"  # 举办|好|天津峰会: a verb's result, never a name's first word
WORD = regex.compile(r"[\p{Han}A-Za-z0-9·]+")
# an edition or year that leads an event name: 第81届, 2022年, 首届, a bare year (2015中国-阿拉伯国家博览会)
_EDITION_END = regex.compile(r"(?:第[0-9一二三四五六七八九十百零〇]+届|(?<![0-9])[0-9]{4}年?|首届)$")
# the yearly ordinal of an observance: 第26个 (全国税收宣传月), and the words that name it (全国税收)
_ORDINAL_END = regex.compile(r"第[0-9一二三四五六七八九十百零〇]+个$")
_OWN_NAME = regex.compile(r"(?:(?![0-9一二三四五六七八九十月日年])\p{Han}){2,}")


class UnquotedEvents:
    def __init__(self, rules: Mapping, tags: Mapping[str, str], bare, triggers, slogans,
                 descriptive: Callable[[str], bool], head_of: Callable[[str], str], kind_of: Callable):
        self.tags, self.bare, self.triggers, self.slogans = tags, bare, triggers, slogans
        self.descriptive, self.head_of, self.kind_of = descriptive, head_of, kind_of
        # head -> (rule id, fewest characters before the head, what may lead the name)
        self.heads: dict[str, tuple[str, int, frozenset]] = {}
        # heads a 第N个 edition leads (第26个全国税收宣传月: the Nth yearly publicity month)
        self.ordinal_heads = frozenset(h for entry in rules.get("unquoted", []) for h in entry.get("ordinal_heads", ()))
        for entry in rules.get("unquoted", []):
            leads = frozenset(entry.get("leads", ("trigger", "list", "region")))
            for head in entry["heads"]:
                self.heads.setdefault(head, (entry["id"], int(entry.get("min_before", 2)), leads))
        ends = "".join(sorted({h[-1] for h in self.heads}))  # only tokens ending on these are tried as heads
        self.ends = regex.compile(f"[{regex.escape(ends)}]") if ends else None

    def __call__(self, text: str, tokens: TokenTable, taken: SpanSet, found) -> list[Mention]:
        """极客少年挑战赛 after 打造, 第81届世界科幻大会, 杭州亚运会: descriptive words ending in an event
        head, launched by a verb, continuing a list of programmes, or led by a region or edition."""
        out: list[Mention] = []
        starts, ends, spaced = tokens.starts, tokens.ends, tokens.spaced
        mention_ends = {m.end for m in found}  # a set: a list scanned per head made long lists quadratic
        for i in self._candidates(text, tokens):
            head = self.head_of(text[starts[i]:ends[i]])
            if not head or head not in self.heads:
                continue
            rule_id, min_before, leads = self.heads[head]
            end = ends[i]
            if taken.overlaps(starts[i], end) or self._split_word_after(text, tokens, i):
                continue
            start, led, joined = starts[i], False, None
            k = i - 1
            while k >= max(0, i - 7):
                piece = text[starts[k]:ends[k]]
                if self.bare.joins_parties(tokens, k, start):
                    start, led, joined = starts[k - 1], True, None  # 中国—中亚|峰会: both parties; the first opens
                    break  # the name (not 落实好|中国—中亚峰会, 展示会暨|中国—肯尼亚商务论坛)
                if piece == "与" and joined is None and k > 0 and self.descriptive(tokens.word(k - 1)):
                    joined, k = (start, led), k - 1  # 中国—东盟商务|与|投资峰会: two nouns joined, if parties lead
                    continue
                if spaced[k] or end - starts[k] > 20 or not WORD.fullmatch(piece) or piece in self.triggers:
                    break
                if not (self.descriptive(piece) or self._numeral_word(piece)):
                    break
                led = led or self.tags.get(piece, "").startswith("ns")
                start = starts[k]
                k -= 1
            if joined is not None:
                start, led = joined  # no parties led the joined words: the name starts after 与
            while start < end and text[start:ends[tokens.covering(start)]] in self.bare.stop_words:
                start = ends[tokens.covering(start)]  # 以落实|中非合作论坛北京峰会: no name opens with a verb that takes one
            if head in self.ordinal_heads and not _OWN_NAME.fullmatch(text[start:end - len(head)]):
                continue  # 第10个宣传月, 2020年4月宣传月: no words of its own name the month
            edition = _EDITION_END.search(text[max(0, start - 8):start])
            if edition is None and head in self.ordinal_heads:
                edition = _ORDINAL_END.search(text[max(0, start - 8):start])
            if edition:
                start, led = start - len(edition.group()), True
                start = self._body_before(text, tokens, start)
            name = text[start:end]
            if len(name) < len(head) + min_before or name in self.slogans:
                continue
            before = text[max(0, start - 4):start].removesuffix(COMPLEMENTS)
            launched = "trigger" in leads and any(before.endswith(t) for t in self.triggers)
            listed = "list" in leads and before.endswith(("、", "和", "及")) \
                and start - 1 in mention_ends
            if not (launched or listed or (led and "region" in leads)):
                continue
            kind, _ = self.kind_of(head)
            out.append(Mention("program", start, end, name, rule_id, {"name": name, "head": head, "kind": kind}))
            mention_ends.add(end)
        return [m for m in out if not any(o.start == m.start and o.end > m.end for o in out)]  # 中非合作论坛|北京峰会: one name

    def _body_before(self, text: str, tokens: TokenTable, start: int) -> int:
        """联合国教科文组织|第九届青年论坛: a body's name right before the edition holds the event; the name
        starts with it (a word jieba tags as an organization or an abbreviation: 欧盟|第三届峰会)."""
        if start == 0:
            return start
        k = tokens.covering(start - 1)
        if tokens.ends[k] != start or tokens.spaced[k] or len(tokens.word(k)) < 2 \
                or not self.tags.get(tokens.word(k), "").startswith(("nt", "j")):
            return start
        return tokens.starts[k]

    def _split_word_after(self, text: str, tokens: TokenTable, i: int) -> bool:
        """The head's last character and a lone character after it make one word (电|竞赛|事: 赛事), so
        jieba split the phrase wrongly and the head is no head (精品电竞赛事体系)."""
        if i + 1 >= len(tokens) or tokens.ends[i + 1] - tokens.starts[i + 1] != 1 or tokens.spaced[i]:
            return False
        return self.tags.get(text[tokens.ends[i] - 1:tokens.ends[i] + 1], "").startswith("n")

    def _candidates(self, text: str, tokens: TokenTable) -> list[int]:
        """The tokens, in order, that end on the last character of an unquoted head: a head a token
        ends with ends where the token does, so no other token can have one (most tokens are not
        tried at all)."""
        if self.ends is None:
            return []
        starts, ends = tokens.starts, tokens.ends
        found = []
        for m in self.ends.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i >= 0 and ends[i] == m.end():
                found.append(i)
        return found

    def _numeral_word(self, word: str) -> bool:
        """百万 in 百万职工网络安全技能赛: a numeral word with no digits and no measure word."""
        return self.tags.get(word, "").startswith("m") and regex.fullmatch(r"[\p{Han}]+", word) is not None \
            and not word.endswith(("届", "年", "次", "个", "场", "项"))
