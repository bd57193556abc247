"""Numeric claims, built on the numeral recognizer: numeral -> quantity -> claim.

1. ``NumeralGrammar.find`` reads every numeral (``extract.numerals``); a numeral written in
   Chinese characters must also be a word of its own in the jieba segmentation, or a numeral
   followed by its measure word (``四川``, ``一切``, ``队伍``, ``十足`` are not numbers).
2. A quantity is a numeral with what follows it: an inner 多/余, a unit or measure word from
   the lexicon (ending on a token boundary: ``10万乡村`` has no unit 乡), a trailing 半, trailing
   qualifiers (多, 余, 以上, 左右 …); percentages (``15%``, ``百分之十五``, ``三成``, ``八折``,
   ``2个百分点``); currency symbols before the number (``$20``, ``￥300``).
3. A claim is a quantity with a unit or a scale, plus the qualifier written before it (超, 近,
   约, 累计 …). Not claims: ordinals (第…), numerals glued to Latin letters (5G, M2), numerals
   used as words (the vetoes), bare numbers, lone 一 before a measure word (an article).

The pieces each have a module: ``qualifiers`` (the words that bound a number), ``units``,
``percents``, ``claim_kinds`` (money without a unit, ranks, race times), ``objects`` (what a claim
counts), ``ranges``; this one reads a claim around each numeral in named steps (``_claim``).
"""
from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from typing import Mapping, NamedTuple

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..components import NUMERALS_KEY
from ..counted.model import RULE as OBJECT_RULE
from ..counted.model import ObjectModel
from ..decimals import EXACT, value_fields
from ..mention import Mention
from ..numerals import Numeral, NumeralGrammar
from ..rules import pipeline_rules
from ..segment import WordSpans, word_spans, word_tags
from .base import SpanSet, ensure_extensions, index_words, with_reference, write_mentions
from .claim_kinds import MoneyContext, PartedAmounts, RankReader
from .objects import ObjectReader
from .percents import PercentReader
from .qualifiers import Comparative, QualifierReader
from .ranges import RangeReader
from .units import UnitKind, UnitReader


_HAN = regex.compile(r"\p{Han}")
_NOT_DIGIT = regex.compile(r"\D")
_HALF = Decimal("0.5")
_COUNT = UnitKind("count", "", False)  # the kind of a number with no unit
_NO_UNIT = UnitKind("", "", False)


class _NotClaim(NamedTuple):
    """A signal that a number is a name or an ordinal, not a claim (rules ``not_claims``)."""

    rule: str
    numerals: frozenset
    units: frozenset
    unit_kinds: frozenset
    before: "regex.Pattern | None"
    after: "regex.Pattern | None"
    whole_word: bool = False
    after_tags: tuple = ()  # the dictionary tag of the word right after the claim (四处|奔走: v)
    inside_tags: tuple = ()  # the tag of a word holding the claim's end and running past it (三台县: ns)
    surface: "regex.Pattern | None" = None  # the whole surface (一、二类: grades listed)

    @classmethod
    def of(cls, entry: Mapping) -> "_NotClaim":
        before, after = entry.get("before"), entry.get("after")
        return cls(entry["id"], frozenset(entry.get("numerals", [])), frozenset(entry.get("units", [])),
                   frozenset(entry.get("unit_kinds", [])),
                   regex.compile(f"(?:{before})") if before else None,
                   regex.compile(f"(?:{after})") if after else None, bool(entry.get("whole_word")),
                   tuple(entry.get("after_tags", ())), tuple(entry.get("inside_tags", ())),
                   regex.compile(entry["surface"]) if entry.get("surface") else None)

    def holds(self, text: str, mention: Mention, numeral: str, words: WordSpans,
              tags: Mapping[str, str] | None = None) -> bool:
        fields = mention.fields
        if self.numerals and numeral not in self.numerals:
            return False
        if self.units and fields.get("unit") not in self.units:
            return False
        if self.surface is not None and not self.surface.fullmatch(mention.surface):
            return False
        if self.unit_kinds and fields.get("kind") not in self.unit_kinds:
            return False
        if self.before and not self.before.search(text, max(0, mention.start - 16), mention.start):
            return False
        if self.after:
            m = self.after.match(text, mention.end)
            if not m or (self.whole_word and m.end() not in words.ends and m.end() < len(text)):
                return False
        if self.after_tags:
            span = words.span(mention.end) if mention.end in words.starts else None
            following = text[span[0]:span[1]] if span else ""
            if not (tags or {}).get(following, "").startswith(self.after_tags):
                return False
        if self.inside_tags:
            span = words.span(mention.end - 1)
            word = text[span[0]:span[1]] if span and span[1] > mention.end else ""
            if not (tags or {}).get(word, "").startswith(self.inside_tags):
                return False
        return bool(self.numerals or self.units or self.unit_kinds or self.before or self.after or self.inside_tags
                    or self.surface)


