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
- ``national``: the name opens with a word that makes a meeting national (中央经济工作会议);
- ``launched``: a launching verb stands before the name (深入开展|争做中国好网民工程);
- ``quoted``: a quoted name right before the head (“一带一路”倡议);
- ``long``: naming words of at least ``long_chars`` characters that are not generic (乡村振兴战略,
  个人信息保护法).

The name is the run of words before the head, right to left, up to a mark, a function word or a word
that takes a name as its object (实施, 违反, 签署: ``stop_words``). Verbs stand inside a name only in
rules with ``verbs: compound``, and only after a noun, as a compound's (乡村|振兴), or after a word
that takes the name as its object (实施|创新驱动发展战略). A walk that cannot tell where the name
starts (a joiner, a numeral glued to it, a closing mark, an adverb) gives no name. Only tokens ending
on a head's last character are tried (one regex pass over the text), each walked at most
``max_words`` words to the left; what heads a word may end is worked out once per distinct word.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Mapping

import regex

from ..mention import Mention
from .base import SpanSet, TokenTable, alternation, index_words, longest_non_overlapping

_WORD = regex.compile(r"[\p{Han}A-Za-z0-9·\-]+")
_HAN = regex.compile(r"\p{Han}+")
# numbers and counts name nothing by themselves: 500强, 一次会议, 三大全球倡议
_NUMBER = regex.compile(r"[0-9]+|[一二三四五六七八九十两百千几]+[次大个项点]?")
_KNOWN_NAME = ("nz", "ns", "nt")  # a word of jieba's dictionary with one of these tags that ends in a head
_NOUN_TAGS = ("n", "vn", "j", "eng", "b", "s", "l")
_WORD_CACHE = 100_000  # distinct words whose heads are kept
_CLOSE_QUOTES = {"”": "“", "」": "「", "』": "『"}
_SPEECH = set("，。！？；：,!?;")
_UNCLEAR_MARKS = set("—–-·/／》”」』）)")  # a name may go on before these


@dataclass
class _Walk:
    start: int
    naming: list
    evidence: set
    after_mark: bool = False  # the walk ended at a closing mark or a dash: the name may go on before it
    at_edition: int = 1 << 30  # how many naming words the walk had when it passed an edition
    term: bool = False  # it passed a term without 第 (十三届): an edition only beside a body's name


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


