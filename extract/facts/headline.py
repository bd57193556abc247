"""A bulletin item's headline (一季度浙江中欧班列进出口6.3万标箱) restates a figure of the item's body
(据杭州海关统计，一季度，…累计进出口货物6.3万标箱): the headline states no time and rarely a body, so
its claim takes the date and organization that figure has in the body."""
from __future__ import annotations

import bisect
import re

from ..matchers.spaced import BLANKS
from ..mention import Mention
from .date_spans import baseline
from .view import Link, TextView


_FIGURE = ("value", "value_max", "bound")
_DAY = re.compile(r"\d{4}-\d\d-\d\d")
_DAY_WORD = re.compile(r"[日号天晚晨午]")  # 17日凌晨, 今天, 今晚, 9号上午; not 五四青年节
_SPAN_START = ("开始", "起")


_NEXT_LINE = re.compile(r"\n[\s\u3000]*\S")  # a line break, perhaps blank lines, then a line with text


def is_headline(view: TextView, pos: int) -> bool:
    """The line at ``pos`` is a short one with no sentence end (国内联播快讯's item titles), and a
    line with text follows it (perhaps after blank lines)."""
    p_start, p_end = view.paragraph(pos)
    line = view.text[p_start:p_end].strip(BLANKS)
    return 0 < len(line) <= view.lex.headline_max and _NEXT_LINE.match(view.text, p_end) is not None \
        and not any(ch in view.lex.sentence_ends for ch in line)


def next_line(view: TextView, p_end: int) -> int:
    """The start of the first line with text after the line ending at ``p_end`` (blank lines stepped
    over; -1: the text's first line with text)."""
    pos = p_end + 1
    while pos < len(view.text) and view.text[pos] in BLANKS + "\n\r":
        pos += 1
    return pos


def body_claim(view: TextView, claim: Mention) -> Mention | None:
    """The claim of the body's first line (the item under the headline) with the headline claim's
    value, bound and unit or object (2死7伤 -> 造成2人死亡，7人受伤); None for a claim of no headline."""
    if not is_headline(view, claim.start):
        return None
    _, p_end = view.paragraph(claim.start)
    b_start, b_end = view.paragraph(next_line(view, p_end))
    for m in view.in_span("numeric", b_start, b_end):
        if _same_figure(claim, m):
            return m
    return None


def _same_figure(head: Mention, body: Mention) -> bool:
    """Same value, upper value and bound (200多人 is not 近200人); the unit the same, or either has none (7伤, 7人受伤)."""
    a, b = head.fields, body.fields
    if [a.get(k) for k in _FIGURE] != [b.get(k) for k in _FIGURE] or a.get("value") is None:
        return False
    units = a.get("unit") or "", b.get("unit") or ""
    return units[0] == units[1] or not all(units)


def from_body(link: Link, body_link: Link, rule: str) -> Link:
    """The body figure's link in place of the headline's when it found something stated (not the
    publish date the headline has already)."""
    if body_link.mention is None:
        return link
    return Link(body_link.text, rule, body_link.mention)


def item_lead(view: TextView, pos: int) -> tuple[int, int] | None:
    """The lead sentence of the story, or of the bulletin item, that ``pos`` is in: the first
    sentence of the first line after the last headline before ``pos`` (of the text when there is
    none); None when ``pos`` is in that sentence or in a headline."""
    if is_headline(view, pos):
        return None
    heads = _headline_lines(view)
    i = bisect.bisect_left(heads, view.text.rfind("\n", 0, pos) + 1)
    lead = view.sentence(next_line(view, view.text.find("\n", heads[i - 1]) if i else -1))
    return None if lead[0] <= pos < lead[1] else lead


def _headline_lines(view: TextView) -> list[int]:
    """The start of every headline line of the document, found once (a walk back per claim is
    quadratic in the lines of a long text)."""
    found = view.memo.get("headline_lines")
    if found is None:
        starts = [0] + [m.end() for m in re.finditer("\n", view.text)]
        found = view.memo["headline_lines"] = [s for s in starts if is_headline(view, s)]
    return found


def lead_day(view: TextView, claim_start: int) -> Mention | None:
    """美国纽约市一家餐厅17日凌晨发生枪击事件，…。警方在现场发现至少42枚弹壳: the day the lead sentence
    of the claim's story or item states (its first: 今天（14日）…清零，预计明天将关闭) is the day of the
    event its figures belong to, when the claim is at most ``lead_date_lines`` lines below it; None for
    a lead stating a period as well (今年前10个月: the figures' period), a day starting a span (从今天开始)
    or one named by a festival (五四青年节来临之际: not the event's day)."""
    lead = item_lead(view, claim_start)
    if lead is None or view.text.count("\n", lead[0], claim_start) > view.lex.lead_date_lines:
        return None
    dates = [m for m in view.in_span("date", *lead) if m.fields.get("kind") != "duration" and not baseline(view, m)]
    days = [m for m in dates if m.fields.get("granularity") in view.lex.event_granularities
            and _DAY.match(str(m.fields.get("value") or "")) and _DAY_WORD.search(m.surface)]
    if not days or len(days) != len(dates) or days[0].surface.endswith(_SPAN_START) \
            or view.text.startswith(_SPAN_START, days[0].end):
        return None
    return days[0]
