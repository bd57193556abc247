"""Dates: the matcher and the resolver on their own (no spaCy), one behaviour per test.

The examples in rules/dates.yaml run through the whole pipeline (test_rule_examples.py); these tests
pin the resolution rules that need several mentions, a changed window, or an exact surface.
"""
from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest

from extract.matchers.dates import DateMatcher
from extract.resolve import DateResolver
from extract.rules import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules([]).family("dates")


@pytest.fixture(scope="module")
def matcher(rules):
    from extract.numerals import NumeralGrammar

    return DateMatcher(rules, NumeralGrammar(load_rules([]).family("numerics")["numerals"]))


@pytest.fixture(scope="module")
def resolver(rules):
    return DateResolver(rules["resolution"], rules["holidays"][0])


def dates(matcher, resolver, text: str, reference: str | None = "2021-04-27"):
    ref = date.fromisoformat(reference) if reference else None
    found = resolver.resolve_all(matcher(SimpleNamespace(text=text)), ref)
    return [(m.surface, m.fields["value"]) for m in found]


@pytest.mark.parametrize("text,reference,expected", [
    ("12月1日", "2022-12-27", "2022-12-01"),   # earlier this year
    ("12月30日", "2023-01-03", "2022-12-30"),  # more than future_days ahead: last year
    ("1月5日", "2022-12-27", "2023-01-05"),    # a year back is too far, next week is near
    ("2月", "2017-11-30", "2017-02"),          # a month is tested with its last day
    ("2月29日", "2020-06-01", "2020-02-29"),
    ("2月29日", "2019-03-22", "XXXX-02-29"),   # no leap year inside the window
    ("5号", "2022-12-27", "2022-12-05"),
    ("28日", "2022-12-02", "2022-11-28"),      # a bare day far ahead is last month's
])
def test_year_window(matcher, resolver, text, reference, expected):
    assert dates(matcher, resolver, text, reference) == [(text, expected)]


@pytest.mark.parametrize("text,expected", [
    # a bare day after a day of another month in its sentence is a day of that month
    ("包括10月2日晚上的晚会及3日晚上的音乐会", [("10月2日晚上", "2021-10-02TEV"), ("3日晚上", "2021-10-03TEV")]),
    ("2018年10月2日的晚会及3日的音乐会", [("2018年10月2日", "2018-10-02"), ("3日", "2018-10-03")]),
    # each bare day of a list, and one after a time of day
    ("10月2日、3日和4日举行", [("10月2日", "2021-10-02"), ("3日", "2021-10-03"), ("4日", "2021-10-04")]),
    ("10月2日抵达北京，晚上8点开会，3日返回", [("10月2日", "2021-10-02"), ("晚上8点", "2021-10-02T20:00"),
                                             ("3日", "2021-10-03")]),
    # in the next sentence, or in the reference's own month, the window decides (news reports the past)
    ("10月2日抵达。3日返回。", [("10月2日", "2021-10-02"), ("3日", "2021-07-03")]),
    ("7月10日，警方通报了28日发生的事故", [("7月10日", "2021-07-10"), ("28日", "2021-06-28")]),
    ("预计7月20、21号迎来高峰", [("7月20", "2021-07-20"), ("21号", "2021-07-21")]),  # listed right after it
    # a bracketed day glosses the word before it
    ("完工日期展延为8月28日，截至今天(11日)为止", [("8月28日", "2021-08-28"), ("今天", "2021-07-11"), ("11日", "2021-07-11")]),
])
def test_bare_day_takes_the_sentence_month(matcher, resolver, text, expected):
    found = resolver.resolve_all(matcher(SimpleNamespace(text=text)), date(2021, 7, 11), text)
    assert [(m.surface, m.fields["value"]) for m in found] == expected


def test_bare_day_takes_the_sentence_month_without_a_reference(matcher, resolver):
    text = "2018年10月2日的晚会及3日的音乐会"
    found = resolver.resolve_all(matcher(SimpleNamespace(text=text)), None, text)
    assert [m.fields["value"] for m in found] == ["2018-10-02", "2018-10-03"]


def test_window_is_data(rules, matcher):
    narrow = DateResolver({**rules["resolution"], "future_days": 0})
    found = narrow.resolve_all(matcher(SimpleNamespace(text="5月1日")), date(2021, 4, 27))
    assert found[0].fields["value"] == "2020-05-01"


