"""Words before a date that pick which one it is and so belong to its span (ANNOTATION.md: a part
word that fixes the value stays in the span): 解禁后首个周末, 脱贫后的第一个春节; and words after
a holiday's days off that pick some of them: 国庆假期首日, 前四天, 最后一天."""
from __future__ import annotations

from typing import Callable

import regex

from ..mention import Mention

# a day or the first or last days of a holiday's days off, right after it (国庆假期的最后一天)
_DAYS_OFF_PART = regex.compile(r"的?(?:(?P<first>首日|第一天)|(?P<last>最后一天)"
                               r"|(?P<side>第|前|后)(?P<n>[0-9一二两三四五六七八九十]{1,2})天)")


def days_off_part(text: str, at: int, count: Callable[[str], float | None]) -> tuple[tuple[int, int], int] | None:
    """(first, last) of the days off that the words at ``at`` pick (1 the first day, -1 the last:
    首日 (1, 1), 前四天 (1, 4), 最后一天 (-1, -1), 后两天 (-2, -1)) and where the words end; None when none do."""
    m = _DAYS_OFF_PART.match(text, at)
    if not m:
        return None
    if m["first"] or m["last"]:
        return ((1, 1) if m["first"] else (-1, -1)), m.end()
    n = count(m["n"])
    if not n or n != int(n):
        return None
    n = int(n)
    if n == 1 and m["side"] in ("前", "后"):
        return None  # 小长假前一天 is the day before it, 后一天 the day after: not days of it
    return {"第": (n, n), "前": (1, n), "后": (-n, -1)}[m["side"]], m.end()


def with_ordinal(text: str, mention: Mention, ordinals: tuple[str, ...]) -> Mention:
    """A holiday or a bare weekend after 首个/第一个 (holidays.ordinal_before) takes the word in: the
    first such day after the event the text names, which the resolver reads as the one nearest."""
    parts = mention.fields["parts"]
    if not ("holiday" in parts or (parts.get("weekend") and "week_offset" not in parts)) or parts.get("recurring"):
        return mention
    word = next((w for w in ordinals if text.endswith(w, 0, mention.start)), None)
    if word is None:
        return mention
    start = mention.start - len(word)
    return mention.with_(start=start, surface=text[start:mention.end])
