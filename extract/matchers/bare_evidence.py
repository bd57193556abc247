"""What makes the words before a head a programme name, or no name: the evidence a bare rule
``needs`` (edition, year, proper, place, national, launched, quoted, long) and what rules a phrase
out (the word after the head, a title, a new one, a kind described)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from .base import TokenTable
from .bare_walk import Walk
from .bare_words import HAN, NUMBER, WORD, BareWords

if TYPE_CHECKING:
    from .bare_programs import BareRule

_CLOSE_QUOTES = {"”": "“", "」": "「", "』": "『"}
_SPEECH = set("，。！？；：,!?;")


class BareEvidence(BareWords):
    """The evidence of ``BareProgramMatcher``; it reads the matcher's settings."""

    def _head_ends_name(self, tokens: TokenTable, i: int, rule: BareRule) -> bool:
        """The word after the head (token ``i``) lets it end a name: no modifier's, post's or body's.
        A head right after a quoted name is a noun, so a verb may follow it (“一带一路”倡议|提出)."""
        after = rule.after
        if after == "not_word" and i > 0 and tokens.word(i - 1) in _CLOSE_QUOTES:
            after = "not_noun"
        return self._may_follow(tokens, i, after) and not self._title_after(tokens, i) \
            and not (i + 1 < len(tokens) and tokens.word(i + 1) in rule.not_before)

    def _term_beside_body(self, walk: Walk) -> None:
        """A term without 第 is an edition when the body's name stands right beside it (十三届|全国人大,
        全国政协|十四届), not further off (中国队|连续|六届残奥会)."""
        naming = walk.naming
        beside = naming[max(0, walk.at_edition - 1):walk.at_edition + 1] if walk.term else []
        if any(self._proper(w) or (self.tags.get(w) or "").startswith("j") for w in beside):
            walk.evidence.add("edition")

    def _year_lead(self, text: str, tokens: TokenTable, start: int, head_start: int, rule: BareRule,
                   evidence: set) -> int:
        """Where the name starts given a year that opens it: kept as part of it where the rule says so
        (2023中国国际服务贸易交易会, 2016年春晚), else left out (2020年乡村振兴战略 names the strategy,
        not a year's)."""
        year = self.year_end.search(text, max(0, start - 8), start)
        if year and "year" in rule.leads:
            evidence.add("year")
            start = year.start()
            if start > 0:  # 北京|2022年冬奥会: the host's place opens the name
                k = tokens.covering(start - 1)
                place = text[tokens.starts[k]:start]
                if tokens.ends[k] == start and len(place) > 1 and self._place(place):
                    start = tokens.starts[k]
                elif tokens.ends[k] == start and rule.kind == "document" and self._body(place):
                    evidence.add("body_before")  # 全国政协|2023年…报告: the body's document, named from before
            return start
        year = self.year_start.match(text, start, head_start)
        if year and "year" in rule.leads:
            evidence.add("year")
        elif year:
            start = year.end()
        return start

    def _body(self, word: str) -> bool:
        """An organization's name or abbreviation (全国政协, 国务院, 常务委员会, 金砖国家)."""
        return (self.tags.get(word) or "").startswith(("nt", "j")) or any(word.endswith(b) for b in self.bodies) \
            or word in self.groupings

    def _half_word_at(self, text: str, walk: Walk, start: int) -> bool:
        """A one-character word at the edge, glued to a word before it, is half of a word (日|俄)."""
        naming = walk.naming
        if len(naming) > 1 and all(len(w) == 1 and w in self.place_initials for w in naming[-2:]) \
                and text[start - 1:start] not in self.place_initials:
            return False  # 出席|中|俄|议会…: two countries' initials, whole
        return len(naming) > bool(walk.own) and len(naming[-1]) == 1 and naming[-1] not in self.name_prefixes \
            and start > 0 and bool(HAN.match(text, start - 1)) \
            and text[start - 1] not in self.function_chars and text[start - 1] not in "届次"

    def _add_place_evidence(self, text: str, walk: Walk, start: int, rule: BareRule) -> None:
        """national, launched, place and local_place: the name's words and what stands before it."""
        naming, evidence = walk.naming, walk.evidence
        if naming and (naming[-1] in self.national or naming[-1] in rule.national):
            evidence.add("national")
        if self.launch_end.search(text, max(0, start - self.longest_trigger), start) \
                or any(text.endswith(v, 0, start) for v in rule.launchers):
            evidence.add("launched")  # 深入开展|争做中国好网民工程, 深入推进|大规模国土绿化行动
        if any(self._place(w) for w in naming):
            evidence.add("place")
        if any(self._body(w) for w in naming if w not in rule.generic):
            evidence.add("body")  # 欧盟|领导人峰会, 二十国集团|领导人峰会: a body's name or abbreviation (not 公司|工作报告)
        if walk.known or any(self._place(w) and w not in self.countries for w in naming[bool(walk.own):]):
            evidence.add("local_place")  # 安徽江巷灌区工程, 淮河入海水道二期工程; not 中国 alone

    def _described(self, walk: Walk, rule: BareRule) -> bool:
        """The words before the head describe one (a new one, a kind of it) or name a person."""
        naming = walk.naming
        nearest = naming[0] if naming else ""
        if len(nearest) == 1 and (self.tags.get(nearest) or "").startswith("a") and nearest != walk.own:
            return True  # 新|战略, 新|宪法: a new one, not a name
        if rule.no_generic_before_head and nearest in self.generic:
            return True  # 知识产权|国际|公约, 协同发展|重大国家|战略: a kind of it, described
        # 总统哈利法, 总理法伊曼: a title, then a person's name (not who meets: 第十四次|总理|会议)
        if naming and naming[0] in self.meeting_roles and walk.head in self.meeting_heads:
            naming = naming[1:]
        return any(w.endswith(t) for w in naming for t in self.titles_by_last.get(w[-1], ()))

    def _names_enough(self, walk: Walk, rule: BareRule) -> bool:
        """The naming words are enough for the rule, and with ``long`` among the evidence one it needs."""
        naming, evidence = walk.naming, walk.evidence
        content = sum(len(w) for w in naming if not NUMBER.fullmatch(w))
        if (content < rule.min_chars and not walk.known) or content == 0:
            return False
        # what a name is about: not its generic words, nor its places (中国发展战略 is no name)
        generic = self.generic | rule.generic
        specific = sum(len(w) for w in naming if w not in generic and w not in self.regions
                       and not NUMBER.fullmatch(w) and not (self.tags.get(w) or "").startswith("ns"))
        if specific >= rule.long_chars:
            evidence.add("long")
        return bool(evidence & rule.needs) and rule.requires <= evidence

    def _method_before(self, text: str, tokens: TokenTable, start: int) -> bool:
        if start == 0:
            return False
        before = text[tokens.starts[tokens.covering(start - 1)]:start]
        return any(before.endswith(v) for v in self.method_verbs)

    def _title_after(self, tokens: TokenTable, i: int) -> bool:
        """哈利法|总统, 纳米比亚工程|运输|部长, 湘大工程|检测|有限公司: a post or a body's type word after the
        head, so it is part of a person's or a body's name."""
        for k in (i + 1, i + 2):
            if k >= len(tokens) or tokens.spaced[k - 1]:
                return False
            word = tokens.word(k)
            if not WORD.fullmatch(word):
                return False
            if word in self.bodies:
                return True
            if any(word.endswith(t) for t in self.titles_by_last.get(word[-1], ())):  # not 会议|主席团|常务主席
                return k == i + 1 or (self.tags.get(tokens.word(i + 1)) or "").startswith("v")
        return False

    def _foreign_after(self, tokens: TokenTable, i: int) -> bool:
        if i + 1 >= len(tokens) or tokens.spaced[i]:
            return False
        nxt = tokens.word(i + 1)
        tag = self.tags.get(nxt)
        return HAN.fullmatch(nxt) is not None and (tag is None or tag.startswith(("nr", "ns")))

    def _may_follow(self, tokens: TokenTable, i: int, after: str) -> bool:
        """What comes after the head lets it end a name: a noun after 战略 makes it a modifier
        (``not_noun``: 战略|合作, ``not_plain_noun``: 工程|办公室); a verb or noun after 倡议 makes it a
        verb (``not_word``: 倡议|构建)."""
        if after == "any" or i + 1 >= len(tokens) or tokens.spaced[i]:
            return True
        nxt = tokens.word(i + 1)
        if not WORD.fullmatch(nxt) or nxt in self.after_words or self._function(nxt):
            return True
        tag = self.tags.get(nxt) or ""
        if after == "not_word":
            return not tag.startswith(("n", "v", "a", "l"))
        if after == "not_plain_noun":  # 工程|启动 (a verbal noun) still ends the name; 工程|办公室 not
            return not (tag.startswith("n") and not tag.startswith(("nr", "ns", "nt")))
        return not (tag.startswith(("n", "vn")) and not tag.startswith(("nr", "ns", "nt")))

    def _quoted_before(self, text: str, start: int) -> tuple[int, str] | None:
        """“一带一路”倡议: the quoted name right before the head."""
        if start == 0 or text[start - 1] not in _CLOSE_QUOTES:
            return None
        opening = text.rfind(_CLOSE_QUOTES[text[start - 1]], max(0, start - 24), start - 1)
        if opening < 0:
            return None
        name = text[opening + 1:start - 1]
        return (opening, name) if len(name) > 1 and not _SPEECH.intersection(name) and name not in self.slogans \
            else None
