"""The programme a claim is about and the organization that acts in it: the nearest one in the
claim's clause, else one the sentence (or the one it points back to) makes its topic or subject."""
from __future__ import annotations

import bisect
from typing import NamedTuple, TYPE_CHECKING, Sequence

from ..matchers.spaced import BLANKS
from ..mention import Mention
from .headline import item_lead
from .view import NONE, Link, TextView, distance
from .words import Word, verbish, word_starts

if TYPE_CHECKING:
    from .lexicon import Lexicon

COLLECTIVE = "facts.organization.collective"


def _programme_link(m: Mention, rule: str) -> Link:
    return Link(m.fields.get("name", m.surface), rule, m)


def programme(view: TextView, claim: Mention) -> Link:
    c_start, c_end = view.clause(claim.start)
    in_clause = view.in_span("program", c_start, c_end)
    if in_clause:
        return _programme_link(min(in_clause, key=lambda m: distance(m, claim)), "facts.programme.clause")
    s_start, s_end = view.sentence(claim.start)
    first_start, first_end = view.clause(s_start) if s_start < len(view.text) else (s_start, s_start)
    opening = view.in_span("program", first_start, first_end)
    if opening and first_end <= claim.start and not view.text[opening[-1].end:first_end].strip() \
            and _topic_lead(view, first_start, opening[-1].start):
        return _programme_link(opening[-1], "facts.programme.topic")
    before = view.in_span("program", s_start, claim.start)
    if before:
        return _programme_link(before[-1], "facts.programme.sentence")
    if claim.fields.get("kind") == "money" and c_end < s_end:
        n_start, n_end = view.clause(c_end + 1)
        head = view.text[n_start:n_start + 6].lstrip()
        if any(v in head[:4] for v in view.lex.purpose_verbs):
            found = view.in_span("program", n_start, n_end)
            if found:
                return _programme_link(found[0], "facts.programme.purpose")
    previous = _anaphor_sentence(view, s_start)
    if previous is not None:
        found = view.in_span("program", *previous)
        if found:
            return _programme_link(found[0], "facts.programme.anaphor")
    found = _named_again(view, s_start)
    return _programme_link(found, "facts.programme.head") if found is not None else NONE


def _named_again(view: TextView, s_start: int) -> Mention | None:
    """2022中关村论坛将于9月22日举办。论坛…举办130多场活动: a sentence opening on the head of a
    programme the sentence before names (or the type word a title ends in: 《…项目清单》…。清单
    包括…), perhaps after 该, 这一 (``anaphors``), is about it."""
    previous = view.sentence_before(s_start) or _last_sentence_above(view, s_start)
    if previous is None:
        return None
    lead = view.text[s_start:s_start + 12].lstrip(BLANKS)
    lead = next((lead[len(a):] for a in view.lex.anaphors if lead.startswith(a)), lead)
    for m in reversed(view.in_span("program", *previous)):
        # a title without a head ends in its type word (《…项目清单》: 清单, title_types); its last two
        # characters are no word of their own otherwise (《航拍中国》。中国共有…)
        name = str(m.fields.get("name") or "")
        head = str(m.fields.get("head") or "") or next((t for t in view.lex.title_types if name.endswith(t)), "")
        if len(head) >= 2 and lead.startswith(head):
            return m
    return None


def _last_sentence_above(view: TextView, s_start: int) -> tuple[int, int] | None:
    """The last sentence of the paragraph right above (blank lines skipped): a paragraph opening on
    a programme's head (…启动全国农业种质资源普查。\n普查覆盖了…) takes up the name it ends on."""
    k = s_start
    while k > 0 and view.text[k - 1] in BLANKS + "\r\n":
        k -= 1
    if k == 0 or k == s_start:
        return None
    return view.sentence(k - 1)


def _topic_lead(view: TextView, start: int, end: int) -> bool:
    """What stands before a topic programme: nothing, a modifier ending in 的 (由病友营运的), or
    words without a verb (开展“按需点单”活动 is an action, not a topic)."""
    lead = view.text[start:end].strip(BLANKS)
    return not lead or lead.endswith("的") or not any(verbish(w) for w in view.words_in(start, end))


def _anaphor_sentence(view: TextView, s_start: int) -> tuple[int, int] | None:
    """The span of the sentence before, when this one opens with a word pointing back to it."""
    lead = len(view.text[s_start:s_start + 12]) - len(view.text[s_start:s_start + 12].lstrip(BLANKS))
    start = s_start + lead
    if s_start < 2 or not view.text.startswith(view.lex.anaphors, start):
        return None  # most sentences: no anaphor at all, one test
    word_ends = {w.end for w in view.words_in(start, start + 12)}
    pointing = [a for a in view.lex.anaphors if view.text.startswith(a, start) and start + len(a) in word_ends]
    if not pointing:  # 此外 is not 此: the word must end where the anaphor does
        return None
    return view.sentence(s_start - 2)


