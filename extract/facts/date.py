"""The time a claim holds for: a date in its clause, else one that frames it (截至…, a date opening a
clause of its sentence or a period opening it across its ；-segments, the day a body gave the
figures, today, the paragraph's opening date, the period, 截至 date or news day of the sentence
before), else the publish date (``date_source`` inferred). Dates whose value is a span (至今, 五年来, ranges)
are built in ``date_spans``."""
from __future__ import annotations

from dataclasses import replace
from datetime import date as _date
from typing import Sequence

import regex

from ..matchers.spaced import BLANKS
from ..mention import Mention
from .date_spans import (GLOSS, LIST_BEFORE, YEAR, baseline, closed_range, listed_range, since_event, since_span, to_now,
                         years_to_now)
from .headline import lead_day
from .subject import change_start, from_at
from .view import NONE, Link, TextView, distance

_VAGUE = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
_DECIMAL_BEFORE = regex.compile(r"\d[.．]$")
_PERIOD_VALUE = regex.compile(r"\d{4}-(?:H[12]|Q[1-4]|W\d\d|\d\d(?:-\d\d)?)")
_YEAR_WRITTEN = regex.compile(r"(?:\d{2,4}|[〇零一二三四五六七八九十]{2,4}|[今去明前后本当上下同])年")
_HAN = regex.compile(r"\p{Han}{2,6}")
_DAY_VALUE = regex.compile(r"\d{4}-\d\d-\d\d")


def date(view: TextView, claim: Mention) -> Link:
    found = _found(view, claim)
    if found.mention is None:
        return found
    return replace(found, mention=listed_range(view, closed_range(view, found.mention)))  # 明天（11月21日）起至24日


def _found(view: TextView, claim: Mention) -> Link:
    c_start, c_end = view.clause(claim.start)
    change = change_start(view, claim)
    in_clause = [m for m in view.in_span("date", c_start, c_end) if _usable(view, m)
                 and not (change and change[1] <= m.start < change[0].start)]  # 从2000年的28.38‰降为…
    if in_clause:
        nearest = _in_year_stated(view, min(in_clause, key=lambda m: distance(m, claim)))
        return Link(nearest.surface, "facts.date.clause", to_now(view, nearest))
    s_start, _ = view.sentence(claim.start)
    stated = view.in_span("date", s_start, claim.start)
    before = [m for m in stated if _usable(view, m)]
    found = _stated_before(view, claim, s_start, c_start, stated, before)
    if found is None:
        found = years_to_now(view, [*view.in_span("date", c_start, c_end), *stated], claim.start)
    if found is None:
        found = _vague_time(view, claim, c_start)
    return found if found is not None else _unstated(view, claim, s_start, stated, before)


def _vague_time(view: TextView, claim: Mention, c_start: int) -> Link | None:
    """以前收割的留茬高度一般在30厘米左右, 过去就医…，来回一次要600元, 此前拨款1920亿欧元, 未来还将建设7座:
    a vague past or future (``vague_times``) opening the claim's clause or the one just before it in
    its segment (perhaps after a short subject) places the figure then, not at the publish date; the
    nearest one wins (此前只能…的股民，今后将最多可以在20家…); not a span (过去三年, 过去的11天), one a
    如今/目前 follows, nor one before a clause turning away (以前还曾合作过，但两人…)."""
    g_start, _ = view.segment(claim.start)
    lead = view.text[c_start:claim.start]
    starts = [c_start]
    if c_start - 2 >= g_start and not lead.lstrip(BLANKS).startswith(view.lex.vague_turns):
        starts.append(view.clause(c_start - 2)[0])
    for start in starts:
        end = min(view.clause(start)[1], claim.start)
        found = [(pos, word, value) for word, value in view.lex.vague_times.items()
                 for pos in [view.text.rfind(word, start, end)] if pos >= 0 and _vague_at(view, start, pos, word)]
        if found and not any(x.fields.get("value") == "PRESENT_REF"
                             for x in view.in_span("date", max(found)[0], claim.start)):
            pos, word, value = max(found)
            said = Mention("date", pos, pos + len(word), word, "facts.vague_time",
                           {"value": value, "kind": "vague", "granularity": "none"})
            return Link(word, "facts.date.vague", said)
    return None


