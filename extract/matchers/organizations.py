"""Organization names: well-known names, and a suffix grammar with region and level prefixes.

A suffix from rules/organizations.yaml (网信办, 教育厅, 大学, 部, 队 ...) or a well-known name is
found in the text and the name grows leftwards over jieba tokens that can begin a name: regions and
countries (佛山, 广东省, 美国), levels and connectors (省委, 市, 中央), and, where the suffix takes one,
a stem (华南师范, 司法). Department names need a region or level (省委网信办); institutions a stem or
a region (华南师范大学), and most of them a proper word too, so descriptions (保险公司) are not names.
A name ends where a word ends, or before a post held in it (市委|书记); ``canonical`` expands 省委网信办
with the region the article is about when that is unambiguous.

The word classes the growth consults (stop tags, proper tags, part and function characters ...)
are the ``grammar`` entries of the rules, read once when the matcher is made. A suffix that makes
no name has a ``Drop`` reason, which ``xinwen explain`` shows.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from typing import Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..mention import Mention
from ..rules import pipeline_rules
from ..segment import word_tags
from .leading import compile_fast
from .lexscan import WordScanner
from .organization_edges import date_unit_after_digit, meets_states, mission_unowned, party_marked
from .organization_joined import JoinedNames
from .organization_rules import Suffix, after_verb, grammar, home_regions, suffixes, unit_after, unit_before
from .organization_canonical import canonicalize
from .organization_drops import Drop, Dropped
from .organization_homes import HomeLead
from .organization_shapes import ShapeRules
from .base import (SpanSet, TokenTable, alternation, ensure_extensions, longest_first, longest_non_overlapping, token_table,
                   with_reference, write_mentions)

_NAME_PIECE = regex.compile(r"\p{Han}+|[A-Za-z]+")  # a word that can be part of a name
_COUNTS = frozenset("两三四五六七八九十几多数")  # 两国, 几国 (jieba tags 两国 a place)


@dataclass(slots=True)
class _Growth:
    """Where a name grown leftwards from its suffix stands, and what it has taken in so far."""

    first: int  # the token holding the suffix's first character
    first_start: int
    start: int
    has_prefix: bool = False
    has_stem: bool = False
    proper: bool = False
    prefix_start: int | None = None  # where the leftmost region or level begins
    before_verb: int | None = None  # where the name began before a verb was taken into it
    known: bool = False  # a well-known name is in the stem: only a region or level may lead it
    joined: "_Growth | None" = None  # the growth before a joiner 和/与 was taken in, should the joiner not stand


class OrganizationMatcher:
    def __init__(self, rules: Mapping, tags: Mapping[str, str] | None = None):
        self.tags = tags or {}
        self.suffixes = suffixes(rules)
        self.abbreviations = dict(rules.get("abbreviations", {}))
        regions = rules["regions"]
        self.provinces = set(regions["provinces"])
        self.cities = set(regions["cities"])
        self.countries = set(regions.get("countries", []))
        self.levels = longest_first(regions["levels"])
        self.connectors = set(rules["connectors"])
        self.adjacent_connectors = set(rules.get("adjacent_connectors", []))
        self.standings = set(rules.get("standings", []))
        self.titles = set(rules.get("titles", []))
        self.generic = set(rules["generic"])
        self.places_after_region = set(rules.get("places_after_region", []))
        self.bad_starts = set(rules["bad_starts"])
        self.long_bad_starts = tuple(sorted(b for b in self.bad_starts if len(b) > 1))  # one startswith for all
        self.max_chars = int(rules.get("max_chars", 18))
        word_lists = grammar(rules)
        self.stop_tags = tuple(word_lists["org.grammar.stop_tags"])
        self.proper_tags = tuple(word_lists["org.grammar.proper_tags"])
        (self.part_chars, self.function_chars, self.determiner_ends, self.glued_adverbs, self.not_before_known,
         self.of_states) = (set(word_lists[f"org.grammar.{k}"]) for k in ("part_chars", "function_chars", "determiner_ends",
                                                                          "glued_adverbs", "not_before_known", "of_states"))
        self.mission_initials = frozenset(word_lists["org.grammar.mission_initials"])
        self.level_heads = set(word_lists["org.grammar.level_heads"])
        self.joined = JoinedNames(*(word_lists[f"org.grammar.{k}"] for k in ("joiners", "inner_joiners", "joined_leads",
                                                                             "field_not_ends")),
                                  self.tags, self._name_part, self.is_known, self.ends_body, self.is_region)
        self.party_marks = tuple(word_lists["org.grammar.party_marks"])
        self.not_bodies = set(word_lists["org.grammar.not_bodies"])
        self.stationed = set(word_lists["org.grammar.stationed"])
        self.descriptors = set(word_lists["org.grammar.descriptors"])
        self.rooms = tuple(word_lists["org.grammar.rooms"])
        self.compounds = tuple(word_lists["org.grammar.compounds"])
        self.served = tuple(sorted(word_lists["org.grammar.served"], key=len, reverse=True))
        self.units = set(word_lists["org.grammar.units"])
        self.unit_posts = tuple(word_lists["org.grammar.unit_posts"])
        self.inner_units: dict[str, list[str]] = {}  # a suffix -> the units of a body it ends (财务|部)
        for unit in word_lists["org.grammar.inner_units"]:
            self.inner_units.setdefault(unit[-1], []).append(unit)
        self.home_regions = home_regions(rules)
        self.suffix_re = regex.compile(alternation(self.suffixes))
        self.suffix_scan = WordScanner(self.suffixes)  # the same matches as suffix_re overlapped, in one pass
        self.region_re = regex.compile(alternation(self.provinces | self.cities | self.countries))
        self.home_lead = HomeLead(word_lists, self.region_re, self.countries, self.provinces, regions["levels"],
                                  self.tags)
        self.home_re = compile_fast(alternation(self.provinces | self.cities))  # scans every text: on re
        # questions about one word, asked again and again for the same words of the news: remembered,
        # per matcher (each depends on the word and this matcher's lexicons alone)
        self._is_prefix = functools.lru_cache(maxsize=8192)(self._is_prefix)
        self._department = functools.lru_cache(maxsize=8192)(self._department)
        self.shapes = ShapeRules(rules, self)

    # -- matching -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[Mention]:
        tokens = token_table(doc)
        grown = longest_non_overlapping(self.shapes.replacing(doc.text, tokens) + self._candidates(doc))
        taken = SpanSet()
        for m in grown:
            taken.add(m.start, m.end)
        shaped = [m for m in self.shapes(doc.text, tokens) if not taken.overlaps(m.start, m.end)]
        names = sorted(grown + longest_non_overlapping(shaped), key=lambda m: m.start) if shaped else grown
        for m in names:
            taken.add(m.start, m.end)
        aliases = [m for m in self.shapes.aliases(doc.text, tokens, names) if not taken.overlaps(m.start, m.end)]
        return sorted(names + longest_non_overlapping(aliases), key=lambda m: m.start) if aliases else names

    def dropped(self, doc: Doc) -> list[Dropped]:
        """The suffixes found in ``doc`` that made no name, and why (for ``xinwen explain``)."""
        drops: list[Dropped] = []
        self._candidates(doc, drops)
        return drops

    def _candidates(self, doc: Doc, drops: list[Dropped] | None = None) -> list[Mention]:
        """The name each suffix ends, the longest suffix ending at a place first; what made no name
        goes to ``drops`` when it is given."""
        text = doc.text
        tokens = token_table(doc)
        candidates = []
        by_end: dict[int, list[int]] = {}
        for begin, end in self.suffix_scan.longest_at(text):
            by_end.setdefault(end, []).append(begin)
        for end, begins in sorted(by_end.items()):
            for begin in sorted(begins):  # the longest suffix ending here first
                grown = self._grow(text, tokens, begin, end)
                if isinstance(grown, Mention):
                    candidates.append(grown)
                    break
                if drops is not None:
                    drops.append(Dropped(begin, end, text[begin:end], grown))
                if self.suffixes[text[begin:end]].needs == "prefix":
                    break  # 教育厅 with no region is no name, and 厅 does not make it one
        return candidates

    def _grow(self, text: str, tokens: TokenTable, begin: int, end: int) -> Mention | Drop:
        """The name the suffix at [begin, end) ends, grown leftwards over the words that can begin
        it, or why there is none."""
        word = text[begin:end]
        suffix = self.suffixes[word]
        last = tokens.covering(end - 1)
        if end - begin == 1 and begin > 0 and text[begin - 1] == word and tokens.starts[last] == begin:
            return Drop.REPEATED
        if any(len(c) > len(word) and text.startswith(c, begin) for c in self.compounds):
            return Drop.COMPOUND  # 新闻|发言人; a suffix as long as the compound (新闻办公室) stands
        if tokens.ends[last] > end:  # the suffix's word goes on after it
            drop = self._runs_on(text, tokens, last, begin, end)
            if drop:
                return drop
        first = tokens.covering(begin)
        if word[0] == "国" and self.is_known(word) and self.ends_pronoun_or_country(text, tokens, begin):
            return Drop.STARTS_IN_WORD  # 我国|新办涉税主体 (jieba cuts 我|国新办): 国 belongs to 我国, 各国, 美国
        g = _Growth(first, tokens.starts[first], begin)
        if g.first_start < begin:  # the suffix ends a longer word: 司法部, 河北省委, 中国队, 干部
            drop = self._inside_word(text, tokens, g, begin, end, suffix)
            if drop:
                return drop
        if self._extend(tokens, g, end, word, suffix):
            return Drop.ABROAD
        unit = unit_before(text, tokens, end, self.inner_units.get(word, ()))
        if unit or word in self.units and text.startswith(self.unit_posts, end):
            owner = self._unit_owner(text, tokens, end - len(unit) if unit else begin)
            if owner is not None or unit:  # 公司|财务部, 财务部: a unit of a body no name names
                return owner or Drop.GENERIC
        if g.prefix_start is not None:
            g.start = g.prefix_start  # words before the leftmost region are not part of the name
        elif suffix.needs == "prefix":
            return Drop.NO_PREFIX
        elif g.before_verb is not None:
            g.start = g.before_verb
        g.start = self.after_served(text, tokens, g.start, begin)
        lead = tokens.word(tokens.covering(g.start))
        if g.start < begin and lead in self.generic and not self._is_prefix(lead):
            return Drop.GENERIC  # 公司|人力资源部: a part of a body no name names
        if self.glued_guo(text, tokens, g.start):
            return Drop.STARTS_IN_WORD  # 两|国海军, 两|国|使馆: 国 belongs to 两国, not to the name
        if mission_unowned(text, g.start, end, self.is_country, self.mission_initials):
            return Drop.ABROAD  # 驻|伊朗使馆, 新使馆: a mission whose own country is not written
        name = self._judge(text, g, begin, end, word, suffix)
        if suffix.units_after and isinstance(name, Mention):
            unit_end = unit_after(text, end, suffix.units_after, self.function_chars)
            if unit_end > end and tokens.ends_word(unit_end):  # not 市府|来处理
                return name.with_(end=unit_end, surface=text[g.start:unit_end],
                                  fields={"name": text[g.start:unit_end], "canonical": text[g.start:unit_end]})
        return name

    def glued_guo(self, text: str, tokens: TokenTable, start: int) -> bool:
        """The name would start with the 国 of 两国, 多国, 我国: a word of its own (两|国|使馆) or glued to a
        known name or a suffix (两|国海军); not a word of its own that begins with 国 (我|国防部)."""
        word = tokens.word(k := tokens.covering(start))
        glued = word == "国" or self.is_known(word[1:]) or word[1:] in self.suffixes or self.is_known(word)  # 我|国新办
        return text[start] == "国" and tokens.starts[k] == start and glued and self.ends_pronoun_or_country(text, tokens, start)

    def ends_pronoun_or_country(self, text: str, tokens: TokenTable, at: int) -> bool:
        """The 国 at ``at`` ends a pronoun, a count or a country's name with the character before it,
        which jieba cut off alone (我|国新办, 两|国海军; not 杜尚别|国宾馆)."""
        pair = text[at - 1:at + 1] if at > 0 and tokens.starts[tokens.covering(at - 1)] == at - 1 else ""
        return bool(pair) and ((self.tags.get(pair) or "").startswith(("r", "m")) or pair in self.countries or pair[0] in _COUNTS)

    def after_served(self, text: str, tokens: TokenTable, start: int, begin: int) -> int:
        return after_verb(text, tokens, start, begin, self.tags, self.served)

    def _unit_owner(self, text: str, tokens: TokenTable, begin: int) -> Mention | None:
        """湘潭钢铁公司|党委书记: a post in a body's party committee names the body (the suffix before 党委 ends it)."""
        owners = (self._grow(text, tokens, begin - n, begin) for n in range(min(begin, 8), 0, -1)
                  if text[begin - n:begin] in self.suffixes)
        return next((m for m in owners if isinstance(m, Mention)), None)

    def _runs_on(self, text: str, tokens: TokenTable, last: int, begin: int, end: int) -> Drop | None:
        """The suffix's word (token ``last``) goes on after it: into a longer word (大学生, 北大西洋; not jieba's
        guess gluing an adverb to it: 交通运输|部已|完成), or into a post, which may follow a body's name
        (农林|部长) but not a person or a modifier (李振成|局长, 副|部长)."""
        rest = text[end:tokens.ends[last]]
        if rest not in self.titles:
            return None if rest[0] in self.glued_adverbs and tokens.word(last) not in self.tags else Drop.RUNS_ON
        if tokens.starts[last] == begin and end - begin == 1 and not self._names_body(tokens, last - 1, text[begin:end]):
            return Drop.POST_ALONE
        return None

    def _inside_word(self, text: str, tokens: TokenTable, g: _Growth, begin: int, end: int,
                     suffix: Suffix) -> Drop | None:
        """What the rest of the word the suffix ends is: a region or level (河北省委), a stem (司法部),
        or neither (干部, 全部)."""
        inner = text[g.first_start:begin]
        if text[begin - 1:end] in self.not_bodies:
            return Drop.FUSED_WORD  # 新发展|格局, 开新局: 局 as a situation
        fused = self.tags.get(text[begin - 1:end], "")
        if fused and not fused.startswith(self.proper_tags) and inner not in self.tags \
                and self.tags.get(tokens.word(g.first)) != "nt":
            return Drop.FUSED_WORD
        one_char = end - begin == 1
        if set(inner) <= self.part_chars and one_char:
            return Drop.PART_WORD
        if self._is_prefix(inner) or self.is_known(inner) and not self.is_known(text[begin:end]):
            # 中共中央|组织部 as one word: a known body's department (北大|清华 are two bodies)
            g.has_prefix = True
            g.prefix_start = g.first_start
        elif self.tags.get(text[g.first_start:end]) == "nt" or self.tags.get(tokens.word(g.first)) == "nt":
            g.has_stem = g.proper = True
        elif suffix.needs != "stem" or len(inner) < 2 or set(inner) <= self.part_chars:
            return Drop.NO_STEM_IN_WORD
        else:
            g.has_stem = True
            # inside one word, a stem jieba does not know is no sign of a name (敬老|院)
            g.proper = self._is_proper(inner) and (not one_char or inner in self.tags)
        g.start = g.first_start
        return None

    def _extend(self, tokens: TokenTable, g: _Growth, end: int, word: str, suffix: Suffix) -> bool:
        """Take in the words before the suffix's word, right to left, while they can be part of the name
        (joiners, regions, levels, a stem); True when 驻 with no country before it leads it (我驻巴新大使馆)."""
        starts, spaced = tokens.starts, tokens.spaced
        for k in range(g.first - 1, max(0, g.first - 6) - 1, -1):
            piece, piece_start = tokens.word(k), starts[k]
            if word in self.of_states and meets_states(piece, self.is_country):
                break  # 南非|金砖国家, 中国—|东盟: where a body of states meets, or its partner
            if self.joined.takes(tokens, k, g, word):  # 乔治·梅森大学, 国家粮食|和|物资储备局
                g.start = piece_start
                continue
            if piece in self.stationed and (g.has_prefix or g.proper):
                if k > 0 and self.is_country(tokens.word(k - 1)):
                    g.start = piece_start  # 中国|驻|日本大使馆: a country's mission in another
                    continue
                return True  # 我|驻|巴新大使馆: a mission whose own country is not named
            if date_unit_after_digit(tokens.text, piece_start):
                if len(piece) > 2 and piece[1] not in self.function_chars and end - piece_start <= self.max_chars \
                        and suffix.needs != "none" and self._take_stem(g, piece[1:], piece_start + 1, suffix):
                    g.start = piece_start + 1  # 2019|年埃塞|航空公司: the rest of the word is the name's
                break  # 6|日以议会: the day of a date is no 日 of 日本
            if end - piece_start > self.max_chars or not _NAME_PIECE.fullmatch(piece) or spaced[k]:
                break
            if piece in self.bad_starts or piece in self.standings or piece.startswith(self.long_bad_starts) \
                    or piece in self.descriptors \
                    and not (k == g.first - 1 and tokens.word(g.first) == word and suffix.needs != "none"):
                break  # 大陆|外交部: a descriptor before another body's name (but 大陆|委员会 is one name)
            if piece in self.not_before_known and suffix.rule.startswith("org.known.company"):
                break  # 全国|新华书店: the chain's shops everywhere, not a body of that name
            if suffix.places and not self.is_region(piece) and (piece not in suffix.places or g.has_stem):
                break  # 请北|市府, 批柯|市府: only a region or a place's short form leads these
            if g.has_prefix and g.start != g.prefix_start and piece in self.adjacent_connectors:
                break  # 人民|衷心感谢|中国政府: a connector leads a name only up against its region or level
            if self._is_prefix(piece) or k == g.first - 1 and word[0] in self.level_heads \
                    and 2 <= len(piece) <= 3 and (self._is_proper(piece) or self.tags[piece].startswith("n")):
                g.has_prefix = True  # 监利|县委: a name jieba does not know, right before a level, is a place
                g.prefix_start = piece_start
            elif self._department(piece) or g.before_verb is not None and self.ends_body(piece):
                break  # 网信办|指导|省互联网业联合会: never swallow a department; a parent body may lead
            elif g.has_prefix and self.tags.get(piece, "").startswith("v"):
                break  # a verb left of a region ends the name: 特朗普|调动|加州国民警卫队, 全国人大|愿同|爱尔兰议会
            elif g.known:
                break  # words before a well-known name describe it: 外资企业|英伟达公司
            elif suffix.needs == "none" or not self._take_stem(g, piece, piece_start, suffix):
                break
            else:
                g.known = self.is_known(piece)
            g.start = piece_start
        self.joined.settle(tokens, g)
        return False

    def _take_stem(self, g: _Growth, piece: str, piece_start: int, suffix: Suffix) -> bool:
        """Take ``piece`` into the name's stem, unless it is a word no stem holds (a verb, particle,
        number ...; a word jieba does not know led by a function word: 首破|五牛队, 这支|机防队)."""
        tag = self.tags.get(piece)
        if tag is None and (piece[0] in self.function_chars or piece[-1] in self.determiner_ends):
            return False  # 首破|五牛队, 称该|公司
        if tag is not None and tag.startswith("v") and not tag.startswith("vn") and suffix.verb_stems \
                and suffix.needs == "stem" and len(piece) > 1:
            # 中国文化|扶贫|委员会: a committee is named by what it does, if a region leads
            if g.before_verb is not None and not suffix.common_stems:
                return False  # an association's name holds one verb; two are a clause (乌克兰|不会|加入|军事联盟)
            g.before_verb = g.start if g.before_verb is None else g.before_verb
        elif tag is not None and tag.startswith(self.stop_tags) and not tag.startswith("vn"):
            return False
        g.has_stem = True
        g.proper = g.proper or self._is_proper(piece)
        if tag == "nt" and g.prefix_start is not None:
            g.prefix_start = piece_start  # a parent body leads: 中国人民银行|贵阳中心支行
        return True

    def _judge(self, text: str, g: _Growth, begin: int, end: int, word: str, suffix: Suffix) -> Mention | Drop:
        """The grown name, if it is one: not a group, long enough, and with what its suffix needs."""
        name = text[g.start:end]
        if name in self.generic:
            return Drop.GENERIC
        if len(name) < 2:
            return Drop.TOO_SHORT
        if self.is_room(name):
            return Drop.ROOM
        if suffix.needs != "none":
            verdict = self._needs_met(g, name, begin, end, word, suffix)
            if verdict is not None:
                return verdict
        org_type = suffix.org_type
        if org_type == "government" and party_marked(name[: len(name) - len(word)], self.party_marks, self.countries):
            org_type = "party"
        return self.mention(g.start, end, name, suffix.rule, org_type)

    def _needs_met(self, g: _Growth, name: str, begin: int, end: int, word: str,
                   suffix: Suffix) -> Mention | Drop | None:
        """None when ``name`` has the region, level or stem its suffix needs; else why not, or, for a
        name by itself after common words (关键条文|民进党), that name alone."""
        if name == word and not suffix.alone:
            return Drop.BARE_SUFFIX
        if len(name) < 3 and not g.has_prefix and not (suffix.alone and name == word):
            return Drop.TOO_SHORT  # but a name by itself is one (市府, 工党)
        if suffix.needs == "stem" and not (suffix.alone and name == word):
            if not (g.has_stem or g.has_prefix):
                return Drop.NO_STEM
            if not suffix.common_stems and not (g.has_prefix or g.proper or len(word) == 1 and g.first_start == begin):
                # a one-character suffix jieba cuts off (松日|队, 矿渣|厂) ends a name; one it keeps
                # inside a dictionary word (登山队, 水泥厂) ends a description; a name by itself
                # (民进党) stays one after common words (关键条文|民进党)
                if suffix.alone and g.first_start == begin:
                    return self.mention(begin, end, word, suffix.rule, suffix.org_type)
                return Drop.DESCRIPTION
        if g.has_prefix and not g.has_stem and word in self.places_after_region:
            return Drop.PLACE_IN_REGION
        tag = self.tags.get(name, "")
        if not suffix.common_stems and not g.has_prefix and tag.startswith("n") and not tag.startswith(self.proper_tags) \
                and not (suffix.alone and name == word):
            return Drop.COMMON_WORD
        return None

    def _names_body(self, tokens: TokenTable, i: int, word: str) -> bool:
        if i < 0:
            return False
        piece = tokens.word(i)
        tag = self.tags.get(piece, "")
        return len(piece) > 1 and tag.startswith("n") and not tag.startswith("nr") and not piece.endswith(word)

    def _is_prefix(self, word: str) -> bool:
        """省委, 佛山市, 广东省委, 省政府, 美国: regions, levels and connectors, alone or combined."""
        if word in self.connectors or self.is_region(word):
            return True
        rest = word
        m = self.region_re.match(rest)
        if m:
            rest = rest[m.end():]
        for level in self.levels:
            if rest.startswith(level):
                rest = rest[len(level):]
                break
        return rest == "" or rest in self.connectors

    def is_known(self, word: str) -> bool:
        """A well-known body's name by itself (国务院, 人民日报, NVIDIA): a suffix that needs nothing."""
        suffix = self.suffixes.get(word)
        return suffix is not None and suffix.needs == "none"

    def is_region(self, word: str) -> bool:
        """A province, city or country, a place with its level (广东省, 监利县), or a word jieba tags
        as a place (also the name tagger's test of a proper word)."""
        if word in self.provinces or word in self.cities or word in self.countries:
            return True
        for level in self.levels:
            if word.endswith(level) and len(word) > len(level):
                stem = word[: -len(level)]
                if stem in self.provinces or stem in self.cities or len(word) >= 3:
                    return True
                break
        return len(word) > 1 and self.tags.get(word, "").startswith("ns")

    def _is_proper(self, word: str) -> bool:
        """A name, place, abbreviation or word jieba does not know (松日, 劳拉), not a common noun."""
        tag = self.tags.get(word)
        return tag is None or tag.startswith(self.proper_tags) or tag == "nr" and len(word) > 2 or self.is_region(word)

    def is_owner(self, word: str) -> bool:
        """胡塞 in 也门胡塞武装, 国民党 in 国民党军队: a proper word of two characters or more (a name, an
        abbreviation, a known body, a word jieba does not know that no function character begins)
        that can own a force."""
        tag = self.tags.get(word)
        if len(word) < 2 or not _NAME_PIECE.fullmatch(word):
            return False
        if tag is None:  # 旅等 in 圣城|旅等|武装 is no name
            return not self.function_chars.intersection(word) and word not in self.bad_starts
        return tag.startswith(self.proper_tags) and not tag.startswith("ns") or tag == "nr" and len(word) > 2

    def tag(self, word: str) -> str | None:
        return self.tags.get(word)

    def is_prefix(self, word: str) -> bool:
        return self._is_prefix(word)

    def is_generic(self, word: str) -> bool:
        return word in self.generic

    def is_room(self, name: str) -> bool:
        """咖啡厅, 人民大会堂宴会厅: a name that ends in a room or hall is a place (also the tagger's test)."""
        return name.endswith(self.rooms)

    def is_country(self, word: str) -> bool:
        """A country, province or city the rules list, or a place of three characters or more jieba
        knows (哥伦比亚); not 外国, which jieba tags as a place too."""
        return word in self.countries or word in self.provinces or word in self.cities \
            or len(word) > 2 and self.is_region(word)

    def _name_part(self, word: str) -> bool:
        """乔治 in 乔治·梅森大学: a part of a foreign name (person names count here); not a mark (平台—|—阿里云)."""
        return bool(_NAME_PIECE.fullmatch(word)) and (self._is_proper(word) or self.tags.get(word) == "nr")

    def ends_body(self, word: str) -> bool:
        """协会 in 超越巅峰关怀协会|争取|劳动部: a word that ends another body."""
        return any(word.endswith(w) for w in (m.group() for m in self.suffix_re.finditer(word, overlapped=True)))

    def _department(self, word: str) -> bool:
        m = self.suffix_re.search(word)
        while m is not None:
            if m.end() == len(word):
                return self.suffixes[m.group()].needs == "prefix"
            m = self.suffix_re.search(word, m.start() + 1)
        return False

    def mention(self, start: int, end: int, name: str, rule: str, org_type: str) -> Mention:
        """An organization row with the fields the grammar gives every name (also the tagger's). A
        company's home mark (日商) or a country before the place that opens the name (中国|北京…大学)
        says where it is from, and is left out."""
        lead = self.home_lead(name)
        start, name = start + lead, name[lead:]
        m = self.region_re.match(name)
        fields = {"name": name, "canonical": self.abbreviations.get(name, name), "org_type": org_type,
                  "region": m.group() if m else ""}
        return Mention("organization", start, end, name, rule, fields)


@Language.factory("xinwen_organizations", default_config={"rules_dirs": [], "reference_date": ""})
def make_organizations(nlp: Language, name: str, rules_dirs: list[str], reference_date: str):
    ensure_extensions()
    rules = pipeline_rules(nlp, rules_dirs).family("organizations")
    known = {n: "nt" for entry in rules["known"] for n in entry["names"]}
    tags = word_tags(nlp.tokenizer, known) if hasattr(nlp.tokenizer, "jieba") else {}
    matcher = OrganizationMatcher(rules, tags)

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "organization", canonicalize(matcher, doc.text, matcher(doc)))
        return doc

    component = with_reference(component, reference_date)
    component.matcher = matcher  # xinwen explain asks it what it dropped
    return component
