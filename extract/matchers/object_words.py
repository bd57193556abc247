"""The word-level steps of reading a claim's object (``objects.ObjectReader``): whether a word
stops the phrase, joins two nouns, opens the predicate, or stands inside a compound, a quoted name or
a model's number. Kept apart from the reader's walk so each stays small; the settings they read are
the reader's (``rules/numerics.yaml``, ``objects``).
"""
from __future__ import annotations

import regex
from spacy.tokens import Doc

from .base import token_index_at, token_table

WORD = regex.compile(r"[\p{Han}A-Za-z0-9]*\p{Han}[\p{Han}A-Za-z0-9]*|[A-Za-z0-9]+(?=\p{Han})")
LATIN = regex.compile(r"[A-Za-z][A-Za-z0-9]*")  # IS份子, iPhone: a Latin word names what is counted
_CODE = regex.compile(r"\d[A-Za-z0-9]*")  # the code of a model after its hyphen: 64, 1W, 3
# the number of a model written in Han numerals after its name (北斗|三号|卫星, 天链|一号|卫星); a day of
# the month is written in digits in the news (一名官员|21号|透露)
_MODEL_NUMBER = regex.compile(r"[一二三四五六七八九十]+号")
# the number of a model written in digits between its maker and a noun (波音|747|飞机, 空客|A320|客机):
# three digits or more, or letters and digits; never a year (公司|2019|年度)
_MODEL_DIGITS = regex.compile(r"[A-Z]{1,3}\d{2,4}[A-Z]{0,2}|\d{3,4}")
_YEAR = regex.compile(r"(?:19|20)\d\d")


def is_word(word: str) -> bool:
    """A word of a name or noun (Han or Latin), not punctuation or a bare number."""
    return bool(WORD.fullmatch(word) or LATIN.fullmatch(word))


