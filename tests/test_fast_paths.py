"""The shortcuts the pipeline takes for speed give what the plain ways give."""
from __future__ import annotations

import pytest

from extract.facts.words import WordList, words_of
from extract.matchers.base import token_table
from extract.mention import Mention
from gold_docs import gold_documents, raw_text


def _gold_docs(pipeline):
    return [pipeline.nlp.make_doc(pipeline.normalizer(raw_text(d)).text) for d in gold_documents()]


def test_starting_at_answers_as_the_start_index(pipeline):
    for doc in _gold_docs(pipeline) + [pipeline.nlp.make_doc("  两个 空格  之间\n\n换行 ")]:
        tokens = token_table(doc)
        at = {token.idx: token.i for token in doc}  # spaCy's own tokens: start -> index (the last of two)
        for k in range(-1, len(doc.text) + 2):
            assert tokens.starting_at(k) == at.get(k)


def test_facts_words_leave_out_exactly_the_whitespace_tokens(pipeline):
    for doc in _gold_docs(pipeline) + [pipeline.nlp.make_doc("第一段。\n\n 第二段  有 空格\t和制表符。 ")]:
        tokens = token_table(doc)
        words = words_of(doc, pipeline.facts.tags)
        kept = [(s, e) for s, e in zip(tokens.starts, tokens.ends) if e > s and not doc.text[s:e].isspace()]
        assert list(zip(words.starts, words.ends)) == kept


def test_word_list_slices_are_the_words_one_by_one():
    words = WordList("甲乙丙丁戊己", [0, 2, 3, 5], [2, 3, 5, 6], {"丁戊": "n"})
    assert words[1:3] == [words[1], words[2]]
    first = words[0:4]
    assert first == [words[i] for i in range(4)] and words[::2] == [words[0], words[2]]
    assert words[2].tag == "n" and words[-1].text == "己"


def test_a_copy_keeping_type_offsets_and_fields_equals_a_new_mention():
    m = Mention("date", 1, 3, "三月", "date.ymd", {"value": "XXXX-03"})
    copy = m.with_(doc_id="d", mention_id="d:D1", raw_start=4, raw_end=6, sentence="三月")
    assert copy == Mention("date", 1, 3, "三月", "date.ymd", {"value": "XXXX-03"}, "d", "d:D1", 4, 6, "三月")
    with pytest.raises(TypeError):
        copy.fields["value"] = "x"  # still read-only
    with pytest.raises(ValueError):
        m.with_(end=0)  # a change of offsets is checked
    with pytest.raises(TypeError):
        m.with_(nothing=1)
    assert m.with_(fields={"anchor": ""}).fields == {"value": "XXXX-03", "anchor": ""}


def test_remembered_date_counts_read_as_the_grammar():
    from extract.matchers.date_counts import ChineseCount
    from extract.numerals import NumeralGrammar
    from extract.rules import load_rules

    count = ChineseCount(NumeralGrammar(load_rules([]).family("numerics")["numerals"]))
    fresh = ChineseCount(NumeralGrammar(load_rules([]).family("numerics")["numerals"]))
    for text in ["三", "二十三", "两千零四", "十几", "1.5", "2023", "不是数", "三"] * 2:
        assert count(text) == fresh._value(text)
    assert count("") is None and count(None) is None


def test_a_plain_doc_has_the_tokens_and_words_of_a_spacy_doc(pipeline):
    """``Pipeline.process`` runs the components over a ``PlainDoc``: its token table and word
    spans are those of the ``Doc`` the tokenizer makes of the same text."""
    from extract.segment import word_spans

    tokenizer = pipeline.nlp.tokenizer
    texts = [doc.text for doc in _gold_docs(pipeline)] + [
        "  两个 空格  之间\n\n换行 ", " a", "a  b ", "\t\t", "第一段。\n\n 第二段  有 空格\t和制表符。 ", ""]
    for text in texts:
        doc, plain = tokenizer(text), tokenizer.plain(text)
        table, plain_table = token_table(doc), token_table(plain)
        assert (plain_table.starts, plain_table.ends, plain_table.spaced) == (table.starts, table.ends, table.spaced)
        spans, plain_spans = word_spans(doc), word_spans(plain)
        assert (plain_spans._starts, plain_spans.starts, plain_spans.ends) == (spans._starts, spans.starts, spans.ends)


def test_process_finds_what_annotate_finds(pipeline):
    """The components give the same mentions over a ``PlainDoc`` as over the spaCy ``Doc``."""
    from extract.matchers.base import mentions_of
    from extract.pipeline import finalize
    from extract.readers import Document
    from extract.schema import layout

    for k, text in enumerate(raw_text(d) for d in gold_documents()):
        document = Document(f"d{k}", "", text=text, published="2021-04-27")
        normalized, doc = pipeline.annotate(document)
        final = finalize(document.doc_id, normalized, [m for key in layout().types for m in mentions_of(doc, key)])
        assert final and pipeline.process(document).mentions == final
