"""The subject of a claim: the words before its number (or before the 从/由 of the change it is a
value of) that name what it measures (点击量|超|1000万次, 贫困发生率|由10.2%降至0.6%)."""
from __future__ import annotations

from typing import NamedTuple, Sequence

from ..matchers.spaced import BLANKS
from ..mention import Mention
from .view import TextView
from .words import Word, nounish, verbish

_STOP, _TAKE, _NOUN, _LAST = 0, 1, 2, 3  # what a word before the claim does to its subject (_LAST: take it, stop)


class Subject(NamedTuple):
    text: str
    verb_only: bool  # the subject is verbs alone (全年|发放|7863亿元): it names the property badly
    bare: bool  # the clause holds nothing but predicates before the number (同比增长35%)


def from_at(view: TextView, claim: Mention) -> int | None:
    """Where the 从/由 of a change stands when ``claim`` is its starting value: 贫困发生率|由|10.2%
    降至0.6%, 婴儿死亡率|从|2000年的28.38‰下降为…; a date of that value may stand between."""
    c_start, _ = view.clause(claim.start)
    lead = max(c_start, claim.start - view.lex.from_gap)
    head = view.text[lead:claim.start]
    if head.endswith("的"):
        head = head[:-1]
    dates = [m for m in view.in_span("date", lead, claim.start) if m.end == lead + len(head)]
    if dates:
        head = view.text[lead:dates[-1].start]
    else:
        words = view.words_in(lead, lead + len(head))
        if words and (words[-1].tag.startswith("t") or words[-1].text in view.lex.earlier_words) \
                and words[-1].end == lead + len(head):
            head = view.text[lead:words[-1].start]  # 从|年初|的700多个, 由|原来|的10.7%: a time the dates do not read
    head = head.rstrip(BLANKS)
    if not head.endswith(view.lex.from_words):
        return None
    return lead + len(head) - 1


def change_start(view: TextView, claim: Mention) -> tuple[Mention, int] | None:
    """The starting value of a change that ``claim`` ends (由10.2%|降至|0.6%) and where its
    从/由 stands."""
    c_start, _ = view.clause(claim.start)
    earlier = [m for m in view.in_span("numeric", c_start, claim.start) if m is not claim]
    if not earlier:
        return None
    start = earlier[-1]
    close = claim.start
    if view.text[:close].endswith("的"):
        close -= 1
    dates = [m for m in view.in_span("date", start.end, close) if m.end == close]
    close = dates[-1].start if dates else close  # 由2012年22432元增加到|2021年的|47498元: the second value's date
    between = view.text[start.end:close].strip(BLANKS)
    if not between or len(between) > 6 or not between.endswith(view.lex.to_words):
        return None
    at = from_at(view, start)
    return (start, at) if at is not None else None


def subject_end(view: TextView, claim: Mention) -> int:
    """Where the subject of ``claim`` ends: before the 从/由 of a change it starts or ends."""
    at = from_at(view, claim)
    if at is None:
        change = change_start(view, claim)
        at = change[1] if change else None
    return claim.start if at is None else at


def subject(view: TextView, claim: Mention) -> Subject:
    """The words before the claim (or the 从/由 of its change) that name what it measures: back over
    the predicates and adverbs next to the number, then back over the words of a noun phrase."""
    c_start, _ = view.clause(claim.start)
    before = view.words_in(c_start, subject_end(view, claim))
    i, skipped = _predicate_start(view, claim, before)
    picked: list[Word] = []
    has_noun = False
    while i >= 0 and len(picked) < view.lex.max_words:
        step = _step(view, claim, before, i, c_start, picked, has_noun)
        if step == _STOP:
            break
        picked.append(before[i])
        if step == _LAST or before[i].text in view.lex.frequency_words:
            i -= 1
            break  # 每月|收入: how often closes the subject (not 中央财政|每年安排)
        has_noun = has_noun or step == _NOUN
        i -= 1
    while picked and (picked[-1].text in view.lex.list_marks or picked[-1].text == "等"):
        picked.pop()
    picked.extend(_owner(view, claim, before, i, picked))
    if len(picked) == 1 and len(picked[0].text) == 1 and picked[0].text not in view.lex.one_character_metrics:
        return Subject("", False, True)  # ，报2.23%, 来回一次要600元: one character is a verb, not a metric
    if not picked:
        return Subject("", False, i < 0 and skipped > 0)
    picked.reverse()
    return Subject(view.text[picked[0].start:picked[-1].end], not has_noun, False)


