"""A listed company named with its stock code in brackets right after it (issue 20): 华南金（2880）,
美食-KY（2723）, 贵州茅台（600519）, 腾讯控股（00700.HK）, as financial news writes a company the first
time; or with the -KY mark of a foreign-registered Taiwan listing alone (臻鼎-KY). The code says the
words before it are a company's name, where no suffix follows them (台经院-like short names the tagger
never saw); the ``org.listed.ticker`` entry of rules/organizations.yaml holds what reads as a code and
what does not (years, warrants).

The name is the jieba word that ends at the bracket, taken with the word before it when it is one
character (长荣|航) or a kind of company (沅圣|科技), with a first character jieba left alone (群|光电能)
or, before a mainland or Hong Kong code, its place (贵州|茅台), and without a descriptor jieba glued to
its front (厂|燿华 of 印刷电路板厂燿华).
"""
from __future__ import annotations

from typing import Mapping

import regex

from ..mention import Mention
from ..rules import RulesError
from .base import TokenTable

_NAME_CHARS = regex.compile(r"[\p{Han}A-Za-z&]+(?:-?KY)?")
_LISTING = regex.compile(r"(?<=[\p{Han}A-Z])-KY(?![A-Za-z0-9])")  # 茂林-KY: the exchange's mark of a foreign-registered listing


class Tickers:
    """Finds ``org.listed.ticker`` names."""

    def __init__(self, entry: Mapping, grammar):
        for key in ("code", "org_type", "years", "max_chars"):
            if not entry.get(key):
                raise RulesError(f"organizations: org.listed.ticker needs {key}")
        self.mention, self.tag = grammar.mention, grammar.tag
        self.org_type = str(entry["org_type"])
        # not a figure in brackets before its unit (电量(1100)亿度)
        self.code = regex.compile(rf"[（(]\s?(?:{entry['code']})\s?[）)](?![万亿千百元])")
        self.first_year, self.last_year = (int(y) for y in entry["years"])
        self.max_chars = int(entry["max_chars"])
        self.kind_words = set(entry.get("kind_words", []))
        self.descriptors = tuple(sorted(entry.get("descriptors", []), key=len, reverse=True))
        self.not_tags = tuple(entry.get("not_tags", []))
        self.not_first = set(entry.get("not_first", ""))
        self.not_names = set(entry.get("not_names", []))
        self.not_before = tuple(entry.get("not_before", []))
        self.is_generic = grammar.is_generic

    def __call__(self, text: str, tokens: TokenTable) -> list[Mention]:
        out = []
        for m in self.code.finditer(text):
            code = m.group("code")
            if len(code) == 4 and (code.startswith("0") or self.first_year <= int(code) <= self.last_year):
                continue  # bare four digits: an ETF (0050), or a year: 去（2016）年, 《…报告（2019）》 (2020.HK is a code)
            span = self._name(text, tokens, m.start() - 1 if text[m.start() - 1:m.start()] == " " else m.start(),
                              mainland=len(code.split(".")[0]) != 4)
            if span is not None:
                start, end = span
                out.append(self.mention(start, end, text[start:end], "org.listed.ticker", self.org_type))
        for m in _LISTING.finditer(text):  # 臻鼎-KY without its code: the mark alone says it is listed
            span = None if self.code.match(text, m.end() + (text[m.end():m.end() + 1] == " ")) \
                else self._name(text, tokens, m.end(), mainland=False)
            if span is not None:
                out.append(self.mention(span[0], span[1], text[span[0]:span[1]], "org.listed.ticker", self.org_type))
        return out

    def _name(self, text: str, tokens: TokenTable, end: int, mainland: bool) -> tuple[int, int] | None:
        """Where the name before the bracket at ``end`` begins, or None when the words there name no company."""
        if end == 0 or not tokens.ends_word(end):
            return None
        # 美食-KY, 慧洋KY: a foreign-registered listing
        stem_end = end - 3 if text.endswith("-KY", 0, end) else end - 2 if text.endswith("KY", 0, end) else end
        if stem_end == 0 or not tokens.ends_word(stem_end):
            return None
        k = tokens.covering(stem_end - 1)
        word = tokens.word(k)
        if len(word) == 1 and self._joins(tokens, k - 1, before_kind=False):
            k -= 1  # 长荣|航, 统一|超
        while tokens.word(k) in self.kind_words and (self._joins(tokens, k - 1)
                                                     or k > 0 and tokens.word(k - 1) in self.kind_words):
            k -= 1  # 沅圣|科技, 鸿腾|精密|科技
        if tokens.ends[k] - tokens.starts[k] >= 2 and not tokens.word(k).isascii() and self._joins(tokens, k - 1, single=True):
            k -= 1  # 群|光电能, 新|日光: a name's first character jieba left alone
        elif mainland and k > 0 and not tokens.spaced[k - 1] and (self.tag(tokens.word(k - 1)) or "").startswith("ns"):
            k -= 1  # 贵州|茅台（600519）, 宁德|时代: mainland and Hong Kong names open with their place
        elif tokens.word(k) in self.kind_words:
            return None  # a kind of company alone names none (投资|科技（3456）)
        start = tokens.starts[k]
        if text[start] in self.not_first and self.tag(tokens.word(k)) is None and stem_end - start >= 3:
            start += 1  # 跟慧洋|-KY, 除丽丰|-KY: jieba glued a function word to a name it does not know
        for descriptor in self.descriptors:  # 厂燿华: a descriptor jieba glued to the name's front
            if text.startswith(descriptor, start) and end - start - len(descriptor) >= 2 \
                    and tokens.starting_at(start + len(descriptor)) is None:
                start += len(descriptor)
                break
        name = text[start:end]
        if name.endswith("KY") and not name.endswith("-KY") and not regex.match(r"\p{Han}", name):
            return None
        if not (2 <= len(name) <= self.max_chars) or not _NAME_CHARS.fullmatch(name) or name in self.not_names \
                or self.is_generic(name) or text.endswith(self.not_before, 0, start):
            return None  # 公司（2880）, 代码（600000）, 上海证券交易所代码（600000）
        tag = self.tag(text[start:stem_end]) or ""
        return None if tag.startswith(self.not_tags) else (start, end)

    def _joins(self, tokens: TokenTable, k: int, single: bool = False, before_kind: bool = True) -> bool:
        """Token ``k`` is Han, touches the name and can begin it: no function, time or number word
        (昨|华南金, 在|美食-KY), nor a verb or adjective before a kind of company (投资|科技); with
        ``single``, one character only (群|光电能)."""
        if k < 0 or tokens.spaced[k]:
            return False
        word = tokens.word(k)
        if not regex.fullmatch(r"\p{Han}+", word) or single and len(word) != 1 or word[0] in self.not_first:
            return False
        tag = self.tag(word) or ""
        if not single:  # before a kind of company no verb, number or function word (投资|科技, 一家|电子)
            return not before_kind or not tag.startswith(self.not_tags + ("v", "a", "d"))
        # 中 (f) opens many names (中|天生|技): a direction word may begin one
        return not tag.startswith(tuple(t for t in self.not_tags if t != "f") + ("d", "v"))  # not 有|亚德客-KY
