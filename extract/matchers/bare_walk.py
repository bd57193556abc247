"""Where a bare programme name starts: the walk right to left from its head over the words of the name.

The name is the run of words before the head up to a mark, a function word or a word that takes a
name as its object (实施, 违反, 签署: ``stop_words``). Verbs stand inside a name only in rules with
``verbs: compound``, and only after a noun, as a compound's (乡村|振兴), or after a word that takes
the name as its object (实施|创新驱动发展战略). A walk that cannot tell where the name starts (a
joiner, a numeral glued to it, a closing mark, an adverb) gives no name; it goes at most
``max_words`` words to the left.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .base import TokenTable
from .bare_words import HAN, NUMBER, WORD, BareWords

if TYPE_CHECKING:
    from .bare_programs import BareRule

_KNOWN_NAME = ("nz", "ns", "nt")  # a word of jieba's dictionary with one of these tags that ends in a head
_UNCLEAR_MARKS = set("—–-·/／》”」』）)")  # a name may go on before these
_CLOSE_BRACKETS = {"）": "（", ")": "("}


@dataclass
class Walk:
    """A name found so far, right to left: where it starts, its words (nearest the head first), its evidence."""
    start: int
    naming: list
    evidence: set
    after_mark: bool = False  # the walk ended at a closing mark or a dash: the name may go on before it
    at_edition: int = 1 << 30  # how many naming words the walk had when it passed an edition
    term: bool = False  # it passed a term without 第 (十三届): an edition only beside a body's name
    own: str = ""  # the head's word before the head (保护 of 保护法, 四中 of 四中全会)
    known: bool = False  # that word with the head is a name jieba's dictionary knows (三峡工程)
    joined: bool = False  # it passed a joiner inside the name (设备更新|和|消费品以旧换新行动)
    head: str = ""  # the head the walk started from


class BareWalk(BareWords):
    """The walk of ``BareProgramMatcher``; it reads the matcher's settings and ``_head_at``."""

    def _walk_name(self, text: str, tokens: TokenTable, i: int, j: int, head: str, rule: BareRule) -> Walk | None:
        """The walk from the head ending with token ``i`` (starting in token ``j``), with what the
        head's own word says; None when there is no name before it."""
        end = tokens.ends[i]
        own = text[tokens.starts[j]:end - len(head)]  # 保护 of 保护法, 四中 of 四中全会
        if own and self._boundary(own):
            return None  # 达成|协议: a verb and its object
        walk = Walk(tokens.starts[j], [own] if own else [], set(), own=own, head=head)
        walk.known = bool(own) and (self.tags.get(text[tokens.starts[j]:end]) or "").startswith(_KNOWN_NAME) \
            and self._proper(own)
        if own and (walk.known or self._proper(own)):
            walk.evidence.add("proper")  # known: 三峡工程 is a name jieba's dictionary knows
        if own and (self.tags.get(text[tokens.starts[j]:end]) or "").startswith("nz"):
            walk.evidence.add("dictionary")  # 金曲奖: a proper noun of jieba's dictionary, head and all
        if rule.one_word:  # 金曲|奖; not a kind of the head (配角|奖, 新人|奖)
            return walk if own and own not in rule.generic and own not in self.generic else None
        return walk if self._walk(text, tokens, j - 1, end, rule, walk, head) else None

    def _walk(self, text: str, tokens: TokenTable, k: int, end: int, rule: BareRule, walk: Walk,
              head_word: str = "") -> bool:
        """Extend ``walk`` right to left from token ``k`` over the words of the name; False when the
        name's start cannot be told (a joiner, a numeral or a closing mark glued to it, the limits)."""
        walked = 0
        while k >= 0:
            if walked >= self.max_words:
                return False
            if self.year_end.search(text, max(0, walk.start - 8), walk.start):
                return True  # 2016年|春晚: a year opens the name (the caller decides whether to keep it)
            if self.day_end.search(text, max(0, walk.start - 4), walk.start):
                return True  # 8月8日|亚洲杯: the day it happens ends the name
            edition = self.edition_end.search(text, max(0, walk.start - 12), walk.start)
            if edition:  # 第49届, 十三届, 第十次: inside a name, the name goes on before it
                k = self._pass_edition(tokens, walk, edition, head_word)
                if k is None:
                    return True
                walked += 1
                continue
            if tokens.word(k) in _CLOSE_BRACKETS and self._bracketed_place(tokens, k, walk):
                k, walked = k - 4, walked + 2  # 中国（湖南）|国际矿物宝石博览会: two words of the name
                continue
            if self.joins_parties(tokens, k, walk.start):  # 中国—东盟|博览会: both parties are the name's
                walk.naming.append(tokens.word(k - 1))
                walk.evidence.add("proper")
                walk.start = tokens.starts[k - 1]
                k, walked = k - 2, walked + 1
                continue
            step = self._step(text, tokens, k, end, rule, walk)
            if isinstance(step, bool):
                return step
            walked += k - step
            k = step
        return True

    def _pass_edition(self, tokens: TokenTable, walk: Walk, edition, head_word: str) -> int | None:
        """Take the edition into the walk; the token to go on from, None when it began inside a word."""
        # a term without 第 (十三届, 二十届) is an edition before a session or a body's name, else a
        # count (连续六届残奥会)
        if edition.group()[0] in "第首" or head_word in self.term_heads:
            walk.evidence.add("edition")
        else:
            walk.term = True  # it counts if the name holds a body's name (decided after the walk)
        walk.at_edition = len(walk.naming)
        walk.start = edition.start()
        k = tokens.covering(walk.start - 1) if walk.start > 0 else -1
        if head_word in self.term_heads and edition.group()[0] not in "第首" and k >= 0 and tokens.word(k) in self.term_owners:
            return None  # 中共中央|十八届五中全会: the Party's plenary session is named from its term (not 朝鲜劳动党七届三中全会)
        return None if k >= 0 and tokens.ends[k] > walk.start else k

    def _step(self, text: str, tokens: TokenTable, k: int, end: int, rule: BareRule, walk: Walk) -> int | bool:
        """Take token ``k`` into the walk: the token to go on from, or (a bool) the walk's verdict."""
        piece = text[tokens.starts[k]:tokens.ends[k]]
        ended = self._walk_ends(text, tokens, k, end, rule, walk)
        if ended is not None:
            return ended
        if walk.start == tokens.starts[k]:
            return k - 1  # a joiner taken into the name
        tag = self.tags.get(piece)
        if NUMBER.fullmatch(piece):
            pass  # 500强, 一次会议: part of a name, naming nothing by itself
        elif tag is not None and tag.startswith("v") and not tag.startswith("vn"):
            return self._verb_step(tokens, k, rule, walk)
        elif piece in self.name_prefixes:
            walk.naming.append(piece)  # 反|外国制裁法, 反|极端主义公约
        elif piece in self.meeting_roles and walk.head in self.meeting_heads and not walk.naming:
            walk.naming.append(piece)  # 第七次|元首|会晤: who meets (jieba tags 元首 a time)
        elif piece in self.inner_times:
            walk.naming.append(piece)  # 第33届|夏季|奥林匹克运动会, 第三届|少年|…: tagged as a time or numeral
        elif walk.head in self.body_heads and walk.naming and piece.endswith(self.enacting_bodies) \
                and self._names_enough(walk, rule):
            return True  # 全国人大常委会|畜牧法: the enacting body, not the law's (国务院组织法 names too little without it)
        elif len(piece) == 1 and piece in self.place_initials and (walk.naming and walk.naming[-1] in self.place_initials
                                                                    or k > 0 and set(tokens.word(k - 1)) <= self.place_initials):
            walk.naming.append(piece)  # 中|俄|议会合作委员会, 孟中印|缅: countries' one-character names, cut apart
            walk.evidence.add("proper")
        elif self._name_word(piece, tag):
            if (tag or "").startswith("vn") and walk.naming and self._proper(walk.naming[-1]):
                return True  # 突破|伊核协议: a verbal noun before a proper name is the predicate
            walk.naming.append(piece)
            if self._proper(piece, tag):
                walk.evidence.add("proper")
            if piece in self.place_suffixes and k > 0 and HAN.fullmatch(tokens.word(k - 1)) \
                    and self._name_word(tokens.word(k - 1), self.tags.get(tokens.word(k - 1))):
                walk.evidence.update(("proper", "local_place"))  # 海安|路: a road, a district is a place
        else:  # a numeral glued to the name (二|十国集团), a negation (防止|不|公平竞争法), a
            # direction that may be the name's (促进中部|地区崛起战略); left of an edition, the
            # name of a body that holds a word of another kind (成员国|元首|理事会第十四次会议)
            return not (tag or "").startswith(("m", "f", "i", "ad")) and piece not in self.negations \
                and not (len(walk.naming) > walk.at_edition and (tag or "").startswith(("t", "q")))
        walk.start = tokens.starts[k]
        return k - 1

    def _bracketed_place(self, tokens: TokenTable, k: int, walk: Walk) -> bool:
        """中国（湖南）, 粤港澳大湾区（广东）: a place in brackets (token ``k`` closes them) right after a
        place is part of the name; take both into the walk."""
        if k < 3 or any(tokens.spaced[x] for x in range(k - 3, k)) \
                or tokens.word(k - 2) != _CLOSE_BRACKETS[tokens.word(k)]:
            return False
        inner, outer = tokens.word(k - 1), tokens.word(k - 3)
        if not (self._place(inner) and self._place(outer)):
            return False
        walk.naming.extend((inner, outer))
        walk.evidence.update(("proper", "local_place"))
        walk.start = tokens.starts[k - 3]
        return True

    def _walk_ends(self, text: str, tokens: TokenTable, k: int, end: int, rule: BareRule, walk: Walk) -> bool | None:
        """The walk's verdict when token ``k`` ends it (a mark, the limits, a word a name never holds),
        else None."""
        piece = text[tokens.starts[k]:tokens.ends[k]]
        if tokens.spaced[k] or not WORD.fullmatch(piece):
            # 》第十五次缔约方大会: the name began before the mark (unless it was in quotes: “一带一路”倡议)
            walk.after_mark = piece[-1] in _UNCLEAR_MARKS
            return True
        if len(piece) > 1 and rule in self.rules.get(piece, ()):
            return True  # 两院院士大会|中国科协第十次全国代表大会: a name of the same kind ends there
        if rule.launchers and any(text.endswith(v, 0, tokens.ends[k]) for v in rule.launchers):
            return True  # 深入推进|国土绿化行动: the rule's own launching verb, or a word ending in one
        if rule.openers and self._opener_at(text, tokens, k, rule, walk):
            return True  # 学习贯彻|习近平新时代中国特色社会主义思想主题教育: the verbs open the name
        if self._boundary(piece) or piece in rule.stop_words:
            # 树立和践行|正确政绩观学习教育: verbs joined before it may open the name too
            return k == 0 or not self._joiner(tokens.word(k - 1))
        if end - tokens.starts[k] > self.max_chars:
            return False  # the limit is the name's: a word that ends the walk cleanly stays out of it
        if piece in rule.joiners and walk.naming and not walk.joined:
            walk.joined = True  # 设备更新|和|消费品以旧换新行动: one name if a launching verb leads it
            walk.start = tokens.starts[k]
            return None
        if piece[0] in self.joiners:
            # 人口与计划生育法: where the name starts is unknown, unless a name of the same kind
            # ends before the joiner (食品安全卫生管理法及|农产品生产验证管理法)
            return len(piece) == 1 and k > 0 and self._head_at(text, tokens, k - 1) is not None \
                and bool(walk.naming)
        return None

    def _opener_at(self, text: str, tokens: TokenTable, k: int, rule, walk) -> bool:
        """One of the rule's openers ends with token ``k`` and starts on a word's edge, after a name's
        words: take it into the name and end the walk there."""
        end = tokens.ends[k]
        for opener in rule.openers:
            start = end - len(opener)
            if walk.naming and text.startswith(opener, start) and tokens.starting_at(start) is not None:
                walk.start = start
                return True
        return False

    def _joiner(self, word: str) -> bool:
        """和, 与, 并且: a word that joins two phrases; not a noun or verb that opens with a joiner's
        character (同志|在, 到达)."""
        return word[0] in self.joiners and (len(word) == 1 or (self.tags.get(word) or "").startswith("c"))

    def _verb_step(self, tokens: TokenTable, k: int, rule: BareRule, walk: Walk) -> int | bool:
        """A verb at token ``k``: the name ends before it (讨论|民法典) unless the rule's names hold
        verbs; then the run of verbs is the compound's or opens the name, see ``_verbs``."""
        if rule.verbs != "compound":
            return True  # 讨论|民法典: a verb before a name that holds none
        first, verdict = self._verbs(tokens, k, rule.adverb_verbs)
        if verdict in ("inside", "object"):  # object: 实施|创新驱动发展战略, the verbs open the name
            walk.naming.extend(tokens.word(x) for x in range(k, first - 1, -1))
            walk.start = tokens.starts[first]
        return first - 1 if verdict == "inside" else verdict != "unknown"

    def _verbs(self, tokens: TokenTable, k: int, adverb_verbs: str = "predicate") -> tuple[int, str]:
        """The run of verbs ending with token ``k`` (its first token) and what it is. Inside a name
        (乡村|振兴, 扫黑|除恶, 打击|侵权|假冒) it follows a noun, as the verb of a compound ("inside"),
        or a word that takes the name as its object ("object": 实施|创新驱动发展战略). After a noun,
        with a noun after it, it is a clause's predicate and the name starts after it ("predicate":
        国家|诋毁|香港国安法); after a mark or an adverb either may be true ("unknown")."""
        first = k
        while first > 0 and not tokens.spaced[first - 1]:
            word = tokens.word(first - 1)
            tag = self.tags.get(word) or ""
            if not (tag.startswith("v") and not tag.startswith("vn")) or self._boundary(word):
                break
            first -= 1
        if first == 0 or tokens.spaced[first - 1]:
            return first, "unknown"
        before = tokens.word(first - 1)
        if not WORD.fullmatch(before):
            return first, "unknown"
        chain = [tokens.word(x) for x in range(first, k + 1)]
        if not self.modals.isdisjoint(chain):
            return first, "predicate"  # 缔约国|应|重申|公约: a modal verb makes a clause
        if len(before) == 2 and before[-1] in self.side_endings:
            return first, "predicate"  # 俄方|终止|欧洲委员会宪章: a side, then what it does
        if self._boundary(before):
            return first, "object"  # 实施|创新驱动发展战略, 为期三个月的|打击芬太尼类物质犯罪专项行动
        if self._name_word(before, self.tags.get(before)) and not NUMBER.fullmatch(before):
            return first, "inside" if self._compound_end(tokens, k) else "predicate"
        # after an adverb the verbs are the predicate (同时|受到|食品安全卫生管理法), or a campaign's
        # own (严厉|打击…专项行动): ``adverb_verbs`` says which
        return first, adverb_verbs

    def _compound_end(self, tokens: TokenTable, k: int) -> bool:
        """After a noun, verbs are a compound's (乡村|振兴|战略, 技术|推广|法) when the head or a verbal
        noun follows them; a verb with a noun after it is a clause (国家|诋毁|香港国安法)."""
        if k + 1 >= len(tokens):
            return True
        nxt = tokens.word(k + 1)
        tag = self.tags.get(nxt)
        if nxt in self.rules or tag is None or tag.startswith("v"):
            return True
        if k + 2 < len(tokens) and nxt + tokens.word(k + 2) in self.rules:
            return True  # 外资|准入|负面|清单: a head of two words follows
        own = next((nxt[:-len(h)] for h in self.heads_by_last.get(nxt[-1], ()) if nxt.endswith(h)), None)
        return bool(own) and (self.tags.get(own) or "").startswith("v")  # 验证|管理法, not 听取|固废法

