"""Overlaps across types settled once: a number inside a date, a programme or an organization name
is not a numeric claim, and an organization on a platform's words or inside a title in 《》 is none
(resolution runs it after the dates have their values)."""
from __future__ import annotations

from typing import Mapping

from .matchers.base import SpanSet
from .mention import Mention


def settle_overlaps(by_type: Mapping[str, list[Mention]]) -> dict[str, list[Mention]]:
    """A numeric claim inside (or crossing) a date, programme or organization is dropped; but a
    timed result (4小时12分21秒) keeps its hours, which are no duration of their own. An organization
    spanning the very words of a platform or column programme, or inside a title in 《》, is dropped."""
    timed = SpanSet((n.start, n.end) for n in by_type.get("numeric", []) if n.rule == "unit.duration.race_time")
    result = dict(by_type)
    result["date"] = [d for d in by_type.get("date", []) if not timed.overlaps(d.start, d.end)]
    # a platform or column the programme grammar names is no body by the same words (央视新闻 of 央视新闻、央视频),
    # and a body named inside a title in 《》 is the title's word, not a body the story names (《中国共产党纪律处分条例》;
    # a well-known body's name alone in the marks names it: 翻自《网易》)
    programs = by_type.get("program", [])
    outlets = {(p.start, p.end) for p in programs if p.fields.get("kind") in ("platform", "column")}
    titles = [(p.start, p.end) for p in programs if p.surface.startswith("《")]
    result["organization"] = [o for o in by_type.get("organization", []) if (o.start, o.end) not in outlets
                              and not any(a < o.start and o.end < b and not _fills(o, a, b) for a, b in titles)]
    blockers = SpanSet((m.start, m.end) for t in ("date", "program", "organization") for m in result.get(t, []))
    result["numeric"] = [n for n in by_type.get("numeric", []) if not blockers.overlaps(n.start, n.end)]
    return result


def _fills(org: Mention, start: int, end: int) -> bool:
    """A well-known body's name fills the title's marks (《网易》, 《央视》): the outlet named, not a work's title
    (《国家大剧院》, a film's name)."""
    return (org.start, org.end) == (start + 1, end - 1) and org.rule.startswith("org.known")