class BareProgramMatcher:
    def __init__(self, rules: Mapping, tags: Mapping[str, str], regions: set[str], triggers,
                 countries: set[str] = frozenset()):
        settings = rules.get("bare_settings", {})
        self.tags = tags
        self.regions = set(regions)
        self.countries = set(countries)
        self.proper_tags = tuple(settings.get("proper_tags", ()))
        self.generic = set(settings.get("generic", ()))
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
        self.name_prefixes = set(settings.get("name_prefixes", ()))
        self.method_verbs = tuple(settings.get("method_verbs", ()))
        self.method_rules = set(settings.get("method_rules", ()))
        self.place_initials = set(settings.get("place_initials", ""))
        self.place_suffixes = set(settings.get("place_suffixes", ""))
        self.not_places = set(settings.get("not_places", ()))
        self.max_words = int(settings.get("max_words", 7))
        self.max_chars = int(settings.get("max_chars", 24))
        self.edition_end = regex.compile(rf"(?:{settings['edition']})$")
        self.term_heads = set(settings.get("term_heads", ()))
        self.year_end = regex.compile(rf"(?:{settings['year']})$")
        self.year_start = regex.compile(rf"(?:{settings['year']})(?![0-9])")
        self.rules: dict[str, list[BareRule]] = {}
        for entry in rules.get("bare", []):
            rule = BareRule(entry["id"], entry["kind"], frozenset(entry["needs"]), int(entry.get("min_chars", 1)),
                            int(entry.get("long_chars", entry.get("min_chars", 1))),
                            str(entry.get("verbs", "none")), str(entry.get("after", "any")),
                            frozenset(entry.get("leads", ())), frozenset(entry.get("self_named", ())),
                            frozenset(entry.get("generic", ())), frozenset(entry.get("stop_words", ())),
                            frozenset(entry.get("not_before", ())), str(entry.get("adverb_verbs", "predicate")),
                            bool(entry.get("no_generic_before_head", False)))
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
        end = tokens.ends[i]
        head_start = end - len(head)
        if not self._may_follow(tokens, i, rule.after) or self._title_after(tokens, i) \
                or (i + 1 < len(tokens) and tokens.word(i + 1) in rule.not_before):
            return None
        own = text[tokens.starts[j]:head_start]  # 保护 of 保护法, 四中 of 四中全会
        if own and self._boundary(own):
            return None  # 达成|协议: a verb and its object
        walk = _Walk(tokens.starts[j], [own] if own else [], set())
        known = bool(own) and (self.tags.get(text[tokens.starts[j]:end]) or "").startswith(_KNOWN_NAME) \
            and self._proper(own)
        if own and (known or self._proper(own)):
            walk.evidence.add("proper")  # known: 三峡工程 is a name jieba's dictionary knows
        if not self._walk(text, tokens, j - 1, end, rule, walk, head):
            return None
        start, naming, evidence = walk.start, walk.naming, walk.evidence
        # the body's name stands right beside the term (十三届|全国人大, 全国政协|十四届), not further
        # off (中国队|连续|六届残奥会)
        beside = naming[max(0, walk.at_edition - 1):walk.at_edition + 1] if walk.term else []
        if any(self._proper(w) or (self.tags.get(w) or "").startswith("j") for w in beside):
            evidence.add("edition")
        # a year opens the name, kept as part of it where the rule says so (2023中国国际服务贸易交易会,
        # 2016年春晚), else left out (2020年乡村振兴战略 names the strategy, not a year's)
        year = self.year_end.search(text, max(0, start - 8), start)
        if year and "year" in rule.leads:
            evidence.add("year")
            start = year.start()
            if start > 0:  # 北京|2022年冬奥会: the host's place opens the name
                k = tokens.covering(start - 1)
                place = text[tokens.starts[k]:start]
                if tokens.ends[k] == start and len(place) > 1 and self._place(place):
                    start = tokens.starts[k]
        else:
            year = self.year_start.match(text, start, head_start)
            if year and "year" in rule.leads:
                evidence.add("year")
            elif year:
                start = year.end()
        # a one-character word at the edge, glued to a word before it, is half of a word (日|俄)
        if len(naming) > bool(own) and len(naming[-1]) == 1 and naming[-1] not in self.name_prefixes \
                and start > 0 and _HAN.match(text, start - 1) \
                and text[start - 1] not in self.function_chars and text[start - 1] not in "届次":
            return None
        if naming and naming[-1] in self.national:
            evidence.add("national")
        if self.launch_end.search(text, max(0, start - self.longest_trigger), start):
            evidence.add("launched")  # 深入开展|争做中国好网民工程
        if any(self._place(w) for w in naming):
            evidence.add("place")
        if known or any(self._place(w) and w not in self.countries for w in naming[bool(own):]):
            evidence.add("local_place")  # 安徽江巷灌区工程, 淮河入海水道二期工程; not 中国 alone
        if rule.id in self.method_rules and self._method_before(text, tokens, start):
            return None  # 采用|盾构法: a way of doing, not a law
        content = sum(len(w) for w in naming if not _NUMBER.fullmatch(w))
        # what a name is about: not its generic words, nor its places (中国发展战略 is no name)
        generic = self.generic | rule.generic
        specific = sum(len(w) for w in naming if w not in generic and w not in self.regions
                       and not _NUMBER.fullmatch(w) and not (self.tags.get(w) or "").startswith("ns"))
        if naming and walk.after_mark:
            return None
        nearest = naming[0] if naming else ""
        if len(nearest) == 1 and (self.tags.get(nearest) or "").startswith("a") and nearest != own:
            return None  # 新|战略, 新|宪法: a new one, not a name
        if rule.no_generic_before_head and nearest in self.generic:
            return None  # 知识产权|国际|公约, 协同发展|重大国家|战略: a kind of it, described
        if any(w.endswith(t) for w in naming for t in self.titles_by_last.get(w[-1], ())):
            return None  # 总统哈利法, 总理法伊曼: a title, then a person's name
        if not naming:
            # 第三届进博会, 2016年春晚; not a count of editions (连续六届残奥会)
            if head in rule.self_named and evidence & {"edition", "year"}:
                name = text[start:end]
                return Mention("program", start, end, name, rule.id, {"name": name, "head": head, "kind": rule.kind})
            quoted = self._quoted_before(text, start) if "quoted" in rule.needs else None
            if quoted:
                q_start, name = quoted
                return Mention("program", q_start, end, text[q_start:end], rule.id,
                               {"name": name, "head": text[start:end], "kind": rule.kind})
            return None
        if (content < rule.min_chars and not known) or content == 0:
            return None
        if specific >= rule.long_chars:
            evidence.add("long")
        if not evidence & rule.needs:
            return None
        name = text[start:end]
        return Mention("program", start, end, name, rule.id, {"name": name, "head": head, "kind": rule.kind})

    def _walk(self, text: str, tokens: TokenTable, k: int, end: int, rule: BareRule, walk: "_Walk",
              head_word: str = "") -> bool:
        """Extend ``walk`` right to left from token ``k`` over the words of the name; False when the
        name's start cannot be told (a joiner, a numeral or a closing mark glued to it, the limits)."""
        starts, ends, spaced = tokens.starts, tokens.ends, tokens.spaced
        walked = 0
        while k >= 0:
            if walked >= self.max_words:
                return False
            if self.year_end.search(text, max(0, walk.start - 8), walk.start):
                return True  # 2016年|春晚: a year opens the name (the caller decides whether to keep it)
            edition = self.edition_end.search(text, max(0, walk.start - 12), walk.start)
            if edition:  # 第49届, 十三届, 第十次: inside a name, the name goes on before it
                # a term without 第 (十三届, 二十届) is an edition before a session or a body's
                # name, else a count (连续六届残奥会)
                if edition.group()[0] in "第首" or head_word in self.term_heads:
                    walk.evidence.add("edition")
                else:
                    walk.term = True  # it counts if the name holds a body's name (decided after the walk)
                walk.at_edition = len(walk.naming)
                walk.start = edition.start()
                k = tokens.covering(walk.start - 1) if walk.start > 0 else -1
                if k >= 0 and ends[k] > walk.start:  # the edition began inside a word
                    return True
                walked += 1
                continue
            piece = text[starts[k]:ends[k]]
            if spaced[k] or not _WORD.fullmatch(piece):
                # 》第十五次缔约方大会: the name began before the mark (unless it was in quotes: “一带一路”倡议)
                walk.after_mark = piece[-1] in _UNCLEAR_MARKS
                return True
            if end - starts[k] > self.max_chars:
                return False
            if len(piece) > 1 and rule in self.rules.get(piece, ()):
                return True  # 两院院士大会|中国科协第十次全国代表大会: a name of the same kind ends there
            if self._boundary(piece) or piece in rule.stop_words:
                # 树立和践行|正确政绩观学习教育: verbs joined before it may open the name too
                return k == 0 or tokens.word(k - 1)[0] not in self.joiners
            if piece[0] in self.joiners:
                # 人口与计划生育法: where the name starts is unknown, unless a name of the same kind
                # ends before the joiner (食品安全卫生管理法及|农产品生产验证管理法)
                return len(piece) == 1 and k > 0 and self._head_at(text, tokens, k - 1) is not None \
                    and bool(walk.naming)
            tag = self.tags.get(piece)
            if _NUMBER.fullmatch(piece):
                pass  # 500强, 一次会议: part of a name, naming nothing by itself
            elif tag is not None and tag.startswith("v") and not tag.startswith("vn"):
                if rule.verbs != "compound":
                    return True  # 讨论|民法典: a verb before a name that holds none
                first, verdict = self._verbs(tokens, k, rule.adverb_verbs)
                if verdict != "inside":
                    if verdict == "object":  # 实施|创新驱动发展战略: the verbs open the name
                        walk.naming.extend(tokens.word(x) for x in range(k, first - 1, -1))
                        walk.start = starts[first]
                    return verdict != "unknown"
                walk.naming.extend(tokens.word(x) for x in range(k, first - 1, -1))
                walk.start = starts[first]
                walked += k - first + 1
                k = first - 1
                continue
            elif piece in self.name_prefixes:
                walk.naming.append(piece)  # 反|外国制裁法, 反|极端主义公约
            elif self._name_word(piece, tag):
                if (tag or "").startswith("vn") and walk.naming and self._proper(walk.naming[-1]):
                    return True  # 突破|伊核协议: a verbal noun before a proper name is the predicate
                walk.naming.append(piece)
                if self._proper(piece, tag):
                    walk.evidence.add("proper")
                if piece in self.place_suffixes and k > 0 and _HAN.fullmatch(tokens.word(k - 1)) \
                        and self._name_word(tokens.word(k - 1), self.tags.get(tokens.word(k - 1))):
                    walk.evidence.update(("proper", "local_place"))  # 海安|路: a road, a district is a place
            else:  # a numeral glued to the name (二|十国集团), a negation (防止|不|公平竞争法), a
                # direction that may be the name's (促进中部|地区崛起战略); left of an edition, the
                # name of a body that holds a word of another kind (成员国|元首|理事会第十四次会议)
                return not (tag or "").startswith(("m", "f", "i", "ad")) and piece not in self.negations \
                    and not (len(walk.naming) > walk.at_edition and (tag or "").startswith(("t", "q")))
            walk.start = starts[k]
            k -= 1
            walked += 1
        return True

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
        if not _WORD.fullmatch(before):
            return first, "unknown"
        chain = [tokens.word(x) for x in range(first, k + 1)]
        if not self.modals.isdisjoint(chain):
            return first, "predicate"  # 缔约国|应|重申|公约: a modal verb makes a clause
        if len(before) == 2 and before[-1] in self.side_endings:
            return first, "predicate"  # 俄方|终止|欧洲委员会宪章: a side, then what it does
        if self._boundary(before):
            return first, "object"  # 实施|创新驱动发展战略, 为期三个月的|打击芬太尼类物质犯罪专项行动
        if self._name_word(before, self.tags.get(before)) and not _NUMBER.fullmatch(before):
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
        own = next((nxt[:-len(h)] for h in self.heads_by_last.get(nxt[-1], ()) if nxt.endswith(h)), None)
        return bool(own) and (self.tags.get(own) or "").startswith("v")  # 验证|管理法, not 听取|固废法

    def _place(self, word: str) -> bool:
        if word in self.regions:
            return True
        if word in self.generic or word in self.not_places or len(word) < 2:
            return False
        tag = self.tags.get(word)
        if tag is None:  # 川藏, 港珠澳: jieba does not know it, but it is made of places' one-character names
            return sum(c in self.place_initials for c in word) >= 2
        return tag.startswith("ns")

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
            if not _WORD.fullmatch(word):
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
        return _HAN.fullmatch(nxt) is not None and (tag is None or tag.startswith(("nr", "ns")))

    def _boundary(self, word: str) -> bool:
        """A word a name never holds, that ends it cleanly: a function word, a word that takes a name
        as its object (实施, 深入实施), a side in talks (中方, 匈方)."""
        return word in self.stop_words or self._function(word) or self._governs(word) \
            or (len(word) == 2 and word[-1] in self.side_endings) \
            or (word not in self.tags and not self._plain_chars.isdisjoint(word))  # 受该, 大到: jieba's guesses

    def _function(self, word: str) -> bool:
        """A function word (的, 在, 对, 这个, 从而): one that begins with a function character and is
        no noun (以色列, 对外, 对话 are nouns)."""
        if word[0] in self.determiners:
            return True  # 本行政区域, 这项, 该国: a determiner opens no name
        if word[0] not in self.function_chars:
            return False
        tag = self.tags.get(word)
        return len(word) == 1 or not (tag or "").startswith(_NOUN_TAGS)

    def _governs(self, word: str) -> bool:
        """A word ending in a verb that takes a name as its object governs too: 如期完成, 认真贯彻."""
        tag = self.tags.get(word)
        if tag is not None and tag.startswith(("nt", "ns", "nr", "nz")):
            return False  # 亚太经合组织 is a body, not a verb
        return any(word.endswith(v) for v in self.stop_suffixes.get(word[-1], ()))

    def _may_follow(self, tokens: TokenTable, i: int, after: str) -> bool:
        """What comes after the head lets it end a name: a noun after 战略 makes it a modifier
        (``not_noun``: 战略|合作, ``not_plain_noun``: 工程|办公室); a verb or noun after 倡议 makes it a
        verb (``not_word``: 倡议|构建)."""
        if after == "any" or i + 1 >= len(tokens) or tokens.spaced[i]:
            return True
        nxt = tokens.word(i + 1)
        if not _WORD.fullmatch(nxt) or nxt in self.after_words or self._function(nxt):
            return True
        tag = self.tags.get(nxt) or ""
        if after == "not_word":
            return not tag.startswith(("n", "v", "a", "l"))
        if after == "not_plain_noun":  # 工程|启动 (a verbal noun) still ends the name; 工程|办公室 not
            return not (tag.startswith("n") and not tag.startswith(("nr", "ns", "nt")))
        return not (tag.startswith(("n", "vn")) and not tag.startswith(("nr", "ns", "nt")))

    def _name_word(self, word: str, tag: str | None) -> bool:
        """A word a name may hold besides verbs: nouns, verbal nouns, distinguishing words,
        adjectives, abbreviations, fixed phrases, foreign words, words jieba does not know."""
        return tag is None or tag.startswith(("n", "vn", "an", "j", "b", "s", "l", "eng", "a")) and tag != "ad"

    def _proper(self, word: str, tag: str | None = "") -> bool:
        """A place, an organization, a foreign name or word, or a word jieba does not know that opens
        with a place's one-character name (伊核, 欧中, 中老): not 自贸, 互认."""
        if tag == "":
            tag = self.tags.get(word)
        if word in self.regions:
            return True
        if word in self.generic:
            return False
        if tag is None:
            return len(word) > 1 and (word[0] in self.place_initials or word.isascii() and word.isalpha())
        return tag.startswith(self.proper_tags)

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
