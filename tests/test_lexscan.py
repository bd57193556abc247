"""The one-pass lexicon scan finds what an overlapped longest-first alternation finds."""
import regex
from hypothesis import given, settings, strategies as st

from extract.matchers.base import SpanSet, alternation
from extract.matchers.lexscan import WordScanner

WORDS = ["银行", "人民银行", "中国人民银行", "委员会", "常委会", "人大常委会", "会", "行", "民"]


def _overlapped(words, text):
    pattern = regex.compile(alternation(words))
    return [m.span() for m in pattern.finditer(text, overlapped=True)]


def test_longest_word_at_each_start():
    text = "中国人民银行和全国人大常委会"
    assert WordScanner(WORDS).longest_at(text) == _overlapped(WORDS, text)
    assert (0, 6) in WordScanner(WORDS).longest_at(text)  # 中国人民银行, and 人民银行 and 银行 inside it


def test_empty_lexicon_and_text():
    assert WordScanner([]).longest_at("银行") == []
    assert WordScanner(WORDS).longest_at("") == []


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="中国人民银行全大常委会和", max_size=30))
def test_same_as_overlapped_alternation(text):
    assert WordScanner(WORDS).longest_at(text) == _overlapped(WORDS, text)


# -- SpanSet (extract/matchers/base.py): overlap queries in log time ------------------------------

@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 6)), max_size=15),
       st.tuples(st.integers(0, 45), st.integers(1, 6)))
def test_spanset_answers_as_a_list_scan(spans, query):
    spans = [(s, s + n) for s, n in spans]
    start, end = query[0], query[0] + query[1]
    built, added = SpanSet(spans), SpanSet()
    for s, e in spans:
        added.add(s, e)
    expected = any(s < end and start < e for s, e in spans)
    assert built.overlaps(start, end) == expected
    assert added.overlaps(start, end) == expected
