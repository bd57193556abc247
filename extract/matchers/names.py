"""Where the learned tagger meets the grammar: one decision for organization and programme names.

The tagger (``extract/names``) names what the grammar's lexicons never saw; the grammar carries the
contract's fine print (quoted names and their heads, region-led departments, canonical names). Per
type, with the settings of ``rules/names.yaml``:

- a tagged name below its ``min_probability``, holding a mark no name holds, or (a programme)
  inside quotes or without a type word at its end, is not considered;
- where a grammar name and a tagged one overlap with different extents, the grammar's stands,
  unless its rule is one the tagger decides for (``tagger_decides``: suffix rules whose extent the
  tagger measured better), and then the tagged name replaces it;
- but a grammar name grown from a well-known name by a suffix after it (人民日报|海外版) stands;
- a tagged organization starts and ends where the grammar's word classes would have it (not at a
  fused verb, 任|金龙…; nor a descriptor, 大陆|国防部; nor with a department of its body, …|公关部);
- a grammar name of a rule in ``tagger_vetoes`` that the tagger saw and did not tag is dropped,
  unless it ends in one of ``tagger_veto_spares`` (a paper's or a broadcaster's word: 钱江晚报);
- a tagged name that overlaps no remaining grammar name is added.

Tagged rows say ``org.model`` / ``program.model`` and carry the tagger's probability as
``confidence``; their fields are filled as the grammar fills its own (an organization's type from its
suffix, its region and canonical name as for grammar rows; a programme's head and kind from the type
word that ends it).
"""
from __future__ import annotations

from typing import Mapping

import regex

from spacy.language import Language
from spacy.tokens import Doc

from ..components import COMPONENT_CONFIG
from ..mention import Mention
from ..names.features import longest_ending
from ..names.tagger import LABELS, NameTagger, TaggedName
from ..rules import pipeline_rules
from ..segment import PlainDoc, word_tags
from .base import SpanSet, ensure_extensions, mentions_of, token_table, with_reference, write_mentions
from .organization_rules import unit_before
from .organization_canonical import canonicalize
from .organization_edges import date_unit_after_digit, meets_states, mission_unowned
from .organizations import OrganizationMatcher

_SENTENCE_MARKS = "。！？\n"
_EVENT_RULES = ("program.bare.", "program.shaped.")
_PROPER_TAGS = ("nt", "nz", "ns", "nr", "j", "eng")
_COUNT = regex.compile(r"[0-9０-９]+\p{Han}")  # 投6局: a number and one character counts (innings, games)


