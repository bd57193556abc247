"""The pipeline's compiled ``like_num`` answers exactly as spaCy's own ``zh`` one."""
from hypothesis import given, settings, strategies as st
from spacy.attrs import LIKE_NUM
from spacy.lang.zh.lex_attrs import like_num as spacy_like_num

from extract.segment import zh_like_num
from gold_docs import gold_documents, raw_text

_NUMBERISH = "0123456789一二三四五六七八九十百千万亿兆拾佰仟壹贰叁肆伍陆柒捌玖〇零廿卅卌皕两,.，。/+-±~ 年个a"


@settings(max_examples=2000, deadline=None)
@given(st.text(alphabet=_NUMBERISH, max_size=8))
def test_same_answer_as_spacy_on_number_like_text(text):
    assert zh_like_num()(text) is spacy_like_num(text)


def test_same_answer_as_spacy_on_the_gold_words(pipeline):
    like_num = zh_like_num()
    for doc in gold_documents():
        for token in pipeline.nlp.make_doc(pipeline.normalizer(raw_text(doc)).text):
            assert like_num(token.text) is spacy_like_num(token.text), token.text


def test_the_pipeline_uses_it(pipeline):
    assert pipeline.nlp.vocab.lex_attr_getters[LIKE_NUM].__qualname__ == "zh_like_num.<locals>.like_num"
    for token in pipeline.nlp.make_doc("三千五百人，二十三个，3.5%，1/2"):
        assert token.like_num == spacy_like_num(token.text)
