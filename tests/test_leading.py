"""The leading-character guard and the engine choice must never change a non-empty match."""
import re

import pytest
import regex
from hypothesis import given, settings, strategies as st

from extract.matchers.date_lexicon import DateLexicon
from extract.matchers.date_patterns import MATCHER_PATTERNS, compose
from extract.matchers.leading import compile_fast, guarded, leading_class
from extract.rules import load_rules
from gold_docs import gold_documents, raw_text


@pytest.fixture(scope="module")
def date_patterns():
    rules = load_rules([]).family("dates")
    sources = compose(rules["fragments"], DateLexicon(rules).alternations(), MATCHER_PATTERNS)
    return [(name, regex.compile(source, regex.VERBOSE), regex.compile(guarded(source, re.VERBOSE), regex.VERBOSE),
             compile_fast(source, verbose=True)) for name, source in sources.items()]


def _found(pattern, text):
    return [(m.start(), m.end()) for m in pattern.finditer(text) if m.group()]


@pytest.mark.parametrize("pattern,expected", [
    (r"(?:ab)?c", "[\\U00000061\\U00000063]"),
    (r"(?<!\d)x|\d", "[\\U00000078\\d]"),
    (r"[^a]b", None),      # a negated class may begin with anything
    (r"a?", "[\\U00000061]"),  # the empty match aside, it begins with a
    (r"(?=a|b)[a-z]?c?", "[\\U00000061\\U00000062]"),  # a lookahead first says where a match begins
    (r"(?=a?)[a-z]", "[\\U00000061-\\U0000007a]"),  # ... unless it can match empty
])
def test_leading_class(pattern, expected):
    assert leading_class(pattern) == expected


def test_guard_keeps_every_match_on_the_gold_texts(date_patterns):
    texts = [raw_text(doc) for doc in gold_documents()]
    for name, plain, _, fast in date_patterns:
        for text in texts:
            assert _found(fast, text) == _found(plain, text), name


_ALPHABET = "0123456789一二三四五六七八九十两年月日号点分秒前后今明去上下本周星期天中秋国庆春节初正腊 -~至到，。的在时"


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=40))
def test_guard_and_engine_agree_on_random_text(date_patterns, text):
    for name, plain, guarded_, fast in date_patterns:
        assert _found(guarded_, text) == _found(plain, text), name
        assert _found(fast, text) == _found(plain, text), name


def test_the_calendar_patterns_run_on_re(date_patterns):
    """The standard library's engine is several times as fast on the calendar pattern; a fragment
    that only regex compiles (a lookbehind of any width, a group name said twice) loses that unseen."""
    engines = {name: type(fast).__module__ for name, _, _, fast in date_patterns}
    for name in ("calendar", "year_period", "month_range", "year_range", "decade", "vague"):
        assert engines[name] == "re", name
