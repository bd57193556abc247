"""Organization names: well-known names, and a suffix grammar with region and level prefixes.

A suffix from rules/organizations.yaml (网信办, 教育厅, 大学, 协会, 日报 ...) is found in the text and
the name grows leftwards over jieba tokens that can belong to a name: regions (佛山, 广东省), levels
and connectors (省委, 市, 中央), and, for institutions, proper-noun stems. Department names need a
region or level (省委网信办), institutions a stem (华南师范大学). ``canonical`` expands a region-less
name (省委网信办) with the region the article is about when that is unambiguous.
"""
from __future__ import annotations

from collections import Counter
from typing import Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..mention import Mention
from ..rules import load_rules
from ..segment import word_tags
from .base import alternation, ensure_extensions, longest_first, write_mentions

_BODY_STOP_TAGS = ("v", "p", "c", "u", "d", "r", "m", "q", "f", "t", "a", "y", "e", "o", "x", "w")



class OrganizationMatcher:
    def __init__(self, rules: Mapping, tags: Mapping[str, str] | None = None):
        self.tags = tags or {}
        known = rules["known"][0]
        self.known = dict(known["names"])
        self.known_rule = known["id"]
        self.abbreviations = dict(rules.get("abbreviations", {}))
        regions = rules["regions"]
        self.provinces = set(regions["provinces"])
        self.cities = set(regions["cities"])
        self.levels = longest_first(regions["levels"])
        self.connectors = set(rules["connectors"])
        self.suffixes: dict[str, tuple[str, str, bool]] = {}
        for group, needs_prefix in (("departments", True), ("institutions", False)):
            for entry in rules[group]:
                for word in entry["words"]:
                    self.suffixes.setdefault(word, (entry["org_type"], entry["id"], needs_prefix))
        self.generic = set(rules["generic"])
        self.bad_starts = longest_first(rules["bad_starts"])
        self.max_chars = int(rules.get("max_chars", 18))
        self.known_re = regex.compile(alternation(list(self.known) + list(self.abbreviations)))
        self.suffix_re = regex.compile(alternation(self.suffixes))
        self.region_re = regex.compile(alternation(self.provinces | self.cities))

    # -- matching -----------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        candidates: list[Mention] = []
        for m in self.known_re.finditer(text):
            candidates.append(self._mention(text, m.start(), m.end(), self.known_rule,
                                            self.known.get(m.group(), {}).get("org_type", "other"), doc))
        for m in self.suffix_re.finditer(text):
            mention = self._grow(doc, m)
            if mention:
                candidates.append(mention)
        return _longest_non_overlapping(candidates)

    def _grow(self, doc: Doc, m) -> Mention | None:
        text = doc.text
        org_type, rule, needs_prefix = self.suffixes[m.group()]
        token = doc.char_span(m.start(), m.end(), alignment_mode="expand")
        if token is None or token.end_char != m.end() and not text[m.end():m.end() + 1].isspace():
            # the suffix runs on into a longer word (大学生, 公司化): not a name ending here
            if token is None or token.end_char > m.end():
                return None
        index = token.start
        start = token.start_char
        has_prefix = has_stem = token.start_char < m.start()
        for tok in reversed(doc[max(0, index - 6):index]):
            word = tok.text
            if m.end() - tok.idx > self.max_chars or not regex.fullmatch(r"\p{Han}+|[A-Za-z]+", word):
                break
            if any(word.startswith(b) for b in self.bad_starts if len(b) > 1) or word in self.bad_starts:
                break
            if self._is_prefix(word):
                has_prefix = True
            elif needs_prefix:
                break
            else:
                tag = self.tags.get(word)
                if tag is not None and tag.startswith(_BODY_STOP_TAGS) and not tag.startswith("vn"):
                    break
                has_stem = True
            start = tok.idx
        name = text[start:m.end()]
        if name in self.generic or name == m.group() or len(name) < 3:
            return None
        if needs_prefix and not has_prefix:
            return None
        if not needs_prefix and not (has_stem or has_prefix):
            return None
        if "委" in name[: len(name) - len(m.group())] and org_type == "government":
            org_type = "party"
        return self._mention(text, start, m.end(), rule, org_type, doc)

    def _is_prefix(self, word: str) -> bool:
        """省委, 佛山市, 广东省委, 省政府: regions, levels and connectors, alone or combined."""
        rest = word
        m = self.region_re.match(rest)
        if m:
            rest = rest[m.end():]
        for level in self.levels:
            if rest.startswith(level):
                rest = rest[len(level):]
                break
        return rest == "" or rest in self.connectors or self._is_region(word)

    def _is_region(self, word: str) -> bool:
        stem = word
        for level in self.levels:
            if stem.endswith(level) and len(stem) > len(level):
                stem = stem[: -len(level)]
                break
        return stem in self.provinces or stem in self.cities or self.tags.get(word, "").startswith("ns")

    def _mention(self, text: str, start: int, end: int, rule: str, org_type: str, doc: Doc) -> Mention:
        name = text[start:end]
        region = self._region_of(name)
        fields = {"name": name, "canonical": self.abbreviations.get(name, name), "org_type": org_type, "region": region}
        return Mention("organization", start, end, name, rule, fields)

    def _region_of(self, name: str) -> str:
        m = self.region_re.match(name)
        return m.group() if m else ""

    # -- canonical names ----------------------------------------------------------
    def canonicalize(self, text: str, mentions: list[Mention]) -> list[Mention]:
        """省委网信办 in an article about Guangdong -> 广东省委网信办 (when one province dominates)."""
        counts = Counter(m.group() for m in self.region_re.finditer(text))
        province = _dominant({k: v for k, v in counts.items() if k in self.provinces})
        city = _dominant({k: v for k, v in counts.items() if k in self.cities})
        out = []
        for mention in mentions:
            name = mention.fields["name"]
            canonical, region = mention.fields["canonical"], mention.fields["region"]
            for prefix in ("中国人民银行",) if name.startswith("人行") else ():
                canonical = prefix + name[2:]
            if not region:
                if name.startswith(("省", "团省委")) and province:
                    canonical, region = (province + name if name.startswith("省") else canonical), province
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


def _longest_non_overlapping(mentions: list[Mention]) -> list[Mention]:
    chosen: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (-(m.end - m.start), m.start)):
        if not any(mention.overlaps(c) for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


@Language.factory("xinwen_organizations", default_config={"rules_dirs": []})
def make_organizations(nlp: Language, name: str, rules_dirs: list[str]):
    ensure_extensions()
    tags = word_tags(nlp.tokenizer) if hasattr(nlp.tokenizer, "jieba") else {}
    matcher = OrganizationMatcher(load_rules(rules_dirs).family("organizations"), tags)

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "organization", matcher.canonicalize(doc.text, matcher(doc)))
        return doc

    return component