@pytest.mark.parametrize("text", ["2017年2月29日", "2月30日", "2021-02-30", "13月5日"])
def test_impossible_dates_are_not_dates(matcher, resolver, text):
    assert all(value not in ("2017-02-29", "2021-02-30") for _, value in dates(matcher, resolver, text))
    assert not [s for s, _ in dates(matcher, resolver, text) if s == text]


@pytest.mark.parametrize("text", ["超1800万人次", "2000余件", "2022 个", "共2022个", "1800-2000人", "10点积分", "3号线"])
def test_no_number_is_a_date_without_date_evidence(matcher, resolver, text):
    assert dates(matcher, resolver, text) == []


def test_fiscal_year_is_a_date(matcher, resolver):
    assert dates(matcher, resolver, "2022年度") == [("2022年度", "2022")]


def test_reference_never_the_clock(matcher, resolver):
    assert dates(matcher, resolver, "去年", None) == [("去年", "")]
    assert dates(matcher, resolver, "12月1日", None) == [("12月1日", "XXXX-12-01")]


@pytest.mark.parametrize("text,reference,expected", [
    ("周三", "2021-04-27", "2021-04-21"),     # a Tuesday: the last Wednesday
    ("星期二", "2021-04-27", "2021-04-27"),   # the same day
    ("下周五", "2021-04-27", "2021-05-07"),
    ("上个星期一", "2021-04-27", "2021-04-19"),
])
def test_weekdays(matcher, resolver, text, reference, expected):
    assert dates(matcher, resolver, text, reference) == [(text, expected)]


@pytest.mark.parametrize("text,reference,expected", [
    ("晚上8:30", "2021-04-27", "T20:30"),                    # a clock hour read as its part of day says
    ("今晚8：06", "2021-04-27", "2021-04-27T20:06"),
    ("今天14:00", "2021-04-27", "2021-04-27T14:00"),         # a clock time after a day word
    ("每周六晚10点", None, "XXXX-WXX-6T22:00"),             # a weekday with no reference keeps its hour
])
def test_clock_times_and_weekday_hours(matcher, resolver, text, reference, expected):
    assert [v for _, v in dates(matcher, resolver, text, reference)] == [expected]


@pytest.mark.parametrize("text,reference,expected", [
    ("98年，洪水", "2017-03-22", [("98年", "1998")]),     # a clause starts with it
    ("在98年", "2017-03-22", [("98年", "1998")]),
    ("党走过98年", "2019-07-01", [("98年", "P98Y")]),     # ninety-eight years
    ("'98年", "2017-03-22", [("'98年", "1998")]),
    ("07年", "2017-03-22", [("07年", "2007")]),
    ("18年10月1日", "2017-03-22", [("18年10月1日", "2018-10-01")]),
    ("零八年", "2017-03-22", [("零八年", "2008")]),
])
def test_two_digit_years(matcher, resolver, text, reference, expected):
    assert dates(matcher, resolver, text, reference) == expected


@pytest.mark.parametrize("text,expected", [
    ("90年代", "199"), ("上世纪七十年代", "197"), ("20世纪80年代", "198"), ("20年代", "202"),
])
def test_decades(matcher, resolver, text, expected):
    assert dates(matcher, resolver, text, "2021-04-27") == [(text, expected)]


@pytest.mark.parametrize("text,expected", [
    ("三年半", "P3.5Y"), ("两年", "P2Y"), ("近三年", "P3Y"), ("30多年", "P30Y"), ("十几天", "P10D"),
    ("一个多小时", "PT1H"), ("8天20小时", "P8DT20H"), ("五个星期3小时", "P5WT3H"), ("3年2月", "P3Y2M"),
])
def test_durations(matcher, resolver, text, expected):
    assert dates(matcher, resolver, text) == [(text, expected)]


def test_anchored_duration_records_its_anchor(matcher, resolver):
    found = resolver.resolve_all(matcher(SimpleNamespace(text="近三年")), date(2017, 3, 22))
    assert (found[0].fields["relative"], found[0].fields["anchor"]) == (True, "2017-03-22")
    plain = resolver.resolve_all(matcher(SimpleNamespace(text="5年来")), date(2017, 3, 22))
    assert (plain[0].fields["relative"], plain[0].fields["anchor"]) == (False, "")


@pytest.mark.parametrize("text", ["约七年", "超5000小时", "第3天", "100周年", "三年行动计划", "7×24小时"])
def test_counts_that_stay_numeric(matcher, resolver, text):
    assert [v for _, v in dates(matcher, resolver, text) if v.startswith("P")] == []


