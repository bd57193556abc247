"""Time and length bounds (issue 22, items 14 and 16): every matcher is linear on hostile repeated
inputs, a per-document time budget turns a pathological document into an error row while the batch
goes on, and the documented length limit (--max-chars, 2,000,000) is the one that holds."""
from __future__ import annotations

import time

import pytest

from extract import Pipeline
from extract.readers import DEFAULT_MAX_CHARS, Document
from extract.timebudget import TimeBudget

# units that, repeated, once made a scan quadratic (“清朗”×40,000 took 185 s) or may: quotes, marks
# the numeral reader reacts to, date and organization triggers
HOSTILE = ["“清朗”", "“清朗”、", "“清朗”“", "百分之", "第", "“", "1", "一", "万", "1-", "1 ", "3月", "北京市委",
           "《清朗》", "“清朗”行动", "清朗行动和"]
SMALL, LARGE = 10_000, 80_000  # characters; eight times longer may take at most about eight times longer


def _matcher_seconds(pipeline, text: str) -> float:
    """Seconds the matchers take on ``text`` (segmented beforehand: the segmenter is jieba's)."""
    doc = pipeline.nlp.make_doc(text)
    start = time.perf_counter()
    for _, component in pipeline.nlp.pipeline:
        doc = component(doc)
    return time.perf_counter() - start


@pytest.mark.parametrize("unit", HOSTILE)
def test_matchers_grow_linearly_on_repeated_hostile_text(pipeline, unit):
    small = _matcher_seconds(pipeline, unit * (SMALL // len(unit)))
    large = _matcher_seconds(pipeline, unit * (LARGE // len(unit)))
    # linear: about 8x; quadratic would be 64x. Room for a busy machine, and an absolute floor
    assert large < 20 * small + 1.0, (unit, small, large)


def test_repeated_quoted_names_take_seconds_not_minutes(pipeline):
    """Regression: “清朗”×40,000 (160 k characters) took 185 s in the quoted-programme scan."""
    start = time.perf_counter()
    result = pipeline.process(Document("q", "", text="“清朗”" * 40_000))
    assert result.status == "ok", result.error
    assert time.perf_counter() - start < 30


def test_a_document_past_its_budget_is_an_error_row_and_the_batch_goes_on():
    """The normalizer's repair search on 《a》×20,000 takes seconds: with a budget of 0.2 s it is cut
    where it stands (not after it finishes), and the next document is processed as usual."""
    pipeline = Pipeline(time_budget=TimeBudget(base_seconds=0.2, seconds_per_million_chars=0))
    assert pipeline.process(Document("first", "", text="天气很好。")).status == "ok"  # loading is not charged
    start = time.perf_counter()
    slow, good = pipeline.process_all([Document("slow", "", text="《a》" * 20_000),
                                       Document("good", "", text="今年超过10万人参与。")])
    assert time.perf_counter() - start < 3  # the slow one alone takes seconds more
    assert slow.status == "error" and "DocumentTimeout" in slow.error and "time budget" in slow.error
    assert good.status == "ok" and any(m.surface == "超过10万人" for m in good.mentions)


def test_the_budget_grows_with_the_document():
    budget = TimeBudget()
    assert budget.seconds_for(2_000_000) > 10 * budget.seconds_for(0) / 2  # a long document gets minutes
    assert TimeBudget(base_seconds=None).seconds_for(10**9) is None


def test_the_documented_length_limit_is_the_real_one(pipeline):
    """Regression: a 1.2 M-character document failed with spaCy's E088 (nlp.max_length 1,000,000)
    under the documented --max-chars of 2,000,000."""
    assert pipeline.nlp.max_length == DEFAULT_MAX_CHARS
    result = pipeline.process(Document("long", "", text="天气很好。" * 240_000))
    assert result.status == "ok", result.error


def test_a_text_over_the_limit_is_refused_with_the_readers_message():
    result = Pipeline(max_chars=100).process(Document("long", "", text="天" * 101))
    assert result.status == "error"
    assert "document too long" in result.error and "E088" not in result.error


def test_a_raised_max_chars_reaches_the_workers_pipeline():
    """Regression: ``--max-chars`` above the default let the readers through but the batch's
    pipeline kept the default limit, so such documents were still refused."""
    from extract.batch import PipelineConfig

    config = PipelineConfig(max_chars=DEFAULT_MAX_CHARS * 2)
    assert config.build().max_chars == DEFAULT_MAX_CHARS * 2
    assert config.build().nlp.max_length == DEFAULT_MAX_CHARS * 2