class _NotClaims:
    """The ``not_claims`` signals, filed by the first condition each states (the numeral, the unit
    or the kind of unit): a claim is tested against the few that may hold for it, not all."""

    def __init__(self, entries, tags: Mapping[str, str] | None = None):
        self.tags = tags or {}
        self.by_numeral: dict[str, list[_NotClaim]] = {}
        self.by_unit: dict[str, list[_NotClaim]] = {}
        self.by_kind: dict[str, list[_NotClaim]] = {}
        self.general: list[_NotClaim] = []
        for signal in map(_NotClaim.of, entries):
            keys, index = ((signal.numerals, self.by_numeral) if signal.numerals else
                           (signal.units, self.by_unit) if signal.units else
                           (signal.unit_kinds, self.by_kind) if signal.unit_kinds else ((), None))
            for key in keys:
                index.setdefault(key, []).append(signal)
            if index is None:
                self.general.append(signal)

    def hold(self, text: str, mention: Mention, numeral: str, words: WordSpans) -> bool:
        """Is the claim a name or an ordinal (二期, 十三届全国人大, 第 18 条)?"""
        fields = mention.fields
        return any(signal.holds(text, mention, numeral, words, self.tags) for signal in (
            *self.by_numeral.get(numeral, ()), *self.by_unit.get(fields.get("unit"), ()),
            *self.by_kind.get(fields.get("kind"), ()), *self.general))


class _Draft:
    """A claim being read around one numeral, left to right: where it starts and ends so far, and
    what was read (the starting values are class attributes: one draft is made per numeral)."""

    symbol = outer = pre = detached = mid = unit = half = post = ""
    unit_end = outer_at = 0
    extra = Decimal(0)
    scale = Decimal(1)  # 十个亿: a scale written after a measure word multiplies the number
    comparative: Comparative | None = None
    compared = has_scale = False

    def __init__(self, numeral: Numeral, text: str):
        self.numeral, self.num = numeral, text[numeral.start:numeral.end]
        self.start, self.end = numeral.start, numeral.end


