"""Properties that hold for any text: the normalizer and every matcher, over arbitrary Unicode and
over news-like text built from the characters the rules react to (so the matchers do fire)."""
from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from extract.readers import Document
from extract.schema import layout

# characters the rules react to: digits and numerals, units, scales, date words, quotes, org suffixes
NEWSY = ("0123456789.%-～至到年月日号周前后今去明上下半第一二三四五六七八九十百千万亿两零〇几多余超近约逾达共"
         "个人次家元条项名岁届期省市县区委局办厅部会中心网信国广东北京清朗专项行动计划工程《》“”「」（）()，。、；：！？"
         "\n \t\u3000ＡＢ１２％abc繁體臺灣發展\ufffd\u200b\u202e")
ANY = st.text(st.characters(codec=None, exclude_categories=()), max_size=300)
NEWS = st.text(st.sampled_from(NEWSY), max_size=300)
SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
TEXTS = st.one_of(ANY, NEWS)


@pytest.fixture(scope="module")
def normalizer(pipeline):
    return pipeline.normalizer


@SETTINGS
@given(TEXTS)
def test_normalized_offsets_map_into_the_raw_text(normalizer, raw):
    normalized = normalizer(raw)
    text, aligned = normalized.text, normalized.aligned
    for i in range(len(text) + 1):
        start, end = aligned.raw_span(i, min(i + 1, len(text)))
        assert 0 <= start <= end <= len(raw), (i, start, end)
    for zone in normalized.excluded:
        assert 0 <= zone.start < zone.end <= len(text)


@SETTINGS
@given(TEXTS)
def test_normalization_is_idempotent(normalizer, raw):
    once = normalizer(raw).text
    assert normalizer(once).text == once


@SETTINGS
@given(TEXTS)
def test_every_matcher_gives_spans_inside_the_text(pipeline, raw):
    result = pipeline.process(Document("p", "", text=raw))
    if not raw.strip():
        return
    assert result.status == "ok", result.error
    text = result.normalized.text
    for mention in result.mentions:
        assert mention.type in layout().types
        assert 0 <= mention.start < mention.end <= len(text), mention
        assert mention.surface == text[mention.start:mention.end]
        assert 0 <= mention.raw_start <= mention.raw_end <= len(raw), mention


@SETTINGS
@given(NEWS)
def test_extraction_is_deterministic(pipeline, raw):
    first = pipeline.process(Document("p", "", text=raw))
    second = pipeline.process(Document("p", "", text=raw))
    assert first.status == second.status
    assert [(m.type, m.start, m.end, m.rule, m.fields) for m in first.mentions] == \
           [(m.type, m.start, m.end, m.rule, m.fields) for m in second.mentions]


@SETTINGS
@given(st.text(st.characters(codec=None, categories=["Cs"]), min_size=1, max_size=5), NEWS)
def test_lone_surrogates_never_stop_the_writers(pipeline, tmp_path_factory, surrogates, text):
    """Regression: a lone surrogate (a JSON ``\\ud800`` escape, or from a Python caller) used to raise
    UnicodeEncodeError in the CSV writer and stop the whole chunk."""
    from extract.tables import build_tables, write_tables, write_texts

    result = pipeline.process(Document("s" + surrogates, "", text=surrogates + text, title=surrogates))
    out = tmp_path_factory.mktemp("surrogates")
    write_tables(build_tables([result]), out)
    write_texts([result], out)
    assert result.document.doc_id == "s" + "\ufffd" * len(surrogates)
