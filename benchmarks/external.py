"""Score xinwen's numeral, date and quantity parsing against Microsoft Recognizers-Text Chinese specs.

    python benchmarks/external.py [DATA_DIR] [--json OUT] [--misses N]

DATA_DIR defaults to ``../shared/data/recognizers-text-zh`` next to the repository. Every case's
``Input`` goes through the real pipeline (``extract.pipeline.Pipeline.process``), one Pipeline per
reference date (``Context.ReferenceDateTime`` for DateTime files, none for the others). Spans are
compared on raw offsets (``raw_start``/``raw_end``), so xinwen's normalization (width, script) does
not move them. The spec's span is ``Start`` + ``End`` (inclusive) or ``Start`` + ``Length``, checked
to spell ``Text`` up to NFKC width folding (the spec writes ``４，５６５`` as ``4,565``).

For every expected result: **found** = a *relevant* xinwen mention overlaps the expected span;
**right** = one of the overlapping relevant mentions has the value the spec resolves to. Numbers
are equal within 1e-9 relative, or when both round to the same non-zero value at 6 decimals
(xinwen rounds values to 6 places). Per file:

- Number/NumberModel.json: the spec asks for every number, bare ones included, so it is judged on
  xinwen's numeral recognizer, the layer numeric claims are built on (``doc.user_data``
  ``xinwen_numerals``: every numeral the recognizer kept after its word checks, the pipeline run
  in full); right = the numeral's ``value`` equals the spec ``value``. A second row,
  ``· claims``, judges the numeric claims table itself, which by design keeps no bare number.
- Number/NumberRangeModel.json: relevant = numeric mentions; right = the mention read as an
  interval equals the spec's interval: a range is [value, value_max], a ``lower`` bound
  [value, ∞), ``upper`` (-∞, value], ``exact`` [value, value]; an ``approx`` claim is never right.
  Whether an end is open or closed (大于 vs 大于等于) is not compared: ANNOTATION.md's ``bound``
  does not say, so ``(20,35]`` and ``[20,35]`` are the same to this judge.
- Number/PercentModel.json: relevant = numeric mentions; right = the mention is a percentage (unit
  ``%``/``％``/``个百分点``, or ``‰`` read as a tenth of a percent) whose value equals the spec
  ``value`` with its ``%`` removed.
- NumberWithUnit/CurrencyModel.json: relevant = numeric mentions; right = ``value`` equals the spec
  ``value`` and the unit's ISO 4217 code (``CURRENCY_CODES``) equals ``isoCurrency``; when the spec
  gives no ``isoCurrency`` the mention must have kind ``money``. A spec ``value`` of null (a bare
  currency name) is never right, since a numeric mention always has a value.
- NumberWithUnit/DimensionModel.json: relevant = numeric mentions; right = ``value`` equals the spec
  ``value`` and the unit names the spec's unit (``DIMENSION_UNITS``).
- NumberWithUnit/AgeModel.json: relevant = numeric mentions; right = ``value`` equals the spec
  ``value`` and the unit names the same time unit (``岁``/``周岁`` Year, ``个月`` Month, ``周`` Week,
  ``天`` Day; ``AGE_UNITS``). The mention's ``kind`` (age or duration) is not checked.
- DateTime/DateExtractor.json, DatePeriodExtractor.json, HolidayExtractor.json: relevant = date
  mentions; the spec has spans only, so right = a date mention covers exactly the expected span, or
  that span less a leading preposition (``从``/``在``/``自``/``于``), which ANNOTATION.md leaves out
  of a date's surface (``从一月十日到十二日`` -> ``一月十日到十二日``).
- DateTime/DateParser.json, HolidayParser.json: relevant = date mentions; right = ``value`` equals
  the spec ``Timex`` or the date of its ``PastResolution`` or ``FutureResolution`` (the spec's two
  readings of a date without a year; xinwen picks one from its news window). The spec writes a
  lunar date's month and day as if they were Gregorian (``春节`` = XXXX-01-01, ``农历2015年十月初一``
  = 2015-10-01); xinwen gives the real Gregorian day, so for an expected text with a lunar word
  (``LUNAR_TEXT``) the Gregorian date of the spec's lunar day (``lunardate``) counts as right too.
- DateTime/DatePeriodParser.json: relevant = date mentions; xinwen's ``value`` is read as a period
  [start, end): ``2018`` is 2018-01-01..2019-01-01, ``2018-04``, ``2017-W13``, ``2017-Q1``,
  ``2017-H1`` and single days likewise, and a range ``A/B`` is start(A)..start(B), the spec's own
  convention (``2009年到2010年`` is 2009-01-01..2010-01-01). Right = that (start, end) equals the
  spec's Past or Future ``startDate``/``endDate``, or ``value`` equals the ``Timex`` (``2017-SU``
  has no resolution); a TIMEX3 decade ``197`` is 1970-01-01..1980-01-01. A duration anchored to
  the reference date (``近三年`` = P3Y, relative, anchor 2017-03-22) is read as the span of that
  length ending at the anchor or starting the day after it (the value does not say which way).
- DateTime/DurationParser.json: relevant = mentions that carry a duration: date mentions of kind
  ``duration`` (ISO 8601 ``P…``) and numeric mentions of kind ``duration`` (value + time unit).
  Right = their length in seconds equals the spec ``duration``, with the spec's convention
  (year 365 days, month 30 days). Other mentions do not count as found.

The table reports each file twice: over all cases, and over the cases the reference Python port
passes (leaving out those whose ``NotSupported``/``NotSupportedByDesign`` mentions python).
``empty ok`` counts, among cases that expect nothing, those where xinwen emitted no relevant mention.
"""
from __future__ import annotations

