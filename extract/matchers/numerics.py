"""Numeric claims: qualifier + numeral + scale + unit + trailing qualifier, and the counted object.

Patterns are composed from the lexicons in rules/numerics.yaml (qualifiers, units, vetoes); values
come from the numeral grammar (``extract.numerals``). Exclusions: ordinals (第…), numerals glued to
Latin letters (5G, M2), bare numbers with neither scale nor unit, numerals used as words.
"""
from __future__ import annotations

from typing import Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..mention import Mention
from ..numerals import NumberError, NumeralGrammar
from ..rules import load_rules
from ..segment import word_tags
from .base import alternation, ensure_extensions, longest_first, token_index_at, write_mentions

_OBJECT_TAGS = ("n", "vn", "nz", "nt", "ns", "an", "j", "l")
_OBJECT_STOP = {"的", "等", "之", "中", "里", "内", "上", "下", "次", "余", "多"}
_DURATION_TAIL = set("来前后间里底初末中度代级届")
_MAX_DIGITS = 8



class NumericMatcher:
    def __init__(self, rules: Mapping, tags: Mapping[str, str] | None = None):
        self.grammar = NumeralGrammar(rules["numerals"], rules["qualifiers"])
        self.tags = tags or {}
        self.unit_kind: dict[str, tuple[str, str, bool]] = {}
        for entry in rules["units"]:
            for word in entry["words"]:
                self.unit_kind.setdefault(word, (entry["kind"], entry["id"], word in entry.get("small_numbers_only", [])))
        before = [w for e in rules["qualifiers"] if not e.get("requires_bare_unit") for w in e.get("before", [])]
        bare = [w for e in rules["qualifiers"] if e.get("requires_bare_unit") for w in e.get("before", [])]
        after = [w for e in rules["qualifiers"] for w in e.get("after", [])]
        self.qualifier_id = {w: e["id"] for e in rules["qualifiers"] for w in e.get("before", []) + e.get("after", [])}
        seps = "|".join(regex.escape(s) for s in rules["numerals"]["range_separators"])
        num = self.grammar.numeral
        scales = "".join(rules["numerals"]["scales"])
        units_small = "".join(rules["numerals"]["units"])
        self.vetoes = longest_first(rules.get("vetoes", []))
        self.claim = regex.compile(
            rf"(?P<pre>{alternation(before)})?"
            rf"(?P<num>{num}(?:(?:{seps}){num})?)"
            rf"(?P<mid>[多余])?"
            rf"(?P<unit>{alternation(self.unit_kind)})?"
            rf"(?P<post>{alternation(after)})?"
        )
        self.bare = regex.compile(rf"(?P<pre>{alternation(bare)})(?P<num>[{units_small}{scales}])(?P<unit>{alternation(self.unit_kind)})")
        pw = rules["percent_words"][0]
        forms = alternation(pw["forms"])
        self.percent_forms = dict(pw["forms"])
        self.percent_rule = pw["id"]
        cn = regex.escape(self.grammar.cn_chars)
        self.percent = regex.compile(
            rf"(?P<pre>{alternation(before)})?(?:(?P<form>{forms})(?P<num>(?:\d+(?:\.\d+)?|[{cn}]+))|(?P<tenths>(?:\d|[{cn}])+){pw['tenths']}(?!本|员|立|为|功|果|绩|都|语|熟|人|年|分))"
        )
        rk = rules["ranks"][0]
        self.rank_rule = rk["id"]
        self.rank = regex.compile(rf"(?P<scope>{alternation(rk['scopes'])})第(?P<num>\d+|[{cn}]+)(?P<unit>位|名)?")

    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        found: list[Mention] = []
        taken: list[tuple[int, int]] = []
        for m in self.rank.finditer(text):
            mention = self._rank(m)
            if mention:
                found.append(mention)
                taken.append((m.start(), m.end()))
        for m in self.percent.finditer(text):
            mention = self._percent(m)
            if mention and not _overlaps(taken, m.start(), m.end()):
                found.append(mention)
                taken.append((m.start(), m.end()))
        for pattern in (self.claim, self.bare):
            for m in pattern.finditer(text, overlapped=False):
                if _overlaps(taken, m.start(), m.end()):
                    continue
                mention = self._claim(doc, m, bare=pattern is self.bare)
                if mention:
                    found.append(mention)
                    taken.append((mention.start, mention.end))
        return found

    # -- one claim ----------------------------------------------------------------
    def _claim(self, doc: Doc, m, bare: bool) -> Mention | None:
        text = doc.text
        num, unit = m.group("num"), m.group("unit") or ""
        start = m.start()
        before = text[start - 1] if start else ""
        after = text[m.end()] if m.end() < len(text) else ""
        if before == "第" or (before and before.isascii() and (before.isalnum() or before == ".")):
            return None
        if not unit and after.isascii() and after.isalpha():
            return None
        has_scale = bool(regex.search(r"[万亿]", num))
        if not unit and not has_scale:
            return None
        num_start = m.start("num")
        if not num[0].isdigit() and not bare and token_index_at(doc, num_start if m.group("pre") else m.start()) is None:
            return None
        if any(text.startswith(v, num_start) for v in self.vetoes):
            return None
        if num.isdigit() and len(num) >= _MAX_DIGITS:
            return None
        kind, unit_rule, small_only = self.unit_kind.get(unit, ("count", "", False))
        if small_only and (len(regex.sub(r"\D", "", num)) >= 3 or after in _DURATION_TAIL):
            return None
        g = m.groupdict()
        pre, mid, post = g.get("pre") or "", g.get("mid") or "", g.get("post") or ""
        pieces = pre + num + mid + post
        try:
            parsed = self.grammar.parse(pieces)
        except NumberError:
            return None
        if bare:
            parsed = type(parsed)(self.grammar.scales.get(num, self.grammar.units.get(num)), None, "lower", m.group("pre"))
        elif num in ("一", "壹") and not (pre or mid or post):
            return None  # 一个 / 一项 is an article, not a count
        rule_parts = [self.qualifier_id.get(q) for q in (pre, mid, post) if q]
        rule = "+".join(["numeric.claim"] + [r for r in rule_parts if r] + ([unit_rule] if unit_rule else []))
        end = m.end()
        fields = {
            "value": parsed.value,
            "value_max": parsed.value_max,
            "qualifier": parsed.qualifier,
            "bound": parsed.bound,
            "unit": unit,
            "object": self._object(doc, end),
            "kind": kind,
        }
        return Mention("numeric", start, end, text[start:end], rule, fields)

    def _percent(self, m) -> Mention | None:
        try:
            if m.group("form"):
                value, _ = self.grammar.value(m.group("num"))
                unit = self.percent_forms[m.group("form")]
            else:
                value, _ = self.grammar.value(m.group("tenths"))
                value, unit = value * 10, "%"
        except NumberError:
            return None
        pre = m.group("pre") or ""
        bound = self.grammar.before.get(pre, "exact") if pre else "exact"
        fields = {"value": _tidy(value), "value_max": None, "qualifier": pre, "bound": bound,
                  "unit": unit, "object": "", "kind": "percent"}
        return Mention("numeric", m.start(), m.end(), m.group(), self.percent_rule, fields)

    def _rank(self, m) -> Mention | None:
        try:
            value, _ = self.grammar.value(m.group("num"))
        except NumberError:
            return None
        fields = {"value": _tidy(value), "value_max": None, "qualifier": "", "bound": "exact",
                  "unit": "第", "object": m.group("scope"), "kind": "rank"}
        return Mention("numeric", m.start(), m.end(), m.group(), self.rank_rule, fields)

    def _object(self, doc: Doc, end: int) -> str:
        index = token_index_at(doc, end)
        if index is None:
            return ""
        words = []
        for token in doc[index:index + 3]:
            word = token.text
            if not regex.fullmatch(r"\p{Han}+", word) or word in _OBJECT_STOP:
                break
            tag = self.tags.get(word)
            if tag is not None and not tag.startswith(_OBJECT_TAGS):
                break
            if regex.match(rf"[{regex.escape(self.grammar.cn_chars)}]", word) and tag in (None, "m"):
                break
            words.append(word)
        return "".join(words)


def _tidy(x: float):
    return int(x) if float(x).is_integer() else round(x, 6)


def _overlaps(spans, start, end) -> bool:
    return any(s < end and start < e for s, e in spans)


@Language.factory("xinwen_numerics", default_config={"rules_dirs": []})
def make_numerics(nlp: Language, name: str, rules_dirs: list[str]):
    ensure_extensions()
    rules = load_rules(rules_dirs)
    tags = word_tags(nlp.tokenizer) if hasattr(nlp.tokenizer, "jieba") else {}
    matcher = NumericMatcher(rules.family("numerics"), tags)

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "numeric", matcher(doc))
        return doc

    return component
