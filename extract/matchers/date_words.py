"""Where a date meets the segmenter's words: a date word that is a piece of a longer word is no date.

The date patterns match characters; jieba's words (``extract.segment.word_spans``) say where a word
begins and ends. A date cut out of a word (光明日报 holds 明日, 日本|周边 holds 本周) is dropped, a
part of a year (初, 中) or a length's head (提前) that belongs to the next or last word is left out.
Without the words (the matcher called on bare text), every check lets the date through.
"""
from __future__ import annotations

from typing import Container, Mapping

from .date_lexicon import DateLexicon


class DateWordEdges:
    def __init__(self, lex: DateLexicon, rules: Mapping, known_words: Container[str] | None = None):
        self.lex, self.known_words = lex, known_words
        cut = (rules.get("cut_words") or [{}])[0]
        self.glued_heads = set(cut.get("glued_heads", ()))
        self.time_words = set(cut.get("time_words", ()))
        # parts that open many names the dictionary does not know (4月|中核集团, 8月|中车): a guessed word is
        # evidence enough against them
        self.guess_opening_parts = set(cut.get("guess_opening_parts", ()))

    def without_cut_part(self, text: str, words, pattern, m):
        """A one-character part of a year or month (初, 中, 底, 末) that begins a longer word of the
        dictionary is that word's (2015年|初次, 9月份|中国): the date is matched again without it. A
        word the segmenter made up from unknown characters is no evidence (五月|底辞|幕僚工作), except
        for 中, which opens many names it does not know (4月|中核集团)."""
        last = m.end() - 1
        if last <= m.start() or text[last] not in self.lex.one_char_parts:
            return m
        span = words.span(last)
        if span is None or span[0] != last or span[1] <= m.end():
            return m
        if not self._known(text[span[0]:span[1]]) and text[last] not in self.guess_opening_parts:
            return m
        return pattern.match(text, m.start(), last)

    def post_in_word(self, text: str, words, m) -> bool:
        """The word after a count of 日 (前, 后) begins a longer word of the dictionary (25日|前往|巴基斯坦):
        it places nothing, and the count is a day of the month, no length. (30天|后来|到: a length
        that has no such other reading stays.)"""
        if words is None or not m["post"] or m.captures("u")[-1:] != ["日"]:
            return False
        at = m.start("post")
        span = words.span(at)
        return span is not None and span[0] == at and span[1] > m.end("post") and self._known(text[span[0]:span[1]])

    def without_cut_head(self, text: str, pattern, m):
        """A length's first character that ends a word before it is that word's (提|前三天, 台风过|后12天):
        the length is matched again without it."""
        first = m.start()
        if not any(text.endswith(w, 0, first + 1) for w in self.lex.cut_heads if w[-1] == text[first]):
            return m
        return pattern.match(text, first + 1, m.end()) or m

    def length_not_day(self, text: str, start: int, end: int) -> bool:
        """A bare count of 日 or 月 right after a word a length follows (延后|3日, 之后|10月): that
        length (the duration patterns read it), not a day or a month."""
        return text[end - 1] in "日月" and text[start:end - 1].isalnum() and len(text[start:end - 1]) <= 3 \
            and text.endswith(self.lex.lengths_after, 0, start)

    def not_a_date(self, text: str, start: int, end: int) -> bool:
        """A date word inside a word that is no date (not_dates in rules/dates.yaml: 国旗日 + 前夕)."""
        for word, before, after in self.lex.not_dates:
            if text.startswith(word, start) and start + len(word) <= end:
                if (not before or text.endswith(before, 0, start)) and (not after or text.startswith(after, start + len(word))):
                    return True
        return False

    def cut_from_words(self, text: str, words, start: int, end: int) -> bool:
        """The date begins inside a word and ends inside one, both words of the dictionary (光明日报,
        日本|周边, 明明|年纪): its characters belong to other words. A word the segmenter made up
        from unknown characters (局前|天真 holds 前天) is no evidence; nor a preposition or a
        recurring 每 the segmenter joined to the date's start (从即日起, 于今|年, 每周五: cut_words
        in rules/dates.yaml), nor a word that is a time expression itself (时至今日). A date with
        brackets in it (今（28）日) is never cut."""
        if words is None or not text[start:end].isalnum():
            return False
        first, last = words.span(start), words.span(end - 1)
        if first is None or last is None or not (first[0] < start and last[1] > end):
            return False
        if text[first[0]:start] in self.glued_heads or text[first[0]:first[1]] in self.time_words:
            return False
        return all(self._known(text[a:b]) for a, b in (first, last))

    def word_ends_inside(self, text: str, words, start: int, end: int) -> bool:
        """A noun of the dictionary begins before the date and ends inside it (项目|前 holds 目前): the
        date's first characters are that noun's; not a word that holds the whole date (从今以后), nor
        a number, adverb or time word (数日|前, 据此|前, 平日|前 around a name: 钟小平日前)."""
        first = words.span(start) if words is not None else None
        if first is None or not (first[0] < start and first[1] < end) or text[first[0]:start] in self.glued_heads:
            return False
        tag = getattr(self.known_words, "get", lambda _: "n")(text[first[0]:first[1]])
        return (tag or "").startswith("n")

    def _known(self, word: str) -> bool:
        return self.known_words is None or word in self.known_words


def inside_word(words, start: int) -> bool:
    """A holiday's name begins inside a jieba word (韩国|庆州 holds 国庆): it is no holiday there."""
    if words is None:
        return False
    span = words.span(start)
    return span is not None and span[0] < start