def _vague_at(view: TextView, start: int, pos: int, word: str) -> bool:
    """The vague word at ``pos`` opens its clause (perhaps after a short subject) and starts no span
    (过去三年, 过去的11天, 过去几年: a date other than a vague one starts there, or 的/a numeral follows)."""
    after = view.text[pos + len(word):pos + len(word) + 1]
    if after and (after in "的几这" or after.isdigit() or after in "一二两三四五六七八九十"):
        return False
    if any(d.start == pos and d.fields.get("kind") != "vague" for d in view.in_span("date", pos, view.clause(start)[1])):
        return False
    lead = view.text[start:pos].strip(BLANKS)
    return _openers_only(view, lead) or _openers_only(view, _after_subject(view, start, pos))


def _in_year_stated(view: TextView, m: Mention) -> Mention:
    """2012年，…，四季度经济增速回升到7.9% (a 2013 story): a quarter, half or month written without
    its year takes the year that opens the sentence, not the publish year."""
    value = str(m.fields.get("value") or "")
    if m.fields.get("granularity") == "day" or _YEAR_WRITTEN.search(m.surface) or not _PERIOD_VALUE.fullmatch(value):
        return m
    s_start, _ = view.sentence(m.start)
    opening = _opening_clauses(view, s_start)
    years = [y for y in view.in_span("date", s_start, m.start) if y.fields.get("granularity") == "year"
             and YEAR.fullmatch(str(y.fields.get("value") or "")) and view.clause(y.start)[0] in opening
             and _opens_clause(view, y) and _usable(view, y)]
    if not years or value.startswith(str(years[-1].fields["value"])):
        return m
    return replace(m, fields={**m.fields, "value": str(years[-1].fields["value"]) + value[4:]})


def _stated_before(view: TextView, claim: Mention, s_start: int, c_start: int, stated: Sequence[Mention],
                   before: Sequence[Mention]) -> Link | None:
    """A date stated before the claim in its sentence that frames it (``before``: the usable ones of
    ``stated``): 截至 a date, one opening a clause of the segment, the day a body gave the figures."""
    g_start, _ = view.segment(claim.start)
    opening = _opening_clauses(view, s_start)
    topic = opening | ({view.clause(c_start - 2)[0]} if c_start >= 2 else set())
    for m in reversed(before):
        if _range_opening(view, m, topic):
            break  # 截至9月10日，…，从8月27日到9月10日的两周，…增加了15%: the range the change is over
        if _as_of(view, m, s_start):
            return Link(m.surface, "facts.date.as_of", m)
    for m in reversed(before):
        joined = to_now(view, m)
        if joined is not m and _opens_clause(view, m) and view.clause(m.start)[0] in topic:
            return Link(m.surface, "facts.date.sentence", joined)  # 从2017年至今，…
        if _present_between(stated, m):
            break  # 2004年，…，如今…收入27000多元: the figure holds now, not then
        opens = _opens_clause(view, m) or _subject_date_just_before(view, m, c_start)
        if m.start < g_start and not (opens and _frames_segments(view, m, s_start, opening)
                                      and not any(x.start >= g_start for x in before)):
            continue  # 1—7月，收入…；支出…增长8.9%: the sentence's opening period frames its segments
        if since_event(view, m) and opens and view.clause(m.start)[0] in topic:
            since = since_span(view, m)
            if since is not m and not _in_change(view, claim):
                return Link(m.surface, "facts.date.since_event", since)  # 自去年10月发现首例…以来
        if since_event(view, m) or not (opens or _event_day(view, m)):
            continue
        m_clause = view.clause(m.start)
        # a year opening the sentence (or the clause before) frames it; one opening a later
        # clause is often another event's (1983年开业，2001年新增…，现计划扩大3成): only a period
        # shorter than a year stated there holds for the claim (7月5日0—24时，…，其中…20例)
        if opens and (m_clause[0] in topic or _whole_clause(view, m, m_clause) or _period(view, m)):
            return Link(m.surface, "facts.date.sentence", _in_year_stated(view, m))
        if not opens and (m_clause[0] in topic or _today(view, m)) and not _reported_on(view, m):
            return Link(m.surface, "facts.date.event", m)
    for m in reversed(before):
        if m.start >= g_start and _reported_on(view, m):
            return Link(m.surface, "facts.date.reported", m)
    return None


