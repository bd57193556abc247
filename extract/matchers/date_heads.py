"""Words before a date that pick which one it is and so belong to its span (ANNOTATION.md: a part
word that fixes the value stays in the span): 解禁后首个周末, 脱贫后的第一个春节."""
from __future__ import annotations

from ..mention import Mention


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