class NameMerger:
    def __init__(self, rules, tags: Mapping[str, str]):
        organizations, programs = rules.family("organizations"), rules.family("programs")
        settings = rules.family("names")
        self.tagger = NameTagger(organizations, programs, tags)
        self.orgs = OrganizationMatcher(organizations, tags)
        # a joiner of org.grammar.inner_joiners between two fields; not 共和国, 和平, 7国与
        joiners = regex.escape("".join(sorted(self.orgs.joined.words)))
        self.joined = regex.compile(rf"(?<=\p{{Han}}{{2}})(?<!共)[{joiners}](?=\p{{Han}}{{2}})(?![平谐睦])")
        self.tag_of = tags
        self.sure = float(settings.get("sure_probability", 1.0))
        self.min_probability = {k: float(v) for k, v in settings.get("min_probability", {}).items()}
        self.decides = {k: set(v or ()) for k, v in settings.get("tagger_decides", {}).items()}
        self.vetoes = set(settings.get("tagger_vetoes", []))
        self.veto_spares = tuple(sorted(settings.get("tagger_veto_spares", ()), key=len, reverse=True))
        self.quote_marks = set(settings.get("quoted_marks", []))
        self.marks_re = regex.compile("|".join(regex.escape(m) for m in [*self.quote_marks, *_SENTENCE_MARKS]))
        self.foreign_marks = set(settings.get("foreign_marks", []))
        self.clause_words = frozenset(settings.get("clause_words", ()))
        self.titles = set(organizations.get("titles", []))
        self.heads: dict[str, str] = {word: "other" for word in settings.get("program_heads", [])}
        for entry in programs.get("heads", []):
            for word in entry.get("words", []):
                self.heads[word] = entry.get("kind", "other")
        for word in programs.get("document_words", []):
            self.heads[word] = "document"
        self.longest_head = max(map(len, self.heads), default=1)
        self.described_heads = frozenset(settings.get("model_described_heads", ()))
        # longest first, so that 系列报道 wins over 报道 and the choice never rests on a set's order
        series = {w for e in programs.get("series_heads", []) for w in e.get("words", [])}
        self.series = tuple(sorted(series, key=lambda w: (-len(w), w)))

    def __call__(self, doc: Doc) -> None:
        tokens = token_table(doc)
        text = doc.text
        if isinstance(doc, PlainDoc):
            words = doc.words  # its tokens' texts already
        else:
            words = [text[s:e] for s, e in zip(tokens.starts, tokens.ends)]
        tagged, seen = self.tagger.tag_with_coverage(words)
        covered = SpanSet((tokens.starts[lo], tokens.ends[hi - 1]) for lo, hi in seen)
        quoted = self._quoted_spans(text)
        # 为|亚洲杯|备战: an event the grammar names by its head is no body (not the loose unquoted walk's)
        event_ends = {m.end for m in mentions_of(doc, "program") if m.rule.startswith(_EVENT_RULES)}
        for kind in ("organization", "program"):
            names = [(tokens.starts[n.first], tokens.ends[n.last], n) for n in tagged if LABELS[n.label] == kind]
            if kind == "organization":
                names = [(self._own_start(text, tokens, s, e), self._own_end(text, tokens, s, e), n) for s, e, n in names]
                names = [(s + self.orgs.home_lead(text[s:e]), e, n) for s, e, n in names]  # 中国|北京…大学
                names = [(s, e, n) for s, e, n in names if e - s >= 2 and not self.orgs.glued_guo(text, tokens, s)
                         and text[s - 1:s] != "驻" and e not in event_ends  # 两|国海军, 驻|伊朗使馆: cut off from its own country
                         and not mission_unowned(text, s, e, self.orgs.is_country, self.orgs.mission_initials)
                         and not self._country_before_states(text[s:e])]
            names = [(s, e, n) for s, e, n in names if self._acceptable(kind, text, s, e, n, quoted)
                     and (kind != "organization" or not self._holds_clause_word(words[n.first + 1:n.last + 1]))
                     and (kind != "organization" or n.probability >= self.sure
                          or self._proper(words[n.first:n.last + 1]))]
            grammar = mentions_of(doc, kind)
            kept = self._settle(kind, grammar, names, covered)
            if kept != grammar:
                write_mentions(doc, kind, self._finish(kind, text, kept))

    def _acceptable(self, kind: str, text: str, start: int, end: int, name: TaggedName, quoted: SpanSet) -> bool:
        surface = text[start:end]
        if name.probability < self.min_probability.get(kind, 0.5) or len(surface) < 2:
            return False
        if any(c in self.foreign_marks or c in self.quote_marks for c in surface):
            return False
        if kind == "organization":
            if _COUNT.fullmatch(surface):
                return False
            suffix = self.orgs.suffixes.get(surface)
            if suffix is not None and suffix.needs == "stem" and not suffix.alone or self.orgs.is_generic(surface) \
                    or self.orgs.is_room(surface):
                return False  # a kind of body alone (美术馆, 公司) names none, nor a room (音乐厅), as in the grammar
            return not any(surface.endswith(t) and len(t) > 1 for t in self.titles)  # 政治局常委 is a post
        # a type word alone (印发|办法) names no programme, as in the grammar
        head = self._head(surface)
        return not quoted.overlaps(start, end) and surface not in self.heads and head != "" \
            and ("的" not in surface or surface.startswith("关于")) and head not in self.described_heads \
            and not self._head_inside_word(surface, head)  # not 人工智慧的专案, 求真务实的好报告; 关于…的意见 is a title

    def _country_before_states(self, name: str) -> bool:
        """南非|二十国集团: what the grammar leaves out before a body of several states (meets_states) opens
        the tagged name."""
        return any(len(name) > len(w) and name.endswith(w) and meets_states(name[:-len(w)], self.orgs.is_country)
                   for w in self.orgs.of_states)

    def _holds_clause_word(self, inner: list[str]) -> bool:
        """A preposition or clause verb among a tagged name's words after its first, alone or opening
        a short word jieba does not know (以色列|对黎|真主党): the name is a clause."""
        return any(w in self.clause_words or (len(w) <= 2 and w[0] in self.clause_words and w not in self.tag_of)
                   for w in inner)

    def _head_inside_word(self, surface: str, head: str) -> bool:
        """The type word is the end of a longer word that is a verb or adjective (发展 ends in 展):
        the name does not end in a type word at all."""
        for size in range(len(head) + 1, min(len(surface), len(head) + 4) + 1):
            tag = self.tag_of.get(surface[-size:])
            if tag is not None:
                return tag.startswith(("v", "a", "d"))
        return False

    def _proper(self, words: list[str]) -> bool:
        """An organization's name holds a proper word: a place, a name, an abbreviation, a word jieba
        does not know, or a known body. Common nouns alone describe (网络素养研究中心, 保险公司), as the
        grammar's rule for institutions has it too."""
        return any(self._is_proper(w) for w in words)

    def _is_proper(self, word: str) -> bool:
        tag = self.tag_of.get(word)
        return tag is None or tag.startswith(_PROPER_TAGS) or self.orgs.is_known(word) or self.orgs.is_region(word)

    def _settle(self, kind: str, grammar: list[Mention], names: list, covered: SpanSet) -> list:
        """The grammar's rows that stand, then the tagged names (start, end, TaggedName) to add."""
        decides = self.decides.get(kind, set())
        kept: list = []
        for mention in grammar:
            rule = mention.rule.split("+")[0]
            overlapping = [(s, e) for s, e, _ in names if s < mention.end and mention.start < e]
            if rule in decides and any(span != (mention.start, mention.end) for span in overlapping) \
                    and not self._grows_known(mention, overlapping) and not self._joined_inside(mention, overlapping):
                continue  # the tagger's extent replaces this one
            if rule in self.vetoes and not overlapping and covered.overlaps(mention.start, mention.end) \
                    and not self._holds_known(mention) and not self._spared(mention.surface):
                continue
            kept.append(mention)
        taken = SpanSet((m.start, m.end) for m in kept)
        for start, end, name in names:
            if not taken.overlaps(start, end):
                taken.add(start, end)
                kept.append((start, end, name))
        return kept

    def _spared(self, surface: str) -> bool:
        """A paper's or broadcaster's name the veto spares (钱江|晚报): its own words before the press
        word, two characters or more, none of them generic or a function word (not 县|电视台, 广播电台)."""
        word = next((w for w in self.veto_spares if surface.endswith(w)), "")
        stem = surface[:len(surface) - len(word)]
        return bool(word) and len(stem) > 1 and stem not in self.orgs.generic \
            and self.orgs.function_chars.isdisjoint(stem)

    def _own_start(self, text: str, tokens, start: int, end: int) -> int:
        """Where a tagged name begins, as the grammar would have it: not at the verb jieba fused with
        it (至今|任金龙|机电股份有限公司), nor at a descriptor (中国|大陆|国防部; but 大陆|委员会 is one name),
        nor before a standing (NBA|新科|总冠军|勇士队)."""
        start = self.orgs.after_served(text, tokens, start, end - 2)
        k = tokens.covering(start)
        if tokens.starts[k] == start and self.orgs.is_country(tokens.word(k)) and k + 1 < len(tokens) \
                and tokens.word(k + 1) in self.orgs.descriptors:
            k += 1
        if tokens.word(k) in self.orgs.descriptors and text[tokens.ends[k]:end] not in self.orgs.suffixes \
                and end - tokens.ends[k] >= 2:
            return tokens.ends[k]
        for j in range(tokens.covering(max(start, end - 2)) - 1, k - 1, -1):  # NBA|新科|总冠军|勇士队
            if tokens.word(j) in self.orgs.standings:
                rest = text[tokens.ends[j]:end]  # not to a kind of body alone (巨头|电子集团)
                return start if self.orgs.is_generic(rest) or rest in self.orgs.suffixes else tokens.ends[j]
        if date_unit_after_digit(text, start) and end - start > 3:
            return start + 1  # 10|日埃塞航空公司: the day of a date opens no name
        return start

    def _own_end(self, text: str, tokens, start: int, end: int) -> int:
        """Where a tagged name ends: before a department of its body (北京国华置业有限公司|公关部), as
        the grammar has it (``org.grammar.inner_units``)."""
        end -= len(unit_before(text, tokens, end, self.orgs.inner_units.get(text[end - 1:end], ()), start))
        return self._before_compound(text, start, end)

    def _before_compound(self, text: str, start: int, end: int) -> int:
        """国家统计局|新闻发言人: a tagged name does not end inside a compound noun that begins with a
        suffix (``org.grammar.compounds``); it ends where the compound begins."""
        for compound in self.orgs.compounds:
            for p in range(max(start + 1, end - len(compound) + 1), end):
                if text.startswith(compound, p):
                    return p
        return end

    def _holds_known(self, mention: Mention) -> bool:
        """每日经济新闻|网: the grammar grew the name from a well-known one at its start, which no veto
        undoes (the tagger, not seeing a name, vetoes descriptions such as 防空警报, 中央新闻)."""
        surface = mention.surface
        return any(self.orgs.is_known(surface[:k]) for k in range(2, len(surface)))

    def _grows_known(self, mention: Mention, spans: list[tuple[int, int]]) -> bool:
        """The grammar grew the name from a well-known one the tagger took alone (人民日报|海外版): the
        known name is sure, and so is the suffix the grammar added after it (not 中国—|东盟: a pair)."""
        return all(mention.start <= s and e < mention.end
                   and self.orgs.is_known(mention.surface[s - mention.start:e - mention.start]) for s, e in spans)

    def _joined_inside(self, mention: Mention, spans: list[tuple[int, int]]) -> bool:
        """The grammar took a joiner into a national body's name (国家粮食和物资储备局, org.grammar.inner_joiners)
        and the tagger cut it there (全国人大|宪法和|法律委员会): the grammar's extent stands."""
        return self.joined.search(mention.surface, 1, len(mention.surface) - 1) is not None \
            and all(mention.start <= s and e <= mention.end for s, e in spans)

    def _finish(self, kind: str, text: str, kept: list) -> list[Mention]:
        made = [self._mention(kind, text, *item) for item in kept if not isinstance(item, Mention)]
        if kind == "organization":
            made = canonicalize(self.orgs, text, made)
        return sorted([m for m in kept if isinstance(m, Mention)] + made, key=lambda m: (m.start, m.end))

    def _head(self, surface: str) -> str:
        """The type word that ends a programme's name (never the whole name)."""
        return longest_ending(surface, self.heads, min(self.longest_head, len(surface) - 1)) or ""

    def _quoted_spans(self, text: str) -> SpanSet:
        """Each pair of quote or title marks, as one span (a mark left open covers itself). Only the
        marks are visited, not every character of the text."""
        spans, opened = [], None
        for found in self.marks_re.finditer(text):
            i = found.start()
            if found.group() in self.quote_marks:
                if opened is None:
                    opened = i
                else:
                    spans.append((opened, i + 1))
                    opened = None
            elif opened is not None:  # a sentence ends with a mark left open
                spans.append((opened, opened + 1))
                opened = None
        return SpanSet(spans)

    def _mention(self, kind: str, text: str, start: int, end: int, name: TaggedName) -> Mention:
        surface = text[start:end]
        if kind == "organization":
            suffix = next((surface[k:] for k in range(len(surface)) if surface[k:] in self.orgs.suffixes), None)
            org_type = self.orgs.suffixes[suffix].org_type if suffix else "other"
            mention = self.orgs.mention(start, end, surface, "org.model", org_type)
        else:
            head = self._head(surface)
            series = next((w for w in self.series if surface.endswith(w) and len(surface) > len(w) + 1), "")
            own = surface[:-len(series)] if series else surface  # 数字十年|系列报道: the series' own name
            fields = {"name": own, "head": series or head, "kind": self.heads.get(head, "other") if head else "other"}
            mention = Mention("program", start, end, surface, "program.model", fields)
        return mention.with_(confidence=name.probability)


@Language.factory("xinwen_names", default_config=COMPONENT_CONFIG)
def make_names(nlp: Language, name: str, rules_dirs: list[str], reference_date: str):
    ensure_extensions()
    rules = pipeline_rules(nlp, rules_dirs)
    tags = word_tags(nlp.tokenizer) if hasattr(nlp.tokenizer, "jieba") else {}
    merger = NameMerger(rules, tags)

    def component(doc: Doc) -> Doc:
        merger(doc)
        return doc

    return with_reference(component, reference_date)
