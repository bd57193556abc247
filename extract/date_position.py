"""Where a date stands in the text, for resolution: inside a name (whose dates are no event days and
whose weekdays recur), or opening its sentence as a clause of its own (whose year later months take)."""
from __future__ import annotations

import regex

from .mention import QUOTE_PAIRS

# the marks that open and close differently (an ASCII " could be either: read back, it tells nothing)
_OPEN_MARKS = {opening: closing for opening, closing in QUOTE_PAIRS.items() if opening != closing}
_NAME_REACH = 30
_QUOTED_NAME_MAX = 15  # a quoted name is short; quoted speech is longer or holds punctuation
_SPEECH_BEFORE = ("：", ":", "说", "道", "问")
# words ending like a speech verb that are none (央视电影频道“周末影院”, 社区街道“周六课堂”)
_NOT_SPEECH = ("频道", "街道", "据说", "小说", "报道", "知道", "轨道", "渠道", "通道", "跑道", "管道", "味道", "赛道",
               "车道", "步道", "航道", "隧道", "学说", "传说", "学问", "顾问", "疑问", "访问", "人道", "称道")
# speech told after the quote (“周日晚上我们将举行音乐会”，他说) or in the first person inside it
_SPEECH_AFTER = regex.compile(r"[，,]\s*[^，,。！？\s]{0,8}?(?:说|表示|称|介绍|指出|告诉)")
_SPEAKER_WORDS = ("我", "咱", "你", "将", "会", "要")
_COMPARED_BEFORE = ("比", "较", "同比", "相比", "比较", "低于", "高于", "超过")
_PUNCT = regex.compile(r"[\p{P}\s]")
_BLANKS = " \t\u3000\r\n"


def inside_name(text: str, start: int, end: int) -> bool:
    """The date stands inside title marks with other words (《星期六剧场》), or inside quotes that hold
    a short name, not speech (“欢乐春节”, “中国制造2025”; not 他说：“周六我们去了公园，…” nor “周五见！”)."""
    before = text[max(0, start - _NAME_REACH):start]
    opened = max(before.rfind(mark) for mark in _OPEN_MARKS)
    if opened < 0 or any(close in before[opened:] for close in _OPEN_MARKS.values()):
        return False
    mark = before[opened]
    after = text.find(_OPEN_MARKS[mark], end, end + _NAME_REACH)
    if after < 0 or (opened == len(before) - 1 and after == end):
        return False  # none, or the date alone in its marks
    if mark == "《":
        return True
    inner_start = start - (len(before) - opened) + 1
    inner = text[inner_start:after]
    if len(inner) > _QUOTED_NAME_MAX or _PUNCT.search(inner) or any(w in inner for w in _SPEAKER_WORDS):
        return False
    if _SPEECH_AFTER.match(text, after + 1):
        return False  # “…”，他说
    k = _skip_blanks_back(text, inner_start - 1)
    return not (text.endswith(_SPEECH_BEFORE, max(0, k - 2), k) and not text.endswith(_NOT_SPEECH, max(0, k - 2), k))


def compared_base(text: str, start: int) -> bool:
    """The date at ``start`` is a comparison's base (比2018年回落, 较2018年增长), not a new topic."""
    return text.endswith(_COMPARED_BEFORE, max(0, start - 2), start)


def _skip_blanks_back(text: str, k: int, blanks: str = _BLANKS) -> int:
    """The position before the blanks that end ``text[:k]`` (read back, not copied: texts are long)."""
    k = min(k, len(text))
    while k > 0 and text[k - 1] in blanks:
        k -= 1
    return k


_SENTENCE_OPEN = set("。！？!?\n：:")


def opens_sentence(text: str, start: int, end: int) -> bool:
    """The date opens its sentence (or the text after a dateline) as a clause of its own: 2014年，…"""
    if not text:
        return False  # resolved without its text
    k = _skip_blanks_back(text, start, " \t\u3000")
    return (k == 0 or text[k - 1] in _SENTENCE_OPEN) and text[end:end + 1] in ("，", ",")