def _subject_date_just_before(view: TextView, m: Mention, c_start: int) -> bool:
    """中科院2014年8月公开招标「E107新建工程」，预算规模达17亿元: a date after a short subject, in the
    clause just before the claim's, frames the figure that clause's event gives; not one that starts a
    span (林岳平自2005年加盟统一狮队，拼战了13个球季: ``span_starts``); a day is an event's (``_event_day``)."""
    d_start, d_end = view.clause(m.start)
    if _event_day(view, m) or d_end + 1 != c_start or view.in_span("numeric", d_start, d_end) or view.text.startswith("第", m.end):
        return False  # 海南2023年第一批项目: the year names a batch, not the time
    if _totals_or_now(view, c_start):
        return False  # 他2005年参军，先后立功3次; 2019年考入大学，每月生活费1500元: a total to now, a figure of now
    lead = _after_subject(view, d_start, m.start, figure=False)
    return lead is not None and not lead.endswith(view.lex.span_starts) and _openers_only(view, lead)


def _totals_or_now(view: TextView, c_start: int) -> bool:
    """The clause at ``c_start`` states a total to now or a figure of now (``cumulative_or_present``:
    先后, 累计, 每月, 现…); a one-character marker counts as a word of its own (现, not 实现)."""
    _, c_end = view.clause(c_start)
    text = view.text[c_start:c_end]
    words = {w.text for w in view.words_in(c_start, c_end)}
    return any(w in words if len(w) == 1 else w in text for w in view.lex.cumulative_or_present)


def _range_opening(view: TextView, m: Mention, topic: set[int]) -> bool:
    """A closed range of dates (8月27日到9月10日) opening a clause that frames the claim."""
    start, _, end = str(m.fields.get("value") or "").partition("/")
    return m.fields.get("kind") == "range" and bool(start and end) and _opens_clause(view, m) \
        and view.clause(m.start)[0] in topic


def _unstated(view: TextView, claim: Mention, s_start: int, stated: Sequence[Mention],
              before: Sequence[Mention]) -> Link:
    """No date of the sentence frames the claim: now after a 如今, the date opening the paragraph,
    the period of the sentence before, the publish date."""
    if view.reference and (_present_between(stated, None) or _opens_recent(view, s_start, stated)):
        today = _today_of_event(view, claim, s_start, stated)
        if today is not None:
            return Link(today.surface, "facts.date.today", today)
        return Link(view.reference, "facts.date.published")  # 如今…, 近日，…: now, not the paragraph's time
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
        found = _lead_day(view, claim, s_start)
        if found is not None:
            return Link(found.surface, "facts.date.lead", found)
    if view.reference:
        return Link(view.reference, "facts.date.published")
    return NONE


def _lead_day(view: TextView, claim: Mention, s_start: int) -> Mention | None:
    """6月7日，…发生…。…共计700多人: a claim whose sentence states no time, at most
    ``lead_date_sentences`` sentences below the lead of its story or item (across lines; those between
    state none), takes the day the lead states (``lead_day``); not a figure of its own longer period
    or of a speaker (``lead_date_background`` up to its clause end: 累计, 全年, 介绍…), nor either value
    of a change (由90平方米提高到140平方米: a standard, not the day it was set); only a count of those
    at the event (``lead_date_units``: 400多名代表, 九组选手), not a length, a part or a rank (全长547公里,
    共有八项26条, 位居世界第二: a property the publish year dates; in 3,000 stories 11 of 30 changed links read
    right without these limits, 21 of 26 with them). Farther below the lead,
    the judges kept the publish year about as often as they wanted the lead's day (rounds 1-12)."""
    if any(w in view.text[s_start:view.clause(claim.start)[1]] for w in view.lex.lead_date_background) \
            or _in_change(view, claim) or claim.fields.get("unit") not in view.lex.lead_date_units \
            or view.text[max(0, claim.start - 1):claim.start + 1].startswith(("第", "前")):  # 居全国前十位: a rank
        return None
    found = lead_day(view, claim.start)
    start, end = s_start, view.sentence(claim.start)[1]
    for _ in range(view.lex.lead_date_sentences if found is not None else 0):
        if any(m.fields.get("kind") != "duration" for m in view.in_span("date", start, end)):
            return None
        before = start - 1
        while before > 0 and view.text[before] in BLANKS + "\n":
            before -= 1
        if before <= 0:
            return None
        start, end = view.sentence(before)
        if start <= found.start < end:
            return found
    return None