# -- organization ---------------------------------------------------------------------------
def org_name(m: Mention) -> str:
    return m.fields.get("canonical") or m.fields.get("name") or m.surface


def collective_actors(lex: Lexicon, text: str, words: Sequence[Word]) -> list[Mention]:
    """佛山市网信系统: a region's bodies in one line of government can act in a fact, though the
    organization table (like People's Daily) leaves such groups out. They join the linker's
    organizations only, with no mention id."""
    found = []
    starts = word_starts(words)
    for m in lex.collective.finditer(text):
        i = bisect.bisect_left(starts, m.start())
        if i == 0 or i >= len(starts) or starts[i] != m.start():
            continue  # the head begins a word of its own
        region = words[i - 1]
        if region.end == m.start() and region.tag.startswith(lex.region_tags):
            found.append(Mention("organization", region.start, m.end(), text[region.start:m.end()], COLLECTIVE,
                                 {"name": text[region.start:m.end()], "org_type": "government"}))
    return found


class MainBody(NamedTuple):
    """The organization an article names most often: its first naming, every naming, and whether
    it runs through the article (named in ``main_body_min_paragraphs`` paragraphs, and at least
    ``main_body_margin`` times as often as any other body: a joint statement that names 联合国 three times among its
    signatories' bodies is about none of them)."""

    mention: Mention
    named: tuple[Mention, ...]
    throughout: bool


def main_body(view: TextView) -> MainBody | None:
    """The organization the article names most often (at least ``main_body_min_mentions`` times),
    not a reporting medium; read once per article."""
    counts: dict[str, list[Mention]] = {}
    for m in view.by_type["organization"]:
        if m.fields.get("org_type") in view.lex.reporting_types:
            continue
        counts.setdefault(org_name(m), []).append(m)
    ranked = sorted(counts.values(), key=lambda ms: (-len(ms), ms[0].start))
    if not ranked or len(ranked[0]) < view.lex.main_body_min:
        return None
    name = org_name(ranked[0][0])
    named = tuple(m for m in view.by_type["organization"] if org_name(m) == name)
    second = len(ranked[1]) if len(ranked) > 1 else 0
    throughout = len({view.paragraph(m.start) for m in named}) >= view.lex.main_body_paragraphs \
        and len(ranked[0]) >= view.lex.main_body_margin * second
    return MainBody(ranked[0][0], named, throughout)


def organization(view: TextView, claim: Mention, main: MainBody | None) -> Link:
    link = _organization_link(view, claim, main)
    if link.mention is not None and link.mention.rule == COLLECTIVE:
        return Link(link.text, COLLECTIVE, link.mention)
    return link


def _organization_link(view: TextView, claim: Mention, main: MainBody | None) -> Link:
    cited = _cited_source(view, view.sentence(claim.start)[0], claim.start)
    if cited is not None:
        return Link(org_name(cited), "facts.organization.cited_source", cited)
    c_start, c_end = view.clause(claim.start)
    in_clause = [m for m in view.in_span("organization", c_start, c_end)
                 if not _dateline(view, m) and not _reporter(view, m)]
    if in_clause:
        nearest = min(in_clause, key=lambda m: distance(m, claim))
        return Link(org_name(nearest), "facts.organization.clause", nearest)
    g_start, _ = view.segment(claim.start)
    found = _actors(view, g_start, claim.start)
    if found:
        return Link(org_name(found[0]), "facts.organization.segment", found[0])
    s_start, _ = view.sentence(claim.start)
    found = _actors(view, s_start, claim.start)
    if found:
        return Link(org_name(found[0]), "facts.organization.sentence", found[0])
    previous = _anaphor_sentence(view, s_start)
    if previous is not None:
        found = _actors(view, *previous)
        if found:
            return Link(org_name(found[0]), "facts.organization.anaphor", found[0])
    found = _sources(view, s_start, claim.start)
    if not found and not [m for m in view.in_span("organization", s_start, claim.start) if not _reporter(view, m)]:
        previous = view.sentence_before(s_start)
        found = _sources(view, *previous) if previous is not None else []
    if found:
        return Link(org_name(found[0]), "facts.organization.source", found[0])
    found = _story_source(view, s_start, claim.start)
    if found is not None:
        return Link(org_name(found), "facts.organization.story_source", found)
    found = _last_source(view, s_start, claim.start)
    if found is not None:
        return Link(org_name(found), "facts.organization.last_source", found)
    found = _lead_source(view, claim.start)
    if found is not None:
        return Link(org_name(found), "facts.organization.lead_source", found)
    if main is not None and _acts_for(view, main, claim):
        return Link(org_name(main.mention), "facts.organization.main_body", main.mention)
    return NONE