import argparse
import json
import math
import sys
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Callable, Iterable

import regex

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from extract.mention import Mention  # noqa: E402
from extract.pipeline import Pipeline  # noqa: E402
from extract.readers import Document  # noqa: E402

DEFAULT_DATA = REPO.parent / "shared" / "data" / "recognizers-text-zh"

# ISO 4217 codes of the Chinese currency words a money unit may carry.
CURRENCY_CODES = {
    "元": "CNY", "元人民币": "CNY", "人民币": "CNY", "块": "CNY", "块钱": "CNY",
    "美元": "USD", "美金": "USD", "美圆": "USD", "欧元": "EUR", "日元": "JPY", "日圆": "JPY",
    "英镑": "GBP", "港元": "HKD", "港币": "HKD", "澳元": "AUD", "卢布": "RUB", "新台币": "TWD",
    "台币": "TWD", "韩元": "KRW", "瑞士法郎": "CHF", "奈拉": "NGN",
    "￥": "CNY", "¥": "CNY", "US$": "USD", "HK$": "HKD", "NT$": "TWD", "€": "EUR", "£": "GBP",
}
DIMENSION_UNITS = {
    "米": "Meter", "m": "Meter", "公里": "Kilometer", "千米": "Kilometer", "km": "Kilometer", "KM": "Kilometer",
    "厘米": "Centimeter", "公分": "Centimeter", "cm": "Centimeter", "CM": "Centimeter", "毫米": "Millimeter",
    "mm": "Millimeter", "吨": "Ton", "公斤": "Kilogram", "千克": "Kilogram", "kg": "Kilogram", "KG": "Kilogram",
    "克": "Gram", "毫克": "Milligram", "微克": "Microgram", "斤": "Jin", "亩": "Mu", "公顷": "Hectare",
    "平方米": "Square meter", "平方公里": "Square kilometer", "字节": "Byte", "千字节": "Kilobyte",
    "兆字节": "Megabyte", "比特": "Bit", "千比特": "Kilobit", "赫兹": "Hertz", "兆赫兹": "Megahertz",
    "千瓦": "Kilowatt", "千卡": "Kilocalorie", "海里": "Nautical mile", "英里": "Mile", "英尺": "Foot",
}
AGE_UNITS = {"岁": "Year", "周岁": "Year", "年": "Year", "个月": "Month", "月": "Month", "周": "Week",
             "星期": "Week", "个星期": "Week", "天": "Day", "日": "Day"}
