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
"""
from __future__ import annotations

import math
from dataclasses import replace
from decimal import Decimal
from typing import Mapping, NamedTuple, Sequence

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..mention import Mention
from ..patterns import RulePattern
from ..decimals import EXACT, value_fields
from ..numerals import Numeral, NumeralGrammar
from ..rules import pipeline_rules
from ..segment import WORDS_KEY, WordSpans, word_tags
from .objects import ObjectReader
from .ranges import RangeReader
from .base import (SpanSet, alternation, ensure_extensions, index_words, longest_first,
                   with_reference, write_mentions)

NUMERALS_KEY = "xinwen_numerals"  # doc.user_data: [Numeral, ...] every numeral the recognizer kept

_HAN = regex.compile(r"\p{Han}")
_HAN_WORD = regex.compile(r"\p{Han}+")
_FUNCTION_TAGS = ("u", "c", "p", "d", "v", "y")  # 的, 并且, 在, 就, 大于, 吗: may follow a bare claim
_DURATION_TAIL = set("来前后间里底初末中度代级届")
_MAX_DIGITS = 8
_CLAUSE_BREAK = regex.compile(r"[，,；;。！？!?：:、\n]")
_SENTENCE_BREAK = regex.compile(r"[。！？!?；;\n]")
_HALF = Decimal("0.5")


class _Comparative(NamedTuple):
    """A comparative around a number: 比 (word) … 低 (bound upper), written 比…低."""

    word: str
    start: int
    end: int
    bound: str
    written: str
    rule: str


class _NotClaim(NamedTuple):
    """A signal that a number is a name or an ordinal, not a claim (rules ``not_claims``)."""

    rule: str
    numerals: frozenset
    units: frozenset
    unit_kinds: frozenset
    before: "regex.Pattern | None"
    after: "regex.Pattern | None"
    whole_word: bool = False

    @classmethod
    def of(cls, entry: Mapping) -> "_NotClaim":
        before, after = entry.get("before"), entry.get("after")
        return cls(entry["id"], frozenset(entry.get("numerals", [])), frozenset(entry.get("units", [])),
                   frozenset(entry.get("unit_kinds", [])),
                   regex.compile(f"(?:{before})") if before else None,
                   regex.compile(f"(?:{after})") if after else None, bool(entry.get("whole_word")))

    def holds(self, text: str, mention: Mention, numeral: str, words: WordSpans) -> bool:
        fields = mention.fields
        if self.numerals and numeral not in self.numerals:
            return False
        if self.units and fields.get("unit") not in self.units:
            return False
        if self.unit_kinds and fields.get("kind") not in self.unit_kinds:
            return False
        if self.before and not self.before.search(text, max(0, mention.start - 16), mention.start):
            return False
        if self.after:
            m = self.after.match(text, mention.end)
            if not m or (self.whole_word and m.end() not in words.ends and m.end() < len(text)):
                return False
        return bool(self.numerals or self.units or self.unit_kinds or self.before or self.after)


def _words(doc: Doc) -> WordSpans:
    """The segmenter's word spans (kept by the tokenizer), or read off the tokens of a doc made
    some other way."""
    spans = doc.user_data.get(WORDS_KEY)
    if spans is None:
        spans = WordSpans(doc.text[t.idx:t.idx + len(t.text_with_ws)] for t in doc)
    return spans


class NumericMatcher:
    def __init__(self, rules: Mapping, tags: Mapping[str, str] | None = None):
        numerals = rules["numerals"]
        self.grammar = NumeralGrammar(numerals, rules["qualifiers"])
        self.tags = tags or {}
        self.unit_kind: dict[str, tuple[str, str, bool]] = {}
        self.unit_written: dict[str, str] = {}
        for entry in rules["units"]:
            suffix, prefix = entry.get("strip_suffix", ""), entry.get("strip_prefix", "")
            for word in entry.get("words", []):
                if suffix and word.endswith(suffix) and len(word) > len(suffix):
                    self.unit_written.setdefault(word, word[: -len(suffix)])
                if prefix and word.startswith(prefix) and len(word) > len(prefix):
                    self.unit_written.setdefault(word, word[len(prefix):])
            for word in entry.get("words", []):
                self.unit_kind.setdefault(word, (entry["kind"], entry["id"], word in entry.get("small_numbers_only", [])))
        self.before = longest_first(w for e in rules["qualifiers"] if not e.get("requires_bare_unit")
                                    for w in e.get("before", []))
        self.bare_before = [w for e in rules["qualifiers"] if e.get("requires_bare_unit") for w in e.get("before", [])]
        self.qualifier_id = {w: e["id"] for e in rules["qualifiers"] for w in e.get("before", []) + e.get("after", [])}
        # trailing qualifiers that qualify only amounts of some kinds (起 after money: 5499元起)
        self.after_kinds = {w: set(e["after_kinds"]) for e in rules["qualifiers"] if e.get("after_kinds")
                            for w in e.get("after", [])}
        self.time_after = [(set(e.get("measures", [])), tuple(longest_first(e.get("words", []))))
                           for e in rules.get("time_after_measure", [])]
        self.not_claims = [_NotClaim.of(e) for e in rules.get("not_claims", [])]
        self.compares = {w for e in rules["qualifiers"] for w in e.get("compares", [])}
        self.fillers = set(rules.get("comparison_fillers", []))
        self.bare_followers = set(rules.get("bare_claim_followers", []))
        self.comparatives = list(rules.get("comparatives", []))
        self.ranges = RangeReader(rules.get("ranges", []))
        self.word_separators = [w for w in self.grammar.separators if _HAN.match(w)]
        self.slogan_quotes = dict(rules.get("slogan_quotes", {}))
        self.slogan_max = int(rules.get("slogan_max_chars", 8))
        self.prefix_words = set(self.before) | set(self.bare_before)
        self.unchecked_units = set(rules.get("units_without_word_check", []))
        self.subunits = {unit: dict(table) for e in rules["units"] for unit, table in e.get("subunits", {}).items()}
        self.alone_not_numbers = set(numerals.get("alone_not_numbers", []))
        self.word_tails = set(numerals.get("word_tails", [])) | set(self.unit_kind) | set(self.grammar.after)
        self.percent_suffix = {e["suffix"]: e for e in rules.get("percent_words", []) if "suffix" in e}
        self.percent_fixed = {w: (v, e["id"]) for e in rules.get("percent_words", []) for w, v in e.get("fixed", {}).items()}
        self.percent_fixed_re = regex.compile(alternation(self.percent_fixed)) if self.percent_fixed else None
        symbols = (rules.get("currency_symbols") or [{}])[0]
        self.symbols = tuple(longest_first(symbols.get("symbols", [])))
        self.symbol_rule = symbols.get("id", "unit.money.symbol")
        self.half = numerals.get("half", "半")
        half_alone = numerals.get("half_alone", {})
        self.half_alone = (half_alone.get("word", ""), set(half_alone.get("unit_kinds", [])))
        self.scale_chars = set(numerals["scales"])
        self.per_part = {"%": Decimal(100), "‰": Decimal(1000), "‱": Decimal(10000)}
        timed = next((e for e in rules["units"] if e.get("id") == "unit.duration.race_time"), None)
        self.race_time = RulePattern.of(timed) if timed else None
        rk = rules["ranks"][0]
        self.rank_rule = rk["id"]
        cn = regex.escape(self.grammar.cn_chars)
        # look-ups by first or last character (the lexicons are tried at every numeral)
        self.units_by_first = index_words(self.unit_kind)
        self.before_by_last = index_words(self.before, -1)
        self.not_qualifier_tails = set(rules.get("not_qualifier_tails", []))
        self.not_qualifier_tails_by_last = index_words(self.not_qualifier_tails, -1)
        self.compares_by_last = index_words([w for w in self.before if w in self.compares], -1)
        self.after_by_first = index_words(w for e in rules["qualifiers"] for w in e.get("after", []))
        self.vetoes_by_first = {c: tuple(ws) for c, ws in index_words(rules.get("vetoes", [])).items()}  # for startswith
        self.tails_by_first = index_words(self.word_tails)
        self.numeral_char = regex.compile(rf"[{cn}]")
        self.rank = regex.compile(rf"(?P<scope>{alternation(rk['scopes'])})第(?P<num>\d+|[{cn}]+)"
                                  rf"(?P<unit>{alternation(rk.get('units', ['位', '名']))})?")
        money = (rules.get("money_context") or [{}])[0]
        self.money_rule = money.get("id", "")
        self.money_before = regex.compile(alternation(money.get("before_words", []))) if money.get("before_words") else None
        self.money_after = tuple(money.get("after_words", []))
        self.money_window = int(money.get("window", 12))
        self.money_next = int(money.get("next_amount_within", 0))
        money_units = alternation(w for e in rules["units"] if e.get("kind") == "money" for w in e.get("words", []))
        self.money_amount = regex.compile(rf"[\d{cn}.]+[万亿]*(?:{money_units})") if money_units else None
        self.objects = ObjectReader(rules["objects"][0], self.tags, self.numeral_char)

    # -- 1. numerals ----------------------------------------------------------------
    def numerals(self, doc: Doc, words: WordSpans | None = None) -> list[Numeral]:
        """The recognizer's numerals that are numbers here, not characters of other words."""
        words = words or _words(doc)
        return [n for n in self.grammar.find(doc.text) if self._is_number(doc.text, n, words)]

    def _is_number(self, text: str, numeral: Numeral, words: WordSpans) -> bool:
        surface = text[numeral.start:numeral.end]
        if surface in self.alone_not_numbers:
            return False
        if not numeral.chinese_start:
            return True
        if numeral.start not in words.starts:
            span = words.span(numeral.start)
            if span is None or text[span[0]:numeral.start] not in self.prefix_words:
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
        words = _words(doc)
        for m in self.rank.finditer(text):
            mention = self._rank(m)
            if mention:
                found.append(mention)
                taken.add(m.start(), m.end())
        for m in self.percent_fixed_re.finditer(text) if self.percent_fixed_re else ():
            if m.start() in words.starts and m.end() in words.ends | {len(text)}:
                value, rule = self.percent_fixed[m.group()]
                found.append(Mention("numeric", m.start(), m.end(), m.group(), rule,
                                     {**value_fields(Decimal(str(value))), "qualifier": "", "bound": "exact",
                                      "unit": "%", "object": "", "kind": "percent"}))
                taken.add(m.start(), m.end())
        for m in self.race_time.finditer(text) if self.race_time else ():
            if m.group("minutes") or m.group("fraction"):
                found.append(self._race_time(m))
                taken.add(m.start(), m.end())
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
            if mention and self._not_claim(text, mention, text[numeral.start:numeral.end], words):
                continue
            if mention and not taken.overlaps(mention.start, mention.end):
                found.append(mention)
                taken.add(mention.start, mention.end)
        return self.ranges.join(text, found)

    def _not_claim(self, text: str, mention: Mention, numeral: str, words: WordSpans) -> bool:
        """Is the claim a name or an ordinal (rules ``not_claims``: 二期, 十三届全国人大, 第 18 条)?"""
        return any(signal.holds(text, mention, numeral, words) for signal in self.not_claims)

    def _time_after(self, text: str, unit: str, pos: int) -> bool:
        """三个月, 八个多月, 5个工作日: a measure word before a word of time makes a date span."""
        for measures, words in self.time_after:
            if unit in measures and text.startswith(words, pos):
                return True
        return False

    def _race_time(self, m) -> Mention:
        """7分06秒78 -> 426.78 seconds."""
        fraction = m.group("fraction") or ""
        value = Decimal(int(m.group("minutes") or 0) * 60 + int(m.group("seconds"))) \
            + (Decimal(f"0.{fraction}") if fraction else 0)
        return Mention("numeric", m.start(), m.end(), m.group(), self.race_time.rule_id,
                       {**value_fields(value), "qualifier": "", "bound": "exact",
                        "unit": "秒", "object": "", "kind": "duration"})

    def _claim(self, doc: Doc, numeral: Numeral, words: WordSpans) -> Mention | None:
        text = doc.text
        start, end = numeral.start, numeral.end
        num = text[start:end]
        before = text[start - 1] if start else ""
        if before == "第" or (before and before.isascii() and (before.isalnum() or before == ".")):
            return None
        if text.startswith(self.vetoes_by_first.get(text[start], ()), start) \
                and not self._qualifier_before(text, start, words)[0]:
            return None  # a veto word (the qualifier is read only then: most numerals have no veto)
        if self._slogan(text, start):
            return None
        if num.isdigit() and len(num) >= _MAX_DIGITS and not self._unit_at(text, end, words)[0]:
            return None  # a phone or id number
        # 5千米 is 5 km: a unit that begins with the numeral's last character takes it back
        if len(num) > 1 and num[-1] in self.grammar.units and num[-2].isdigit():
            if any(len(u) > 1 and text.startswith(u, end - 1) for u in self.units_by_first.get(num[-1], ())):
                shorter = self.grammar.read(text[:end - 1], start)
                if shorter is None:
                    return None
                numeral, end, num = shorter, shorter.end, text[start:shorter.end]
        symbol = self._symbol_before(text, start)
        if symbol:
            start -= len(symbol)
        pre, claim_start = ("", start) if symbol else self._qualifier_before(text, start, words, bare=len(num) == 1 and (
            num in self.grammar.units or num in self.grammar.scales))
        pos = end
        mid = ""
        if text[pos:pos + 1] in self.grammar.inner_approx:
            mid, pos = text[pos], pos + 1
        unit, unit_end = ("", pos) if symbol else self._unit_at(text, pos, words)
        pos = unit_end
        half = ""
        if unit and text.startswith(self.half, pos) and any(unit in m for m, _ in self.time_after):
            inner, inner_end = self._unit_at(text, pos + len(self.half), words)
            if inner and self.unit_kind[inner][0] == "duration":  # 两个半小时 = 2.5 hours, one claim
                unit, unit_end, half, pos = inner, inner_end, self.half, inner_end
        if unit and self._time_after(text, unit, pos + (1 if text[pos:pos + 1] in self.grammar.inner_approx else 0)):
            return None  # 三个月, 八个多月: a date span (the dates' duration)
        if unit and not half and text.startswith(self.half, pos) and pos + len(self.half) in words.ends:
            half, pos = self.half, pos + len(self.half)
        extra = Decimal(0)
        if unit in self.subunits:
            extra, pos = self._subunits(text, pos, self.subunits[unit])
        post, post_end = self._qualifier_after(text, pos)
        if post in self.after_kinds and (self.unit_kind.get(unit, ("",))[0] not in self.after_kinds[post] and not symbol
                                         or (post_end not in words.ends and post_end < len(text))):
            post, post_end = "", pos  # 起 only after an amount of money, as a word of its own (5499元起)
        if post and post_end < len(text) and post_end not in words.ends and pos in words.starts:
            post, post_end = "", pos  # 4艘|多用途护卫舰: the 多 begins a word of its own
        pos = post_end
        comparative = None if pre or post or unit or symbol else self._comparative(text, claim_start, pos, words)
        if comparative:
            pre, claim_start, pos = comparative.word, comparative.start, comparative.end
        compared = bool(comparative) or pre in self.compares or post in self.compares
        after_char = text[pos] if pos < len(text) else ""
        if numeral.form.startswith("percent:"):
            return self._percent(doc, numeral, pre, claim_start, numeral.form.split(":", 1)[1])
        if unit in self.percent_suffix:
            return self._percent_word(doc, numeral, pre, claim_start, unit_end, unit, words)
        if not unit and not symbol and after_char.isascii() and after_char.isalpha():
            return None
        has_scale = not self.scale_chars.isdisjoint(num) or (
            numeral.form == "range" and not self.grammar.latin_scales.keys().isdisjoint(num))  # 5k-20k, not 4K
        bare_range = numeral.form == "range" and numeral.chinese_start and any(w in num for w in self.word_separators)
        if not unit and not symbol and not has_scale:
            if not (compared or bare_range) or not self._stands_alone(text, numeral.end, pos, words):
                return None  # a bare number is no claim; 大于10, 五百以上, 一千到一千五百 are
        if not numeral.chinese_start and not unit and not symbol and numeral.form != "number" and not (
                compared or has_scale):
            return None
        kind, unit_rule, small_only = self.unit_kind.get(unit, ("count", "", False))
        if symbol:
            kind, unit_rule, unit = "money", self.symbol_rule, symbol
        if small_only and (len(regex.sub(r"\D", "", num)) >= 3 or after_char in _DURATION_TAIL):
            return None
        if num == self.half_alone[0] and (kind not in self.half_alone[1] or not unit):
            return None  # 半年, 半场: 半 is a number only before a unit of measure (半米)
        if numeral.form == "fraction" and not unit and not compared:
            if numeral.denominator and numeral.denominator >= 100 and math.log10(numeral.denominator).is_integer():
                # 百万分之五 = 0.0005%: a proportion per power of ten is a percentage
                return self._percent(doc, numeral, pre, claim_start, "%", scale=100.0)
            return None
        if num in ("一", "壹") and kind != "money" and not (pre or mid or post or half):
            return None  # 一个 / 一项 is an article, 最后一米 a phrase; 一美元 and 一吨半 are amounts
        if post and self._unit_at(text, pos, words)[0]:
            return None  # 一个多小时: 多 sits inside a longer unit (a duration, left to the dates)
        number = self.grammar.number(numeral, pre, mid + post)
        if comparative:
            number = replace(number, bound=comparative.bound, qualifier=comparative.written)
        exact = EXACT.add(EXACT.add(number.exact, _HALF if half else 0), extra)
        rule_parts = [self.qualifier_id.get(q) for q in (pre, mid, post) if q]
        if comparative:
            rule_parts.append(comparative.rule)
        rule = "+".join(["numeric.claim"] + [r for r in rule_parts if r] + ([unit_rule] if unit_rule else []))
        fields = {
            **value_fields(exact, numeral.exact_max),
            "qualifier": number.qualifier,
            "bound": number.bound,
            "unit": self.unit_written.get(unit, unit),
            "object": self.objects.after(doc, pos, unit, kind, words),
            "kind": kind if unit or symbol or has_scale else "other",
        }
        if fields["kind"] == "count" and not unit and has_scale and self._money_context(text, claim_start, pos):
            fields["kind"] = "money"
            rule += "+" + self.money_rule
        return Mention("numeric", claim_start, pos, text[claim_start:pos], rule, fields)

    def _money_context(self, text: str, start: int, end: int) -> bool:
        """Is an amount with a scale and no unit money (rules ``money_context``)?"""
        if text.startswith(self.money_after, end):
            return True
        clause = _CLAUSE_BREAK.split(text[max(0, start - self.money_window):start])[-1]
        if self.money_before and self.money_before.search(clause):
            return True
        if self.money_amount and self.money_next:
            ahead = _SENTENCE_BREAK.split(text[end:end + self.money_next])[0]
            m = self.money_amount.search(ahead)
            return bool(m)
        return False

    def _percent(self, doc: Doc, numeral: Numeral, pre: str, start: int, unit: str, scale: float = 1.0) -> Mention:
        """百分之十五 (the numeral's form carries the unit) and 百万分之五 (scale 100: a percentage);
        千分之三毫米 is a fraction of a unit of measure: 0.003 mm."""
        text = doc.text
        measure, measure_end = self._unit_at(text, numeral.end, _words(doc))
        if measure and self.unit_kind[measure][0] == "other" and unit in self.per_part:
            post, end = self._qualifier_after(text, measure_end)
            number = self.grammar.number(numeral, pre, post)
            exact = EXACT.divide(numeral.exact, self.per_part[unit])
            fields = {**value_fields(exact), "qualifier": number.qualifier, "bound": number.bound,
                      "unit": measure, "object": "", "kind": "other"}
            rule = "+".join(["percent.fraction_words", self.unit_kind[measure][1]])
            return Mention("numeric", start, end, text[start:end], rule, fields)
        post, end = self._qualifier_after(text, numeral.end)
        number = self.grammar.number(numeral, pre, post)
        scale = Decimal(str(scale))
        exact_max = None if numeral.exact_max is None else EXACT.multiply(numeral.exact_max, scale)
        fields = {**value_fields(EXACT.multiply(numeral.exact, scale), exact_max), "qualifier": number.qualifier,
                  "bound": number.bound, "unit": unit, "object": "", "kind": "percent"}
        return Mention("numeric", start, end, text[start:end], "percent.fraction_words", fields)

    def _percent_word(self, doc: Doc, numeral: Numeral, pre: str, start: int, end: int, word: str,
                      words: WordSpans) -> Mention | None:
        """三成 = 30%, 三成半 = 35%, 七成六 = 76%; 八折 = 80%, 75折 = 75%, 九九折 = 99%."""
        text = doc.text
        entry = self.percent_suffix[word]
        value = numeral.exact
        surface = text[numeral.start:numeral.end]
        two_digits = entry.get("two_digit_percent") and 10 <= value < 100 and not any(
            ch in self.grammar.units for ch in surface)  # 75折, 九五折; 十折 is no discount
        scaled = value if two_digits else value * 10
        digit_at = self._skip_blank(text, end)
        digit = self.grammar.digits.get(text[digit_at]) if digit_at < len(text) else None
        if text.startswith(self.half, end):
            scaled, end = scaled + 5, end + len(self.half)
        elif (not two_digits and word == "成" and digit and digit_at + 1 in words.ends
              and (digit_at + 1 == len(text) or text[digit_at + 1] not in self.grammar.cn_chars)):
            scaled, end = scaled + digit, digit_at + 1  # 七成六 = 76%
        limit = 100 if entry.get("two_digit_percent") else 100.0001
        if not 0 < scaled < limit:
            return None
        number = self.grammar.number(numeral, pre)
        fields = {**value_fields(scaled), "qualifier": number.qualifier, "bound": number.bound,
                  "unit": "%", "object": "", "kind": "percent"}
        return Mention("numeric", start, end, text[start:end], entry["id"], fields)

    @staticmethod
    def _skip_blank(text: str, pos: int) -> int:
        while pos < len(text) and text[pos] in " \t":
            pos += 1
        return pos

    def _rank(self, m) -> Mention | None:
        try:
            value, _ = self.grammar.value(m.group("num"))
        except ValueError:
            return None
        fields = {**value_fields(Decimal(repr(float(value)))), "qualifier": "", "bound": "exact",
                  "unit": m.group("unit") or "", "object": m.group("scope"), "kind": "rank"}
        return Mention("numeric", m.start(), m.end(), m.group(), self.rank_rule, fields)

    # -- pieces -------------------------------------------------------------------------
    def _slogan(self, text: str, start: int) -> bool:
        """“三个牢记”: a numeral right after an opening quote whose phrase closes within a few characters."""
        close = self.slogan_quotes.get(text[start - 1]) if start else None
        if close is None:
            return False
        end = text.find(close, start)
        return 0 < end - start <= self.slogan_max and "\n" not in text[start:end]

    def _qualifier_before(self, text: str, start: int, words: WordSpans, bare: bool = False) -> tuple[str, int]:
        """The qualifier written before a number and where it starts (spaces may stand between:
        ``小于 或 等于100``); 上 only before a bare 百/千/万 (上千人); a filler verb may follow a
        comparison word (至少有10, 最多为5). The 过 of 通过一项 and the 近 of 附近三个 are none."""
        compact, offsets = _despace_back(text, start, 8)
        for word in (self.bare_before if bare else ()):
            if compact.endswith(word) and not self._word_tail(text, offsets[len(compact) - len(word)], words, word):
                return word, offsets[len(compact) - len(word)]
        if not compact:
            return "", start
        for word in self.before_by_last.get(compact[-1], ()):
            if compact.endswith(word) and not self._word_tail(text, offsets[len(compact) - len(word)], words, word):
                return word, offsets[len(compact) - len(word)]
        if compact[-1] in self.fillers and len(compact) > 1:
            for word in self.compares_by_last.get(compact[-2], ()):
                at = offsets[len(compact) - 1 - len(word)]
                if compact.endswith(word, 0, len(compact) - 1) and not self._word_tail(text, at, words, word):
                    return word, at
        return "", start

    def _word_tail(self, text: str, at: int, words: WordSpans, qualifier: str) -> bool:
        """Is a one-character qualifier starting at ``at`` the end of a word that means something
        else (``not_qualifier_tails``: 通过, 最近, 节约)? 长达, 一共, 仅仅 keep theirs."""
        if len(qualifier) > 1:
            return False
        end = at + 1
        return any(text.endswith(word, 0, end) for word in self.not_qualifier_tails_by_last.get(qualifier, ()))

    def _qualifier_after(self, text: str, pos: int) -> tuple[str, int]:
        """The trailing qualifier at ``pos`` (spaces allowed: ``170 之下``) and where it ends."""
        compact, offsets = _despace(text, pos, 6)
        for word in self.after_by_first.get(compact[:1], ()):
            if compact.startswith(word) and (offsets[0] == pos or word in self.compares):
                return word, offsets[len(word) - 1] + 1
        return "", pos

    def _stands_alone(self, text: str, numeral_end: int, pos: int, words: WordSpans) -> bool:
        """A number with no unit is a claim only as a word of its own, followed by punctuation, the
        end or a function word (超过80。, 低于100的): not 超过2年, 一到三年级, 比十七大时."""
        if numeral_end not in words.ends:
            return False
        ahead, ahead_at = _despace(text, pos, 1)
        if not ahead or not _HAN.match(ahead):
            return True
        span = words.span(ahead_at[0])
        word = text[span[0]:span[1]] if span else ahead
        return word in self.bare_followers or self.tags.get(word, "")[:1] in _FUNCTION_TAGS

    def _comparative(self, text: str, start: int, end: int, words: WordSpans) -> "_Comparative | None":
        """比三十大 / 比 170 低, or None. The adjective must be a word of its own: 4比0大胜 is a score."""
        back, back_at = _despace_back(text, start, 2)
        ahead, ahead_at = _despace(text, end, 1)
        if not ahead or ahead_at[0] not in words.starts or ahead_at[0] + 1 not in words.ends:
            return None
        for entry in self.comparatives:
            word = entry["before"]
            if back.endswith(word) and ahead in entry["after"]:
                return _Comparative(word, back_at[len(back) - len(word)], ahead_at[0] + 1, entry["after"][ahead],
                                    f"{word}…{ahead}", entry["id"])
        return None

    def _symbol_before(self, text: str, start: int) -> str:
        if not text.endswith(self.symbols, 0, start):
            return ""  # most numbers: one test for all the symbols
        for symbol in self.symbols:
            if text.endswith(symbol, 0, start):
                return symbol
        return ""

    def _unit_at(self, text: str, pos: int, words: WordSpans) -> tuple[str, int]:
        """The longest unit at ``pos`` (spaces allowed before and inside it: ``6 个 百 分点``) and
        where it ends. A Chinese unit must not end inside a dictionary word: 10万乡村 has no unit 乡."""
        compact, offsets = _despace(text, pos, 16)
        for unit in self.units_by_first.get(compact[:1], ()):
            if not compact.startswith(unit):
                continue
            end = offsets[len(unit) - 1] + 1
            if not _HAN.match(unit[-1]):
                if not (end < len(text) and text[end].isascii() and text[end].isalnum()):
                    return unit, end  # 168cm, but not the m of 5mm or the M of MB
                continue
            span = words.span(end - 1)
            if span is None or span[1] == end or unit in self.unchecked_units or span[0] < pos:
                return unit, end  # the word ends with the unit, or holds the number too (一吨半)
            if text[span[0]:span[1]] not in self.tags:
                return unit, end  # 15元中大乐透: 元中 is no word, jieba glued it
            if span[0] == pos and span[1] - end >= 2 and self.objects.noun_like(text[end:span[1]]) and text[end:span[1]] in self.tags:
                return unit, end  # 16份文件, 200所学校: jieba glued the measure word to its noun
        return "", pos

    def _subunits(self, text: str, pos: int, subunits: Mapping[str, float]) -> tuple[Decimal, int]:
        """五元三毛 -> 0.3, 50元6角三分 -> 0.63, 两美元又三美分 -> 0.03 (and where they end)."""
        extra = Decimal(0)
        start = pos + 1 if text.startswith("又", pos) else pos
        for _ in range(2):
            numeral = self.grammar.read(text, start, ranges=False)
            if numeral is None or numeral.form != "number" or numeral.value >= 10:
                break
            name = next((w for w in sorted(subunits, key=len, reverse=True) if text.startswith(w, numeral.end)), "")
            if not name:
                break
            extra = EXACT.add(extra, EXACT.multiply(numeral.exact, Decimal(str(subunits[name]))))
            pos = start = numeral.end + len(name)
        return extra, pos