def _acts_for(view: TextView, main: MainBody, claim: Mention) -> bool:
    """The article's main body acts for a claim only where it runs through the article or the
    claim's own paragraph names it: the items of a bulletin (国内联播快讯) share a story, not an
    actor (audit rounds 3-4: 5 of 19 right without this; rounds 1-16: 33 of 95 right when the
    paragraph before was enough)."""
    if main.throughout:
        return True
    p_start, p_end = view.paragraph(claim.start)
    return any(p_start <= m.start < p_end for m in main.named)


def _dateline(view: TextView, m: Mention) -> bool:
    """央视网消息：… — a medium that reports the story, not an actor in it."""
    return view.text[m.end:m.end + 3].lstrip().startswith(view.lex.dateline_words)


def _reporter(view: TextView, m: Mention) -> bool:
    """据路透社报道, 美联社 分享: a medium that only reports the figure or credits a photo."""
    if m.fields.get("org_type") not in view.lex.reporting_types:
        return False
    return view.text[m.end:m.end + 12].lstrip(BLANKS).startswith(view.lex.report_words)


def _sources(view: TextView, start: int, end: int) -> list[Mention]:
    """Bodies in ``[start, end)`` that publish the figures (国家能源局发布数据显示, 据南韩统计局统计,
    记者从协会获悉): a source cue follows in the body's clause, within a few words."""
    found = []
    for m in view.in_span("organization", start, end):
        if _dateline(view, m) or _reporter(view, m):
            continue
        if _cue_after(view, m, view.lex.source_or_speech):
            found.append(m)
    return found


def _cited_source(view: TextView, start: int, end: int) -> Mention | None:
    """据俄罗斯紧急情况部今天发布的消息，莫斯科州音乐厅恐怖袭击事件已导致133人遇难: a body a clause of
    the sentence opens on after 据/根据 (``cited_openers``), with a source cue after it, gave the
    figures of the sentence; it is their body rather than a place, actor or subject named after it;
    not a medium (根据英国广播公司7日报道的初步统计结果: it only reports them)."""
    for m in view.in_span("organization", start, end):
        c_start, _ = view.clause(m.start)
        lead = view.text[c_start:m.start].strip(BLANKS)
        lead = lead[max(lead.rfind("："), lead.rfind(":")) + 1:]
        if lead in view.lex.cited_openers and m.fields.get("org_type") not in view.lex.reporting_types \
                and _cue_after(view, m, view.lex.cited_source_cues):
            return m
    return None


def _cue_after(view: TextView, m: Mention, cues: tuple[str, ...]) -> bool:
    """One of ``cues`` within 16 characters after the body ``m``, in its clause (海关总署今天公布, 据…部的数据)."""
    after, _ = _window_after(view, m)
    return any(cue in after for cue in cues)


def _window_after(view: TextView, m: Mention) -> tuple[str, int]:
    """The text where a source cue after the body ``m`` is looked for (16 characters, not past its
    clause), and the clause's end."""
    _, c_end = view.clause(m.start)
    return view.text[m.end:min(c_end, m.end + 16)], c_end


def _story_source(view: TextView, s_start: int, claim_start: int) -> Mention | None:
    """数据显示，2020年全国粮食播种面积17.52亿亩: a sentence that opens on figures with no body takes
    the last body the story named as publishing figures (国家统计局今天发布…) before it."""
    lead = view.text[s_start:claim_start].lstrip(BLANKS)
    short = next((lead[:k] for k in (lead.find(o) for o in view.lex.bare_source_openers)
                  if 0 <= k <= view.lex.short_name_max and (k == 0 or k >= 2)), None)
    if short is None:
        return None
    last = _source_before(view, s_start)
    if last is None or not org_name(last).startswith(short):
        return None  # 海关|统计显示 after 海关总署今天公布: a short name of that body may open it
    return last


def _source_before(view: TextView, end: int) -> Mention | None:
    """The last of the document's sources (``_sources``) inside ``[0, end)``; the document's list is
    found once (a scan from the text's start per claim is quadratic in a long text)."""
    found = view.memo.get("sources")
    if found is None:
        every = _sources(view, 0, len(view.text))
        found = view.memo["sources"] = (every, [m.start for m in every])
    every, starts = found
    i = bisect.bisect_left(starts, end)
    while i > 0 and every[i - 1].end > end:
        i -= 1  # a body running over ``end`` is not inside it
    return every[i - 1] if i else None


