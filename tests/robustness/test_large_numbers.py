"""Numbers no float holds (issue 22, items 8 and 15): every digit is kept in ``value_exact``, a
number beyond the float range is a row with an empty value and a note, and no numeral, however
written, turns its document into an error row."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extract import parse_number
from extract.decimals import BEYOND_FLOAT, ROUNDED
from extract.readers import Document
from extract.tables import build_tables


def _numerics(pipeline, text: str) -> list[dict]:
    result = pipeline.process(Document("n", "", text=text))
    assert result.status == "ok", result.error
    return [dict(m.fields, surface=m.surface) for m in result.mentions if m.type == "numeric"]


@pytest.mark.parametrize("text, exact", [
    ("共1234567890123元", "1234567890123"),        # 13 digits: twelve kept before
    ("共9007199254740993元", "9007199254740993"),  # 2**53 + 1: no float holds it
    ("投资4.78万亿元", "4780000000000"),
    ("共1,234,567,890,123,456,789元", "1234567890123456789"),
    ("收入0.1元", "0.1"),
])
def test_every_digit_is_kept_in_value_exact(pipeline, text, exact):
    [claim] = _numerics(pipeline, text)
    assert claim["value_exact"] == exact
    assert Decimal(claim["value_exact"]) == Decimal(exact)
    assert claim["value"] == float(exact)  # the float column is the nearest float, not fewer digits
    assert claim["note"] == ("" if Decimal(repr(float(exact))) == Decimal(exact) else ROUNDED)


def test_parse_number_keeps_every_digit():
    assert parse_number("1234567890123").value == 1234567890123
    assert parse_number("9007199254740993").value == 9007199254740993
    assert parse_number("9007199254740993").exact == Decimal("9007199254740993")


@pytest.mark.parametrize("text, exact", [
    ("收入1e309元。", "1E+309"),
    ("共10^400元", "1E+400"),
])
def test_a_number_beyond_floats_is_an_empty_value_with_a_note(pipeline, text, exact):
    [claim] = _numerics(pipeline, text)
    assert claim["value"] is None  # not inf
    assert claim["value_exact"] == exact
    assert claim["note"] == BEYOND_FLOAT


@pytest.mark.parametrize("text", [
    "百分之" * 500 + "五",                 # RecursionError before
    "1-百分之" * 400 + "1",                # ranges into percent forms, nested
    "1e" + "9" * 5000 + "元",              # an exponent int() refuses
    "3/" + "1" * 5000 + "元",              # a denominator int() refuses
    "10^" + "9" * 5000 + "元",
    "共" + "9" * 400 + "元",               # float('9'*400) is inf
])
def test_no_numeral_loses_its_document(pipeline, text):
    result = pipeline.process(Document("n", "", text=text + "。今年超过10万人参与。"))
    assert result.status == "ok", result.error
    claims = [m for m in result.mentions if m.type == "numeric"]
    assert any(m.surface == "超过10万人" for m in claims)
    for m in claims:
        value = m.fields["value"]
        assert value is None or abs(value) != float("inf"), m


def test_value_exact_and_note_reach_the_table(pipeline):
    result = pipeline.process(Document("n", "", text="收入1e309元，共9007199254740993元。"))
    table = build_tables([result])["numerics"]
    assert list(table["value_exact"]) == ["1E+309", "9007199254740993"]
    assert table["value"].isna().tolist() == [True, False]
    assert list(table["note"]) == [BEYOND_FLOAT, ROUNDED]
