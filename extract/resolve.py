"""Resolution: values that need context, and overlaps settled once, by one rule.

- Dates get their ISO 8601 / TIMEX3 ``value`` from the reference date (the publish date, or the
  batch's ``--reference-date``); never the clock. A date without its year takes the year that puts
  it inside the window of rules/dates.yaml (news reports the past).
- Overlaps: a number inside a date, a programme or an organization name is not a numeric claim;
  a date inside a document title is still a date.
"""
from __future__ import annotations

from datetime import date, timedelta
from typing import Iterable, Mapping

from spacy.language import Language
from spacy.tokens import Doc

from .matchers.base import REFERENCE_KEY, ensure_extensions, mentions_of, write_mentions
from .mention import Mention
from .rules import load_rules

_PART_GRANULARITY = {"H1": "none", "H2": "none", "Q1": "quarter", "Q2": "quarter", "Q3": "quarter",
                     "Q4": "quarter", "SP": "none", "SU": "none", "FA": "none", "WI": "none",
                     "BEGIN": "month", "END": "month"}
_PART_VALUE = {"BEGIN": "01", "END": "12"}


class DateResolver:
    def __init__(self, window: Mapping):
        self.past = timedelta(days=int(window.get("past_days", 275)))
        self.future = timedelta(days=int(window.get("future_days", 90)))

    def __call__(self, mention: Mention, reference: date | None) -> Mention:
        parts = mention.fields.get("parts", {})
        value, kind, granularity, relative = self.value(parts, reference)
        fields = {"value": value, "kind": kind, "granularity": granularity, "relative": relative,
                  "anchor": reference.isoformat() if (relative and reference) else ""}
        return mention.with_(fields=fields)

    def value(self, parts: Mapping, ref: date | None) -> tuple[str, str, str, bool]:
        if "start" in parts:
            v1, _, g1, r1 = self.value(parts["start"], ref)
            end = dict(parts["end"])
            for key in ("year", "year_offset", "month"):
                if key in parts["start"] and key not in end and ("day" in end or key == "year"):
                    end[key] = parts["start"][key]
            v2, _, _, r2 = self.value(end, ref)
            return f"{v1}/{v2}", "range", g1, r1 or r2
        if "vague" in parts:
            return parts["vague"], "vague", "none", True
        if "duration" in parts:
            n = str(parts["duration"])
            unit = parts["duration_unit"]
            return (f"PT{n}H" if unit == "H" else f"P{n}{unit}"), "duration", "none", False
        if "year_end" in parts:
            return f"{parts['year']}/{parts['year_end']}", "range", "year", False
        kind = "range" if parts.get("open") else "date"
        relative = False
        year = parts.get("year")
        if "year_offset" in parts:
            relative = True
            year = ref.year + parts["year_offset"] if ref else None
        if any(k in parts for k in ("month_offset", "week_offset", "day_offset")):
            relative = True
            if ref is None:
                return "", kind, "day", True
            if "day_offset" in parts:
                d = ref + timedelta(days=parts["day_offset"])
                value = d.isoformat()
                value, granularity = self._time_of_day(value, parts, "day")
                return value, ("time" if "hour" in parts else kind), granularity, True
            if "week_offset" in parts:
                iso = (ref + timedelta(weeks=parts["week_offset"])).isocalendar()
                return f"{iso[0]}-W{iso[1]:02d}", kind, "week", True
            months = ref.year * 12 + ref.month - 1 + parts["month_offset"]
            return f"{months // 12}-{months % 12 + 1:02d}", kind, "month", True
        if "year_part" in parts:
            part = parts["year_part"]
            if year is None and ref is not None:
                year, relative = ref.year, True
            prefix = str(year) if year is not None else "XXXX"
            if part in _PART_VALUE:
                return f"{prefix}-{_PART_VALUE[part]}", kind, "month", relative
            return f"{prefix}-{part}", kind, _PART_GRANULARITY[part], relative
        month, day = parts.get("month"), parts.get("day")
        if year is None and (month or day):
            relative = True
            year, month = self._infer(month, day, ref)
        if year is None and month is None and day is None:
            return "", kind, "none", relative
        y = f"{year:04d}" if year is not None else "XXXX"
        if month is None and day is None:
            return y, kind, "year", relative
        if day is None:
            return f"{y}-{month:02d}", kind, "month", relative
        m = f"{month:02d}" if month is not None else "XX"
        value, granularity = self._time_of_day(f"{y}-{m}-{day:02d}", parts, "day")
        if "hour" in parts and not parts.get("open"):
            kind = "time"
        return value, kind, granularity, relative

    def _time_of_day(self, value: str, parts: Mapping, granularity: str) -> tuple[str, str]:
        if "hour" in parts:
            value += f"T{parts['hour']:02d}:{parts.get('minute', 0):02d}"
            granularity = "minute"
            if "second" in parts:
                value += f":{parts['second']:02d}"
                granularity = "second"
        elif "day_part" in parts:
            value += f"T{parts['day_part']}"
        return value, granularity

    def _infer(self, month: int | None, day: int | None, ref: date | None) -> tuple[int | None, int | None]:
        """Year (and month, for a bare day) of a date written without them, from the window."""
        if ref is None:
            return None, month
        if month is None:
            candidates = [(ref.year * 12 + ref.month - 1 + k) for k in (0, -1, 1)]
            for c in candidates:
                y, mth = divmod(c, 12)
                d = _safe_date(y, mth + 1, day)
                if d and ref - self.past <= d <= ref + self.future and (d <= ref + timedelta(days=3) or c != candidates[0]):
                    return y, mth + 1
            return ref.year, ref.month
        for year in (ref.year, ref.year - 1, ref.year + 1):
            d = _safe_date(year, month, day or 1)
            if d and ref - self.past <= d <= ref + self.future:
                return year, month
        return ref.year, month


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def parse_reference(value: str | None) -> date | None:
    """``2021-04-27T10:22:41`` / ``2021-04-27`` -> date; None for empty or unreadable."""
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def settle_overlaps(by_type: Mapping[str, list[Mention]]) -> dict[str, list[Mention]]:
    """A numeric claim inside (or crossing) a date, programme or organization is dropped."""
    blockers = [m for t in ("date", "program", "organization") for m in by_type.get(t, [])]
    result = dict(by_type)
    result["numeric"] = [n for n in by_type.get("numeric", []) if not any(n.overlaps(b) for b in blockers)]
    return result


def resolve_doc(doc: Doc, resolver: DateResolver) -> Doc:
    reference = parse_reference(doc.user_data.get(REFERENCE_KEY))
    by_type = {key: mentions_of(doc, key) for key in ("program", "organization", "date", "numeric")}
    by_type["date"] = [resolver(m, reference) for m in by_type["date"]]
    for key, mentions in settle_overlaps(by_type).items():
        write_mentions(doc, key, mentions)
    return doc


@Language.factory("xinwen_resolve", default_config={"rules_dirs": []})
def make_resolve(nlp: Language, name: str, rules_dirs: list[str]):
    ensure_extensions()
    resolver = DateResolver(load_rules(rules_dirs).family("dates")["resolution"])
    return lambda doc: resolve_doc(doc, resolver)