def _has_blank(chunk: str) -> bool:
    """A space, tab or ideographic space in ``chunk`` (three substring tests, cheaper than a regular
    expression: this runs around every numeral)."""
    return " " in chunk or "\t" in chunk or "\u3000" in chunk


def _despace(text: str, pos: int, limit: int) -> tuple[str, Sequence[int]]:
    """Up to ``limit`` characters from ``pos`` without spaces and tabs, with their offsets."""
    chunk = text[pos:pos + limit]
    if not _has_blank(chunk):
        return chunk, range(pos, pos + len(chunk))
    chars, offsets = [], []
    i = pos
    while i < len(text) and len(chars) < limit:
        if text[i] not in " \t\u3000":
            chars.append(text[i])
            offsets.append(i)
        i += 1
    return "".join(chars), offsets


def _despace_back(text: str, pos: int, limit: int) -> tuple[str, Sequence[int]]:
    """Up to ``limit`` characters before ``pos`` without spaces and tabs, with their offsets."""
    chunk = text[max(0, pos - limit):pos]
    if not _has_blank(chunk):
        return chunk, range(pos - len(chunk), pos)
    chars, offsets = [], []
    i = pos - 1
    while i >= 0 and len(chars) < limit:
        if text[i] not in " \t\u3000":
            chars.append(text[i])
            offsets.append(i)
        i -= 1
    return "".join(reversed(chars)), offsets[::-1]


@Language.factory("xinwen_numerics", default_config={"rules_dirs": [], "reference_date": ""})
def make_numerics(nlp: Language, name: str, rules_dirs: list[str], reference_date: str):
    ensure_extensions()
    rules = pipeline_rules(nlp, rules_dirs)
    tags = word_tags(nlp.tokenizer) if hasattr(nlp.tokenizer, "jieba") else {}
    matcher = NumericMatcher(rules.family("numerics"), tags)

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "numeric", matcher(doc))
        return doc

    return with_reference(component, reference_date)
