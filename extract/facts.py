"""Facts: each numeric claim linked to its metric, programme, organization and date.

A fact is the claim plus what an analyst needs to read it alone (MeasEval's quantity + measured
property + measured entity): the ``metric`` as written (``点击量``, ``参与故事征集投票``), the
programme it is about, the organization that acts, the time it holds for, the region and the clause
as evidence. Everything is read off one document's final mentions and its jieba words, by small
ordered rules over punctuation (sentence 。, segment ；, clause ，, list 、) and word classes from
jieba's dictionary tags; the first rule that answers wins, and each link records its rule id
(``rules/facts.yaml``, where the lexicons live). Nothing here looks at other documents.
"""
from __future__ import annotations

import bisect
import itertools
import operator
import re
from dataclasses import dataclass
from typing import Callable, Mapping, NamedTuple, Sequence

from .matchers.base import longest_first, token_table
from .mention import Mention
from .schema import layout

_COLLECTIVE = "facts.organization.collective"
_WHITESPACE = re.compile(r"\s")
WINDOW = 400  # characters either side of a claim that a sentence, clause or paragraph may reach
_VAGUE = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
_QUOTES = {"“": "”", "「": "」", "‘": "’", "\"": "\"", "『": "』"}
_MAX_QUOTED = 8


class Word(NamedTuple):
    """A jieba word of the text (a tuple: a document has thousands, made at every link call)."""

    start: int
    end: int
    text: str
    tag: str  # jieba's dictionary tag; "" for a word the dictionary does not know


@dataclass(frozen=True)
class Link:
    """One answer of one rule: the text it found, the mention it came from (if any), the rule."""

    text: str = ""
    rule: str = ""
    mention: Mention | None = None


NONE = Link()


class Lexicon:
    """The ``facts`` rule family as sets and strings, read once per pipeline."""

    def __init__(self, rules: Mapping):
        bounds = rules["boundaries"]
        self.sentence_ends = frozenset(bounds["sentence"])
        self.segment_ends = frozenset(bounds["segment"]) | self.sentence_ends  # a sentence end ends a segment
        self.clause_ends = frozenset(bounds["clause"]) | self.segment_ends
        self.paragraph_ends = frozenset("\n")
        self.list_marks = set(bounds["list"])
        self.predicates = set(rules["predicates"])
        self.adverbs = set(rules["adverbs"])
        self.anaphors = tuple(longest_first(rules["anaphors"]))
        self.purpose_verbs = tuple(rules["purpose_verbs"])
        self.date_prepositions = set(rules["date_prepositions"])
        self.as_of = tuple(longest_first(rules["as_of"]))
        self.as_of_fillers = tuple(longest_first(rules.get("as_of_fillers", ())))
        self.periods = set(rules.get("period_granularities", ()))
        self.attributive = set(rules.get("attributive_verbs", ()))
        self.report_words = tuple(rules.get("report_words", ()))
        self.source_cues = tuple(longest_first(rules.get("source_cues", ())))
        self.source_prepositions = tuple(longest_first(rules.get("source_prepositions", ())))
        self.noun_units = set(rules["noun_units"])
        self.non_subject = tuple(rules["non_subject_prepositions"])
        self.dateline_words = tuple(rules["dateline_words"])
        self.comparison = tuple(longest_first(rules["comparison_markers"]))
        self.reporting_types = set(rules["reporting_types"])
        self.main_body_min = int(rules["main_body_min_mentions"])
        self.max_words = int(rules["max_metric_words"])
        collective = rules["collective_actors"]
        self.collective = re.compile("|".join(re.escape(h) for h in longest_first(collective["heads"])))
        self.region_tags = tuple(collective["region_tags"])
        respectively = rules["respectively"]
        self.respectively = tuple(respectively["words"])
        self.conjunctions = set(respectively["conjunctions"])


def _nounish(word: Word) -> bool:
    """A word that can be part of a noun phrase: nouns, verbal/adjectival nouns, distinguishing
    words, abbreviations, place words, letters, and Han words the dictionary does not know."""
    tag = word.tag
    if not tag:
        return any("\u4e00" <= ch <= "\u9fff" for ch in word.text) or word.text.isalpha()
    return tag[0] in "nbjgzs" or tag in ("vn", "an", "eng") or tag == "a"


def _verbish(word: Word) -> bool:
    return word.tag.startswith("v") and word.tag != "vn"


class WordList(Sequence):
    """The words of a text as two offset lists; ``Word``s (with their tags) are made on access."""

    def __init__(self, text: str, starts: list[int], ends: list[int], tags: Mapping[str, str]):
        self.text, self.starts, self.ends, self.tags = text, starts, ends, tags
        self._made: list[Word | None] = [None] * len(starts)  # clauses overlap: make each word once

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i):
        if isinstance(i, slice):  # a run of words (Document.words_in), made in one call
            made = self._made[i]
            if None in made:
                first, _, step = i.indices(len(self))
                made = [w if w is not None else self._make(first + n * step) for n, w in enumerate(made)]
            return made
        made = self._made[i]
        return made if made is not None else self._make(i)

    def _make(self, i: int) -> Word:
        start, end = self.starts[i], self.ends[i]
        word = self.text[start:end]
        made = self._made[i] = Word(start, end, word, self.tags.get(word, ""))
        return made


