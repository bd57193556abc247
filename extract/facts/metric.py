"""The metric of a claim: what it measures, as written (点击量, 参与故事征集投票). Fixed answers
first (an age, a unit that names itself, 分别), then the finders in the order ``metric_order`` of
``rules/facts.yaml`` gives for the claim's kind; the first that finds words wins."""
from __future__ import annotations

import itertools
from typing import Callable, Mapping, Sequence

from ..mention import Mention
from .subject import Subject, subject
from .view import NONE, Link, TextView
from .words import Word, index_after, nounish, verbish

# The rules whose metric a bare clause after them shares (previous_clause: a chain of such clauses).
_NAMED_BEFORE = ("facts.metric.subject", "facts.metric.object", "facts.metric.previous_clause")
_QUOTES = {"“": "”", "「": "」", "‘": "’", "\"": "\"", "『": "』"}
_MAX_QUOTED = 8


def metric(view: TextView, claim: Mention, done: Mapping) -> Link:
    """``done``: the metrics of the claims before, by claim (``previous`` reads them)."""
    kind, unit = claim.fields.get("kind"), claim.fields.get("unit") or ""
    if kind == "age":
        return Link("", "facts.metric.age")
    if unit in view.lex.noun_units:
        return Link(unit, "facts.metric.unit_noun")
    paired = respectively(view, claim)
    if paired:
        return Link(paired, "facts.metric.respectively")
    converted = _converted(view, claim, done)
    if converted is not None:
        return Link(converted, "facts.metric.conversion")
    found = subject(view, claim)
    if kind == "money":
        order = view.lex.metric_order["money_after_verb" if found.verb_only else "money"]
    else:
        order = view.lex.metric_order["percent" if kind == "percent" else "other"]
    for name in order:
        rule, finder = FINDERS[name]
        text = finder(view, claim, found, done)
        if text:
            return Link(text, "facts.metric.verb_subject" if name == "subject" and found.verb_only else rule)
    if found.text:
        return Link(found.text, "facts.metric.verb_subject")
    return NONE


def _converted(view: TextView, claim: Mention, done: Mapping) -> str | None:
    """进出口总值2.17万亿元人民币(折合3455.9亿美元): a value converted (折合, 约合) after a mark measures
    what the value before it in the sentence measured, in another unit. None when no conversion
    stands there or a word stands right before the verb (进口约合381亿立方米: 进口 is the metric, the
    finders read it); "" when the value before names nothing (赔付14亿美元，约合…了结这场官司), unless
    a noun follows the converted value after 的 (5万新元，折合…的罚款: the finders read it)."""
    s_start, _ = view.sentence(claim.start)
    head = view.text[s_start:claim.start].rstrip()
    while True:  # 折合人民币约|24亿元: a currency and 约 stand between
        word = next((w for w in view.lex.conversion_skipped if head.endswith(w)), None)
        if word is None:
            break
        head = head[:-len(word)]
    verb = next((v for v in view.lex.conversion_verbs if head.endswith(v)), None)
    if verb is None:
        return None
    at = s_start + len(head) - len(verb)
    if at > s_start and view.text[at - 1].isalnum():
        return None  # 进口约合: the verb's own subject
    before = [(earlier, link) for earlier, link in done.values() if s_start <= earlier.start and earlier.end <= at]
    if not before:
        return None  # 折合人民币4700余万元 with no value before: the finders read the subject
    link = max(before, key=lambda pair: pair[0].end)[1]
    if link.text and link.rule in _NAMED_BEFORE + ("facts.metric.conversion",):
        return link.text
    return None if view.text.startswith("的", claim.end) else ""


def _subject(view: TextView, claim: Mention, found: Subject, done: Mapping) -> str:
    """The subject, unless it is verbs alone (then a finder after it names the property better, or
    it is the last resort, facts.metric.verb_subject); a sum's verbs name its spending (斥资)."""
    return "" if found.verb_only and claim.fields.get("kind") != "money" else found.text


