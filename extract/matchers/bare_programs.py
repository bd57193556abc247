"""Programme names written without quotes: a noun phrase over jieba words that ends in a head noun and
holds something that makes it a name.

A head alone (战略, 行动, 工程, 协定, 法) is common prose; a bare phrase counts only with what marks a
name, as its rule asks (``needs`` in ``rules/programs.yaml`` ``bare``, any of):

- ``edition``: an edition or session in the name (第十九届亚运会, 联合国人权理事会第49届会议,
  二十届四中全会; a term without 第 only before 全会 or beside a body's name: 十三届全国人大一次会议);
- ``year``: a year leading the name (2023中国国际服务贸易交易会, 北京2022年冬奥会);
- ``proper``: a word jieba tags as a place, an organization or a foreign name, a country or region of
  the organization rules, or a word jieba does not know that opens with a place's one-character name
  (巴黎协定, 中欧投资协定, 伊核协议); ``place`` and ``local_place`` ask for a place (美国宪法), one below
  the country (安徽江巷灌区工程);
- ``dictionary``: the head ends a word jieba's dictionary knows as a proper noun (金曲奖, 茅盾文学奖);
- ``body``: a word jieba tags as an organization or abbreviation, or one ending in a body's type word
  (欧盟, 二十国集团: 欧盟领导人非正式峰会);
- ``national``: the name opens with a word that makes a meeting national (中央经济工作会议);
- ``launched``: a launching verb stands before the name (深入开展|争做中国好网民工程), or one of the
  rule's ``launchers`` (深入推进|大规模国土绿化行动); a rule may ask for it besides
  the rest (``requires``);
- ``congress``: the head right after a party congress's short name (二十大|报告, 党的十九大|报告);
- ``quoted``: a quoted name right before the head (“一带一路”倡议);
- ``alone``: the head is an event's short name by itself (春晚, 进博会), see ``_alias_after_body``;
- ``long``: naming words of at least ``long_chars`` characters that are not generic (乡村振兴战略,
  个人信息保护法).

The name's words are found by the walk of ``bare_walk`` (where the name starts), the evidence by
``bare_evidence``. Only tokens ending on a head's last character are tried (one regex pass over the
text); what heads a word may end is worked out once per distinct word.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Mapping

import regex

from ..mention import Mention
from .bare_evidence import BareEvidence
from .bare_walk import BareWalk
from .base import SpanSet, TokenTable, alternation, index_words, longest_non_overlapping

_WORD_CACHE = 100_000  # distinct words whose heads are kept


@dataclass(frozen=True)
class BareRule:
    id: str
    kind: str
    needs: frozenset  # any of these makes the phrase a name
    min_chars: int  # naming characters (no numbers) a name has at least
    long_chars: int  # naming characters that are not generic words, for ``long``
    verbs: str  # none, or compound: verbs may stand inside the name (乡村|振兴, 打击|侵权|假冒)
    after: str  # what may follow the head: any, not_noun (战略|合作 is no head), not_plain_noun, not_word
    leads: frozenset  # what may open the name and is kept: year
    self_named: frozenset  # heads that name an event alone, with an edition or year (2016年春晚)
    generic: frozenset  # the rule's own words that describe and do not name (发展 before 战略)
    stop_words: frozenset  # the rule's own words that end a name (服务|国家战略)
    not_before: frozenset  # words after the head that make it a modifier (战略|对话)
    adverb_verbs: str  # verbs after an adverb: the predicate, or unknown (a campaign's: 严厉打击)
    no_generic_before_head: bool  # a generic word right before the head makes a kind (国际公约, 国家战略)
    national: frozenset = frozenset()  # the rule's own openers of a national name (国家|公务员考试)
    vetoes: tuple = ()  # pieces of words that make a phrase of another kind (军事|行动, 空袭|行动)
    requires: frozenset = frozenset()  # evidence the phrase needs besides any of ``needs`` (launched)
    launchers: tuple = ()  # the rule's own verbs that launch or carry out a name after them (推进, 打赢)
    joiners: frozenset = frozenset()  # joiners a name led by a launching verb may hold (设备更新和消费品以旧换新行动)
    head_outside: bool = False  # the head follows the name and is no part of it (二十大|代表)
    openers: tuple = ()  # verbs that open the rule's names and are kept (学习贯彻|…主题教育)
    one_word: bool = False  # the name is the head's own word alone, no walk (金曲奖, not 年度|茅盾文学奖)


class BareProgramMatcher(BareWalk, BareEvidence):
    def __init__(self, rules: Mapping, tags: Mapping[str, str], regions: set[str], triggers,
                 countries: set[str] = frozenset()):
        settings = rules.get("bare_settings", {})
        self.tags = tags
        self.regions = set(regions)
        self.countries = set(countries)
        self.proper_tags = tuple(settings.get("proper_tags", ()))
        self.generic = set(settings.get("generic", ()))
        # seasons and age groups stand inside event names (第七届夏季达沃斯论坛, 全国青年运动会), tagged
        # as times or numerals, and name nothing by themselves
        self.inner_times = set(settings.get("inner_times", ()))
        self.meeting_roles = frozenset(settings.get("meeting_roles", ()))
        self.meeting_heads = frozenset(settings.get("meeting_heads", ()))
        self.generic |= self.inner_times
        self.national = set(settings.get("national", ()))
        self.stop_words = set(settings.get("stop_words", ())) | set(triggers)
        self.slogans = {w for e in rules.get("slogans", []) for w in e.get("words", [])}  # “正能量”战略 names none
        self.launch_end = regex.compile(rf"(?:{alternation(triggers) or '(?!)'})$")
        self.longest_trigger = max(map(len, triggers), default=0)
        self.stop_suffixes = index_words((w for w in self.stop_words if len(w) > 1), -1)
        self.after_words = set(settings.get("after_words", ()))
        self.not_heads_by_last = index_words(settings.get("not_heads", ()), -1)
        self.function_chars = set(settings.get("function_chars", ""))
        self.determiners = set(settings.get("determiners", ""))
        self.joiners = set(settings.get("joiners", ""))
        self._plain_chars = self.function_chars | self.determiners | self.joiners  # no guessed word holds these
        self.negations = set(settings.get("negations", ()))
        self.side_endings = set(settings.get("side_endings", ""))
        self.titles_by_last = index_words(settings.get("titles", ()), -1)
        self.modals = set(settings.get("modals", ()))
        self.bodies = set(settings.get("bodies", ()))
        self.groupings = set(settings.get("groupings", ()))
        self.name_prefixes = set(settings.get("name_prefixes", ()))
        self.method_verbs = tuple(settings.get("method_verbs", ()))
        self.method_rules = set(settings.get("method_rules", ()))
        self.body_heads = set(settings.get("body_heads", ()))
        self.enacting_bodies = tuple(settings.get("enacting_bodies", ()))
        self.locatives = set(settings.get("locatives", ()))
        self.place_initials = set(settings.get("place_initials", ""))
        self.place_suffixes = set(settings.get("place_suffixes", ""))
        self.not_places = set(settings.get("not_places", ()))
        self.max_words = int(settings.get("max_words", 7))
        self.max_chars = int(settings.get("max_chars", 24))
        self.edition_end = regex.compile(rf"(?:{settings['edition']})$")
        self.term_heads = set(settings.get("term_heads", ()))
        self.term_owners = set(settings.get("term_owners", ()))
        self.year_end = regex.compile(rf"(?:{settings['year']})$")
        self.day_end = regex.compile(rf"(?:{settings.get('day', '(?!)')})$")
        self.year_start = regex.compile(rf"(?:{settings['year']})(?![0-9])")
        self.congress = regex.compile(settings.get("congress", "(?!)"))
        self.congress_lead = str(settings.get("congress_lead", ""))
        self.rules: dict[str, list[BareRule]] = {}
        for entry in rules.get("bare", []):
            rule = BareRule(entry["id"], entry["kind"], frozenset(entry["needs"]), int(entry.get("min_chars", 1)),
                            int(entry.get("long_chars", entry.get("min_chars", 1))),
                            str(entry.get("verbs", "none")), str(entry.get("after", "any")),
                            frozenset(entry.get("leads", ())), frozenset(entry.get("self_named", ())),
                            frozenset(entry.get("generic", ())), frozenset(entry.get("stop_words", ())),
                            frozenset(entry.get("not_before", ())), str(entry.get("adverb_verbs", "predicate")),
                            bool(entry.get("no_generic_before_head", False)), frozenset(entry.get("national", ())),
                            tuple(entry.get("vetoes", ())), frozenset(entry.get("requires", ())),
                            tuple(entry.get("launchers", ())), frozenset(entry.get("joiners", ())),
                            bool(entry.get("head_outside", False)), tuple(entry.get("openers", ())),
                            bool(entry.get("one_word", False)))
            for head in entry["heads"]:
                self.rules.setdefault(head, []).append(rule)
        self.heads_by_last = index_words(self.rules, -1)
        self._word_heads: dict[str, tuple] = {}  # word -> the heads it may end (see _heads_of_word)
        self.ends = regex.compile("[" + regex.escape("".join(sorted(self.heads_by_last))) + "]") \
            if self.rules else None

    def __call__(self, text: str, tokens: TokenTable, taken: SpanSet, marked: SpanSet) -> list[Mention]:
        """Bare names in ``text`` that overlap none of ``taken`` (the programmes found already); a head
        inside ``marked`` (the spans of quotes and titles) is the quoted grammar's."""
        out: list[Mention] = []
        if self.ends is None:
            return out
        starts, ends = tokens.starts, tokens.ends
        for m in self.ends.finditer(text):
            i = bisect.bisect_right(starts, m.start()) - 1
            if i < 0 or ends[i] != m.end() or marked.overlaps(starts[i], ends[i]):
                continue
            found = self._head_at(text, tokens, i)
            if not found:
                continue
            head, j = found
            for rule in self.rules[head]:
                mention = self._match(text, tokens, i, j, head, rule)
                if mention and not taken.overlaps(mention.start, mention.end):
                    out.append(mention)
                    break
        # 联合国海洋法公约 holds 联合国海洋法: of overlapping names the longest stands
        return longest_non_overlapping(out)

    def ends_name(self, text: str, end: int) -> bool:
        """Whether the character before ``end`` may end a head of some bare rule (a quick test
        before a walk)."""
        return self.ends is not None and end > 0 and self.ends.match(text, end - 1) is not None

    def _head_at(self, text: str, tokens: TokenTable, i: int) -> tuple[str, int] | None:
        """The head ending with token ``i`` and the token it starts in: a head inside one word
        (保护|法, 四中|全会), the word itself, or whole words (学习|教育). What a word allows is worked
        out once per distinct word (``_word_heads``); only heads over several words look at the text."""
        word = text[tokens.starts[i]:tokens.ends[i]]
        choices = self._word_heads.get(word)
        if choices is None:
            choices = self._word_heads[word] = self._heads_of_word(word)
        for head, inside in choices:
            if inside:
                if head == word and len(head) == 1 and self._foreign_after(tokens, i):
                    continue  # 法|希尔市: the first character of a foreign name
                return head, i
            start = tokens.ends[i] - len(head)
            j = tokens.starting_at(start)
            if j is not None and text.startswith(head, start):
                return head, j
        return None

    def _heads_of_word(self, word: str) -> tuple:
        """The heads a word may end, longest first, each with whether it lies inside the word. A
        one-character head counts as a word of its own, or inside a word of the dictionary (保护法),
        or one it does not know of more than three characters (not a person's name: 刘芝法); a word
        ending in one of ``not_heads`` (方法, 执法) has none."""
        if len(self._word_heads) > _WORD_CACHE:
            self._word_heads.clear()
        if any(word.endswith(w) for w in self.not_heads_by_last.get(word[-1], ())):
            return ()
        out = []
        for head in self.heads_by_last.get(word[-1], ()):
            if len(head) > len(word):
                if head.endswith(word):
                    out.append((head, False))
            elif word.endswith(head):
                tag = self.tags.get(word)
                if len(head) > 1 or word == head or len(word) > 2 and (tag is not None or len(word) > 3):
                    out.append((head, True))
        return tuple(out)


    def _match(self, text: str, tokens: TokenTable, i: int, j: int, head: str, rule: BareRule) -> Mention | None:
        """The name ``rule`` finds ending in ``head`` (token ``i``, starting in token ``j``), if any."""
        end = tokens.ends[i]
        head_start = end - len(head)
        if not self._head_ends_name(tokens, i, rule):
            return None
        walk = self._walk_name(text, tokens, i, j, head, rule)
        if walk is None:
            return None
        self._term_beside_body(walk)
        start = self._year_lead(text, tokens, walk.start, head_start, rule, walk.evidence)
        if "congress" in rule.needs:
            return self._congress_named(text, start, end, head, rule)
        if self._half_word_at(text, walk, start):
            return None
        self._add_place_evidence(text, walk, start, rule)
        if rule.id in self.method_rules and self._method_before(text, tokens, start):
            return None  # 采用|盾构法: a way of doing, not a law
        if walk.naming and walk.after_mark or self._described(walk, rule) or "body_before" in walk.evidence:
            return None
        if walk.joined and (not {"launched", "edition"} & walk.evidence or walk.naming[-1] in rule.generic | self.generic):
            return None  # 加快|设备更新和消费品以旧换新行动 only after a verb that launches the whole or an edition
        if any(v in text[start:end - len(head)] for v in rule.vetoes):
            return None  # 军事|行动, 空袭|行动, 十大|伙伴|行动: an operation of another kind, a set
        if not walk.naming:
            return self._head_alone(text, start, end, head, rule, walk.evidence)
        if self._names_enough(walk, rule):
            return self._mention(text, start, end, head, rule)
        return self._alias_after_body(text, walk, end, head, rule)

    def _head_alone(self, text: str, start: int, end: int, head: str, rule: BareRule,
                    evidence: set) -> Mention | None:
        """A head with no naming words: an event named by its edition or year (第三届进博会, 2016年春晚;
        not a count of editions: 连续六届残奥会), or a quoted name before it (“一带一路”倡议)."""
        if head in rule.self_named and evidence & {"edition", "year"}:
            return self._mention(text, start, end, head, rule)

        if "alone" in rule.needs:  # 春晚, 进博会 name one event; 最新|一届|广交会 counts no edition
            return self._mention(text, start if evidence & {"edition", "year"} else end - len(head), end, head, rule)
        quoted = self._quoted_before(text, start) if "quoted" in rule.needs else None
        if quoted:
            q_start, name = quoted
            return Mention("program", q_start, end, text[q_start:end], rule.id,
                           {"name": name, "head": text[start:end], "kind": rule.kind})
        return None

    def _congress_named(self, text: str, start: int, end: int, head: str, rule: BareRule) -> Mention | None:
        """A head right after a party congress's short name (二十大|报告, 十九|大|报告), with 党的 when
        the congress is written in full (党的二十大报告); nothing else names it."""
        if not self.congress.fullmatch(text, start, end - len(head)):
            return None
        if rule.head_outside:  # 二十大|代表: the congress itself, without 党的 (as 十八大 is written)
            return Mention("program", start, end - len(head), text[start:end - len(head)], rule.id,
                           {"name": text[start:end - len(head)], "head": "", "kind": rule.kind})
        lead = self.congress_lead
        return self._mention(text, start - len(lead) if lead and text.endswith(lead, 0, start) else start,
                             end, head, rule)

    def _alias_after_body(self, text: str, walk, end: int, head: str, rule: BareRule) -> Mention | None:
        """An event's short name (``alone``) after its organizer's abbreviation (央视|春晚): the head
        alone; after a word that describes (乡村|春晚) none."""
        if "alone" not in rule.needs:
            return None
        tag = self.tags.get(walk.naming[0]) or ""
        return self._mention(text, end - len(head), end, head, rule) if tag.startswith(("j", "nt")) else None

    @staticmethod
    def _mention(text: str, start: int, end: int, head: str, rule: BareRule) -> Mention:
        name = text[start:end]
        return Mention("program", start, end, name, rule.id, {"name": name, "head": head, "kind": rule.kind})
