"""Document metadata stated in scraped pages: publish date-time, source, title, bylines.

The publish date found here is the reference date for relative dates, unless the input
record states one (a JSONL ``published`` field wins).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Mapping, Sequence

import regex

from ..patterns import RulePattern
from .zones import Zone, joined_lines


@dataclass(frozen=True)
class Metadata:
    title: str = ""
    source: str = ""
    published: str = ""  # ISO 8601, "" when unknown
    bylines: tuple[tuple[int, int], ...] = ()


_TITLE_MIN, _TITLE_MAX = 4, 80


class MetadataReader:
    def __init__(self, rules: Mapping):
        self.head_lines = int(rules.get("head_lines", 12))
        self.published = [RulePattern.of(e) for e in rules.get("published", [])]
        self.source = [RulePattern.of(e) for e in rules.get("source", [])]
        self.byline = [RulePattern.of(e, flags=regex.MULTILINE) for e in rules.get("byline", [])]

    def __call__(self, text: str, zones: Sequence[Zone]) -> Metadata:
        content = _content_lines(text, zones)
        head = content[: self.head_lines]
        published, source, meta_lines = "", "", set()
        block = joined_lines(text, head)
        published_patterns = [p for p in self.published if p.may_match_a_line(block)]
        source_patterns = [p for p in self.source if p.may_match_a_line(block)]
        for start, end in head if published_patterns or source_patterns else ():
            line = text[start:end]
            for pattern in published_patterns:
                m = pattern.search(line)
                if m and not published:
                    published = iso_datetime(m.group("published"))
                    if published:
                        meta_lines.add(start)
                        if m.groupdict().get("source"):
                            source = m.group("source")
            for pattern in source_patterns:
                m = pattern.search(line)
                if m and not source:
                    source = m.group("source")
                    meta_lines.add(start)
        title = ""
        for start, end in head[:2]:
            line = text[start:end].strip()
            if start in meta_lines:
                continue
            if "。" not in line and regex.search(r"\p{Han}", line) and _TITLE_MIN <= len(line) <= _TITLE_MAX:
                title = line
            break
        # line by line: over the whole text, a MULTILINE ``^\s*`` runs across blank lines (quadratic)
        block = joined_lines(text, content)
        byline = [p for p in self.byline if p.may_match_a_line(block)]
        bylines = tuple((start, end) for start, end in content if byline
                        and any(p.search(text, start, end) for p in byline))
        return Metadata(title=title, source=source, published=published, bylines=bylines)


def iso_datetime(value: str) -> str:
    """``2021-04-27 10:22:41`` / ``2022年12月27日`` -> ISO 8601; "" when it is no real date."""
    value = value.strip()
    numbers = [int(n) for n in regex.findall(r"\d+", value)]
    if len(numbers) < 3:
        return ""
    try:
        moment = datetime(*numbers[:6])
    except (TypeError, ValueError):
        return ""
    if len(numbers) == 3:
        return moment.date().isoformat()
    return moment.isoformat(timespec="seconds" if len(numbers) >= 6 else "minutes")


def _content_lines(text: str, zones: Sequence[Zone]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip() or any(z.start <= start and end <= z.end for z in zones):
            continue
        spans.append((start, end))
    return spans