def _previous(view: TextView, claim: Mention, found: Subject, done: Mapping) -> str:
    """同比增长35%: the metric of the last claim of the clause just before, if it had a subject or
    an object (吸引了154个境外工商机构团组参加，同比增长16.7%)."""
    if not found.bare:
        return ""
    c_start, _ = view.clause(claim.start)
    s_start, _ = view.sentence(claim.start)
    for earlier, link in reversed(list(done.values())):
        if earlier.end <= c_start and earlier.start >= s_start:
            _, prev_end = view.clause(earlier.start)
            if prev_end + 1 >= c_start and link.rule in _NAMED_BEFORE:
                return link.text  # ，比2020年同期增长60.1%，比2019年同期增长23.5%: a chain shares it
            return ""
    return ""


def _among(view: TextView, claim: Mention, found: Subject, done: Mapping) -> str:
    """在校园枪击案中，有80%…: the noun before 中 in the clause just before."""
    c_start, _ = view.clause(claim.start)
    if c_start < 2:
        return ""
    p_start, p_end = view.clause(c_start - 2)
    words = view.words_in(p_start, p_end)
    if len(words) < 2 or words[-1].text != "中" or words[0].text != "在":
        return ""
    run = []
    for w in reversed(words[1:-1]):
        if not nounish(w) or w.text == "的":
            break
        run.append(w)
    if not run:
        return ""
    return view.text[run[-1].start:run[0].end]


def _object(view: TextView, claim: Mention, found: Subject, done: Mapping) -> str:
    """The noun phrase right after the claim: ``[modifier 的] noun…``. A programme named right
    after it gives its head (29期“…”网络主题宣传 -> 网络主题宣传); a short quoted word is kept
    (3名“00后”小将); a verb inside the phrase is kept when one noun closes it (智慧学习小站).
    The claim's own ``object`` (the numerics read it with the nouns its measure word counts) wins
    where it says more: where this finds nothing or stops inside it (77个国家|和地区)."""
    own = _own_object(view, claim)
    counted = claim.fields.get("object") or ""
    if counted.startswith(view.lex.conversion_verbs):
        counted = ""  # 320亿美元|约合…: a conversion, not a counted noun
    if counted and own != counted and own.startswith(counted) and _stray_after(view, claim, counted):
        return _bracketed_items(view, claim, counted)  # 16家书店|陈列: jieba's tag after the counted noun is a guess
    return _bracketed_items(view, claim, counted if counted.startswith(own) else own)


