"""Reading a counted noun up to the head it must end in (``counted_heads``: 家 counts firms, 艘 ships,
名 people) and a sum of money up to the fund it is (``fund_heads``); ``ObjectReader`` sets the
attributes and the word tests (``PhraseWords``) these walks use."""
from __future__ import annotations

from spacy.tokens import Doc

from .base import token_index_at, token_table
from .object_words import LATIN, WORD, is_word


class HeadWalk:
    """The walks to a head noun, mixed into ``ObjectReader``."""

    def _fund(self, doc: Doc, pos: int, phrase: str) -> str:
        """The phrase run on to the fund a sum of money is (``fund_heads``), where the reader stopped
        before it: the fund must end the noun phrase, with no governing verb before it."""
        index = token_index_at(doc, pos)
        if index is None or not self.fund_heads:
            return phrase
        tokens = token_table(doc)
        found = self._walk_to_head(tokens, index, min(index + self.window, len(tokens)), self.fund_heads)
        if not found or len(found) <= len(phrase) or not found.startswith(phrase) or not doc.text.startswith(found, pos):
            return phrase
        k = index
        while k < len(tokens) and tokens.starts[k] < pos + len(found):
            if tokens.word(k) in self.fund_not_verbs:
                return phrase
            k += 1
        if k < len(tokens) and self.noun_like(tokens.word(k)) and not self._stops(tokens.word(k)):
            return phrase  # 100亿欧元|资金|缺口: the fund is not the end of the phrase
        return found

    def _headed(self, doc: Doc, pos: int, heads: tuple[str, ...], names: bool = False, across_de: bool = True) -> str | None:
        """The object of a measure word with ``counted_heads``: the words up to the last one ending in
        a noun the unit counts, read from ``pos``, else from after the first 的 (a modifier clause:
        五艘|搭载汽油等物资的|伊朗油轮); None when no such noun is near."""
        index = token_index_at(doc, pos)
        if index is None:
            return None
        tokens = token_table(doc)
        limit = min(index + self.window, len(tokens))
        found = self._walk_to_head(tokens, index, limit, heads, names)
        if found:
            return found
        k = self._de_after(tokens, index, limit) if across_de else None
        return self._walk_to_head(tokens, k, min(k + self.window, len(tokens)), heads, names) if k else None

    def _headed_rest(self, doc: Doc, rest: str, end: int, heads: tuple[str, ...]) -> str:
        """The rest of the unit's word is a counted noun (架飞机 cut as one word): nouns after it
        join it while they end in a counted noun too; anything else is the predicate."""
        index = token_index_at(doc, end)
        if index is None:
            return rest
        tokens = token_table(doc)
        more = self._walk_to_head(tokens, index, min(index + self.window, len(tokens)), heads)
        first = tokens.word(index) if index < len(tokens) else ""
        return rest + more if more and self.noun_like(first) else rest

    def _conjunct(self, tokens, k: int, limit: int, heads: tuple[str, ...]) -> int:
        """How many words from ``k`` are a noun joined to the counted noun before the coordinator: at
        most three nouns that end the phrase, before punctuation or the predicate (948家专业机构和|组织|，,
        近20名技术能手和|业务|骨干|。); 0 when a number, a preposition or more nouns follow (上千家企业和|全球|2100多家)."""
        n = 0
        while n < 3 and k + n < limit and self._conjunct_noun(tokens, k + n, n):
            n += 1
        after = tokens.word(k + n) if k + n < len(tokens) else ""
        if not n or (k + n >= limit and after) or self._number_at(tokens, k + n) or heads == self.person_heads:
            return 0  # 120多名维和士兵及|军用车辆: 名 counts people, a joined person noun is read by the walk
        if any(tokens.word(m).endswith(heads) for m in range(k, k + n)):
            return 0  # a conjunct with a counted noun of its own is read by the walk (工商机构和|跨国公司|负责人)
        tag = self.tags.get(after) or ""
        then = tokens.word(k + n + 1) if k + n + 1 < len(tokens) else ""
        if then in self.coordinators:
            return 0  # 主题论坛、|新品|发布|、: a verb inside a listed noun
        return n if not is_word(after) or (tag.startswith(("v", "d")) and not tag.startswith("vn")) else 0

    def _conjunct_noun(self, tokens, k: int, n: int) -> bool:
        """A noun the dictionary knows, neither a verb it tags as one nor, after a noun, the predicate."""
        word = tokens.word(k)
        if not self.noun_like(word) or self._stops(word) or word in self.verbs or not (word in self.tags or LATIN.fullmatch(word)):
            return False
        return not (n and self._predicate_at(tokens, k, [tokens.word(k - 1)]))

    def _de_after(self, tokens, index: int, limit: int) -> int | None:
        """The index after the first 的 within the window, read over words and quotes only: the head
        of a relative clause (1个|流窜滇西边境的|犯罪团伙, 两艘|“违反美国封锁令”的|伊朗空载油轮)."""
        k = index
        while k < limit and tokens.word(k) != "的" and (is_word(tokens.word(k)) or tokens.word(k) in self.quote_marks):
            k += 1
        return k + 1 if k < limit and k > index and tokens.word(k) == "的" else None

    def _walk_to_head(self, tokens, k: int, limit: int, heads: tuple[str, ...], names: bool = False) -> str | None:
        """Nouns, and before the counted noun modifiers and verbs (控股, 种植); after it a word that is
        no noun is the predicate. Returns the words up to the last counted noun, and with ``names``
        (an age: whose it is) the person's name after it (26岁|日本写真女星|涉谷由里)."""
        words: list[str] = []
        last, in_name = -1, False
        while k < limit:
            word = tokens.word(k)
            tag = self.tags.get(word) or ""
            if word in self.coordinators and words and k + 1 < limit and self._joins(tokens.word(k + 1)) \
                    and self._loose_joins(tokens, k):
                more = self._conjunct(tokens, k + 1, limit, heads) if last == len(words) - 1 else 0
                words.extend(tokens.word(m) for m in range(k, k + 1 + more))
                last, k = (len(words) - 1, k + more) if more else (last, k)
            elif word in self.leading and last < 0:
                words.append(word)  # 100多台套|各类|机械设备, 100多位|一线|导演
            elif self._model_number(tokens, k, words):
                words.append(word)
            elif self._stops(word) or (last >= 0 and (self.passive(word) or word in self.verbs or self._adverb_at(tokens, k))) \
                    or self._passive_verb(tokens, k):
                break  # 民房|被淹, 海外学子|落户: after the counted noun a passive or listed verb is the predicate
            elif names and (tag.startswith("nr") or not tag) and last == len(words) - 1 >= 0 \
                    and (in_name or self.person_head(words[-1])) and WORD.fullmatch(word) and not self._adverb_led(word) \
                    and self.noun_like(word):  # not 男子|骑着 (an unknown word in 着 is a verb)
                words.append(word)  # 26岁|日本写真女星|涉谷由里: a name after the noun is the same person
                last, in_name = last + 1, True
            elif last >= 0 and not tag and not LATIN.fullmatch(word):
                break  # 各界代表|齐聚|…: after the counted noun, a word the dictionary does not know is the predicate
            elif self.noun_like(word) or ((last < 0 or word in heads) and len(word) > 1 and word.endswith(heads) and tag.startswith("v")):
                # 选手 is tagged v; after the counted noun a verb is the predicate even when it ends
                # like one (巴勒斯坦人|丧生, 工人|复工), unless it is one (两起|爆炸|袭击)
                words.append(word)
                last = len(words) - 1 if word.endswith(heads) else last
            elif last < 0 and tag.startswith(self.head_walk_tags) and (len(word) > 1 or self._adjective_of_head(tokens, k, heads)):
                words.append(word)  # a one-character verb is the predicate (四位|同志|是…), an adjective not (90岁|老|党员)
            else:
                break
            k += 1
        return "".join(words[:last + 1]) if last >= 0 else None

    def _adjective_of_head(self, tokens, k: int, heads: tuple[str, ...]) -> bool:
        """A one-character adjective right before a counted noun (90岁|老|党员, 两位|新|成员)."""
        tag = self.tags.get(tokens.word(k)) or ""
        return tag.startswith(self.inner_tags) and k + 1 < len(tokens) and tokens.word(k + 1).endswith(heads)
