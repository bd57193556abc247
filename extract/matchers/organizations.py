"""Organization names: well-known names, and a suffix grammar with region and level prefixes.

A suffix from rules/organizations.yaml (网信办, 教育厅, 大学, 部, 队 ...) or a well-known name is
found in the text and the name grows leftwards over jieba tokens that can begin a name: regions and
countries (佛山, 广东省, 美国), levels and connectors (省委, 市, 中央), and, where the suffix takes one,
a stem (华南师范, 司法). Department names need a region or level (省委网信办); institutions a stem or
a region (华南师范大学), and most of them a proper word too, so descriptions (保险公司) are not names.
A name ends where a word ends, or before a post held in it (市委|书记). ``canonical`` expands a
region-less name (省委网信办) with the region the article is about when that is unambiguous.
"""
from __future__ import annotations

import functools
from collections import Counter
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
from .base import (TokenTable, alternation, ensure_extensions, longest_first, longest_non_overlapping, token_table,
                   with_reference, write_mentions)

# jieba tags of words that cannot be part of a name's stem (verbs, particles, numbers, adverbs ...)
_STOP_TAGS = ("v", "p", "c", "u", "d", "r", "m", "q", "f", "t", "a", "y", "e", "o", "x", "w", "i")
# jieba tags of proper words: place, organization, foreign person and other proper names,
# abbreviations. Plain ``nr`` counts only for three characters and more (李嘉诚): jieba's dictionary
# also gives it to common words (辟谣, 敬老院).
_NAME_PIECE = regex.compile(r"\p{Han}+|[A-Za-z]+")  # a word that can be part of a name
_PROPER_TAGS = ("nrt", "nrfg", "ns", "nt", "nz", "j", "eng")
# a stem made only of these is a direction or a part (西部, 中南部, 全部), not a name
_PART_CHARS = set("东南西北中上下内外前后全左右总分大小")
# characters that begin no name: demonstratives, particles, prepositions, adverbs of time
_FUNCTION_CHARS = set("这那是的了在和与及等把被将从向对由需刚逼首再又也都就")
# marks that join the parts of a foreign name
_JOINERS = ("·", "—", "•")
# suffixes that begin with a level (县委, 市政府): the word before them names the place
_LEVEL_HEADS = set("省市县区州乡镇")


@dataclass(frozen=True)
class Suffix:
    org_type: str
    rule: str
    needs: str  # "prefix" (a region or level), "stem" (a stem or a region), "none" (a whole name)
    common_stems: bool = True
    alone: bool = False  # the suffix is a name by itself too (自由党)