def _bracketed_items(view: TextView, claim: Mention, noun: str) -> str:
    """31个省（自治区、直辖市）: a list in brackets right after the counted noun widens what is counted
    (the other kinds of unit of that level), so it belongs to the metric."""
    at = claim.end + len(noun)
    if not noun or view.text[claim.end:at] != noun or view.text[at:at + 1] not in view.lex.value_brackets:
        return noun
    close = view.text.find(view.lex.value_brackets[view.text[at]], at, at + _MAX_QUOTED * 2)
    items = view.text[at + 1:close].split("、") if close > 0 else []
    if len(items) < 2 or not all(0 < len(x) <= _MAX_QUOTED // 2 and all("\u4e00" <= c <= "\u9fff" for c in x) for x in items):
        return noun
    return view.text[claim.end:close + 1]


def _stray_after(view: TextView, claim: Mention, counted: str) -> bool:
    """The word right after the numerics' counted noun has a guessed tag, so the counted noun is the
    phrase: a person's name (书店|陈列/nr, 默契/nrt), or a word the dictionary does not know when it
    opens with an adverb (仅用, 未依) or a value, a mark, a name or a verb closing the clause follows
    it (早有|默契). An unknown word
    before a noun, 的, a conjunction or a verb that goes on is the rest of a compound (规划|展园|以及,
    船舶|海工|制造及…, 医院|及卫健|部门的)."""
    at = claim.end + view.text[claim.end:].find(counted) + len(counted)
    after = view.words_in(at, at + view.lex.max_words * 2)
    if not after or after[0].start != at or not after[0].text.isalpha():
        return False
    if after[0].tag:
        return after[0].tag.startswith("nr")
    nxt = after[1] if len(after) > 1 else None
    if nxt is None or not nxt.text.isalpha() or nxt.tag.startswith("nr") \
            or view.tags.get(after[0].text[0], "").startswith("d"):
        return True  # 官兵|仅用|120小时, 公司|早有|默契/nrt, 飞弹|未依 (未: an adverb)
    if not verbish(nxt):
        return False
    closing = after[2] if len(after) > 2 else None
    return closing is None or not closing.text.isalpha() or closing.tag.startswith(("u", "d", "p"))


def _own_object(view: TextView, claim: Mention) -> str:
    lex = view.lex
    _, c_end = view.clause(claim.start)
    words = view.words_in(claim.end, c_end)
    counted = claim.fields.get("object") or ""
    i, end, start = 0, claim.end, None
    has_noun, joined, join_end = False, None, 0  # joined: where the phrase ended before a 和/及 it took
    while i < len(words) and len(view.words_in(start, end) if start is not None else ()) < lex.max_words:
        w = words[i]
        if view.text[end:w.start].strip():
            break
        m = view.mention_at(w.start, w.end, claim)
        if m is not None and m.type == "program" and start is None and m.start >= claim.end:
            head = m.fields.get("head") or ""
            if head and m.surface.endswith(head):
                return head
            i, end = index_after(words, m.end), m.end
            continue
        if m is not None or w.text in lex.adverbs or w.text in lex.predicates or w.text in lex.conversion_verbs:
            break  # 320亿美元|约合…: a conversion follows the value, it is not what is counted
        if w.text in _QUOTES and start is None:
            quoted = _quoted(view, w, c_end)
            if quoted is None:
                break
            start, end = quoted
            i = index_after(words, end)
            continue
        if w.text == "的":
            if has_noun:
                break
            i, end = i + 1, w.end
            continue
        following = words[i + 1] if i + 1 < len(words) else None
        if w.text in lex.object_joiners and has_noun and _joined_noun(view, claim, words, i + 1):
            joined, join_end, end, i = end, w.end, w.end, i + 1  # 7项国家专利和自主知识产权: nouns joined, both counted
            continue
        if start is None and w.tag.startswith("r") and w.text.startswith(lex.distributive) \
                and following is not None and (nounish(following) or following.tag.startswith("l")):
            start, end, i = w.start, w.end, i + 1  # 353架各型无人机: 各型 sorts what is counted
            continue
        if w.tag.startswith("l") and not has_noun and (start is not None and words[i - 1].start == start
                                                       or counted.startswith(w.text)):
            start = w.start if start is None else start
            has_noun, end, i = True, w.end, i + 1  # 各型|无人机, 国家专利 (the numerics' counted noun)
            continue
        if w.tag.startswith("f") or verbish(w):
            if joined is not None and end > join_end or not _inside_phrase(view, claim, words, i, has_noun):
                break  # 机关党支部和农村党支部|结成对子: past a joined noun, a verb is the predicate
        elif w.tag.startswith("q") and has_noun and following is not None and nounish(following):
            end, i = w.end, i + 1  # 网络主题系列宣传
            continue
        elif w.tag == "vn" and has_noun and following is not None and (following.tag == "p" or following.tag.startswith("u")
                                                                        and following.text in lex.aspect_particles):
            break  # 志愿者活跃在赛场, 各族群众解析了: a verbal noun before a preposition or 了 is the verb
        elif w.tag in ("a", "z") and has_noun:
            break  # 志愿者多: an adjective after the noun is a predicate
        elif not nounish(w) or w.tag.startswith(("m", "q")):
            break
        else:
            has_noun = has_noun or w.tag not in ("a", "z")  # 热腾腾的手工包子: a modifier alone is not a noun
        if start is None:
            start = w.start
        end = w.end
        i += 1
    if start is None or not has_noun:
        return ""
    if joined is not None and end == join_end:
        end = joined  # 会员和|广大劳动者: nothing was taken after the 和
    return view.text[start:end]


def _joined_noun(view: TextView, claim: Mention, words: Sequence[Word], k: int) -> bool:
    """The word ``words[k]`` after a 和/及/与 starts another noun of the counted phrase (国家专利和|自主
    知识产权, 水果及|矿产品): a noun, or a verb inside a noun phrase; not a number or another mention
    (10枚导弹和|353架无人机)."""
    if k >= len(words) or view.text[words[k - 1].end:words[k].start].strip():
        return False
    w = words[k]
    if view.mention_at(w.start, w.end, claim) is not None or w.tag.startswith(("m", "q", "r", "p", "c")):
        return False
    return (nounish(w) and not w.tag.startswith(("nr", "ns", "s"))) \
        or verbish(w) and _inside_phrase(view, claim, words, k, False)  # not 120个展团和|国内1000多家


def _quoted(view: TextView, w: Word, c_end: int) -> tuple[int | None, int] | None:
    """An opening quote after the claim: the phrase's start (a short quoted word belongs to it,
    “00后”小将; a long one is a name the matcher did not take, whose head follows) and where the
    quote closes; None when it does not close in the clause."""
    close = view.text.find(_QUOTES[w.text], w.end, c_end)
    if close < 0:
        return None
    return (w.start if close - w.end <= _MAX_QUOTED else None), close + 1


def _inside_phrase(view: TextView, claim: Mention, words: Sequence[Word], i: int, has_noun: bool) -> bool:
    """周边企业, 智慧学习小站, (的)跨区域人员流动: a place word or verb ``words[i]`` is kept only when
    nouns follow to the end of the phrase, one noun if a noun came before (not 微课作品入围省级评审;
    not 落户沧州)."""
    w = words[i]
    following = words[i + 1] if i + 1 < len(words) else None
    if following is None or not nounish(following) or following.tag.startswith(("ns", "nr")):
        return False
    if w.tag.startswith("f"):
        return True
    rest = list(itertools.takewhile(lambda x: x.tag or x.text.isalnum(), words[i + 1:]))
    return all(nounish(x) and not verbish(x) and not view.mention_at(x.start, x.end, claim)
               for x in rest) and (len(rest) == 1 or not has_noun)


def _verb_after(view: TextView, claim: Mention, found: Subject, done: Mapping) -> str:
    """超1800万人次参与“南粤好网民”故事征集投票 -> 参与故事征集投票: a verb right after the claim and
    what follows it in the clause, without a programme's name (the programme is linked on its
    own), up to a 的-phrase's noun (打破亚洲纪录的成绩) or another mention."""
    _, c_end = view.clause(claim.start)
    words = view.words_in(claim.end, c_end)
    if not words or words[0].start != claim.end or not verbish(words[0]) \
            or _changes_or_compares(view, claim.end):
        return ""
    pieces = [words[0].text]
    after_de, skip_to, taken = False, -1, 1
    for w in words[1:]:
        if w.start < skip_to or taken >= view.lex.max_words:
            if taken >= view.lex.max_words:
                break
            continue
        m = view.mention_at(w.start, w.end, claim)
        if m is not None and m.type == "program" and m.start >= w.start:
            head = m.fields.get("head") or ""
            if head and m.surface.endswith(head):
                pieces.append(head)  # “南粤好网民”故事征集投票 -> 故事征集投票
            skip_to = m.end
            continue
        if m is not None or w.text in view.lex.list_marks or (after_de and verbish(w)):
            break
        after_de = after_de or w.text == "的"
        pieces.append(w.text)
        taken += 1
    return "".join(pieces)


def _changes_or_compares(view: TextView, at: int) -> bool:
    """从700多个|增加到3200多个, 与16.3万平方公里|相比: a change to another value (a predicate
    ending in 至/到/为) or a comparison's closer follows a value, not what it measures (是|绿电,
    为|…, 有|…的大国 still name it)."""
    lex = view.lex
    return any(view.text.startswith(p, at) for p in lex.baseline_closers) \
        or any(view.text.startswith(p, at) for p in lex.predicates if len(p) > 1 and p.endswith(lex.to_words))


def _de_noun(view: TextView, claim: Mention, found: Subject, done: Mapping) -> str:
    """50个在…中涌现出的优秀故事: the noun run after the first 的 of the clause."""
    _, c_end = view.clause(claim.start)
    words = view.words_in(claim.end, c_end)
    for k, w in enumerate(words[:view.lex.max_words * 2]):
        if view.mention_at(w.start, w.end, claim) is not None:
            return ""
        if w.text == "的":
            run = []
            for x in words[k + 1:k + 1 + view.lex.max_words]:
                if not nounish(x) or view.mention_at(x.start, x.end, claim) is not None:
                    break
                run.append(x)
            return view.text[run[0].start:run[-1].end] if run else ""
    return ""


def respectively(view: TextView, claim: Mention) -> str:
    """枪击案和杀人案分别增加近40%和33%: n subjects joined before 分别 pair in order with the n
    claims after it in the clause."""
    c_start, c_end = view.clause(claim.start)
    head = view.text[c_start:claim.start]
    at = max(head.rfind(w) for w in view.lex.respectively)
    if at < 0:
        return ""
    at += c_start
    claims = [m for m in view.in_span("numeric", at, c_end)]
    if len(claims) < 2 or claim not in claims:
        return ""
    words = view.words_in(c_start, at)
    items = _items(view, words, view.lex.conjunctions)
    if len(items) != len(claims):  # 电子及通信设备制造业、航空航天器及设备制造业: 及 inside the items
        items = _items(view, words, view.lex.item_separators)
    if len(items) != len(claims):
        return ""
    item = items[claims.index(claim)]
    text = view.text[item[0].start:item[-1].end]
    last = items[-1]
    if item is not last and len(last) > len(item) and len(last) > 1:
        text += last[-1].text  # 新房和二手房价格: the head noun after the last item is shared
    return text


def _items(view: TextView, words: Sequence[Word], separators: set[str]) -> list[list[Word]]:
    """The nouns before 分别, split into items at ``separators``, in text order."""
    items: list[list[Word]] = [[]]
    for w in reversed(words):
        if not any(items) and (w.text in view.lex.adverbs or w.text.startswith("每")
                               or w.tag.startswith(("d", "r", "m", "q", "p"))):
            continue  # 增加值 同比 分别, 价格 每吨 分别
        if w.text in separators and items[-1]:
            items.append([])
        elif (nounish(w) and not verbish(w) or w.text in view.lex.conjunctions) \
                and view.mention_at(w.start, w.end) is None:
            items[-1].append(w)
        else:
            break
    return [list(reversed(i)) for i in reversed(items) if i]


# The metric finders metric_order may name, with the rule of what each finds; each takes the view,
# the claim, its subject and the metrics found before.
FINDERS: dict[str, tuple[str, Callable[[TextView, Mention, Subject, Mapping], str]]] = {
    "subject": ("facts.metric.subject", _subject),
    "object": ("facts.metric.object", _object),
    "previous": ("facts.metric.previous_clause", _previous),
    "among": ("facts.metric.among", _among),
    "verb_after": ("facts.metric.verb_after", _verb_after),
    "de_noun": ("facts.metric.de_noun", _de_noun),
}