def _today_of_event(view: TextView, claim: Mention, s_start: int, stated: Sequence[Mention]) -> Mention | None:
    """今天（7月21日），在…现场，…，目前，已投入…2200多人: the publish day stated before a 目前 (``now_words``)
    is the day of the event whose count follows, for a count of those at it (``lead_date_units``). Not a
    standing or running figure (``lead_date_background``: 累计, 截至…; 如今 is "nowadays"), nor where a
    body reports between the day and the claim (教育部今天（9月23日）介绍, 国家卫健委通报: the figures are
    the body's, of the publish year, as the judges of round 11 held)."""
    if claim.fields.get("unit") not in view.lex.lead_date_units:
        return None
    today = next((m for m in reversed(stated) if _usable(view, m) and _today(view, m)), None)
    if today is None:
        return None
    between = view.text[today.end:claim.start]
    now = [x for x in stated if x.start >= today.end and x.fields.get("value") == "PRESENT_REF"]
    if not now or any(x.surface not in view.lex.now_words for x in now) \
            or any(w in view.text[s_start:view.clause(claim.start)[1]] for w in view.lex.lead_date_background) \
            or any(v in between for v in view.lex.reporting_verbs):
        return None
    return today


def _opens_recent(view: TextView, s_start: int, stated: Sequence[Mention]) -> bool:
    """近日，孙家栋等11位老科学家写信: a sentence opening on a recent time (``recent_times``) tells news
    of now, not of the date opening its paragraph (1970年4月24日，…) or the sentence before (round 12, row 78)."""
    return any(m.surface in view.lex.recent_times and not view.text[s_start:m.start].strip(BLANKS) for m in stated)


def _usable(view: TextView, m: Mention) -> bool:
    """A date a figure can hold for: resolved, not vague, not a duration, not a baseline (比去年),
    not the tail of a decimal (短短2.5月: two and a half months, not May)."""
    value = m.fields.get("value")
    return bool(value) and value not in _VAGUE and m.fields.get("kind") not in ("duration", "vague") \
        and not str(value).startswith("P") and not baseline(view, m) \
        and not _DECIMAL_BEFORE.search(view.text[max(0, m.start - 2):m.start])


def _whole_clause(view: TextView, m: Mention, clause: tuple[int, int]) -> bool:
    """2025年，… / 截至12月1日，…: the clause is the date (and a preposition) alone."""
    rest = view.text[m.end:clause[1]].strip(BLANKS)
    return not rest or rest in ("起", "以来", "期间", "时", "内", "中")


def _reported_on(view: TextView, m: Mention) -> bool:
    """世卫组织21日公布, 军方5日说: the day a body gave the figures of its sentence."""
    if m.fields.get("granularity") != "day":
        return False
    return view.text[m.end:m.end + 4].lstrip(BLANKS).startswith(view.lex.reporting_verbs)


def _opens_clause(view: TextView, m: Mention, listed: bool = True) -> bool:
    """The date begins its clause, perhaps after prepositions and adverbs (在上午9时…, 截至12月1日…,
    预计到2020年…) or a preposition and a modifier ending in 的 (在刚刚过去的6月…); after the items
    listed before it (5、6月份: ``listed_range``) unless ``listed`` is False (the sentence before:
    从1、2月份看 is a viewpoint of its own sentence, audit round 4, row 7)."""
    c_start, _ = view.clause(m.start)
    lead = view.text[c_start:m.start].strip(BLANKS)
    lead = LIST_BEFORE.sub("", lead) if listed else lead
    if lead.endswith("的") and lead.startswith(tuple(view.lex.date_prepositions)) and len(lead) <= 8:
        return True
    return _openers_only(view, lead) or _openers_only(view, _after_subject(view, c_start, m.start))


def _after_subject(view: TextView, c_start: int, end: int, figure: bool = True) -> str | None:
    """台泥去年营收895.64亿元: what is left before the date once a short subject opening the clause
    (one word of ``date_subject_tags`` or an organization) is dropped, when the clause states a figure
    after the date (1983年开业 dates an event of the subject, not a figure; ``figure`` False: the
    figure follows in the next clause); None without one."""
    if figure and not view.in_span("numeric", end, view.clause(c_start)[1]):
        return None
    words = [w for w in view.words_in(c_start, end) if w.text.strip(BLANKS)]
    orgs = view.in_span("organization", c_start, end)
    if orgs and not view.text[c_start:orgs[0].start].strip(BLANKS):
        return view.text[orgs[0].end:end].strip(BLANKS)
    if not words or not (words[0].tag.startswith(view.lex.date_subject_tags)
                         or not words[0].tag and _HAN.fullmatch(words[0].text)):  # a name jieba does not know
        return None
    return view.text[words[0].end:end].strip(BLANKS)