def _owner(view: TextView, claim: Mention, before: Sequence[Word], i: int, picked: Sequence[Word]) -> list[Word]:
    """社会物流总费用与国内生产总值的|比率: a share or a total (``of_heads``) takes the nouns before its
    的, joined by 与/和/及; nothing when no noun stands there. Returned nearest first, as ``picked``."""
    if i < 1 or before[i].text != "的" or len(picked) != 1 or picked[0].text not in view.lex.of_heads:
        return []
    taken: list[Word] = []
    j = i - 1
    while j >= 0 and view.mention_at(before[j].start, before[j].end, claim) is None:
        w = before[j]
        if w.text in view.lex.noun_joiners and taken and j > 0 and nounish(before[j - 1]):
            taken.append(w)
        elif nounish(w) and not verbish(w) and w.tag != "ns" or w.tag.startswith("l"):
            taken.append(w)
        else:
            break
        j -= 1
    return [before[i], *taken] if taken else []


def _predicate_start(view: TextView, claim: Mention, before: Sequence[Word]) -> tuple[int, int]:
    """The index of the last word before the predicate (达, 同比增长, 已经, a date…) that stands
    between the subject and the number, and how many words that predicate has."""
    lex = view.lex
    i = len(before) - 1
    skipped = 0
    if i >= 0 and before[i].end == claim.start and lex.value_brackets.get(before[i].text) == view.text[claim.end:claim.end + 1]:
        i, skipped = i - 1, 1  # 孕产妇死亡率|(0.18‰): a value in brackets right after what it measures
    if i >= 1 and claim.fields.get("kind") == "percent" and before[i].end == claim.start \
            and before[i].tag == "v" and len(before[i].text) > 1 \
            and before[i].text not in lex.attributive and before[i].text not in lex.of_heads \
            and _noun_before(view, before, i):
        i, skipped = i - 1, skipped + 1  # 通行费|减免|10%: a verb between a noun and a share is the change
    while i >= 0:
        w = before[i]
        m = view.mention_at(w.start, w.end, claim)
        if w.text in lex.predicates or w.text in lex.adverbs or w.text in lex.currencies or w.tag in ("p", "d") \
                or w.text in lex.conversion_verbs or (m is not None and m.type == "date") or _between_dates(view, before, i):
            i -= 1
            skipped += 1
            if w.text in ("至", "到") and i >= 0 and verbish(before[i]) or _changed_noun(view, before, i, w) \
                    or w.text in lex.level_prepositions and i >= 0 and before[i].text in lex.level_verbs:
                i -= 1  # 更新至, 增加到, 稳定在: the verb belongs to the predicate
            continue
        basis = _basis_start(lex, before, i)
        if basis is not None:
            i, skipped = basis - 1, skipped + 1  # 电信业务总量|按上年不变价计算|同比增长: how it is reckoned
            continue
        if w.text in lex.time_clause or (len(w.text) > 1 and w.text.endswith(tuple(lex.time_clause))
                                         and not w.tag.startswith("n")):
            i -= 1  # 团队1998年成立时只有10多人: the time clause (a verb and 时) stands between
            opener = next((j for j in range(i, max(i - 3, -1), -1) if before[j].text in lex.time_clause_openers), None)
            i = opener - 1 if opener is not None else i  # 股指|到收盘时|下跌
            while i >= 0 and verbish(before[i]):
                i -= 1
            skipped += 1
            continue
        break
    return i, skipped


def _changed_noun(view: TextView, before: Sequence[Word], i: int, particle: Word) -> bool:
    """生产效率翻|了, 国内生产总值均保持|了: the verb before an aspect particle is the predicate when a
    noun stands before it (the quantity without its change, round-9 rule); alone (聚集了) it is kept."""
    if particle.text not in view.lex.aspect_particles or i < 1 or not verbish(before[i]):
        return False
    return _noun_before(view, before, i)


def _noun_before(view: TextView, before: Sequence[Word], i: int) -> bool:
    """A noun (past adverbs) stands before the verb ``before[i]``, and not a counted span (一个学期)."""
    j = i - 1
    while j >= 0 and (before[j].text in view.lex.adverbs or before[j].tag.startswith("d")):
        j -= 1
    left = before[j] if j >= 0 else None
    counted = j > 0 and before[j - 1].tag.startswith(("m", "q"))  # 一个学期就花了: a span, not a quantity
    return left is not None and nounish(left) and not verbish(left) and not counted \
        and not left.tag.startswith(("f", "s", "ns", "t")) and view.mention_at(left.start, left.end) is None


def _between_dates(view: TextView, before: Sequence[Word], i: int) -> bool:
    """较2020年|和|2019年同期分别增长: a conjunction joining two dates of a comparison is part of it."""
    if before[i].tag != "c" or i == 0:
        return False
    left = view.mention_at(before[i - 1].start, before[i - 1].end)
    return left is not None and left.type == "date"


