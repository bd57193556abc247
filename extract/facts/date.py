"""The time a claim holds for: a date in its clause, else one that frames it (截至…, a date opening a
clause of its sentence, the day a body gave the figures, the paragraph's opening date, the period of
the sentence before), else the publish date (``date_source`` inferred)."""
from __future__ import annotations

from dataclasses import replace
from typing import Sequence

import regex

from ..mention import Mention
from .subject import change_start
from .view import NONE, Link, TextView, distance

_VAGUE = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
_YEARS = regex.compile(r"P(\d{1,2})Y")


def date(view: TextView, claim: Mention) -> Link:
    c_start, c_end = view.clause(claim.start)
    change = change_start(view, claim)
    in_clause = [m for m in view.in_span("date", c_start, c_end) if _usable(view, m)
                 and not (change and change[1] <= m.start < change[0].start)]  # 从2000年的28.38‰降为…
    if in_clause:
        nearest = min(in_clause, key=lambda m: distance(m, claim))
        return Link(nearest.surface, "facts.date.clause", nearest)
    s_start, _ = view.sentence(claim.start)
    stated = view.in_span("date", s_start, claim.start)
    before = [m for m in stated if _usable(view, m)]
    found = _stated_before(view, claim, s_start, c_start, stated, before)
    if found is None:
        found = _years_to_now(view, [*view.in_span("date", c_start, c_end), *stated])
    return found if found is not None else _unstated(view, claim, s_start, stated, before)


def _years_to_now(view: TextView, candidates: Sequence[Mention]) -> Link | None:
    """五年来共投入1700亿元, 过去五年，国家累计投入60亿元: a span of years that ends now holds the
    figure for those years (2012/2017 in a 2017 story); the link keeps the span's mention."""
    if not view.reference[:4].isdigit():
        return None
    end = int(view.reference[:4])
    for m in candidates:
        years = _YEARS.fullmatch(str(m.fields.get("value") or ""))
        if years and (m.fields.get("kind") == "duration" and m.surface.endswith(view.lex.to_now_after)
                      or m.surface.startswith(view.lex.to_now_before)):
            value = f"{end - int(years.group(1))}/{end}"
            return Link(m.surface, "facts.date.years_to_now", replace(m, fields={**m.fields, "value": value}))
    return None


def _stated_before(view: TextView, claim: Mention, s_start: int, c_start: int, stated: Sequence[Mention],
                   before: Sequence[Mention]) -> Link | None:
    """A date stated before the claim in its sentence that frames it (``before``: the usable ones of
    ``stated``): 截至 a date, one opening a clause of the segment, the day a body gave the figures."""
    for m in reversed(before):
        if _as_of(view, m, s_start):
            return Link(m.surface, "facts.date.as_of", m)
    g_start, _ = view.segment(claim.start)
    topic = _topic_clauses(view, s_start, c_start)
    for m in reversed(before):
        if _present_between(stated, m):
            break  # 2004年，…，如今…收入27000多元: the figure holds now, not then
        opens = _opens_clause(view, m)
        if m.start < g_start or _since_event(view, m) or not (opens or _event_day(view, m)):
            continue
        m_clause = view.clause(m.start)
        # a year opening the sentence (or the clause before) frames it; one opening a later
        # clause is often another event's (1983年开业，2001年新增…，现计划扩大3成): only a period
        # shorter than a year stated there holds for the claim (7月5日0—24时，…，其中…20例)
        if opens and (m_clause[0] in topic or _whole_clause(view, m, m_clause) or _period(view, m)):
            return Link(m.surface, "facts.date.sentence", m)
        if not opens and m_clause[0] in topic and not _reported_on(view, m):
            return Link(m.surface, "facts.date.event", m)
    for m in reversed(before):
        if m.start >= g_start and _reported_on(view, m):
            return Link(m.surface, "facts.date.reported", m)
    return None


def _unstated(view: TextView, claim: Mention, s_start: int, stated: Sequence[Mention],
              before: Sequence[Mention]) -> Link:
    """No date of the sentence frames the claim: now after a 如今, the date opening the paragraph,
    the period of the sentence before, the publish date."""
    if view.reference and _present_between(stated, None):
        return Link(view.reference, "facts.date.published")  # 如今…: now, not the paragraph's time
    p_start, _ = view.paragraph(claim.start)
    first_start, first_end = view.sentence(p_start) if p_start < len(view.text) else (p_start, p_start)
    if first_end < s_start or first_start == s_start:
        for m in view.in_span("date", first_start, min(first_end, claim.start)):
            if _usable(view, m) and _opens_paragraph(view, m, first_start) \
                    and _whole_clause(view, m, view.clause(m.start)):
                return Link(m.surface, "facts.date.paragraph", m)
    if not before and not _present_between(stated, None):
        found = _previous_period(view, s_start)
        if found is not None:
            return Link(found.surface, "facts.date.previous_sentence", found)
    if view.reference:
        return Link(view.reference, "facts.date.published")
    return NONE