PERCENT_UNITS = {"%": 1.0, "％": 1.0, "个百分点": 1.0, "百分点": 1.0, "‰": 0.1, "‱": 0.01}
DAY = 86400
ISO_SECONDS = {"Y": 365 * DAY, "M": 30 * DAY, "W": 7 * DAY, "D": DAY}
ISO_TIME_SECONDS = {"H": 3600, "M": 60, "S": 1}
UNIT_SECONDS = {"年": ISO_SECONDS["Y"], "个月": ISO_SECONDS["M"], "月": ISO_SECONDS["M"], "周": ISO_SECONDS["W"],
                "星期": ISO_SECONDS["W"], "个星期": ISO_SECONDS["W"], "天": DAY, "日": DAY, "小时": 3600,
                "个小时": 3600, "分钟": 60, "秒": 1, "秒钟": 1}


# -- spec cases ---------------------------------------------------------------------------------
@dataclass
class Expected:
    text: str
    start: int  # half-open offsets into the case input
    end: int
    resolution: dict


@dataclass
class Case:
    index: int
    input: str
    reference: str  # ISO date, "" when the spec gives none
    python_unsupported: bool
    expected: list[Expected]


def load_cases(path: Path) -> list[Case]:
    with open(path, encoding="utf-8-sig") as handle:
        raw = json.load(handle)
    return [_case(i, item) for i, item in enumerate(raw)]


def _case(index: int, item: dict) -> Case:
    text = item["Input"]
    flags = f"{item.get('NotSupported', '')} {item.get('NotSupportedByDesign', '')}".lower()
    reference = (item.get("Context") or {}).get("ReferenceDateTime", "")[:10]
    expected = [Expected(r["Text"], *_span(text, r), r.get("Resolution") or r.get("Value") or {})
                for r in item.get("Results", [])]
    return Case(index, text, reference, "python" in flags, expected)


def _span(text: str, result: dict) -> tuple[int, int]:
    """Half-open offsets from ``Start``+``End`` (inclusive) or ``Start``+``Length``, checked against Text."""
    start = result["Start"]
    end = result["End"] + 1 if "End" in result else start + result["Length"]
    if _fold(text[start:end]) != _fold(result["Text"]):
        raise ValueError(f"spec offsets {start}..{end} of {text!r} do not spell {result['Text']!r}")
    return start, end


def _fold(s: str) -> str:
    return unicodedata.normalize("NFKC", s).casefold()


# -- values ---------------------------------------------------------------------------------------
def same_number(got, want) -> bool:
    if got is None or want is None:
        return got is None and want is None
    got, want = float(got), float(want)
    if math.isclose(got, want, rel_tol=1e-9):
        return True
    return round(want, 6) != 0 and round(got, 6) == round(want, 6)


def spec_number(value) -> float | None:
    """Spec values are strings: "1234.5", "1.5E+15", "30%"; None stays None."""
    if value is None:
        return None
    return float(str(value).rstrip("%"))


def percent_of(mention: Mention) -> float | None:
    factor = PERCENT_UNITS.get(mention.fields.get("unit", ""))
    value = mention.fields.get("value")
    return None if factor is None or value is None else float(value) * factor


def iso_duration_seconds(value: str) -> float | None:
    """``P3Y``, ``P1.5Y``, ``P1Y3M20DT8H``, ``PT5M`` -> seconds, the spec's year/month lengths."""
    m = regex.fullmatch(r"P((?:[\d.]+[YMWD])*)(?:T((?:[\d.]+[HMS])+))?", value or "")
    if not m or not (m.group(1) or m.group(2)):
        return None
    total = sum(float(n) * ISO_SECONDS[u] for n, u in regex.findall(r"([\d.]+)([YMWD])", m.group(1)))
    total += sum(float(n) * ISO_TIME_SECONDS[u] for n, u in regex.findall(r"([\d.]+)([HMS])", m.group(2) or ""))
    return total


def duration_seconds(mention: Mention) -> float | None:
    """Length of a duration mention in seconds; None for anything that is no duration."""
    if mention.type == "date" and mention.fields.get("kind") == "duration":
        return iso_duration_seconds(mention.fields.get("value", ""))
    if mention.type == "numeric" and mention.fields.get("kind") == "duration":
        seconds = UNIT_SECONDS.get(mention.fields.get("unit", ""))
        value = mention.fields.get("value")
        return None if seconds is None or value is None else float(value) * seconds
    return None