def _openers_only(view: TextView, lead: str | None) -> bool:
    """The lead before a date is prepositions and adverbs alone (``clause_openers``)."""
    if lead is None:
        return False
    while lead:
        head = next((w for w in view.lex.clause_openers if lead.startswith(w)), None)
        if head is None:
            return False
        lead = lead[len(head):]
    return True


def _opening_clauses(view: TextView, s_start: int) -> set[int]:
    """Starts of the clauses whose opening date frames the whole sentence, across its ；-segments:
    its first clause, and the one after it when the first only names a source (国家统计局数据显示，
    2017年…; 据南韩统计局统计，去年…). With the clause just before the claim's, they are the clauses
    whose opening date frames the claim. Past a dateline (央视网消息（新闻联播）：), the clause after it
    is the first; a source may also be a body that spoke (记者今天从工信部了解到，今年一季度…)."""
    first = view.clause(_first_clause(view, s_start))
    starts = {first[0], s_start}
    if view.text[first[0]:first[1]].rstrip().endswith(view.lex.source_or_speech) and first[1] + 1 < len(view.text):
        starts.add(view.clause(first[1] + 1)[0])
    return starts


def _frames_segments(view: TextView, m: Mention, s_start: int, opening: set[int]) -> bool:
    """一季度，…；…, 工信部发布数据，1—7月份，…；…: a period longer than a day and shorter than a year
    opening the sentence (or the clause after a first one of no date and no figure) frames its later
    ；-segments; not a year (2005年，…淹了；后来，…) nor a day (今日出版的《苹果日报》报导，…；…), except
    a year opening the clause after a source clause: the year of the figures a body gave (…今天发布，
    2017年全国粮食产业实现工业总产值2.9万亿元；利润总额1772亿元)."""
    first = view.clause(s_start)
    if m.fields.get("granularity") == "year" and YEAR.fullmatch(str(m.fields.get("value") or "")):
        return view.clause(m.start)[0] in opening - {first[0], s_start}
    if not _period(view, m) or m.fields.get("granularity") == "day" or _DAY_VALUE.fullmatch(str(m.fields.get("value"))):
        return False
    clause = view.clause(m.start)[0]
    if clause in opening:
        return True
    return clause == first[1] + 1 and not view.in_span("date", *first) and not view.in_span("numeric", *first)


def _in_change(view: TextView, claim: Mention) -> bool:
    """从每年60万人上升到135万人: either value of a change holds for one end of a span, not all of it."""
    return change_start(view, claim) is not None or from_at(view, claim) is not None


def _as_of(view: TextView, m: Mention, s_start: int) -> bool:
    """截至12月1日, 截至北京时间5日16时, 截至今天（18日）下午4点: the date follows 截至, perhaps
    after a clock's name, a day word and its bracketed gloss."""
    lead = GLOSS.sub("", view.text[max(s_start, m.start - 16):m.start]).rstrip("（(")
    for _ in range(2):  # 截至北京时间今天（5日）16时
        lead = next((lead[:-len(f)] for f in view.lex.as_of_fillers if lead.endswith(f)), lead)
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
    if m.fields.get("granularity") in view.lex.periods or _PERIOD_VALUE.fullmatch(str(m.fields.get("value") or "")):
        return True  # 上半年 (2024-H1) has no granularity of its own
    start, _, end = str(m.fields.get("value") or "").partition("/")
    return m.fields.get("kind") == "range" and len(start) > 10 and start[:10] == end[:10]