def _last_source(view: TextView, s_start: int, claim_start: int) -> Mention | None:
    """中国汽车工业协会今天发布…。其中，…增长52.6%: a sentence that names no body before its claim takes
    the last body its paragraph named as publishing figures, when no other body was named since."""
    if view.in_span("organization", s_start, claim_start):
        return None
    p_start = view.paragraph(s_start)[0]  # not a body of an earlier paragraph (audit: 4 of 8 such links wrong)
    named = [m for m in view.in_span("organization", p_start, s_start) if not _dateline(view, m) and not _reporter(view, m)]
    sources = _sources(view, p_start, s_start)
    if not named or not sources or named[-1] is not sources[-1]:
        return None
    found = sources[-1]
    if found.fields.get("org_type") in view.lex.reporting_types:
        return None  # a medium
    return found


def _lead_source(view: TextView, claim_start: int) -> Mention | None:
    """国务院联防联控机制新闻发布会介绍了最新疫情。…其中重症病例52例: a claim whose sentence and the one
    before name no body takes the one body the lead sentence of its story or bulletin item names as
    giving figures (``lead_source_cues`` after it; not a medium), when the claim is at most
    ``lead_source_lines`` lines below it (audit rounds 1-12: farther, 4 of 6 such bodies wrong)."""
    lead = item_lead(view, claim_start)
    if lead is None or _lines_below(view, lead[0], claim_start) > view.lex.lead_source_lines:
        return None
    found = [m for m in view.in_span("organization", *lead) if not _dateline(view, m) and not _reporter(view, m)
             and m.fields.get("org_type") not in view.lex.reporting_types and _lead_cue(view, m)]
    if not found or len({org_name(m) for m in found}) != 1 or _own_source_or_time(view, lead, claim_start):
        return None
    return found[0]


def _lines_below(view: TextView, start: int, end: int) -> int:
    """How many lines with text below the line of ``start`` the line of ``end`` is (blank lines
    are not counted)."""
    return sum(1 for line in view.text[start:end].split("\n")[1:-1] if line.strip(BLANKS + "\r")) \
        + (1 if "\n" in view.text[start:end] else 0)


def _lead_cue(view: TextView, m: Mention) -> bool:
    """A ``lead_source_cues`` cue after the lead's body; 发布 (``lead_source_data_cues``) only before a
    word of figures or a titled document (``lead_source_data_words``: 国家统计局今天发布数据, 发布了《…通知》)
    or ending its clause (农业农村部今天发布，…), not 教育部今天发布通知，要求各地做好防汛工作."""
    after, c_end = _window_after(view, m)
    for cue in view.lex.lead_source_cues:
        at = after.find(cue)
        if at < 0:
            continue
        rest = view.text[m.end + at + len(cue):c_end]
        if cue not in view.lex.lead_source_data_cues or not rest.strip(BLANKS + "了") \
                or any(w in rest for w in view.lex.lead_source_data_words):
            return True
    return False


def _own_source_or_time(view: TextView, lead: tuple[int, int], claim_start: int) -> bool:
    """The claim's sentence tells an event of its own before the claim: a date the lead does not
    state and an act of another body (今年5月，国家印发《职业技能提升行动方案》…1500万人次以上 under a lead
    on 国家统计局's job figures; ``lead_source_own_events``)."""
    s_start, _ = view.sentence(claim_start)
    if not any(v in view.text[s_start:claim_start] for v in view.lex.lead_source_own_events):
        return False
    lead_dates = {str(d.fields.get("value")) for d in view.in_span("date", *lead)}
    return any(str(d.fields.get("value")) not in lead_dates for d in view.in_span("date", s_start, claim_start))


def _actors(view: TextView, start: int, end: int) -> list[Mention]:
    """Organizations in ``[start, end)`` that can be the subject: not in a dateline, not right
    after a preposition (在劳动部…辅导下)."""
    return [m for m in view.in_span("organization", start, end) if not _dateline(view, m) and not _venue(view, m)
            and not _reporter(view, m) and not view.text[max(start, m.start - 2):m.start].endswith(view.lex.non_subject)]


def _venue(view: TextView, m: Mention) -> bool:
    """在今天举行的国新办新闻发布会上，银保监会相关负责人介绍…: a body in a clause that is a place or
    occasion (``venue_openers`` … ``venue_postpositions``) hosts the event; the figures are another's."""
    c_start, c_end = view.clause(m.start)
    text = view.text[c_start:c_end].strip(BLANKS)
    return text.startswith(view.lex.venue_openers) and text.endswith(view.lex.venue_postpositions)