@pytest.mark.parametrize("text,expected", [
    ("1月至3月", "2021-01/2021-03"), ("今年1—3月", "2021-01/2021-03"), ("2020-2022", "2020/2022"),
    ("2016年起", "2016"), ("6月8日至21日", "2021-06-08/2021-06-21"),
])
def test_ranges(matcher, resolver, text, expected):
    assert dates(matcher, resolver, text, "2021-07-01") == [(text, expected)]


@pytest.mark.parametrize("text,reference,expected", [
    # a date glossed in brackets, then 到/至 and a date: one range from the gloss (its month too)
    ("今天（4月20日）到24日", "2023-04-20", [("今天（4月20日）到24日", "2023-04-20/2023-04-24")]),
    ("今天（16日）起至本月22日", "2019-05-16", [("今天（16日）起至本月22日", "2019-05-16/2019-05-22")]),
    ("昨天（6月13日）到今天", "2021-06-14", [("昨天（6月13日）到今天", "2021-06-13/2021-06-14")]),
    # 起到/起至 after a date that 起 does not open on its own (起到 is a verb: qi_veto)
    ("从今天起到24号", "2013-09-20", [("今天起到24号", "2013-09-20/2013-09-24")]),
    # a gloss with no date after 到 stays two dates
    ("协议今天（12月31日）到期", "2021-12-31", [("今天", "2021-12-31"), ("12月31日", "2021-12-31")]),
    # an end written as a day alone before the gloss's day: no range
    ("明天（3月3日）至1日", "2014-03-02", [("明天", "2014-03-03"), ("3月3日", "2014-03-03"), ("1日", "2014-03-01")]),
])
def test_glossed_and_since_ranges(matcher, resolver, text, reference, expected):
    assert dates(matcher, resolver, text, reference) == expected


@pytest.mark.parametrize("text,reference,expected", [
    ("十一", "2021-04-27", []),                                  # eleven, unless a word says holiday
    ("国庆节", "2021-10-08", [("国庆节", "2021-10-01")]),
    ("春节", "2021-04-27", [("春节", "2021-02-12")]),             # lunar, converted
    ("中秋节", "2021-04-27", [("中秋节", "2020-10-01")]),         # this year's is months ahead
    ("2020年春节", "2021-04-27", [("2020年春节", "2020-01-25")]),
    ("除夕", "2021-04-27", [("除夕", "2021-02-11")]),
    ("十一黄金周", "2021-10-09", [("十一黄金周", "2021-10-01/2021-10-07")]),  # the days off (holidays.schedules)
    ("2023年国庆假期", "2023-10-09", [("2023年国庆假期", "2023-09-29/2023-10-06")]),  # joint with 中秋
    ("2020年元旦假期", "2021-10-09", [("2020年元旦假期", "2020-01-01")]),  # one day off: the day
    ("十一个人", "2021-10-09", []),
])
def test_holidays(matcher, resolver, text, reference, expected):
    assert dates(matcher, resolver, text, reference) == expected


def test_lunar_outside_the_table_is_written_as_it_stands(matcher, resolver):
    assert dates(matcher, resolver, "康熙三年五月") == [("康熙三年五月", "1664-05")]


@pytest.mark.parametrize("text,expected", [
    ("上午10点", "T10:00"), ("晚上8时30分", "T20:30"), ("今天上午10点", "2021-04-27T10:00"),
    ("今天下午3点半", "2021-04-27T15:30"),
])
def test_times_of_day(matcher, resolver, text, expected):
    assert dates(matcher, resolver, text) == [(text, expected)]


def test_event_anchoring(matcher, resolver):
    text = "15日，航母首次参战。战机当天起飞。7年前她曾任职，工作两年后离开。晚上8时演出。"
    found = dict(dates(matcher, resolver, text, "2016-11-16"))
    assert found["当天"] == "2016-11-15"
    assert found["7年前"] == "2009"
    assert found["两年"] == "P2Y"  # the contract leaves the trailing 后 out: a length
    assert found["晚上8时"] == "2016-11-15T20:00"


def test_plan_periods_and_vague(matcher, resolver):
    assert dates(matcher, resolver, "“十四五”时期，目前") == [("“十四五”时期", "2021/2025"), ("目前", "PRESENT_REF")]