def _previous_period(view: TextView, s_start: int) -> Mention | None:
    """3月份，全社会用电量…。其中，…同比增长4.9%: a period shorter than a year that opens a clause
    of the sentence before, in the same paragraph, holds for a sentence that states no time (a year
    only when it opens that sentence as a clause of its own: 2011年，…。…8名骨干…); so does
    the day of the event or report that sentence tells (军方5日说，…。随后，…4名武装人员被打死)."""
    previous = view.sentence_before(s_start)
    if previous is None:
        return None
    p_start, p_end = previous
    first = _first_clause(view, p_start)
    for m in reversed(view.in_span("date", p_start, p_end)):
        if not _usable(view, m):
            continue
        if _period(view, m) and _opens_clause(view, m, listed=False) or _as_of(view, m, p_start):
            return m  # 截至2024年底，…。此外，红树林面积已达45.45万亩: a tally goes on
        if _opening_year(view, m, first) or _breakdown_year(view, m, s_start) \
                and not any(_as_of(view, x, p_start) for x in view.in_span("date", p_start, p_end)):
            return m  # 截至昨天（3月17日），今年以来…。其中，…: the cut-off day, not the year
        if _event_day(view, m) and _announced(view, m, s_start):
            return m
        if _event_day(view, m) and (view.clause(m.start)[0] == first or _reported_on(view, m)) \
                and _news_day(view, m) and not since_event(view, m) \
                and not view.text[s_start:s_start + 8].startswith(view.lex.bare_source_openers):
            return m
    return None


def _announced(view: TextView, m: Mention, s_start: int) -> bool:
    """2022中关村论坛将于9月22日—27日在京举办。论坛…举办130多场活动: the days a named event is set
    for (after ``announced_markers``) hold for the next sentence when it opens on that event (its name
    or head) or its time (``event_time_anaphors``: 其间, 届时), though they are not news days; not for a sentence about something else (英国大选将于6月8日
    举行。最新民调显示，…领先约7个百分点)."""
    if not view.text[max(0, m.start - 3):m.start].endswith(view.lex.announced_markers):
        return False
    lead = view.text[s_start:s_start + 12]
    if lead.lstrip(BLANKS).startswith(view.lex.event_time_anaphors):
        return True  # …将于9月10日至13日举办。其间将举办27个高层论坛
    for event in view.in_span("program", view.clause(m.start)[0], m.start):
        names = [str(event.fields.get(k) or "") for k in ("name", "head")]
        if any(n and n in lead for n in names):
            return True
    return False


def _first_clause(view: TextView, s_start: int) -> int:
    """The start of the sentence's first clause, past a dateline (央视网消息（新闻联播）：…展览11日开幕):
    the dateline names the medium, the clause after it tells the news."""
    start, end = view.clause(s_start)
    head = GLOSS.sub("", view.text[start:end]).strip(BLANKS)
    if end + 1 < len(view.text) and view.text[end] in "：:" and head.endswith(view.lex.dateline_words):
        return view.clause(end + 1)[0]
    return start


def _opening_year(view: TextView, m: Mention, first: int) -> bool:
    """2025年，我国新建…。与此同时，…增长6%: a year that opens the sentence before as a clause of its
    own frames the sentence after it."""
    return m.fields.get("granularity") == "year" and view.clause(m.start)[0] == first \
        and _opens_clause(view, m) and _whole_clause(view, m, view.clause(m.start))


def _breakdown_year(view: TextView, m: Mention, s_start: int) -> bool:
    """…，2015年，全国共查处问题36911起。其中，给予处分33966人: a sentence opening on a breakdown
    word (``breakdown_openers``) splits the figures of the sentence before, so takes the year opening
    a clause anywhere there, not only at its start."""
    return view.text[s_start:s_start + 4].lstrip(BLANKS).startswith(view.lex.breakdown_openers) \
        and m.fields.get("granularity") == "year" and _opens_clause(view, m)


def _today(view: TextView, m: Mention) -> bool:
    """友达今天盘中…，大涨7.46%，群创来到16.65元: the publish day itself, stated as a day anywhere
    before the claim in its segment, is the day of the figures the story tells."""
    return m.fields.get("granularity") == "day" and _news_day(view, m, 0)


def _news_day(view: TextView, m: Mention, days: int | None = None) -> bool:
    """A day of the story's news: the publish day or one of the ``news_days`` before it (今天, 昨天,
    军方5日说 in a story of the 6th); an older day the story tells of is background (2月28日经报导…)."""
    try:
        day = _date.fromisoformat(str(m.fields.get("value") or "")[:10])
        ref = _date.fromisoformat(view.reference[:10])
    except ValueError:
        return False
    return 0 <= (ref - day).days <= (view.lex.news_days if days is None else days)


def _opens_paragraph(view: TextView, m: Mention, start: int) -> bool:
    """The date is the first thing of the paragraph, or of it after a dateline (…消息：)."""
    lead = view.text[start:m.start].strip(BLANKS)
    if not lead:
        return True
    colon = max(lead.rfind("："), lead.rfind(":"))
    return colon >= 0 and colon == len(lead) - 1