class Document:
    """One document's text, words, mentions and the boundaries the rules walk over."""

    def __init__(self, text: str, words: Sequence[Word], mentions: Sequence[Mention], lex: Lexicon,
                 reference: str, tags: Mapping[str, str] | None = None):
        self.text, self.lex, self.reference = text, lex, reference
        self.words = words if isinstance(words, WordList) else list(words)
        self.tags = tags or {}
        self.word_starts = words.starts if isinstance(words, WordList) else [w.start for w in self.words]
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.by_type = {t: [m for m in self.mentions if m.type == t] for t in layout().types}
        self.type_starts = {t: [m.start for m in ms] for t, ms in self.by_type.items()}
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)
        self._marks: dict[frozenset, list[int]] = {}  # boundary positions, per set of boundary characters

    # -- boundaries -------------------------------------------------------------------------
    def _span(self, pos: int, ends: frozenset[str]) -> tuple[int, int]:
        """The stretch around ``pos`` between two of the characters ``ends`` (not including them)."""
        marks = self._marks.get(ends)
        if marks is None:
            pattern = re.compile("[" + re.escape("".join(sorted(ends))) + "]")
            marks = self._marks[ends] = [m.start() for m in pattern.finditer(self.text)]
        i = bisect.bisect_left(marks, pos)
        start = marks[i - 1] + 1 if i > 0 else 0
        end = marks[i] if i < len(marks) else len(self.text)
        # text without punctuation (1 MB of it) would make every claim walk every other claim's
        # words: a stretch reaches at most WINDOW characters either side of the claim
        return max(start, pos - WINDOW), min(end, pos + WINDOW)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._span(pos, self.lex.sentence_ends)

    def segment(self, pos: int) -> tuple[int, int]:
        return self._span(pos, self.lex.segment_ends)

    def clause(self, pos: int) -> tuple[int, int]:
        return self._span(pos, self.lex.clause_ends)

    def paragraph(self, pos: int) -> tuple[int, int]:
        return self._span(pos, self.lex.paragraph_ends)

    def words_in(self, start: int, end: int) -> list[Word]:
        """The words inside ``[start, end)``; a word that runs over either end is cut there (游客数约
        -> 游客数 before the claim 约1460万人次, 个区 -> 区 after the claim 16个); a cut word gets the
        dictionary's tag of what is left (队中 -> 中, f)."""
        i = max(0, bisect.bisect_right(self.word_starts, start) - 1)
        j = bisect.bisect_left(self.word_starts, end, i)  # the first word from ``end`` on
        out = []
        for w in self.words[i:j]:
            if w.end <= start:
                continue
            if w.start < start or w.end > end:
                a, b = max(w.start, start), min(w.end, end)
                w = Word(a, b, self.text[a:b], self.tags.get(self.text[a:b], ""))
            out.append(w)
        return out

    def mention_at(self, start: int, end: int, skip: Mention | None = None) -> Mention | None:
        """A mention (other than ``skip``) overlapping ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start - self.longest)
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            i += 1
            if m.end > start and m is not skip:
                return m
        return None

    def in_span(self, kind: str, start: int, end: int) -> list[Mention]:
        """Mentions of ``kind`` inside ``[start, end)``, in text order."""
        ms, starts = self.by_type[kind], self.type_starts[kind]
        return [m for m in ms[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)] if m.end <= end]


def _without(values: list[int], dropped: set[int]) -> list[int]:
    """``values`` less the items at the indices ``dropped``, copied in slices between them."""
    out, after = [], 0
    for i in sorted(dropped):
        out.extend(values[after:i])
        after = i + 1
    out.extend(values[after:])
    return out


class FactLinker:
    """Builds the facts of one document. ``tags``: jieba's dictionary part-of-speech tags."""

    def __init__(self, rules: Mapping, tags: Mapping[str, str]):
        self.lex = Lexicon(rules)
        self.tags = tags

    def words(self, doc) -> "WordList":
        """The spaCy ``Doc``'s jieba words (its ``TokenTable``, whitespace tokens left out) with
        their dictionary tags, made into ``Word``s only when a rule looks at them."""
        tokens = token_table(doc)
        text = doc.text
        if 0 in map(operator.sub, tokens.ends, tokens.starts):  # an empty token (none of ours): the slow way
            kept = [i for i, (start, end) in enumerate(zip(tokens.starts, tokens.ends))
                    if end > start and not text[start:end].isspace()]
            return WordList(text, [tokens.starts[i] for i in kept], [tokens.ends[i] for i in kept], self.tags)
        # a whitespace token begins with whitespace: only those tokens need a look
        dropped = {i for i in (tokens.starting_at(m.start()) for m in _WHITESPACE.finditer(text))
                   if i is not None and text[tokens.starts[i]:tokens.ends[i]].isspace()}
        return WordList(text, _without(tokens.starts, dropped), _without(tokens.ends, dropped), self.tags)

    def link_doc(self, doc, mentions: Sequence[Mention], reference: str = "") -> list[dict]:
        """``link`` over a spaCy ``Doc`` (its text and words); nothing to do without a claim."""
        if not any(m.type == "numeric" for m in mentions):
            return []
        return self.link(doc.text, self.words(doc), mentions, reference)

    def link(self, text: str, words: Sequence[Word], mentions: Sequence[Mention], reference: str = "") -> list[dict]:
        """One row per numeric claim, in text order (the columns of ``facts`` in ``schema.json``)."""
        mentions = list(mentions) + self._collectives(text, words)
        document = Document(text, words, mentions, self.lex, reference, self.tags)
        main = self._main_body(document)
        rows, metrics = [], {}
        for claim in document.by_type["numeric"]:
            metric = self._metric(document, claim, metrics)
            metrics[claim.mention_id or claim.start] = (claim, metric)
            programme = self._programme(document, claim)
            organization = self._organization(document, claim, main)
            date = self._date(document, claim)
            rows.append(self._row(document, claim, metric, programme, organization, date, main))
        return rows

    def _collectives(self, text: str, words: Sequence[Word]) -> list[Mention]:
        """佛山市网信系统: a region's bodies in one line of government can act in a fact, though the
        organization table (like People's Daily) leaves such groups out. They join the linker's
        organizations only, with no mention id."""
        found = []
        starts = words.starts if isinstance(words, WordList) else [w.start for w in words]
        for m in self.lex.collective.finditer(text):
            i = bisect.bisect_left(starts, m.start())
            if i == 0 or i >= len(starts) or starts[i] != m.start():
                continue  # the head begins a word of its own
            region = words[i - 1]
            if region.end == m.start() and region.tag.startswith(self.lex.region_tags):
                found.append(Mention("organization", region.start, m.end(), text[region.start:m.end()],
                                     _COLLECTIVE,
                                     {"name": text[region.start:m.end()], "org_type": "government"}))
        return found

    # -- metric ----------------------------------------------------------------------------
    def _metric(self, d: Document, claim: Mention, done: Mapping) -> Link:
        kind, unit = claim.fields.get("kind"), claim.fields.get("unit") or ""
        if kind == "age":
            return Link("", "facts.metric.age")
        if unit in self.lex.noun_units:
            return Link(unit, "facts.metric.unit_noun")
        paired = self._respectively(d, claim)
        if paired:
            return Link(paired, "facts.metric.respectively")
        subject, verb_only, bare = self._subject(d, claim)
        if kind == "money" and verb_only:  # 想编列20万元的编剧费用: a noun after the sum names it better
            order = ("object", "de_noun", "subject", "verb_after")
        elif kind == "money":  # 斥资450亿日圆, 累计捐款17亿元: the spending is named before the sum
            order = ("subject", "object", "verb_after", "de_noun")
        elif kind == "percent":
            order = ("subject", "previous", "among", "object", "de_noun")
        else:
            order = ("object", "verb_after", "de_noun", "subject", "previous")
        finders: dict[str, Callable[[], str]] = {
            "subject": lambda: "" if verb_only and kind != "money" else subject,
            "object": lambda: self._object(d, claim),
            "previous": lambda: self._previous(d, claim, done) if bare else "",
            "among": lambda: self._among(d, claim),
            "verb_after": lambda: self._verb_after(d, claim),
            "de_noun": lambda: self._de_noun(d, claim),
        }
        names = {"subject": "facts.metric.subject", "object": "facts.metric.object",
                 "previous": "facts.metric.previous_clause", "among": "facts.metric.among",
                 "verb_after": "facts.metric.verb_after", "de_noun": "facts.metric.de_noun"}
        for name in order:
            found = finders[name]()
            if found:
                return Link(found, "facts.metric.verb_subject" if name == "subject" and verb_only else names[name])
        if subject:
            return Link(subject, "facts.metric.verb_subject")
        return NONE

    def _respectively(self, d: Document, claim: Mention) -> str:
        """枪击案和杀人案分别增加近40%和33%: n subjects joined before 分别 pair in order with the n
        claims after it in the clause."""
        c_start, c_end = d.clause(claim.start)
        head = d.text[c_start:claim.start]
        at = max(head.rfind(w) for w in self.lex.respectively)
        if at < 0:
            return ""
        at += c_start
        claims = [m for m in d.in_span("numeric", at, c_end)]
        if len(claims) < 2 or claim not in claims:
            return ""
        items: list[list[Word]] = [[]]
        for w in reversed(d.words_in(c_start, at)):
            if not any(items) and (w.text in self.lex.adverbs or w.text.startswith("每")
                                   or w.tag.startswith(("d", "r", "m", "q", "p"))):
                continue  # 增加值 同比 分别, 价格 每吨 分别
            if w.text in self.lex.conjunctions and items[-1]:
                items.append([])
            elif _nounish(w) and not _verbish(w) and d.mention_at(w.start, w.end) is None:
                items[-1].append(w)
            else:
                break
        items = [list(reversed(i)) for i in reversed(items) if i]
        if len(items) != len(claims):
            return ""
        item = items[claims.index(claim)]
        metric = d.text[item[0].start:item[-1].end]
        last = items[-1]
        if item is not last and len(last) > len(item) and len(last) > 1:
            metric += last[-1].text  # 新房和二手房价格: the head noun after the last item is shared
        return metric

    def _subject(self, d: Document, claim: Mention) -> tuple[str, bool, bool]:
        """The words before the claim that name what it measures: (text, only verbs, bare) where
        bare means the clause holds nothing but predicates before the number (同比增长35%)."""
        lex = self.lex
        c_start, _ = d.clause(claim.start)
        before = d.words_in(c_start, claim.start)
        i = len(before) - 1
        skipped = 0
        while i >= 0:
            w = before[i]
            m = d.mention_at(w.start, w.end, claim)
            if w.text in lex.predicates or w.text in lex.adverbs or w.tag in ("p", "d") \
                    or (m is not None and m.type == "date"):
                i -= 1
                skipped += 1
                if w.text in ("至", "到") and i >= 0 and _verbish(before[i]):
                    i -= 1  # 更新至, 增加到: the verb belongs to the predicate
                continue
            break
        picked: list[Word] = []
        has_noun = False
        while i >= 0 and len(picked) < lex.max_words:
            w = before[i]
            if d.mention_at(w.start, w.end, claim) is not None:
                break
            if w.text in lex.list_marks:
                item_start = max([c_start] + [x.end for x in before[:i] if x.text in lex.list_marks])
                if d.in_span("numeric", item_start, w.start) or not picked:
                    break
                picked.append(w)
                i -= 1
                continue
            if w.text == "等" and picked:
                picked.append(w)
                i -= 1
                continue
            if w.tag == "ns" or w.tag.startswith(("r", "d", "p", "c", "u", "m", "q", "f", "x", "w")) or w.text == "的":
                break
            if _verbish(w) and has_noun and w.text in lex.attributive and not (
                    i > 0 and before[i - 1].text not in lex.attributive
                    and (before[i - 1].text in lex.adverbs or before[i - 1].tag.startswith("d"))):
                # (我国就新增企业: after an adverb the verb is the predicate, not a modifier)
                picked.append(w)  # 死亡病例, 新增就业人数: the verb is part of what is counted
                i -= 1
                continue
            if w.tag.startswith("l") and has_noun and d.mention_at(w.start, w.end, claim) is None:
                picked.append(w)  # 出入境人员, 交通枢纽客流量: a set phrase modifying the noun
                i -= 1
                continue
            if _verbish(w):
                left = before[i - 1] if i > 0 else None
                inside = len(picked) == 1 and (len(picked[0].text) == 1 or (
                    left is not None and _nounish(left) and not _verbish(left)
                    and d.mention_at(left.start, left.end, claim) is None))
                if has_noun and not inside:
                    break  # a verb ends the subject, unless it sits inside a noun (阅读 量, 全网 阅读 量)
                picked.append(w)
            elif _nounish(w):
                has_noun = True
                picked.append(w)
            else:
                break
            i -= 1
        while picked and (picked[-1].text in lex.list_marks or picked[-1].text == "等"):
            picked.pop()
        bare = not picked and i < 0 and skipped > 0
        if not picked:
            return "", False, bare
        picked.reverse()
        return d.text[picked[0].start:picked[-1].end], not has_noun, False

    def _object(self, d: Document, claim: Mention) -> str:
        """The noun phrase right after the claim: ``[modifier 的] noun…``. A programme named right
        after it gives its head (29期“…”网络主题宣传 -> 网络主题宣传); a short quoted word is kept
        (3名“00后”小将); a verb inside the phrase is kept when one noun closes it (智慧学习小站)."""
        lex = self.lex
        _, c_end = d.clause(claim.start)
        words = d.words_in(claim.end, c_end)
        i, end, start = 0, claim.end, None
        has_noun = False
        while i < len(words) and len(d.words_in(start, end) if start is not None else ()) < lex.max_words:
            w = words[i]
            if d.text[end:w.start].strip():
                break
            m = d.mention_at(w.start, w.end, claim)
            if m is not None and m.type == "program" and start is None and m.start >= claim.end:
                head = m.fields.get("head") or ""
                if head and m.surface.endswith(head):
                    return head
                i, end = _index_after(words, m.end), m.end
                continue
            if m is not None or w.text in lex.adverbs or w.text in lex.predicates:
                break
            if w.text in _QUOTES and start is None:
                close = d.text.find(_QUOTES[w.text], w.end, c_end)
                if close < 0:
                    break
                if close - w.end <= _MAX_QUOTED:
                    start = w.start  # a short quoted word belongs to the phrase (“00后”小将)
                end = close + 1  # a long one is a name the matcher did not take: its head follows
                i = _index_after(words, end)
                continue
            if w.text == "的":
                if has_noun:
                    break
                i, end = i + 1, w.end
                continue
            following = words[i + 1] if i + 1 < len(words) else None
            if w.tag.startswith("f") or _verbish(w):
                # 周边企业, 智慧学习小站, (的)跨区域人员流动: kept only when nouns follow to the end of
                # the phrase, one noun if a noun came before (not 微课作品入围省级评审; not 落户沧州)
                rest = list(itertools.takewhile(lambda x: x.tag or x.text.isalnum(), words[i + 1:]))
                closes = all(_nounish(x) and not _verbish(x) and not d.mention_at(x.start, x.end, claim)
                             for x in rest) and (len(rest) == 1 or not has_noun)
                if following is None or not _nounish(following) or following.tag.startswith(("ns", "nr")) \
                        or (not closes and not w.tag.startswith("f")):
                    break
                if start is None:
                    start = w.start
                end = w.end
                i += 1
                continue
            if w.tag.startswith("q") and has_noun and following is not None and _nounish(following):
                end, i = w.end, i + 1  # 网络主题系列宣传
                continue
            if w.tag == "vn" and has_noun and following is not None and following.tag == "p":
                break  # 志愿者活跃在赛场: a verbal noun before a preposition is the verb
            if w.tag in ("a", "z") and has_noun:
                break  # 志愿者多: an adjective after the noun is a predicate
            if _nounish(w) and not w.tag.startswith(("m", "q")):
                if start is None:
                    start = w.start
                has_noun = has_noun or w.tag not in ("a", "z")  # 热腾腾的手工包子: a modifier alone is not a noun
                end = w.end
                i += 1
                continue
            break
        if start is None or not has_noun:
            return ""
        return d.text[start:end]

    def _verb_after(self, d: Document, claim: Mention) -> str:
        """超1800万人次参与“南粤好网民”故事征集投票 -> 参与故事征集投票: a verb right after the claim and
        what follows it in the clause, without a programme's name (the programme is linked on its
        own), up to a 的-phrase's noun (打破亚洲纪录的成绩) or another mention."""
        _, c_end = d.clause(claim.start)
        words = d.words_in(claim.end, c_end)
        if not words or words[0].start != claim.end or not _verbish(words[0]):
            return ""
        pieces = [words[0].text]
        after_de, skip_to, taken = False, -1, 1
        for w in words[1:]:
            if w.start < skip_to or taken >= self.lex.max_words:
                if taken >= self.lex.max_words:
                    break
                continue
            m = d.mention_at(w.start, w.end, claim)
            if m is not None and m.type == "program" and m.start >= w.start:
                head = m.fields.get("head") or ""
                if head and m.surface.endswith(head):
                    pieces.append(head)  # “南粤好网民”故事征集投票 -> 故事征集投票
                skip_to = m.end
                continue
            if m is not None or w.text in self.lex.list_marks or (after_de and _verbish(w)):
                break
            after_de = after_de or w.text == "的"
            pieces.append(w.text)
            taken += 1
        return "".join(pieces)

    def _de_noun(self, d: Document, claim: Mention) -> str:
        """50个在…中涌现出的优秀故事: the noun run after the first 的 of the clause."""
        _, c_end = d.clause(claim.start)
        words = d.words_in(claim.end, c_end)
        for k, w in enumerate(words[:self.lex.max_words * 2]):
            if d.mention_at(w.start, w.end, claim) is not None:
                return ""
            if w.text == "的":
                run = []
                for x in words[k + 1:k + 1 + self.lex.max_words]:
                    if not _nounish(x) or d.mention_at(x.start, x.end, claim) is not None:
                        break
                    run.append(x)
                return d.text[run[0].start:run[-1].end] if run else ""
        return ""

    def _previous(self, d: Document, claim: Mention, done: Mapping) -> str:
        """同比增长35%: the metric of the last claim of the clause just before, if it had a subject."""
        c_start, _ = d.clause(claim.start)
        s_start, _ = d.sentence(claim.start)
        for earlier, metric in reversed(list(done.values())):
            if earlier.end <= c_start and earlier.start >= s_start:
                _, prev_end = d.clause(earlier.start)
                if prev_end + 1 >= c_start and metric.rule == "facts.metric.subject":
                    return metric.text
                return ""
        return ""

    def _among(self, d: Document, claim: Mention) -> str:
        """在校园枪击案中，有80%…: the noun before 中 in the clause just before."""
        c_start, _ = d.clause(claim.start)
        if c_start < 2:
            return ""
        p_start, p_end = d.clause(c_start - 2)
        words = d.words_in(p_start, p_end)
        if len(words) < 2 or words[-1].text != "中" or words[0].text != "在":
            return ""
        run = []
        for w in reversed(words[1:-1]):
            if not _nounish(w) or w.text == "的":
                break
            run.append(w)
        if not run:
            return ""
        return d.text[run[-1].start:run[0].end]

    # -- programme --------------------------------------------------------------------------
    def _programme(self, d: Document, claim: Mention) -> Link:
        c_start, c_end = d.clause(claim.start)
        in_clause = d.in_span("program", c_start, c_end)
        if in_clause:
            nearest = min(in_clause, key=lambda m: _distance(m, claim))
            return Link(nearest.fields.get("name", nearest.surface), "facts.programme.clause", nearest)
        s_start, s_end = d.sentence(claim.start)
        first_start, first_end = d.clause(s_start) if s_start < len(d.text) else (s_start, s_start)
        opening = d.in_span("program", first_start, first_end)
        if opening and first_end <= claim.start and not d.text[opening[-1].end:first_end].strip() \
                and self._topic_lead(d, first_start, opening[-1].start):
            m = opening[-1]
            return Link(m.fields.get("name", m.surface), "facts.programme.topic", m)
        before = [m for m in d.in_span("program", s_start, claim.start)]
        if before:
            m = before[-1]
            return Link(m.fields.get("name", m.surface), "facts.programme.sentence", m)
        if claim.fields.get("kind") == "money" and c_end < s_end:
            n_start, n_end = d.clause(c_end + 1)
            head = d.text[n_start:n_start + 6].lstrip()
            if any(v in head[:4] for v in self.lex.purpose_verbs):
                found = d.in_span("program", n_start, n_end)
                if found:
                    return Link(found[0].fields.get("name", found[0].surface), "facts.programme.purpose", found[0])
        previous = self._anaphor_sentence(d, s_start)
        if previous is not None:
            found = d.in_span("program", *previous)
            if found:
                return Link(found[0].fields.get("name", found[0].surface), "facts.programme.anaphor", found[0])
        return NONE

    def _topic_lead(self, d: Document, start: int, end: int) -> bool:
        """What stands before a topic programme: nothing, a modifier ending in 的 (由病友营运的), or
        words without a verb (开展“按需点单”活动 is an action, not a topic)."""
        lead = d.text[start:end].strip(" \t\u3000")
        return not lead or lead.endswith("的") or not any(_verbish(w) for w in d.words_in(start, end))

    def _anaphor_sentence(self, d: Document, s_start: int) -> tuple[int, int] | None:
        """The span of the sentence before, when this one opens with a word pointing back to it."""
        lead = len(d.text[s_start:s_start + 12]) - len(d.text[s_start:s_start + 12].lstrip(" \t\u3000"))
        start = s_start + lead
        if s_start < 2 or not d.text.startswith(self.lex.anaphors, start):
            return None  # most sentences: no anaphor at all, one test
        word_ends = {w.end for w in d.words_in(start, start + 12)}
        pointing = [a for a in self.lex.anaphors if d.text.startswith(a, start) and start + len(a) in word_ends]
        if not pointing or s_start < 2:  # 此外 is not 此: the word must end where the anaphor does
            return None
        return d.sentence(s_start - 2)

    # -- organization -------------------------------------------------------------------------
    def _main_body(self, d: Document) -> Mention | None:
        counts: dict[str, list[Mention]] = {}
        for m in d.by_type["organization"]:
            if m.fields.get("org_type") in self.lex.reporting_types:
                continue
            counts.setdefault(_org_name(m), []).append(m)
        ranked = sorted(counts.values(), key=lambda ms: (-len(ms), ms[0].start))
        if ranked and len(ranked[0]) >= self.lex.main_body_min:
            return ranked[0][0]
        return None

    def _organization(self, d: Document, claim: Mention, main: Mention | None) -> Link:
        link = self._organization_link(d, claim, main)
        if link.mention is not None and link.mention.rule == _COLLECTIVE:
            return Link(link.text, _COLLECTIVE, link.mention)
        return link

    def _organization_link(self, d: Document, claim: Mention, main: Mention | None) -> Link:
        c_start, c_end = d.clause(claim.start)
        in_clause = [m for m in d.in_span("organization", c_start, c_end)
                     if not self._dateline(d, m) and not self._reporter(d, m)]
        if in_clause:
            nearest = min(in_clause, key=lambda m: _distance(m, claim))
            return Link(_org_name(nearest), "facts.organization.clause", nearest)
        g_start, _ = d.segment(claim.start)
        found = self._actors(d, g_start, claim.start)
        if found:
            return Link(_org_name(found[0]), "facts.organization.segment", found[0])
        s_start, _ = d.sentence(claim.start)
        found = self._actors(d, s_start, claim.start)
        if found:
            return Link(_org_name(found[0]), "facts.organization.sentence", found[0])
        previous = self._anaphor_sentence(d, s_start)
        if previous is not None:
            found = self._actors(d, *previous)
            if found:
                return Link(_org_name(found[0]), "facts.organization.anaphor", found[0])
        found = self._sources(d, s_start, claim.start)
        if not found and not [m for m in d.in_span("organization", s_start, claim.start) if not self._reporter(d, m)]:
            previous = self._previous_in_paragraph(d, s_start)
            found = self._sources(d, *previous) if previous is not None else []
        if found:
            return Link(_org_name(found[0]), "facts.organization.source", found[0])
        if main is not None:
            return Link(_org_name(main), "facts.organization.main_body", main)
        return NONE

    def _dateline(self, d: Document, m: Mention) -> bool:
        """央视网消息：… — a medium that reports the story, not an actor in it."""
        return d.text[m.end:m.end + 3].lstrip().startswith(self.lex.dateline_words)

    def _reporter(self, d: Document, m: Mention) -> bool:
        """据路透社报道, 美联社 分享: a medium that only reports the figure or credits a photo."""
        if m.fields.get("org_type") not in self.lex.reporting_types:
            return False
        return d.text[m.end:m.end + 12].lstrip(" \t\u3000").startswith(self.lex.report_words)

    def _sources(self, d: Document, start: int, end: int) -> list[Mention]:
        """Bodies in ``[start, end)`` that publish the figures (国家能源局发布数据显示, 据南韩统计局统计,
        记者从协会获悉): a source cue follows in the body's clause, within a few words."""
        found = []
        for m in d.in_span("organization", start, end):
            if self._dateline(d, m) or self._reporter(d, m):
                continue
            _, c_end = d.clause(m.start)
            after = d.text[m.end:min(c_end, m.end + 16)]
            if any(cue in after for cue in self.lex.source_cues):
                found.append(m)
        return found

    def _previous_in_paragraph(self, d: Document, s_start: int) -> tuple[int, int] | None:
        """The span of the sentence before, when it is in the same paragraph."""
        if s_start < 2 or d.text[s_start - 1] == "\n":
            return None
        return d.sentence(s_start - 2)

    def _actors(self, d: Document, start: int, end: int) -> list[Mention]:
        """Organizations in ``[start, end)`` that can be the subject: not in a dateline, not right
        after a preposition (在劳动部…辅导下)."""
        return [m for m in d.in_span("organization", start, end) if not self._dateline(d, m)
                and not self._reporter(d, m) and not d.text[max(start, m.start - 2):m.start].endswith(self.lex.non_subject)]

    # -- date -------------------------------------------------------------------------------
    def _usable(self, d: Document, m: Mention) -> bool:
        """A date a figure can hold for: resolved, not vague, not a duration, not a baseline (比去年)."""
        value = m.fields.get("value")
        return bool(value) and value not in _VAGUE and m.fields.get("kind") not in ("duration", "vague") \
            and not str(value).startswith("P") and not d.text[max(0, m.start - 2):m.start].endswith(self.lex.comparison)

    def _whole_clause(self, d: Document, m: Mention, clause: tuple[int, int]) -> bool:
        """2025年，… / 截至12月1日，…: the clause is the date (and a preposition) alone."""
        rest = d.text[m.end:clause[1]].strip(" \t\u3000")
        return not rest or rest in ("起", "以来", "期间", "时", "内", "中")

    def _date(self, d: Document, claim: Mention) -> Link:
        c_start, c_end = d.clause(claim.start)
        in_clause = [m for m in d.in_span("date", c_start, c_end) if self._usable(d, m)]
        if in_clause:
            nearest = min(in_clause, key=lambda m: _distance(m, claim))
            return Link(nearest.surface, "facts.date.clause", nearest)
        s_start, s_end = d.sentence(claim.start)
        stated = [m for m in d.in_span("date", s_start, claim.start)]
        before = [m for m in stated if self._usable(d, m)]
        for m in reversed(before):
            if self._as_of(d, m, s_start):
                return Link(m.surface, "facts.date.as_of", m)
        g_start, _ = d.segment(claim.start)
        topic = self._topic_clauses(d, s_start, c_start)
        for m in reversed(before):
            if self._present_between(d, stated, m, claim):
                break  # 2004年，…，如今…收入27000多元: the figure holds now, not then
            if m.start < g_start or not self._opens_clause(d, m) or self._since_event(d, m):
                continue
            m_clause = d.clause(m.start)
            # a year opening the sentence (or the clause before) frames it; one opening a later
            # clause is often another event's (1983年开业，2001年新增…，现计划扩大3成): only a period
            # shorter than a year stated there holds for the claim (7月5日0—24时，…，其中…20例)
            if m_clause[0] in topic or self._whole_clause(d, m, m_clause) \
                    or self._period(m):
                return Link(m.surface, "facts.date.sentence", m)
        if d.reference and self._present_between(d, stated, None, claim):
            return Link(d.reference, "facts.date.published")  # 如今…: now, not the paragraph's time
        p_start, _ = d.paragraph(claim.start)
        first_start, first_end = d.sentence(p_start) if p_start < len(d.text) else (p_start, p_start)
        if first_end < s_start or first_start == s_start:
            for m in d.in_span("date", first_start, min(first_end, claim.start)):
                if self._usable(d, m) and self._opens_paragraph(d, m, first_start) \
                        and self._whole_clause(d, m, d.clause(m.start)):
                    return Link(m.surface, "facts.date.paragraph", m)
        if not before and not self._present_between(d, stated, None, claim):
            found = self._previous_period(d, s_start)
            if found is not None:
                return Link(found.surface, "facts.date.previous_sentence", found)
        if d.reference:
            return Link(d.reference, "facts.date.published")
        return NONE

    def _opens_clause(self, d: Document, m: Mention) -> bool:
        """The date begins its clause, perhaps after prepositions and adverbs (在上午9时…, 截至12月1日…,
        预计到2020年…) or a preposition and a modifier ending in 的 (在刚刚过去的6月…)."""
        c_start, _ = d.clause(m.start)
        lead = d.text[c_start:m.start].strip(" \t\u3000")
        if lead.endswith("的") and lead.startswith(tuple(self.lex.date_prepositions)) and len(lead) <= 8:
            return True
        words = self.lex.date_prepositions | self.lex.adverbs
        while lead:
            head = next((w for w in sorted(words, key=len, reverse=True) if lead.startswith(w)), None)
            if head is None:
                return False
            lead = lead[len(head):]
        return True

    def _topic_clauses(self, d: Document, s_start: int, c_start: int) -> set[int]:
        """Starts of the clauses whose opening date frames the claim's clause ``c_start``: the
        sentence's first clause, the one after it when the first only names a source (国家统计局数据显示，
        2017年…; 据南韩统计局统计，去年…), and the clause just before the claim's."""
        first = d.clause(s_start)
        starts = {first[0], s_start}
        if d.text[first[0]:first[1]].rstrip().endswith(self.lex.source_cues) and first[1] + 1 < len(d.text):
            starts.add(d.clause(first[1] + 1)[0])
        if c_start >= 2:
            starts.add(d.clause(c_start - 2)[0])
        return starts

    def _since_event(self, d: Document, m: Mention) -> bool:
        """今年4月启动以来，…: a date an event started, whose clause ends in 以来 after other words,
        is not the period of a figure (a clause of the date and 以来 alone is: 今年以来，…)."""
        _, end = d.clause(m.start)
        rest = d.text[m.end:end].strip(" \t\u3000")
        return rest.endswith(("以来", "开始")) and rest not in ("以来", "开始")

    def _as_of(self, d: Document, m: Mention, s_start: int) -> bool:
        """截至12月1日, 截至北京时间5日16时: the date follows 截至, perhaps after a clock's name."""
        lead = d.text[max(s_start, m.start - 12):m.start]
        for filler in self.lex.as_of_fillers:
            if lead.endswith(filler):
                lead = lead[:-len(filler)]
                break
        return lead.endswith(self.lex.as_of)

    def _present_between(self, d: Document, stated: Sequence[Mention], m: Mention | None, claim: Mention) -> bool:
        """A 如今/目前 (PRESENT_REF) between the date ``m`` (or the sentence start) and the claim."""
        after = m.end if m is not None else -1
        return any(x.fields.get("value") == "PRESENT_REF" and x.start >= after for x in stated)

    def _period(self, m: Mention) -> bool:
        """A period shorter than a year: one of ``period_granularities``, or a range of hours within
        one day (5月31日0—24时 is that day)."""
        if m.fields.get("granularity") in self.lex.periods:
            return True
        start, _, end = str(m.fields.get("value") or "").partition("/")
        return m.fields.get("kind") == "range" and len(start) > 10 and start[:10] == end[:10]

    def _previous_period(self, d: Document, s_start: int) -> Mention | None:
        """3月份，全社会用电量…。其中，…同比增长4.9%: a period shorter than a year that opens a clause
        of the sentence before, in the same paragraph, holds for a sentence that states no time."""
        previous = self._previous_in_paragraph(d, s_start)
        if previous is None:
            return None
        p_start, p_end = previous
        for m in reversed(d.in_span("date", p_start, p_end)):
            if self._usable(d, m) and self._period(m) \
                    and (self._opens_clause(d, m) or self._as_of(d, m, p_start)):
                return m
        return None

    def _opens_paragraph(self, d: Document, m: Mention, start: int) -> bool:
        """The date is the first thing of the paragraph, or of it after a dateline (…消息：)."""
        lead = d.text[start:m.start].strip(" \t\u3000")
        if not lead:
            return True
        colon = max(lead.rfind("："), lead.rfind(":"))
        return colon >= 0 and colon == len(lead) - 1

    # -- the row ---------------------------------------------------------------------------
    def _row(self, d: Document, claim: Mention, metric: Link, programme: Link, organization: Link,
             date: Link, main: Mention | None) -> dict:
        c_start, c_end = d.clause(claim.start)
        date_mention = date.mention
        if date_mention is not None:
            date_value, source = str(date_mention.fields.get("value")), "stated"
        elif date.rule:
            date_value, source = d.reference[:4], "inferred"
        else:
            date_value, source = "", ""
        org = organization.mention
        region = (org.fields.get("region") if org is not None else "") or \
                 (main.fields.get("region") if main is not None else "") or ""
        fields = claim.fields
        links = [m for m in (claim, programme.mention, org, date_mention) if m is not None]
        confidences = [m.confidence for m in links if m.confidence is not None]
        return {
            "doc_id": claim.doc_id, "mention_id": claim.mention_id, "surface": claim.surface,
            "value": fields.get("value"), "value_max": fields.get("value_max"), "bound": fields.get("bound"),
            "unit": fields.get("unit"), "object": fields.get("object"), "kind": fields.get("kind"),
            "metric": metric.text, "metric_rule": metric.rule,
            "programme": programme.text, "programme_id": programme.mention.mention_id if programme.mention else "",
            "programme_rule": programme.rule,
            "organization": organization.text, "organization_id": org.mention_id if org is not None else "",
            "organization_rule": organization.rule,
            "date": date.text, "date_value": date_value, "date_source": source, "date_rule": date.rule,
            "region": region, "evidence": d.text[c_start:c_end].strip(),
            # a fact is as sure as the least sure of what it links; repaired if any of them is
            "repaired": any(m.repaired for m in links), "confidence": min(confidences) if confidences else None,
        }


def _org_name(m: Mention) -> str:
    return m.fields.get("canonical") or m.fields.get("name") or m.surface


def _distance(m: Mention, claim: Mention) -> tuple[int, int]:
    """Nearest first; at equal distance the one before the claim."""
    if m.end <= claim.start:
        return claim.start - m.end, 0
    return max(0, m.start - claim.end), 1


def _index_after(words: Sequence[Word], pos: int) -> int:
    for k, w in enumerate(words):
        if w.start >= pos:
            return k
    return len(words)