def _basis_start(lex, before: Sequence[Word], i: int) -> int | None:
    """按上年不变价计算, 按美元计: where a phrase saying how a figure is reckoned opens, when
    ``before[i]`` closes one (``basis_phrases``); it stands between a subject and its number."""
    if before[i].text not in lex.basis_closers:
        return None
    return next((j for j in range(i - 1, max(i - lex.basis_max_words - 1, -1), -1)
                 if before[j].text in lex.basis_openers), None)


def _step(view: TextView, claim: Mention, before: Sequence[Word], i: int, c_start: int,
          picked: Sequence[Word], has_noun: bool) -> int:
    """Whether the word ``before[i]`` ends the subject (``_STOP``), joins it (``_TAKE``) or joins
    it as a noun (``_NOUN``), the words after it (``picked``) being in already."""
    lex = view.lex
    w = before[i]
    if view.mention_at(w.start, w.end, claim) is not None:
        return _STOP
    if w.text in lex.list_marks:
        item_start = max([c_start] + [x.end for x in before[:i] if x.text in lex.list_marks])
        return _STOP if view.in_span("numeric", item_start, w.start) or not picked else _TAKE
    if w.text == "等" and picked:
        return _TAKE
    left = before[i - 1] if i > 0 else None
    if w.text in lex.frequency_words and picked:
        return _TAKE  # 每月|收入1500多块钱: how often is part of what is measured
    noun_left = left is not None and (nounish(left) and not verbish(left) and left.tag != "ns"
                                      or left.text in lex.frequency_words) \
        and view.mention_at(left.start, left.end, claim) is None
    if w.text in lex.noun_joiners and has_noun and noun_left:
        return _TAKE  # 电子及通信设备制造业, 畜禽和水产遗传材料: nouns joined
    if w.tag == "ns" or w.tag.startswith(("r", "d", "p", "c", "u", "m", "q", "f", "x", "w")) or w.text == "的":
        return _STOP
    if verbish(w) and has_noun and w.text in lex.attributive and not _predicate_after_adverb(lex, left):
        return _TAKE  # 死亡病例, 新增就业人数: the verb is part of what is counted
    if w.tag.startswith(("l", "i")) and has_noun:
        return _TAKE  # 出入境人员, 交通枢纽客流量: a set phrase modifying the noun
    if w.tag.startswith("l") and not picked:
        return _NOUN  # 全球货物贸易环比增长: a set phrase jieba knows is the noun itself
    if verbish(w):
        # a verb between nouns sits inside a noun (阅读 量, 家庭医生 签约 服务率)
        if has_noun and not noun_left and _verbs_open_clause(view, claim, before, i):
            return _TAKE if left is not None and verbish(left) and left.text not in lex.adverbs else _LAST
        inside = (len(picked) == 1 and len(picked[0].text) == 1) or noun_left
        return _STOP if has_noun and not inside else _TAKE
    return _NOUN if nounish(w) else _STOP


def _verbs_open_clause(view: TextView, claim: Mention, before: Sequence[Word], i: int) -> bool:
    """共|追回外逃|人员782人, ，完成整改|问题1080个: a verb and its verbal object before the counted
    noun, opening the clause (after an adverb or a date at most), say which are counted; not one
    verb (建成|学校300所: the predicate), a run after a modal verb (愿意赔偿|受害人) or one with a
    one-character verb (来到离|县城, 超保证|水位: a preposition or a predicate)."""
    k, r, lex = i, i, view.lex
    while k >= 0 and verbish(before[k]) and len(before[k].text) > 1 \
            and before[k].text not in lex.adverbs and before[k].text not in lex.modal_verbs \
            and view.mention_at(before[k].start, before[k].end, claim) is None:
        k -= 1  # 累计|实现营业收入, 愿意|赔偿: an adverb or a modal verb ends the run
    while r + 1 < len(before) and verbish(before[r + 1]):
        r += 1  # 追回|外逃: the verbs taken already
    if not 2 <= r - k <= lex.max_opening_verbs or len(before[r].text) < 2 \
            or k >= 0 and verbish(before[k]) and len(before[k].text) < 2:
        return False  # 超|保证水位: a one-character verb is a predicate or a preposition
    if k < 0:
        return True
    left = before[k]
    m = view.mention_at(left.start, left.end, claim)
    return left.text in lex.adverbs or left.text in lex.modal_verbs or left.tag.startswith("d") \
        or (m is not None and m.type == "date")


def _predicate_after_adverb(lex, left: Word | None) -> bool:
    """我国就新增企业: after an adverb an attributive verb (新增) is the predicate, not a modifier."""
    return left is not None and left.text not in lex.attributive \
        and (left.text in lex.adverbs or left.tag.startswith("d"))