def period(value: str) -> tuple[date, date] | None:
    """A TIMEX-style value as [start, end); a range ``A/B`` as start(A)..start(B) like the spec."""
    if "/" in value:
        first, second = (period(v) for v in value.split("/", 1))
        return (first[0], second[0]) if first and second else None
    try:
        return _single_period(value)
    except ValueError:
        return None


def _single_period(value: str) -> tuple[date, date] | None:
    if m := regex.fullmatch(r"(\d{3})", value):  # a TIMEX3 decade
        decade = int(m.group(1)) * 10
        return date(decade, 1, 1), date(decade + 10, 1, 1)
    if m := regex.fullmatch(r"(\d{4})", value):
        year = int(m.group(1))
        return date(year, 1, 1), date(year + 1, 1, 1)
    if m := regex.fullmatch(r"(\d{4})-(\d{2})", value):
        return _months(int(m.group(1)), int(m.group(2)), 1)
    if m := regex.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value):
        day = date(*map(int, m.groups()))
        return day, day + timedelta(days=1)
    if m := regex.fullmatch(r"(\d{4})-W(\d{2})", value):
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        return monday, monday + timedelta(days=7)
    if m := regex.fullmatch(r"(\d{4})-Q([1-4])", value):
        return _months(int(m.group(1)), 3 * int(m.group(2)) - 2, 3)
    if m := regex.fullmatch(r"(\d{4})-H([12])", value):
        return _months(int(m.group(1)), 6 * int(m.group(2)) - 5, 6)
    return None