class PhraseWords:
    """The tests on single words of the phrase after a claim; ``ObjectReader`` sets the attributes."""

    def _verb_in_compound(self, tokens, k: int, limit: int, words: list[str], counted: bool = False) -> int:
        """How many words from ``k`` are one or two verbs inside a compound noun: after a noun, before
        at most two nouns the last of which is a head of such compounds (产业|创新|服务|综合体, 农村|转移|
        劳动力, 水稻|种植|基地); 0 otherwise (贫困村|栽种|油茶: no head, the predicate)."""
        if not words or words[-1] in self.coordinators or not self.compound_heads \
                or tokens.word(k) in self.compound_not_verbs or self._to_place(tokens.word(k)):
            return 0
        verbs = 0
        while verbs < 2 and k + verbs < limit and len(tokens.word(k + verbs)) > 1 \
                and (self.tags.get(tokens.word(k + verbs)) or "").startswith("v") and not self._stops(tokens.word(k + verbs)):
            verbs += 1
        # after a measure word that needs a noun (``counted``), a verbal noun alone before the verb opens a
        # compound whatever its head (15处|遗产|构成|要素|。, 8条|旅游|定制|巴士专线|，), when the nouns end the
        # clause; not after an amount (斥资1千万|经费|进行|改善工程)
        verbal = counted and len(words) == 1 and (self.tags.get(words[0]) or "").startswith("vn")
        for n in (1, 2):
            m = k + verbs + n - 1
            if not verbs or m >= limit or not self.noun_like(tokens.word(m)) or self._stops(tokens.word(m)):
                return 0
            if tokens.word(m).endswith(self.compound_heads):
                return verbs + n if self._compound_ends(tokens, m + 1) else 0
            if verbal and (m + 1 >= len(tokens) or not is_word(tokens.word(m + 1))):
                return verbs + n
        return 0

    def _compound_ends(self, tokens, k: int) -> bool:
        """Does the phrase end after the head? A number or a noun after it makes the verb the predicate
        (22个省份|安排|扶贫项目|41.55万个)."""
        word = tokens.word(k) if k < len(tokens) else ""
        return not self._number_at(tokens, k) and (word in self.coordinators or self._stops(word) or not self.noun_like(word))

    def _aspect_verb(self, tokens, k: int, words: list[str]) -> bool:
        """A word with 了/着 after it and a word after that is a verb, whatever jieba tags it: the
        predicate (屏障|成|了|大家, 1000多万元|新开|了|绿色…); so is one with 了 after a noun already
        read (四个小组带头人|产生|了|，: jieba tags 产生 n); a 了 before punctuation right after the
        counted noun may end a clause (已有500名学生了。)."""
        if k + 1 >= len(tokens) or tokens.word(k + 1) not in self.aspect_markers:
            return False
        if words and words[-1] not in self.coordinators:
            return True
        return k + 2 < len(tokens) and is_word(tokens.word(k + 2))

    def _model_number(self, tokens, k: int, words: list[str]) -> bool:
        """A model's number in Han numerals between its name and a noun (12颗|北斗|三号|卫星): part of
        the name, not a number that ends the phrase."""
        if not words or words[-1] in self.coordinators:
            return False
        word = tokens.word(k)
        following = tokens.word(k + 1) if k + 1 < len(tokens) else ""
        if _MODEL_NUMBER.fullmatch(word):
            return self.noun_like(following) and not self._stops(following)
        # in digits, a code with letters (5架|C919|大飞机) or a number after a maker of the ``model_makers``
        # list (18架|波音|747|飞机), before a noun jieba knows of two characters or more that is no unit;
        # not a count (覆盖3个乡镇|3000|农户, 65个居民区|603|人次)
        if not _MODEL_DIGITS.fullmatch(word) or _YEAR.fullmatch(word) or (word.isdigit() and words[-1] not in self.model_makers):
            return False
        return len(following) > 1 and (self.tags.get(following) or "").startswith("n") and not self._stops(following) \
            and following not in self.no_verb_lead

    def _quoted_noun(self, tokens, k: int, limit: int, words: list[str]) -> int:
        """How many words from ``k`` are a quoted name inside the phrase before its head noun (专精特新|
        “小巨人”|企业, 美制|“艾布拉姆斯”|坦克): an open quote after a word already read, closed within four
        words, with a noun after it that is no title (同志|“七一勋章”, 单位|“先进集体”|称号); 0 otherwise:
        with no noun after it the quote may be the predicate (10个贫困县|“摘帽”)."""
        if not words or words[-1] in self.coordinators or tokens.word(k) not in self.open_quotes:
            return 0
        close = self._closing(tokens, k, min(k + 6, limit), 2)
        head = tokens.word(close + 1) if close and close + 1 < limit else ""
        if len(head) < 2 or not self.noun_like(head) or self._stops(head) or head.endswith(self.title_heads):
            return 0
        return close - k + 1

    def _closing(self, tokens, k: int, limit: int, least: int) -> int | None:
        """The index of the mark that closes the quote opened at ``k`` (《 by 》, not by the ” of a
        quote inside it: 系列报道|《|“|一带一路|”|文脉通心|》), from ``k + least`` up to ``limit``."""
        close = self.quote_pairs.get(tokens.word(k))
        return next((m for m in range(k + least, limit) if tokens.word(m) == close), None)

    def _suffix_noun(self, tokens, k: int, words: list[str]) -> bool:
        """A one-character noun suffix jieba tags as a verb (站, 展) right after a noun, with punctuation
        or a noun after it: it ends the noun (一百多个高铁|站|，); before other words it is the verb
        (两名士兵|站|在…)."""
        if not words or words[-1] in self.coordinators or tokens.word(k) not in self.suffix_nouns:
            return False
        following = tokens.word(k + 1) if k + 1 < len(tokens) else ""
        if len(following) > 1 and (self.tags.get(following) or "").startswith("v") and not self._stops(following):
            return True  # 5个任务|点|开展救援: a verb of two characters is the predicate after the noun
        return not is_word(following) or (self.noun_like(following) and not self._stops(following))

    def _closing_verb(self, tokens, k: int, words: list[str]) -> bool:
        """A verb that ends the clause after one or two nouns joined to a verbal noun closes the second
        noun as one of the same kind (20余项健康筛查及|医疗|诊断|。: two actions); after a noun that names no
        action it is the predicate (5个设施及区域|关闭|。)."""
        word = tokens.word(k)
        following = tokens.word(k + 1) if k + 1 < len(tokens) else ""
        if len(word) < 2 or (following and (is_word(following) or self._number_at(tokens, k + 1))) \
                or self._stops(word) or word in self.compound_not_verbs or not (self.tags.get(word) or "").startswith("v"):
            return False
        joins = [m for m, w in enumerate(words) if w in self.coordinators]
        if not joins or joins[-1] == 0 or len(words) - joins[-1] - 1 not in (1, 2):
            return False
        return (self.tags.get(words[joins[-1] - 1]) or "").startswith("v")

    def _code_after(self, doc: Doc, end: int) -> str:
        """The model code written right at ``end`` (-20 after 运), or ''."""
        index = token_index_at(doc, end)
        if index is None:
            return ""
        tokens = token_table(doc)
        n = self._model_code(tokens, index, min(index + 3, len(tokens)))
        return "".join(tokens.word(m) for m in range(index, index + n))

    def _model_code(self, tokens, k: int, limit: int) -> int:
        """How many words from ``k`` write a model's code after its name: a hyphen and a code that
        opens with a digit, and 型/式/号 after it (8架阿帕契AH|-|64, 24枚标准|-|3|型|拦截导弹); 0 if none."""
        if k + 1 >= limit or tokens.word(k) not in self.model_hyphens or not _CODE.fullmatch(tokens.word(k + 1)):
            return 0
        return 3 if k + 2 < limit and tokens.word(k + 2) in self.model_marks else 2

    def _quoted(self, tokens, k: int) -> str:
        """A quoted name and the head after it (“中华情”旅游促融线路), or the name alone."""
        close = self._closing(tokens, k, min(k + 8, len(tokens)), 1)
        if close is None or close == k + 1:
            return ""
        name = "".join(tokens.word(m) for m in range(k + 1, close))
        head, m = [], close + 1
        while m < min(close + 1 + self.window, len(tokens)) and self.noun_like(tokens.word(m)) \
                and not self._stops(tokens.word(m)):
            head.append(tokens.word(m))
            m += 1
        if not head:
            return name
        return "".join(tokens.word(m) for m in range(k, close + 1)) + "".join(head)

    def _stops(self, word: str) -> bool:
        if not is_word(word) or word in self.stop:
            return True
        if len(word) == 2 and word not in self.tags and word[0] in self.glued_locatives \
                and (self.tags.get(word[1]) or "").startswith("v"):
            return True  # 12座基地|中有|11座: a place word and the verb after it, glued by the guesser
        return bool(self.numeral_char.match(word)) and self.tags.get(word) in (None, "m")

    def _joins(self, following: str, then: str = "") -> bool:
        """和 and 、 join two counted nouns (国家和地区), or a noun and one opened by a leading word
        (欧佩克和|非|欧佩克产油国); 及/与 join what is not counted."""
        if following in self.leading:
            return self.noun_like(then) and not self.numeral_char.match(then)
        return self.noun_like(following) and not self.numeral_char.match(following)

    def _loose_joins(self, tokens, k: int) -> bool:
        """及 (``loose_coordinators``) joins a common noun that ends the list (学校及派出所, 企业及机构发布…); not a
        proper name (城市及华盛顿特区), nor the first of a list that goes on (棉衣裤及食品、药品、饮用水等) or
        a noun before a number (整车企业及20多家零部件企业): what follows is no second thing counted."""
        if tokens.word(k) not in self.loose:
            return True
        tag = self.tags.get(tokens.word(k + 1)) or ""
        if not tag or tag.startswith(("ns", "nr", "nt")) or tokens.word(k + 1).startswith(self.dependents):
            return False  # 8个主管部门及|所属|单位: the units belong to those counted, they are not counted
        m = k + 1
        while m < len(tokens) and self.noun_like(tokens.word(m)) and not self._stops(tokens.word(m)):
            m += 1
        return m >= len(tokens) or (tokens.word(m) not in self.coordinators and not self._number_at(tokens, m))

    def _opens(self, words: list[str]) -> bool:
        """Is the next word the first of a noun phrase (of the object or of a conjunct in it)?"""
        return not words or words[-1] in self.coordinators

    def _predicate_at(self, tokens, k: int, words: list[str], counted: bool = False) -> bool:
        """After a noun, where the predicate begins: two verbs in a row (重点产业|调整优化), a word the
        dictionary does not know with no noun after it (60种药品|集采|成功, 上千款…商品|吸客|，), and
        after a measure word that counts (``counted``), a noun of a measure of it (84个城市|空气质量)."""
        if words[-1] in self.coordinators:
            return False
        word = tokens.word(k)
        if self.passive(word):
            return True  # 数千栋民房|被淹|，
        tag = self.tags.get(word)
        following = tokens.word(k + 1) if k + 1 < len(tokens) else ""
        if tag is None and not LATIN.fullmatch(word) and self.tags.get(words[-1], "").startswith(self.noun_tags):
            if self._to_place(word):
                return True  # 四户村民|困在|洪水中
            if following and is_word(following):
                return self._predicate_word(tokens, k + 1)  # 药品|集采|成功, 信教群众|摸顶|赐福
            return (self.tags.get(word[0]) or "").startswith("v")  # 商品|吸客|，, 高空|跃下|， (not 垃圾|底渣|，)
        if counted and word.endswith(self.attributes) and len(word) > 1 and k + 1 < len(tokens) \
                and (self._predicate_word(tokens, k + 1) or self.numeral_char.match(following)
                     or following[:1].isdigit() or (following in self.stop and following != "的")):
            return True  # 5个乡镇区|雨量|超过200毫米, 11类商品|零售额|4.9万亿元 (not 3500个…|名额|。)
        if len(word) == 1 and following in self.moved_to and k + 2 < len(tokens) and self.noun_like(tokens.word(k + 2)):
            return True  # 两个地点|运|至|叙利亚: a verb of one character before where it moves things
        if word in self.verbs and not (following and self.noun_like(following) and not self._stops(following)):
            return True  # 4台涡轮机|有关|，, 14处重点区域|启动|“一分钟”, 补贴|惠及|1006万
        if self._adverb_at(tokens, k):
            return True  # 1200多株野桃花|次第|开放, 22条财税政策|专门|扶持
        if (tag or "").startswith("l") and len(word) == 4 and word[:2] in self.compound_not_verbs \
                and (self.tags.get(word[2:]) or "").startswith("v"):
            return True  # 10余个省区市|开展调查|研究: a set phrase of a governing verb and a verbal object
        if k + 2 < len(tokens) and following in self.adverbial_particles and self._verb_word(tokens.word(k + 2)):
            return True  # 7个村庄、果园|有机|地|串联: a word before 地 and a verb is an adverb of the predicate
        # a verbal noun before a verb or an idiom, or before a number it governs (18个省区市|建设|120个项目,
        # 260万城镇残疾人|生活|十分困难; not before an adverb: 设备 and 检测 are tagged vn, 2712台IT设备|已经…)
        return (tag or "").startswith("vn") and ((self.tags.get(following) or "")[:1] in ("v", "i")
                                                 or self._number_at(tokens, k + 1))

    def _to_place(self, word: str) -> bool:
        """A verb with a complement of place (困在, 运抵, 送到, 飞往): it governs the place after it, so it is
        the predicate, never a verb inside a compound noun (现金|运抵|开城|工业园区)."""
        return len(word) == 2 and word.endswith(self.place_complements) \
            and (self.tags.get(word) or self.tags.get(word[0]) or "").startswith("v")

    def glued_adverb(self, tokens, k: int) -> str | None:
        """A word the dictionary does not know that is one character of a noun (no verb, adverb,
        preposition, conjunction, particle, pronoun, numeral or measure word) and an adverb glued
        before the predicate (457个|村全|覆盖, 四张|网共|收获: 村|全, 网|共), or a place word and one (1吨月壤|中约|有),
        or a noun and a place word glued before it (每四个|人里|就有: 人|里, ``glued_locatives``): the part
        that belongs to the phrase ('' for a place word); None when the word is no such glue."""
        word = tokens.word(k)
        if len(word) != 2 or word in self.tags or k + 1 >= len(tokens) or not self._predicate_word(tokens, k + 1):
            return None
        first = self.tags.get(word[0]) or ""
        if word[1] in self.glued_locatives and first.startswith(self.noun_tags):
            return word[0]  # 每四个|人里|就有: 人, and 里 ("among") is a place word of the clause
        if word[1] not in self.glued_adverbs:
            return None
        if first.startswith("f"):
            return ""
        return None if first.startswith(("v", "d", "p", "c", "u", "r", "m", "q")) else word[0]  # 村 (zg), 网 (n)

    def _adverb_at(self, tokens, k: int) -> bool:
        """An adverb jieba's dictionary tags as a noun (次第, 全数, 专门) before a verb, adverb or
        preposition: the predicate begins there (奖金|全数|捐出); before a noun it may modify it
        (全国人大|专门|委员会)."""
        return tokens.word(k) in self.adverbs and k + 1 < len(tokens) and self._predicate_word(tokens, k + 1)

    def passive(self, word: str) -> bool:
        """A passive verb: the marker and a verb in one word (被淹, 被劫持, 被查获), which jieba's dictionary
        may tag as a noun (被淹 n); nouns of that shape (被告, 被窝) are listed apart."""
        marker = next((m for m in self.passive_markers if word.startswith(m)), "")
        if not marker or len(word) == len(marker) or word in self.passive_nouns:
            return False
        return (self.tags.get(word[len(marker):]) or "").startswith("v")

    def _passive_verb(self, tokens, k: int) -> bool:
        """A listed passive noun before the word 上, 到 or 了 is 被 and a verb (3人|被告|上|法庭; not 被告|到庭)."""
        return tokens.word(k) in self.passive_nouns and k + 1 < len(tokens) \
            and tokens.word(k + 1) in self.passive_noun_verb_after

    def _predicate_first(self, tokens, k: int) -> bool:
        """Is the first word after the claim its predicate, not a noun: a verb jieba tags as a noun
        with no noun after it (47万户|断电, 超20万用户 has its noun), a verbal noun before a verb of one
        character (四项|合计|占…) or opening a run of verbs to the end of the clause (投资30亿|建设|运营|，; not
        40多种|观测|设备|以及…, 120多万起|应急|救援|任务), a word the dictionary does not know that opens with a verb, before a number
        (从2.5%|提至|8%), or one of two characters that opens with a preposition and ends the clause (以50公尺|为例|，)?"""
        word = tokens.word(k)
        tag = self.tags.get(word)
        following = tokens.word(k + 1) if k + 1 < len(tokens) else ""
        if word in self.verbs:
            return not (following and self.noun_like(following) and not self._stops(following))
        if (tag or "").startswith("vn"):
            one_verb = len(following) == 1 and (self.tags.get(following) or "").startswith("v")
            return one_verb or self._verbs_only(tokens, k)
        if tag is None and len(word) == 2 and (self.tags.get(word[0]) or "").startswith("p") and not is_word(following):
            return True  # 以50公尺|为例|，, 以10公里|为界|，: a preposition glued to a word ending the clause is no noun
        return tag is None and (self.tags.get(word[0]) or "").startswith("v") and self._number_at(tokens, k + 1)

    def _verbs_only(self, tokens, k: int) -> bool:
        """Are the words from ``k`` to the next mark two or more verbs and nothing else?"""
        m = k
        while m < len(tokens) and is_word(tokens.word(m)) and (self.tags.get(tokens.word(m)) or "").startswith("v"):
            m += 1
        return m - k >= 2 and (m >= len(tokens) or not is_word(tokens.word(m)))

    def _predicate_word(self, tokens, k: int) -> bool:
        """Does the word at ``k`` begin a predicate: a verb, adverb, preposition or conjunction, or an
        adjective with no noun after it (集采|成功|，, but 科创|大|走廊项目)?"""
        tag = self.tags.get(tokens.word(k)) or ""
        if tag.startswith(("v", "d", "p", "c")) and not tag.startswith("vn"):
            return True
        after = tokens.word(k + 1) if k + 1 < len(tokens) else ""
        return tag.startswith("a") and not (after and self.noun_like(after))