def _usable(view: TextView, m: Mention) -> bool:
    """A date a figure can hold for: resolved, not vague, not a duration, not a baseline (比去年)."""
    value = m.fields.get("value")
    return bool(value) and value not in _VAGUE and m.fields.get("kind") not in ("duration", "vague") \
        and not str(value).startswith("P") and not view.text[max(0, m.start - 2):m.start].endswith(view.lex.comparison)


def _whole_clause(view: TextView, m: Mention, clause: tuple[int, int]) -> bool:
    """2025年，… / 截至12月1日，…: the clause is the date (and a preposition) alone."""
    rest = view.text[m.end:clause[1]].strip(" \t\u3000")
    return not rest or rest in ("起", "以来", "期间", "时", "内", "中")


def _reported_on(view: TextView, m: Mention) -> bool:
    """世卫组织21日公布, 军方5日说: the day a body gave the figures of its sentence."""
    if m.fields.get("granularity") != "day":
        return False
    return view.text[m.end:m.end + 4].lstrip(" \t\u3000").startswith(view.lex.reporting_verbs)


def _opens_clause(view: TextView, m: Mention) -> bool:
    """The date begins its clause, perhaps after prepositions and adverbs (在上午9时…, 截至12月1日…,
    预计到2020年…) or a preposition and a modifier ending in 的 (在刚刚过去的6月…)."""
    c_start, _ = view.clause(m.start)
    lead = view.text[c_start:m.start].strip(" \t\u3000")
    if lead.endswith("的") and lead.startswith(tuple(view.lex.date_prepositions)) and len(lead) <= 8:
        return True
    while lead:
        head = next((w for w in view.lex.clause_openers if lead.startswith(w)), None)
        if head is None:
            return False
        lead = lead[len(head):]
    return True


def _topic_clauses(view: TextView, s_start: int, c_start: int) -> set[int]:
    """Starts of the clauses whose opening date frames the claim's clause ``c_start``: the
    sentence's first clause, the one after it when the first only names a source (国家统计局数据显示，
    2017年…; 据南韩统计局统计，去年…), and the clause just before the claim's."""
    first = view.clause(s_start)
    starts = {first[0], s_start}
    if view.text[first[0]:first[1]].rstrip().endswith(view.lex.source_cues) and first[1] + 1 < len(view.text):
        starts.add(view.clause(first[1] + 1)[0])
    if c_start >= 2:
        starts.add(view.clause(c_start - 2)[0])
    return starts


def _since_event(view: TextView, m: Mention) -> bool:
    """今年4月启动以来，…: a date an event started, whose clause ends in 以来 after other words,
    is not the period of a figure (a clause of the date and 以来 alone is: 今年以来，…)."""
    _, end = view.clause(m.start)
    rest = view.text[m.end:end].strip(" \t\u3000")
    return rest.endswith(("以来", "开始")) and rest not in ("以来", "开始")


def _as_of(view: TextView, m: Mention, s_start: int) -> bool:
    """截至12月1日, 截至北京时间5日16时: the date follows 截至, perhaps after a clock's name."""
    lead = view.text[max(s_start, m.start - 12):m.start]
    for filler in view.lex.as_of_fillers:
        if lead.endswith(filler):
            lead = lead[:-len(filler)]
            break
    return lead.endswith(view.lex.as_of)


def _present_between(stated: Sequence[Mention], m: Mention | None) -> bool:
    """A 如今/目前 (PRESENT_REF) between the date ``m`` (or the sentence start) and the claim."""
    after = m.end if m is not None else -1
    return any(x.fields.get("value") == "PRESENT_REF" and x.start >= after for x in stated)


def _event_day(view: TextView, m: Mention) -> bool:
    """教堂5日发生枪击事件，造成至少26人遇害: the day (or hour) of the event a sentence tells, inside
    the sentence's first clause or the clause just before the claim, holds for what it caused."""
    return m.fields.get("granularity") in view.lex.event_granularities


def _period(view: TextView, m: Mention) -> bool:
    """A period shorter than a year: one of ``period_granularities``, or a range of hours within
    one day (5月31日0—24时 is that day)."""
    if m.fields.get("granularity") in view.lex.periods:
        return True
    start, _, end = str(m.fields.get("value") or "").partition("/")
    return m.fields.get("kind") == "range" and len(start) > 10 and start[:10] == end[:10]


def _previous_period(view: TextView, s_start: int) -> Mention | None:
    """3月份，全社会用电量…。其中，…同比增长4.9%: a period shorter than a year that opens a clause
    of the sentence before, in the same paragraph, holds for a sentence that states no time."""
    previous = view.sentence_before(s_start)
    if previous is None:
        return None
    p_start, p_end = previous
    for m in reversed(view.in_span("date", p_start, p_end)):
        if _usable(view, m) and _period(view, m) \
                and (_opens_clause(view, m) or _as_of(view, m, p_start)):
            return m
    return None


def _opens_paragraph(view: TextView, m: Mention, start: int) -> bool:
    """The date is the first thing of the paragraph, or of it after a dateline (…消息：)."""
    lead = view.text[start:m.start].strip(" \t\u3000")
    if not lead:
        return True
    colon = max(lead.rfind("："), lead.rfind(":"))
    return colon >= 0 and colon == len(lead) - 1
