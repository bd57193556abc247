"""Comparisons and ranges written in words: what joins into one range and what must stay apart."""
import pytest

from extract.readers import Document


def _claims(pipeline, text):
    result = pipeline.process(Document("t", "", text=text))
    return [(m.surface, m.fields["value"], m.fields["value_max"], m.fields["bound"])
            for m in result.mentions if m.type == "numeric"]


@pytest.mark.parametrize("text,expected", [
    # no number is above 50 and below 12: two one-sided claims
    ("大于50小于12的目标", [("大于50", 50, None, "lower"), ("小于12", 12, None, "upper")]),
    # 且 joins, but y stands between: two claims about two things
    ("x大于10且y小于20", [("大于10", 10, None, "lower"), ("小于20", 20, None, "upper")]),
    # different units: two claims
    ("超过100家，不足300人", [("超过100家", 100, None, "lower"), ("不足300人", 300, None, "upper")]),
    ("不大于50不小于20", [("不大于50不小于20", 20, 50, "exact")]),
    ("10000与20000间", [("10000与20000间", 10000, 20000, "exact")]),
    ("比 170 低", [("比 170 低", 170, None, "upper")]),
])
def test_ranges_join_only_what_is_one_range(pipeline, text, expected):
    assert _claims(pipeline, text) == expected


@pytest.mark.parametrize("text", [
    "他今年读了300",        # a bare number is no claim
    "近300",               # 近 is a qualifier, not a comparison: still bare
    "经过20",
    "20和30",              # no 之间: not a range
])
def test_bare_numbers_stay_out(pipeline, text):
    assert _claims(pipeline, text) == []