class NumericMatcher:
    """Numeric claims of a segmented doc, with the ``numerics`` rules; the readers of the pieces of a
    claim (qualifiers, units, percentages, objects, ranges) are built from the same rules."""

    def __init__(self, rules: Mapping, tags: Mapping[str, str] | None = None, object_model=None):
        """``object_model`` (``counted.model.ObjectModel``) may override the grammar's objects."""
        self.grammar = NumeralGrammar(rules["numerals"], rules["qualifiers"])
        self.tags = tags or {}
        self.numeral_char = regex.compile(rf"[{regex.escape(self.grammar.cn_chars)}]")
        self.objects = ObjectReader(rules["objects"][0], self.tags, self.numeral_char, object_model)
        self.qualifiers = QualifierReader(rules, self.tags)
        self.units = UnitReader(rules, self.grammar, self.tags, self.objects)
        self.percents = PercentReader(rules, self.grammar, self.units, self.qualifiers)
        self.money = MoneyContext(rules, self.grammar.cn_chars)
        self.ranks = RankReader(rules, self.grammar)
        self.parted = PartedAmounts(rules)
        self.ranges = RangeReader(rules.get("ranges", []))
        numerals = rules["numerals"]
        # which numerals are numbers (the word checks of step 1)
        self.alone_not_numbers = set(numerals.get("alone_not_numbers", []))
        self.word_tails = set(numerals.get("word_tails", [])) | set(self.units.kinds) | set(self.grammar.after)
        self.tails_by_first = index_words(self.word_tails)
        # what makes a number no claim, or a claim of its own kind
        self.not_claims = _NotClaims(rules.get("not_claims", []), self.tags)
        self.vetoes_by_first = {c: tuple(ws) for c, ws in index_words(rules.get("vetoes", [])).items()}  # startswith
        self.formulas = regex.compile(rules["formulas"]) if rules.get("formulas") else None
        self.slogan_quotes = dict(rules.get("slogan_quotes", {}))
        self.slogan_max = int(rules.get("slogan_max_chars", 8))
        self.articles = set(rules.get("articles", []))
        self.year_shaped = regex.compile(rules["year_shaped"]) if rules.get("year_shaped") else None
        self.title_openers = frozenset(rules.get("title_openers", ()))
        self.bare_not_before = regex.compile(rules["bare_not_before"]) if rules.get("bare_not_before") else None
        self.scaled_count_after = tuple(rules.get("scaled_count_after", ()))
        self.scaled_measures = {str(w): int(v) for w, v in rules.get("scaled_measures", {}).items()}
        pieces = rules.get("counted_pieces", {})
        self.one_piece = regex.compile(f"(?:{pieces.get('after', '(?!)')})$")
        self.measured_piece = regex.compile(pieces.get("before", "(?!)"))
        self.id_digits = int(rules.get("id_number_digits", 8))
        self.word_separators = [w for w in self.grammar.separators if _HAN.match(w)]
        self.scale_chars = set(numerals["scales"])
        self.half = numerals.get("half", "半")
        half_alone = numerals.get("half_alone", {})
        self.half_alone = (half_alone.get("word", ""), set(half_alone.get("unit_kinds", [])))
        size_class = next(iter(rules.get("size_class", [])), {})
        self.size_class = (size_class.get("suffix", ""), frozenset(size_class.get("units", ())))

    # -- 1. numerals ----------------------------------------------------------------
    def numerals(self, doc: Doc, words: WordSpans | None = None) -> list[Numeral]:
        """The recognizer's numerals that are numbers here, not characters of other words."""
        words = words or word_spans(doc)
        return [n for n in self.grammar.find(doc.text) if self._is_number(doc.text, n, words)]

    def _is_number(self, text: str, numeral: Numeral, words: WordSpans) -> bool:
        surface = text[numeral.start:numeral.end]
        if surface in self.alone_not_numbers:
            return False
        if not numeral.chinese_start:
            return True
        if numeral.start not in words.starts:
            span = words.span(numeral.start)
            if span is None or text[span[0]:numeral.start] not in self.qualifiers.prefix_words:
                return False  # 统一, 大陆: the numeral begins inside another word (近千 is fine)
        span = words.span(numeral.end - 1)
        if span is None or span[1] == numeral.end:
            return True
        return self._is_tail(text[numeral.end:span[1]])  # 十个, 三万余, 十多个: measure words follow

    def _is_tail(self, tail: str, depth: int = 0) -> bool:
        if tail in self.word_tails:
            return True
        return depth < 2 and any(tail.startswith(w) and self._is_tail(tail[len(w):], depth + 1)
                                 for w in self.tails_by_first.get(tail[0], ()) if len(w) < len(tail))

    # -- 2-3. claims --------------------------------------------------------------
    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        found: list[Mention] = []
        taken = SpanSet()
        words = word_spans(doc)
        timed = (self._qualified(text, m, words) for m in self.parted.finditer(text))
        for mention in (*self.ranks.finditer(text), *self.percents.fixed_words(text, words), *timed):
            found.append(mention)
            taken.add(mention.start, mention.end)
        numerals = self.numerals(doc, words)
        doc.user_data[NUMERALS_KEY] = numerals
        for mention in self.ranges.between(text, numerals):
            if not taken.overlaps(mention.start, mention.end):
                found.append(mention)
                taken.add(mention.start, mention.end)
        for numeral in numerals:
            if taken.overlaps(numeral.start, numeral.end):
                continue
            mention = self._claim(doc, numeral, words)
            if mention and self.not_claims.hold(text, mention, text[numeral.start:numeral.end], words):
                continue
            if mention and not taken.overlaps(mention.start, mention.end):
                found.append(mention)
                taken.add(mention.start, mention.end)
        return self.ranges.join(text, found)

    def _claim(self, doc: Doc, numeral: Numeral, words: WordSpans) -> Mention | None:
        """The claim around ``numeral``, read in steps, any of which may find there is none: the
        numeral itself, what stands before it (a qualifier, a currency symbol), its unit, the
        qualifier after them; then whether and what it counts, and the claim."""
        text = doc.text
        if self._refused(text, numeral, words):
            return None
        numeral = self._unit_takes_back(text, numeral)
        if numeral is None:
            return None
        c = _Draft(numeral, text)
        self._read_before(text, c, words)
        if not self._read_unit(text, c, words):
            return None
        self._read_after(text, c, words)
        if numeral.form.startswith("percent:"):
            return self._counted(doc, self.percents.of_form(text, numeral, c.pre, c.start,
                                                            numeral.form.split(":", 1)[1], words), words)
        if c.unit in self.percents.suffixes:
            return self._counted(doc, self.percents.of_word(text, numeral, c.pre, c.start, c.unit_end, c.unit, words),
                                 words)
        if not self._counts(text, c, words):
            return None
        kind = self._kind(text, c, words)
        if kind is None:
            return None
        if numeral.form == "fraction" and not c.unit and not c.compared:
            return self._share(text, c, words)
        if self._article_or_inner(text, c, kind.kind, words):
            return None
        return self._mention(doc, c, kind, words)

    def _refused(self, text: str, numeral: Numeral, words: WordSpans) -> bool:
        """An ordinal (第3), a numeral glued to Latin letters (M2, 5G), a veto word (一键), a slogan
        (“三个牢记”) or a phone or id number: no claim."""
        start, end = numeral.start, numeral.end
        num = text[start:end]
        before = text[start - 1] if start else ""
        if text.endswith(self.ranks.ordinal, 0, start) or (
                before and before.isascii() and (before.isalnum() or before == ".")):
            return True
        if self.formulas is not None and self.formulas.match(text, start):
            return True  # 只有一个中国: a formula, whatever qualifies it
        if text.startswith(self.vetoes_by_first.get(text[start], ()), start) \
                and not self.qualifiers.before_at(text, start, words)[0]:
            return True  # a veto word (the qualifier is read only then: most numerals have no veto)
        if self._slogan(text, start):
            return True
        if self.year_shaped is not None and self.year_shaped.fullmatch(num) and before in self.title_openers:
            return True  # 「二○一七人口贩运报告」: a year written digit by digit opening a title
        return num.isdigit() and len(num) >= self.id_digits and not self.units.at(text, end, words)[0]

    def _unit_takes_back(self, text: str, numeral: Numeral) -> Numeral | None:
        """5千米 is 5 km: a unit that begins with the numeral's last character takes it back."""
        start, end = numeral.start, numeral.end
        num = text[start:end]
        if len(num) > 1 and num[-1] in self.grammar.units and num[-2].isdigit():
            if any(len(u) > 1 and text.startswith(u, end - 1) for u in self.units.by_first.get(num[-1], ())):
                return self.grammar.read(text[:end - 1], start)
        return numeral

    def _read_before(self, text: str, c: _Draft, words: WordSpans) -> None:
        """A currency symbol ($20), else a qualifier (超, 近, 大于; 上 only before 百/千/万 alone)."""
        c.symbol = self.units.symbol_before(text, c.start)
        if c.symbol:
            c.start -= len(c.symbol)
            return
        # 上 only before a bare place or scale: 上千, 上万, and a place with its scale (上百万, 上千亿)
        bare = 0 < len(c.num) <= 2 and all(ch in self.grammar.units or ch in self.grammar.scales for ch in c.num)
        c.pre, c.start = self.qualifiers.before_at(text, c.start, words, bare=bare)
        c.outer, c.outer_at = self.qualifiers.outer_before(text, c.start, words, c.pre)
        if not c.pre:  # 至少|已|30名, 超过|新台币|11.2亿元: the qualifier holds across the word between
            c.detached = self.qualifiers.detached_before(text, c.start, words)

    def _read_unit(self, text: str, c: _Draft, words: WordSpans) -> bool:
        """An inner 多/余, the unit, a half (两米半, 两个半小时) and smaller units of money (五元三毛);
        False when the unit makes a span of time (三个月: the dates' duration)."""
        pos = c.numeral.end
        if text[pos:pos + 1] in self.grammar.inner_approx:
            c.mid, pos = text[pos], pos + 1
        scaled = next((w for w in self.scaled_measures if text.startswith(w, pos)), "") if not c.symbol else ""
        if scaled and (pos + len(scaled) in words.ends or pos + len(scaled) >= len(text)):
            # 接近十个亿, 20多个亿: 个 before 亿 in speech, the scale of an amount of money (not 两个|亿万富翁)
            c.scale, c.has_scale = Decimal(self.scaled_measures[scaled]), True
            c.unit, c.unit_end, c.end = "", pos + len(scaled), pos + len(scaled)
            return True
        unit, unit_end = ("", pos) if c.symbol else self.units.at(text, pos, words)
        pos = unit_end
        half = ""
        if unit and text.startswith(self.half, pos) and self.units.counts_time(unit):
            inner, inner_end = self.units.at(text, pos + len(self.half), words)
            if inner and self.units.kinds[inner].kind == "duration":  # 两个半小时 = 2.5 hours, one claim
                unit, unit_end, half, pos = inner, inner_end, self.half, inner_end
        if unit and self.units.time_follows(text, unit, pos + (1 if text[pos:pos + 1] in self.grammar.inner_approx else 0)):
            return False  # 三个月, 八个多月: a date span
        if unit and not half and text.startswith(self.half, pos) and pos + len(self.half) in words.ends:
            half, pos = self.half, pos + len(self.half)
        if unit in self.units.subunits:
            c.extra, pos = self.units.subunits_after(text, pos, unit)
        c.unit, c.unit_end, c.half, c.end = unit, unit_end, half, pos
        return True

    def _read_after(self, text: str, c: _Draft, words: WordSpans) -> None:
        """The trailing qualifier (多, 以上, 左右; 起 only after money), or a comparative around a
        bare number (比三十大); then whether the claim compares (大于10, 1000以上)."""
        pos = c.end
        post, post_end = self.qualifiers.after_at(text, pos)
        kinds = self.qualifiers.after_kinds
        if post in kinds and (self.units.kinds.get(c.unit, _NO_UNIT).kind not in kinds[post] and not c.symbol
                              or (post_end not in words.ends and post_end < len(text))):
            post, post_end = "", pos  # 起 only after an amount of money, as a word of its own (5499元起)
        if post and post_end < len(text) and post_end not in words.ends and pos in words.starts:
            post, post_end = "", pos  # 4艘|多用途护卫舰: the 多 begins a word of its own
        c.post, c.end = post, post_end
        suffix, class_units = self.size_class
        if not post and suffix and c.unit in class_units and text.startswith(suffix, c.end):
            c.end += len(suffix)  # 10万吨级|养殖工船: the size class the thing after it is of
        if not post and c.unit in self.units.outside:
            c.end = c.numeral.end + len(c.mid)  # 14亿|人口: the noun counted stands after the claim
        if not (c.pre or post or c.unit or c.symbol):
            c.comparative = self.qualifiers.comparative(text, c.start, post_end, words)
            if c.comparative:
                c.pre, c.start, c.end = c.comparative.word, c.comparative.start, c.comparative.end
        compares = self.qualifiers.compares
        c.compared = bool(c.comparative) or c.pre in compares or post in compares

    def _counts(self, text: str, c: _Draft, words: WordSpans) -> bool:
        """A claim needs a unit, a currency or a scale; a bare number counts only when compared
        (大于10) or a range in words (一千到一千五百), and standing alone. Not 5G."""
        numeral, num = c.numeral, c.num
        after = text[c.end] if c.end < len(text) else ""
        if not c.unit and not c.symbol and after.isascii() and after.isalpha():
            return False
        c.has_scale = c.has_scale or not self.scale_chars.isdisjoint(num) or (
            numeral.form == "range" and not self.grammar.latin_scales.keys().isdisjoint(num))  # 5k-20k, not 4K
        bare_range = numeral.form == "range" and numeral.chinese_start and any(w in num for w in self.word_separators)
        if not c.unit and not c.symbol and self.bare_not_before is not None and self.bare_not_before.match(text, c.end):
            return False  # 一万年的文化史: a span of years, no count
        if not c.unit and not c.symbol and not c.has_scale:
            if not (c.compared or bare_range) or not self.qualifiers.stands_alone(text, numeral.end, c.end, words):
                return False  # a bare number is no claim; 大于10, 五百以上, 一千到一千五百 are
        return bool(numeral.chinese_start or c.unit or c.symbol or numeral.form == "number" or c.compared
                    or c.has_scale)  # 3/5, 10-20: an Arabic fraction or range needs a unit, a scale or a comparison

    def _kind(self, text: str, c: _Draft, words: WordSpans) -> UnitKind | None:
        """The kind of amount, by the unit (a currency symbol: money); None for a unit that counts
        only small numbers written with a big one (2013届) and for 半 alone before no unit of measure."""
        kind = self.units.kinds.get(c.unit, _COUNT)
        if c.symbol:
            kind, c.unit = UnitKind("money", self.units.symbol_rule, kind.small_only), c.symbol
        elif self.units.counts_instead(text, c.unit, c.unit_end) or (not (c.pre or c.post or c.mid or c.half)
                                                                     and self.units.counts_times(text, c.num, c.unit, c.end, words)):
            kind = UnitKind("count", self.units.kinds[self.units.count_word].rule, False)  # 三块金牌
        after = text[c.end] if c.end < len(text) else ""
        if kind.small_only and (len(_NOT_DIGIT.sub("", c.num)) >= 3 or after in self.units.small_not_before):
            return None
        if c.num == self.half_alone[0] and (kind.kind not in self.half_alone[1] or not c.unit):
            return None  # 半年, 半场: 半 is a number only before a unit of measure (半米)
        return kind

    def _counted(self, doc: Doc, mention: Mention | None, words: WordSpans) -> Mention | None:
        """A percentage in words takes the noun it is a share of, as 85% does (九成|患者)."""
        if mention is None or mention.fields["kind"] != "percent" or mention.fields["object"]:
            return mention
        counted = self.objects.share_of(doc, mention.end, words)
        return replace(mention, fields={**mention.fields, "object": counted}) if counted else mention

    def _share(self, text: str, c: _Draft, words: WordSpans) -> Mention | None:
        """A fraction with no unit and no comparison is a claim only as a proportion per power of ten:
        百万分之五 = 0.0005%."""
        denominator = c.numeral.denominator
        if denominator and denominator >= 100 and math.log10(denominator).is_integer():
            return self.percents.of_form(text, c.numeral, c.pre, c.start, "%", words, scale=100.0)
        return None

    def _article_or_inner(self, text: str, c: _Draft, kind: str, words: WordSpans) -> bool:
        """一个 / 一项 / 一块 is an article and 最后一米 a phrase (一美元, 一块钱 and 一吨半 are amounts); in 一个多小时
        the 多 sits inside a longer unit (a duration, left to the dates)."""
        if c.num in self.articles and kind != "money" and not (c.pre or c.mid or c.post or c.half):
            if c.unit in self.units.money_before and (self.one_piece.search(text, max(0, c.start - 4), c.start)
                                                      or self.measured_piece.match(text, c.end)):
                return False  # 其中一块落入…, 一块二三十吨的巨石: one piece counted
            return True  # 一块心病, 最后一块地盘: an article (一块钱, 只卖一块。 are money)
        return bool(c.post) and bool(self.units.at(text, c.end, words)[0])

    def _mention(self, doc: Doc, c: _Draft, kind: UnitKind, words: WordSpans) -> Mention:
        text = doc.text
        if c.scale != 1 and not text.startswith(self.scaled_count_after, c.end):
            kind = UnitKind("money", self.money.rule, False)  # 十几个亿: money (not 14个亿人口), its object read so
        number = self.grammar.number(c.numeral, c.pre or c.detached, c.mid + c.post)
        if c.comparative:
            number = replace(number, bound=c.comparative.bound, qualifier=c.comparative.written)
        exact = EXACT.add(EXACT.add(number.exact, _HALF if c.half else 0), c.extra)
        exact_max = c.numeral.exact_max
        if c.scale != 1:
            exact, exact_max = exact * c.scale, None if exact_max is None else exact_max * c.scale
        rule_parts = [self.qualifiers.rule_of.get(q) for q in (c.outer, c.pre or c.detached, c.mid, c.post) if q]
        if c.comparative:
            rule_parts.append(c.comparative.rule)
        counted, modelled = self.units.named_objects.get(c.unit), False
        if not counted:
            counted, modelled = self.objects.counted(doc, c.end, c.unit, kind.kind, words, c.start)
        rule = "+".join(["numeric.claim"] + [r for r in rule_parts if r] + ([kind.rule] if kind.rule else []))
        fields = {
            **value_fields(exact, exact_max),
            "qualifier": c.outer + number.qualifier,
            "bound": number.bound,
            "unit": self.units.written.get(c.unit, c.unit),
            "object": counted,
            "kind": kind.kind if c.unit or c.symbol or c.has_scale else "other",
        }
        if fields["kind"] == "count" and not c.unit and c.has_scale and self.money.holds(text, c.start, c.end) \
                and not (fields["object"] and self.objects.person_head(fields["object"])):  # 惠及4945万老年人
            fields["kind"] = "money"
            rule += "+" + self.money.rule
        start = c.outer_at if c.outer else c.start  # 达到了|约6000例: the outer qualifier opens the surface
        return Mention("numeric", start, c.end, text[start:c.end], rule + ("+" + OBJECT_RULE) * modelled, fields)

    def _qualified(self, text: str, mention: Mention, words: WordSpans) -> Mention:
        """A timed result takes the qualifier written before it, as any amount does (超过4分30秒就不合格,
        只有3分23秒)."""
        word, at = self.qualifiers.before_at(text, mention.start, words)
        if not word:
            return mention
        fields = {**mention.fields, "qualifier": word, "bound": self.grammar.before.get(word, "exact")}
        rule = "+".join(r for r in (mention.rule, self.qualifiers.rule_of.get(word)) if r)
        return replace(mention, start=at, surface=text[at:mention.end], rule=rule, fields=fields)

    def _slogan(self, text: str, start: int) -> bool:
        """“三个牢记”: a numeral right after an opening quote whose phrase closes within a few characters."""
        close = self.slogan_quotes.get(text[start - 1]) if start else None
        if close is None:
            return False
        end = text.find(close, start)
        return 0 < end - start <= self.slogan_max and "\n" not in text[start:end]


@Language.factory("xinwen_numerics", default_config={"rules_dirs": [], "reference_date": "", "object_model": True})
def make_numerics(nlp: Language, name: str, rules_dirs: list[str], reference_date: str, object_model: bool):
    ensure_extensions()
    rules = pipeline_rules(nlp, rules_dirs)
    tags = word_tags(nlp.tokenizer) if hasattr(nlp.tokenizer, "jieba") else {}
    matcher = NumericMatcher(rules.family("numerics"), tags, ObjectModel(tags) if tags and object_model else None)

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "numeric", matcher(doc))
        return doc

    return with_reference(component, reference_date)