@pytest.mark.parametrize("reference,expected", [
    ("2024-08-12", "2024-W32-WE"),  # Monday: the weekend just ended
    ("2024-08-13", "2024-W32-WE"),  # Tuesday too (weekend_past_days)
    ("2024-08-14", "2024-W33-WE"),  # Wednesday: this week's
    ("2024-08-18", "2024-W33-WE"),  # Sunday: this one
])
def test_bare_weekend_early_in_the_week_is_the_one_past(matcher, resolver, reference, expected):
    assert dates(matcher, resolver, "美国周末发生多起枪击案", reference) == [("周末", expected)]


@pytest.mark.parametrize("reference,expected", [("2021-01-26", "2021"), ("2021-11-30", "2021"), ("2021-12-30", "2022")])
def test_the_new_year_is_the_coming_one_in_december(matcher, resolver, reference, expected):
    assert dates(matcher, resolver, "新的一年，各地加快发展", reference) == [("新的一年", expected)]


@pytest.mark.parametrize("text,value", [("三", 3), ("二十三", 23), ("两千零四", 2004), ("十几", 10), ("1.5", 1.5), ("百", 100)])
def test_chinese_count(matcher, text, value):
    assert matcher.count(text) == value


@pytest.mark.parametrize("text,expected", [
    ("每年春节，他都在值班", [("春节", "XXXX-XX-XX")]),
    ("每年农历六月二十四日举行", [("农历六月二十四日", "XXXX-XX-XX")]),
    ("每逢国庆节", [("国庆节", "XXXX-10-01")]),
    ("每年5月至10月", [("5月至10月", "XXXX-05/XXXX-10")]),
    ("今年春节", [("今年春节", "2021-02-12")]),  # a year word: one festival
])
def test_every_year_is_a_set(matcher, resolver, text, expected):
    """每年 + a day of the year: every year's such day (no year to infer), not the nearest one."""
    found = resolver.resolve_all(matcher(SimpleNamespace(text=text)), date(2021, 4, 27))
    assert [(m.surface, m.fields["value"]) for m in found] == expected
    assert not any(m.fields["relative"] for m in found[:1] if "XXXX" in m.fields["value"])


@pytest.mark.parametrize("text,reference,expected", [
    ("这一留就是23年", "2024-06-01", [("23年", "P23Y")]),          # 就是 + NN年: a length (two_digit_length_openers)
    ("那是98年发生的事", "2017-03-22", [("98年", "1998")]),        # 是 alone still opens a year
    ("警方昨上午10时赶到", "2017-06-28", [("昨上午10时", "2017-06-27T10:00")]),  # 昨 before a part of a day
    ("如今上午也开放", "2017-06-28", [("如今", "PRESENT_REF")]),    # 今 inside 如今 (short_day_veto)
    ("截至今年6月底", "2021-08-02", [("今年6月底", "2021-06")]),     # 至 + 今年, not 至今 + 年 (now_veto)
])
def test_word_boundaries(matcher, resolver, text, reference, expected):
    assert dates(matcher, resolver, text, reference) == expected


@pytest.mark.parametrize("text,reference,expected", [
    ("新规将于12月1日起实施", "2020-06-10", "2020-12-01"),  # 起 opens a range on a coming day
    ("1月1日起实施的新规", "2020-06-10", "2020-01-01"),     # ... and one this year's past stays
    ("12月1日开幕", "2020-06-10", "2019-12-01"),           # without 起 the window is unchanged
])
def test_open_range_may_lie_ahead(matcher, resolver, text, reference, expected):
    assert dates(matcher, resolver, text, reference)[0][1] == expected


@pytest.mark.parametrize("text,reference,expected", [
    ("从今天起至28日", "2020-07-22", "2020-07-22/2020-07-28"),  # a bare end day takes the start's month
    ("从今天到5日", "2020-07-30", "2020-07-30/2020-08-05"),     # ... or the next when it has passed
    ("今天起至31日", "2021-06-15", "2021-06-15/2021-07-31"),     # ... or the next that has the day
    ("7日至10日", "2023-06-05", "2023-06-07/2023-06-10"),
    ("即日起至今年底", "2023-04-28", "2023-04-28/2023"),          # a year's end is no time of the start's day
    ("明天下午到夜间", "2024-07-24", "2024-07-25TAF/2024-07-25TNI"),
])
def test_range_end_day(matcher, resolver, text, reference, expected):
    assert dates(matcher, resolver, text, reference)[0][1] == expected