class OrganizationMatcher:
    def __init__(self, rules: Mapping, tags: Mapping[str, str] | None = None):
        self.tags = tags or {}
        self.suffixes: dict[str, Suffix] = {}
        for entry in rules["known"]:
            for name, spec in entry["names"].items():
                self.suffixes.setdefault(name, Suffix((spec or {}).get("org_type", "other"), entry["id"], "none"))
        for group, needs in (("departments", "prefix"), ("institutions", "stem")):
            for entry in rules[group]:
                for word in entry["words"]:
                    self.suffixes.setdefault(word, Suffix(entry["org_type"], entry["id"], needs,
                                                          bool(entry.get("common_stems", True)),
                                                          bool(entry.get("alone", False))))
        self.abbreviations = dict(rules.get("abbreviations", {}))
        regions = rules["regions"]
        self.provinces = set(regions["provinces"])
        self.cities = set(regions["cities"])
        self.countries = set(regions.get("countries", []))
        self.levels = longest_first(regions["levels"])
        self.connectors = set(rules["connectors"])
        self.titles = set(rules.get("titles", []))
        self.generic = set(rules["generic"])
        self.places_after_region = set(rules.get("places_after_region", []))
        self.bad_starts = set(rules["bad_starts"])
        self.long_bad_starts = tuple(sorted(b for b in self.bad_starts if len(b) > 1))  # one startswith for all
        self.max_chars = int(rules.get("max_chars", 18))
        self.suffix_re = regex.compile(alternation(self.suffixes))
        self.suffix_scan = WordScanner(self.suffixes)  # the same matches as suffix_re overlapped, in one pass
        self.region_re = regex.compile(alternation(self.provinces | self.cities | self.countries))
        self.home_re = compile_fast(alternation(self.provinces | self.cities))  # scans every text: on re
        # questions about one word, asked again and again for the same words of the news: remembered,
        # per matcher (each depends on the word and this matcher's lexicons alone)
        self._is_prefix = functools.lru_cache(maxsize=8192)(self._is_prefix)
        self._department = functools.lru_cache(maxsize=8192)(self._department)

    # -- matching -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        tokens = token_table(doc)
        candidates = []
        by_end: dict[int, list[int]] = {}
        for begin, end in self.suffix_scan.longest_at(text):
            by_end.setdefault(end, []).append(begin)
        for end, begins in sorted(by_end.items()):
            for begin in sorted(begins):  # the longest suffix ending here first
                mention = self._grow(doc, tokens, begin, end)
                if mention:
                    candidates.append(mention)
                    break
                if self.suffixes[text[begin:end]].needs == "prefix":
                    break  # 教育厅 with no region is no name, and 厅 does not make it one
        return longest_non_overlapping(candidates)

    def _grow(self, doc: Doc, tokens: TokenTable, begin: int, end: int) -> Mention | None:
        text = doc.text
        word = text[begin:end]
        suffix = self.suffixes[word]
        starts, ends, spaced = tokens.starts, tokens.ends, tokens.spaced
        last = tokens.covering(end - 1)
        if ends[last] > end and (text[end:ends[last]] not in self.titles
                                 or starts[last] == begin and len(word) == 1
                                 and not self._names_body(tokens, last - 1, word)):
            # the suffix runs on into a longer word (大学生, 北大西洋), or a post stands alone
            # after a person or a modifier (李振成|局长, 副|部长), not after a body's name (农林|部长)
            return None
        first = tokens.covering(begin)
        first_start = starts[first]
        has_prefix = has_stem = proper = False
        start = begin
        if first_start < begin:  # the suffix ends a longer word: 司法部, 河北省委, 中国队, 干部
            inner = text[first_start:begin]
            whole = text[first_start:end]
            fused = self.tags.get(text[begin - 1:end], "")
            if fused and not fused.startswith(_PROPER_TAGS) and inner not in self.tags \
                    and self.tags.get(tokens.word(first)) != "nt":
                return None  # the suffix ends a shorter word, not a name: 机关|干部, 合理|布局
            if set(inner) <= _PART_CHARS and len(word) == 1:
                return None  # 西部, 中南部, 全部
            if self._is_prefix(inner):
                has_prefix = True
            elif self.tags.get(whole) == "nt" or self.tags.get(tokens.word(first)) == "nt":
                has_stem = proper = True
            elif suffix.needs != "stem" or len(inner) < 2 or set(inner) <= _PART_CHARS:
                return None
            else:
                has_stem = True
                # inside one word, a stem jieba does not know is no sign of a name (敬老|院)
                proper = self._is_proper(inner) and (len(word) > 1 or inner in self.tags)
            start = first_start
        prefix_start = start if has_prefix else None
        before_verb = None  # where the name began before a verb was taken into it
        for k in range(first - 1, max(0, first - 6) - 1, -1):
            piece, piece_start = tokens.word(k), starts[k]
            if piece in _JOINERS and k > 0 and start == piece_start + 1 and not has_prefix \
                    and self._name_part(tokens.word(k - 1)) and self._name_part(tokens.word(k + 1)):
                start = piece_start  # 乔治·梅森大学, 佩诺—里加集团: a foreign name in parts
                continue
            if end - piece_start > self.max_chars or not _NAME_PIECE.fullmatch(piece) or spaced[k]:
                break
            if piece in self.bad_starts or piece.startswith(self.long_bad_starts):
                break
            if self._is_prefix(piece) or k == first - 1 and word[0] in _LEVEL_HEADS \
                    and 2 <= len(piece) <= 3 and (self._is_proper(piece) or self.tags[piece].startswith("n")):
                has_prefix = True  # 监利|县委: a name jieba does not know, right before a level, is a place
                prefix_start = piece_start
            elif self._department(piece) or before_verb is not None and self._body_end(piece):
                break  # 网信办|指导|省互联网业联合会: never swallow a department; a parent body may lead
            elif suffix.needs == "none":
                break
            else:
                tag = self.tags.get(piece)
                if tag is None and piece[0] in _FUNCTION_CHARS:
                    break  # 首破|五牛队, 这支|机防队: a word jieba does not know, led by a function word
                if tag is not None and tag.startswith("v") and not tag.startswith("vn") and suffix.common_stems \
                        and suffix.needs == "stem" and len(piece) > 1:
                    # 中国文化|扶贫|委员会: a committee is named by what it does, if a region leads
                    before_verb = start if before_verb is None else before_verb
                elif tag is not None and tag.startswith(_STOP_TAGS) and not tag.startswith("vn"):
                    break
                has_stem = True
                proper = proper or self._is_proper(piece)
                if tag == "nt" and prefix_start is not None:
                    prefix_start = piece_start  # a parent body leads: 中国人民银行|贵阳中心支行
            start = piece_start
        if prefix_start is not None:
            start = prefix_start  # words before the leftmost region are not part of the name
        elif suffix.needs == "prefix":
            return None
        elif before_verb is not None:
            start = before_verb
        name = text[start:end]
        if name in self.generic or len(name) < 2:
            return None
        if suffix.needs != "none":
            if (name == word and not suffix.alone) or len(name) < 3 and not has_prefix:
                return None
            if suffix.needs == "stem" and not (suffix.alone and name == word):
                if not (has_stem or has_prefix):
                    return None
                if not suffix.common_stems and not (has_prefix or proper or len(word) == 1 and first_start == begin):
                    # a one-character suffix jieba cuts off (松日|队, 矿渣|厂) ends a name; one it keeps
                    # inside a dictionary word (登山队, 水泥厂) ends a description; a name by itself
                    # (民进党) stays one after common words (关键条文|民进党)
                    if suffix.alone and first_start == begin:
                        return self.mention(begin, end, word, suffix.rule, suffix.org_type)
                    return None
            if has_prefix and not has_stem and word in self.places_after_region:
                return None  # 台北市|中心, 曼谷|市中心: a place in the city, not a body
            tag = self.tags.get(name, "")
            if not suffix.common_stems and not has_prefix and tag.startswith("n") and not tag.startswith(_PROPER_TAGS) \
                    and not (suffix.alone and name == word):
                return None  # one common dictionary word: 研究中心, 敬老院
        org_type = suffix.org_type
        if org_type == "government" and "委" in name[: len(name) - len(word)]:
            org_type = "party"
        return self.mention(start, end, name, suffix.rule, org_type)

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
        return tag is None or tag.startswith(_PROPER_TAGS) or tag == "nr" and len(word) > 2 or self.is_region(word)

    def _name_part(self, word: str) -> bool:
        """乔治 in 乔治·梅森大学: a part of a foreign name (person names count here)."""
        return self._is_proper(word) or self.tags.get(word) == "nr"

    def _body_end(self, word: str) -> bool:
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
        """An organization row with the fields the grammar gives every name (also the tagger's)."""
        m = self.region_re.match(name)
        fields = {"name": name, "canonical": self.abbreviations.get(name, name), "org_type": org_type,
                  "region": m.group() if m else ""}
        return Mention("organization", start, end, name, rule, fields)

    # -- canonical names ----------------------------------------------------------
    def canonicalize(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """省委网信办 in an article about Guangdong -> 广东省委网信办 (when one province dominates)."""
        counts = Counter(m.group() for m in self.home_re.finditer(text))
        province = _dominant({k: v for k, v in counts.items() if k in self.provinces})
        city = _dominant({k: v for k, v in counts.items() if k in self.cities})
        out = []
        for mention in mentions:
            name = mention.fields["name"]
            canonical, region = mention.fields["canonical"], mention.fields["region"]
            for short, full in self.abbreviations.items():
                # 人行贵阳中心支行 -> 中国人民银行贵阳中心支行; a truncation (清华) is no prefix to expand
                if name.startswith(short) and name != short and len(short) >= 2 and not full.startswith(short):
                    canonical = full + name[len(short):]
                    break
            if not region:
                if name.startswith("团省委") and province:
                    canonical, region = f"共青团{province}省委", province
                elif name.startswith("省") and province:
                    canonical, region = province + name, province
                elif name.startswith("市") and city:
                    canonical, region = city + name, city
            out.append(mention.with_(fields={"canonical": canonical, "region": region}))
        return out


def _dominant(counts: Mapping[str, int]) -> str:
    ranked = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    if not ranked:
        return ""
    if len(ranked) == 1 or ranked[0][1] >= 2 * ranked[1][1]:
        return ranked[0][0]
    return ""


@Language.factory("xinwen_organizations", default_config={"rules_dirs": [], "reference_date": ""})
def make_organizations(nlp: Language, name: str, rules_dirs: list[str], reference_date: str):
    ensure_extensions()
    rules = pipeline_rules(nlp, rules_dirs).family("organizations")
    known = {n: "nt" for entry in rules["known"] for n in entry["names"]}
    tags = word_tags(nlp.tokenizer, known) if hasattr(nlp.tokenizer, "jieba") else {}
    matcher = OrganizationMatcher(rules, tags)

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "organization", matcher.canonicalize(doc.text, matcher(doc)))
        return doc

    return with_reference(component, reference_date)