def _months(year: int, month: int, count: int) -> tuple[date, date]:
    end = year * 12 + month - 1 + count
    return date(year, month, 1), date(end // 12, end % 12 + 1, 1)


# -- what counts, per file ----------------------------------------------------------------------------
@dataclass(frozen=True)
class Judge:
    relevant: Callable[[Mention], bool]
    right: Callable[[Mention, Expected], bool]


def _is_numeric(m: Mention) -> bool:
    return m.type == "numeric"


def _is_date(m: Mention) -> bool:
    return m.type == "date"


def _number_right(m: Mention, exp: Expected) -> bool:
    return same_number(m.fields.get("value"), spec_number(exp.resolution.get("value")))


def _percent_right(m: Mention, exp: Expected) -> bool:
    got = percent_of(m)
    return got is not None and same_number(got, spec_number(exp.resolution.get("value")))


def _currency_right(m: Mention, exp: Expected) -> bool:
    if not _number_right(m, exp):
        return False
    code = exp.resolution.get("isoCurrency")
    if code:
        return CURRENCY_CODES.get(m.fields.get("unit", "")) == code
    return m.fields.get("kind") == "money"


def _age_right(m: Mention, exp: Expected) -> bool:
    return _number_right(m, exp) and AGE_UNITS.get(m.fields.get("unit", "")) == exp.resolution.get("unit")


def _dimension_right(m: Mention, exp: Expected) -> bool:
    """Value and unit; the spec reads 三千比特 as 3 Kilobit, xinwen as 3000 比特: both are accepted."""
    unit = DIMENSION_UNITS.get(m.fields.get("unit", ""))
    want = exp.resolution.get("unit")
    if unit == want:
        return _number_right(m, exp)
    if want and unit and want == "Kilo" + unit.lower():
        value = spec_number(exp.resolution.get("value"))
        return value is not None and same_number(m.fields.get("value"), value * 1000)
    return False


LEADING_PREPOSITION = regex.compile(r"\s*(?:从|在|自|于)\s*")
LUNAR_TEXT = regex.compile(r"农历|阴历|陰曆|農曆|正月|腊月|臘月|冬月|初[一二三四五六七八九十]|廿|大年|除夕|春节|春節|元宵|端午|中秋|重阳|重陽|七夕|腊八")


def _exact_span(m: Mention, exp: Expected) -> bool:
    if (m.raw_start, m.raw_end) == (exp.start, exp.end):
        return True
    lead = LEADING_PREPOSITION.match(exp.text)
    return bool(lead) and (m.raw_start, m.raw_end) == (exp.start + lead.end(), exp.end)


def _resolutions(exp: Expected) -> list[dict]:
    return [exp.resolution.get(k) or {} for k in ("PastResolution", "FutureResolution")]


def _lunar_reading(value: str | None) -> str | None:
    """The spec's lunar y-m-d as the Gregorian day (12-30/12-31 is New Year's Eve), else None."""
    from lunardate import LunarDate

    m = regex.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", value or "")
    if not m:
        return None
    year, month, day = map(int, m.groups())
    try:
        if month == 12 and day >= 30:
            return (LunarDate(year + 1, 1, 1).to_solar_date() - timedelta(days=1)).isoformat()
        return LunarDate(year, month, day).to_solar_date().isoformat()
    except (ValueError, IndexError):
        return None


def _date_right(m: Mention, exp: Expected) -> bool:
    dates = {r.get("date") for r in _resolutions(exp)}
    accepted = {exp.resolution.get("Timex")} | dates
    if LUNAR_TEXT.search(exp.text):
        accepted |= {_lunar_reading(d) for d in dates}
    return m.fields.get("value") in accepted - {None}


def _anchored_periods(m: Mention) -> set[tuple[str, str]]:
    """A duration anchored to the reference date: the span ending at the anchor, or starting after it."""
    seconds = iso_duration_seconds(m.fields.get("value", ""))
    anchor = m.fields.get("anchor")
    if m.fields.get("kind") != "duration" or not seconds or not anchor:
        return set()
    at = date.fromisoformat(anchor)
    length = regex.fullmatch(r"P(\d+)([YMWD])", m.fields["value"])
    if not length:
        return set()
    n, unit = int(length.group(1)), length.group(2)

    def shift(d: date, k: int) -> date:
        if unit in "YM":
            months = d.year * 12 + d.month - 1 + k * (12 if unit == "Y" else 1)
            return d.replace(year=months // 12, month=months % 12 + 1)
        return d + timedelta(days=k * (7 if unit == "W" else 1))
    after = at + timedelta(days=1)
    return {(shift(at, -n).isoformat(), at.isoformat()), (after.isoformat(), shift(after, n).isoformat())}


def _period_right(m: Mention, exp: Expected) -> bool:
    value = m.fields.get("value", "")
    if value and value == exp.resolution.get("Timex"):
        return True
    wanted = {(r.get("startDate"), r.get("endDate")) for r in _resolutions(exp)}
    if _anchored_periods(m) & wanted:
        return True
    got = period(value)
    if got is None:
        return False
    return (got[0].isoformat(), got[1].isoformat()) in wanted


def _duration_right(m: Mention, exp: Expected) -> bool:
    want = next((r.get("duration") for r in _resolutions(exp) if r.get("duration")), None)
    got = duration_seconds(m)
    return got is not None and want is not None and same_number(got, float(want))


_INTERVAL = regex.compile(r"^\s*([\[(])\s*([^,]*?)\s*,\s*([^,]*?)\s*([\])])\s*$")


def spec_interval(value) -> tuple[float | None, float | None] | None:
    """``(20,35]`` -> (20, 35); ``[30,)`` -> (30, None); ``(,100]`` -> (None, 100)."""
    m = _INTERVAL.match(str(value or ""))
    if not m:
        return None
    low, high = (spec_number(x) if x else None for x in (m.group(2), m.group(3)))
    return low, high


def mention_interval(m: Mention) -> tuple[float | None, float | None] | None:
    """A claim read as an interval: a range is (value, value_max); lower (value, ∞); upper (-∞,
    value); exact (value, value). ``approx`` is no interval."""
    value, high, bound = m.fields.get("value"), m.fields.get("value_max"), m.fields.get("bound")
    if value is None:
        return None
    if high is not None:
        return value, high
    return {"lower": (value, None), "upper": (None, value), "exact": (value, value)}.get(bound)


def _range_right(m: Mention, exp: Expected) -> bool:
    want, got = spec_interval(exp.resolution.get("value")), mention_interval(m)
    if want is None or got is None:
        return False
    return all((w is None and g is None) or (w is not None and g is not None and same_number(g, w))
               for w, g in zip(want, got))


JUDGES: dict[str, Judge] = {
    "Number/NumberModel.json": Judge(_is_numeric, _number_right),
    "Number/NumberRangeModel.json": Judge(_is_numeric, _range_right),
    "Number/PercentModel.json": Judge(_is_numeric, _percent_right),
    "NumberWithUnit/CurrencyModel.json": Judge(_is_numeric, _currency_right),
    "NumberWithUnit/AgeModel.json": Judge(_is_numeric, _age_right),
    "NumberWithUnit/DimensionModel.json": Judge(_is_numeric, _dimension_right),
    "DateTime/DateExtractor.json": Judge(_is_date, _exact_span),
    "DateTime/DateParser.json": Judge(_is_date, _date_right),
    "DateTime/DatePeriodExtractor.json": Judge(_is_date, _exact_span),
    "DateTime/DatePeriodParser.json": Judge(_is_date, _period_right),
    "DateTime/HolidayExtractor.json": Judge(_is_date, _exact_span),
    "DateTime/HolidayParser.json": Judge(_is_date, _date_right),
    "DateTime/DurationParser.json": Judge(lambda m: duration_seconds(m) is not None, _duration_right),
}
CLAIMS_ROW = "Number/NumberModel.json · claims"


# -- running ----------------------------------------------------------------------------------------
@dataclass
class Outcome:
    case: Case
    expected: Expected | None  # None: a case that expects nothing
    found: bool
    right: bool
    got: list[str] = field(default_factory=list)


class Pipelines:
    """One Pipeline per reference date: construction loads spaCy and jieba, so it is cached."""

    def __init__(self):
        self._by_date: dict[str, Pipeline] = {}

    def __call__(self, reference: str) -> Pipeline:
        if reference not in self._by_date:
            self._by_date[reference] = Pipeline(reference_date=reference or None)
        return self._by_date[reference]


def run_pipeline(cases: list[Case], judge: Judge, pipelines: Pipelines, name: str) -> list[Outcome]:
    outcomes = []
    for case in cases:
        result = pipelines(case.reference).process(Document(f"{name}#{case.index}", name, text=case.input))
        if result.status != "ok":
            raise RuntimeError(f"{name} case {case.index}: {result.error}")
        relevant = [m for m in result.mentions if judge.relevant(m)]
        outcomes.extend(_judge_case(case, relevant, judge))
    return outcomes


def _judge_case(case: Case, relevant: list[Mention], judge: Judge) -> Iterable[Outcome]:
    if not case.expected:
        yield Outcome(case, None, found=bool(relevant), right=not relevant, got=[_show(m) for m in relevant])
    for exp in case.expected:
        near = [m for m in relevant if m.raw_start < exp.end and exp.start < m.raw_end]
        shown = [_show(m) for m in (near or relevant)]
        yield Outcome(case, exp, bool(near), any(judge.right(m, exp) for m in near), shown)


def run_numerals(cases: list[Case], pipelines: Pipelines, name: str) -> list[Outcome]:
    """The numeral recognizer's layer, after the whole pipeline ran on the case."""
    from extract.matchers.numerics import NUMERALS_KEY

    outcomes = []
    for case in cases:
        pipeline = pipelines(case.reference)
        normalized, doc = pipeline.annotate(Document(f"{name}#{case.index}", name, text=case.input))
        relevant = []
        for numeral in doc.user_data.get(NUMERALS_KEY, []):
            raw_start, raw_end = normalized.aligned.raw_span(numeral.start, numeral.end)
            relevant.append(Mention("numeric", numeral.start, numeral.end, doc.text[numeral.start:numeral.end],
                                    "numeral", {"value": numeral.value}, raw_start=raw_start, raw_end=raw_end))
        outcomes.extend(_judge_case(case, relevant, JUDGES["Number/NumberModel.json"]))
    return outcomes


def _show(m: Mention) -> str:
    unit = m.fields.get("unit") or ""
    return f"{m.surface}={m.fields.get('value')}{unit}"


# -- reporting --------------------------------------------------------------------------------------
def summarize(cases: list[Case], outcomes: list[Outcome]) -> dict:
    def counts(keep: Callable[[Case], bool]) -> dict:
        mine = [o for o in outcomes if keep(o.case)]
        scored = [o for o in mine if o.expected is not None]
        empty = [o for o in mine if o.expected is None]
        return {"cases": sum(1 for c in cases if keep(c)), "expected": len(scored),
                "found": sum(o.found for o in scored), "right": sum(o.right for o in scored),
                "empty_cases": len(empty), "empty_ok": sum(o.right for o in empty)}

    return {"all": counts(lambda c: True), "python_supported": counts(lambda c: not c.python_unsupported)}


def _share(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}% ({part})" if whole else "–"


def _ratio(part: int, whole: int) -> str:
    return f"{part}/{whole}" if whole else "–"


def markdown_table(summary: dict[str, dict]) -> str:
    head = ("| file | cases | expected | found | right value | empty ok "
            "| cases¹ | expected¹ | found¹ | right value¹ | empty ok¹ |")
    lines = [head, "|" + "---|" * 11]
    for name, figures in summary.items():
        cells = [name]
        for key in ("all", "python_supported"):
            f = figures[key]
            cells += [str(f["cases"]), str(f["expected"]), _share(f["found"], f["expected"]),
                      _share(f["right"], f["expected"]), _ratio(f["empty_ok"], f["empty_cases"])]
        lines.append("| " + " | ".join(cells) + " |")
    lines.append("")
    lines.append("¹ excluding cases the reference Python port flags unsupported (NotSupported/"
                 "NotSupportedByDesign mentioning python). found = a relevant xinwen mention overlaps the "
                 "expected span; right value = one of them resolves to the spec's value; empty ok = cases "
                 "expecting nothing where xinwen emitted nothing relevant.")
    return "\n".join(lines)


def print_misses(name: str, outcomes: list[Outcome], limit: int) -> None:
    misses = [o for o in outcomes if not o.right]
    if not misses or limit <= 0:
        return
    print(f"\n### {name}: {len(misses)} misses (showing {min(limit, len(misses))})")
    for o in misses[:limit]:
        ref = f" [ref {o.case.reference}]" if o.case.reference else ""
        flag = " [py-unsupported]" if o.case.python_unsupported else ""
        got = "; ".join(o.got) or "nothing"
        if o.expected is None:
            print(f"- `{o.case.input}`{ref}{flag}: expected nothing; xinwen: {got}")
            continue
        state = "found, wrong value" if o.found else "not found"
        print(f"- `{o.case.input}`{ref}{flag}: expected `{o.expected.text}` = {_describe(o.expected)}; "
              f"xinwen ({state}): {got}")


def _describe(exp: Expected) -> str:
    r = exp.resolution
    if "Timex" in r:
        readings = sorted({json.dumps(x, ensure_ascii=False) for x in _resolutions(exp) if x})
        return " | ".join([r["Timex"], *readings])
    parts = [str(r.get("value"))] + [str(r[k]) for k in ("isoCurrency", "unit") if r.get(k)]
    return " ".join(parts) if r else "(span only)"


def evaluate(data_dir: Path) -> dict[str, tuple[dict, list[Outcome]]]:
    """Every row of the table: its figures and its outcomes (for --misses)."""
    pipelines = Pipelines()
    rows: dict[str, tuple[dict, list[Outcome]]] = {}
    for name, judge in JUDGES.items():
        cases = load_cases(data_dir / name)
        if name == "Number/NumberModel.json":
            outcomes = run_numerals(cases, pipelines, name)
            rows[name] = summarize(cases, outcomes), outcomes
            claims = run_pipeline(cases, judge, pipelines, name)
            rows[CLAIMS_ROW] = summarize(cases, claims), claims
            continue
        outcomes = run_pipeline(cases, judge, pipelines, name)
        rows[name] = summarize(cases, outcomes), outcomes
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("data_dir", nargs="?", type=Path, default=DEFAULT_DATA,
                        help="the recognizers-text-zh folder (default: %(default)s)")
    parser.add_argument("--json", type=Path, metavar="OUT", help="also write the figures as JSON")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="print up to N failed cases per file")
    args = parser.parse_args(argv)
    if not args.data_dir.is_dir():
        parser.error(f"{args.data_dir} is not a folder")
    rows = evaluate(args.data_dir)
    summary = {name: figures for name, (figures, _) in rows.items()}
    print(markdown_table(summary))
    for name, (_, outcomes) in rows.items():
        print_misses(name, outcomes, args.misses)
    if args.json:
        payload = {"data_dir": str(args.data_dir), "files": summary}
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
