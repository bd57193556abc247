"""The importable numeral parser on its own."""
import pytest

from extract import parse_number
from extract.numerals import NumberError


@pytest.mark.parametrize("text,value,value_max,bound", [
    ("1.9万余", 19000, None, "lower"),
    ("超1800万", 18000000, None, "lower"),
    ("近300", 300, None, "upper"),
    ("约5000", 5000, None, "approx"),
    ("四百多", 400, None, "lower"),
    ("一千八百", 1800, None, "exact"),
    ("两", 2, None, "exact"),
    ("贰佰叁拾", 230, None, "exact"),
    ("廿五", 25, None, "exact"),
    ("3万4千", 34000, None, "exact"),
    ("18亿5000万", 1850000000, None, "exact"),
    ("1,800", 1800, None, "exact"),
    ("十几万", 100000, None, "lower"),
    ("二十几万", 200000, None, "lower"),
    ("两三", 2, 3, "exact"),
    ("数百", 100, None, "lower"),
    ("两千四百五", 2450, None, "exact"),
    ("一万零十二", 10012, None, "exact"),
    ("一百零十万", 1100000, None, "exact"),
    ("四万万", 400000000, None, "exact"),
    ("4.78万亿", 4780000000000, None, "exact"),
    ("五兆六十二亿四万五千二", 5006200045200, None, "exact"),
    ("负三十二", -32, None, "exact"),
    ("二点五", 2.5, None, "exact"),
    ("两千万点五五四四", 20000000.5544, None, "exact"),
    ("五分之一", 0.2, None, "exact"),
    ("3又一千分之23", 3.023, None, "exact"),
    ("3/5", 0.6, None, "exact"),
    ("2e5", 200000, None, "exact"),
    ("一打", 12, None, "exact"),
    ("500余万", 5000000, None, "lower"),
    ("10-20万", 100000, 200000, "exact"),
    ("3至5万", 30000, 50000, "exact"),
    ("1800多万", 18000000, None, "lower"),
    ("二〇二〇", 2020, None, "exact"),
])
def test_parse_number(text, value, value_max, bound):
    number = parse_number(text)
    assert (number.value, number.value_max, number.bound) == (value, value_max, bound)


@pytest.mark.parametrize("text", ["", "abc", "20-10", "万", "万万", "两两"])
def test_parse_number_rejects(text):
    with pytest.raises(NumberError):
        parse_number(text)
