"""One document as the facts linker sees it: its text, words and final mentions, the stretches
(sentence, ；-segment, clause, paragraph) the rules walk over, and what a link answers."""
from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Mapping, Sequence

from ..mention import Mention, quote_close
from ..schema import layout
from .words import Word, WordList, word_starts

if TYPE_CHECKING:
    from .lexicon import Lexicon

WINDOW = 400  # characters either side of a claim that a sentence, clause or paragraph may reach


@dataclass(frozen=True)
class Link:
    """One answer of one rule: the text it found, the mention it came from (if any), the rule."""

    text: str = ""
    rule: str = ""
    mention: Mention | None = None


NONE = Link()


def distance(m: Mention, claim: Mention) -> tuple[int, int]:
    """Nearest first; at equal distance the one before the claim."""
    if m.end <= claim.start:
        return claim.start - m.end, 0
    return max(0, m.start - claim.end), 1


def _outside_quoted_names(dates: list[Mention], programs: list[Mention]) -> list[Mention]:
    """The dates that are not words of a quoted programme's name (“欢乐春节”活动: 春节 names the
    programme and dates no figure); a date that is the whole quoted name (“五一”假期) stays."""
    inside = []
    for m in programs:
        close = quote_close(m)
        if close is not None and close > m.start + 1:
            inside.append((m.start + 1, close))
    if not inside:
        return dates
    return [d for d in dates if not any(s <= d.start and d.end <= e and (d.start, d.end) != (s, e) for s, e in inside)]


class TextView:
    """One document's text, words and mentions and the boundaries the rules walk over (not a
    ``readers.Document``: this is what the linker reads of one, after the matchers)."""

    def __init__(self, text: str, words: Sequence[Word], mentions: Sequence[Mention], lex: Lexicon,
                 reference: str, tags: Mapping[str, str] | None = None):
        self.text, self.lex, self.reference = text, lex, reference
        self.words = words if isinstance(words, WordList) else list(words)
        self.tags = tags or {}
        self.word_starts = word_starts(self.words)
        self.mentions = sorted(mentions, key=lambda m: (m.start, m.end))
        self.by_type = {t: [m for m in self.mentions if m.type == t] for t in layout().types}
        self.by_type["date"] = _outside_quoted_names(self.by_type["date"], self.by_type["program"])
        self.type_starts = {t: [m.start for m in ms] for t, ms in self.by_type.items()}
        self.starts = [m.start for m in self.mentions]
        self.longest = max((m.end - m.start for m in self.mentions), default=0)
        self._marks: dict[frozenset, list[int]] = {}  # boundary positions, per set of boundary characters
        self._spans: dict[tuple[int, frozenset], tuple[int, int]] = {}  # _span's answers
        self.memo: dict[str, object] = {}  # per-document answers a rule would otherwise find again per claim

    # -- boundaries -------------------------------------------------------------------------
    def _span(self, pos: int, ends: frozenset[str]) -> tuple[int, int]:
        """The stretch around ``pos`` between two of the characters ``ends`` (not including them),
        remembered: the rules ask for the same clause of one claim a dozen times."""
        key = (pos, ends)
        found = self._spans.get(key)
        if found is None:
            found = self._spans[key] = self._find_span(pos, ends)
        return found

    def _find_span(self, pos: int, ends: frozenset[str]) -> tuple[int, int]:
        marks = self._marks.get(ends)
        if marks is None:
            pattern = re.compile("[" + re.escape("".join(sorted(ends))) + "]")
            marks = self._marks[ends] = [m.start() for m in pattern.finditer(self.text)]
        i = bisect.bisect_left(marks, pos)
        start = marks[i - 1] + 1 if i > 0 else 0
        end = marks[i] if i < len(marks) else len(self.text)
        # text without punctuation (1 MB of it) would make every claim walk every other claim's
        # words: a stretch reaches at most WINDOW characters either side of the claim
        return max(start, pos - WINDOW), min(end, pos + WINDOW)

    def sentence(self, pos: int) -> tuple[int, int]:
        return self._span(pos, self.lex.sentence_ends)

    def segment(self, pos: int) -> tuple[int, int]:
        return self._span(pos, self.lex.segment_ends)

    def clause(self, pos: int) -> tuple[int, int]:
        return self._span(pos, self.lex.clause_ends)

    def paragraph(self, pos: int) -> tuple[int, int]:
        return self._span(pos, self.lex.paragraph_ends)

    def sentence_before(self, s_start: int) -> tuple[int, int] | None:
        """The span of the sentence before the one starting at ``s_start``, when it is in the same
        paragraph."""
        if s_start < 2 or self.text[s_start - 1] == "\n":
            return None
        return self.sentence(s_start - 2)

    # -- words and mentions -----------------------------------------------------------------
    def words_in(self, start: int, end: int) -> list[Word]:
        """The words inside ``[start, end)``; a word that runs over either end is cut there (游客数约
        -> 游客数 before the claim 约1460万人次, 个区 -> 区 after the claim 16个); a cut word gets the
        dictionary's tag of what is left (队中 -> 中, f)."""
        i = max(0, bisect.bisect_right(self.word_starts, start) - 1)
        j = bisect.bisect_left(self.word_starts, end, i)  # the first word from ``end`` on
        out = []
        for w in self.words[i:j]:
            if w.end <= start:
                continue
            if w.start < start or w.end > end:
                a, b = max(w.start, start), min(w.end, end)
                w = Word(a, b, self.text[a:b], self.tags.get(self.text[a:b], ""))
            out.append(w)
        return out

    def mention_at(self, start: int, end: int, skip: Mention | None = None) -> Mention | None:
        """A mention (other than ``skip``) overlapping ``[start, end)``."""
        i = bisect.bisect_left(self.starts, start - self.longest)
        while i < len(self.mentions) and self.mentions[i].start < end:
            m = self.mentions[i]
            i += 1
            if m.end > start and m is not skip:
                return m
        return None

    def in_span(self, kind: str, start: int, end: int) -> list[Mention]:
        """Mentions of ``kind`` inside ``[start, end)``, in text order."""
        ms, starts = self.by_type[kind], self.type_starts[kind]
        return [m for m in ms[bisect.bisect_left(starts, start):bisect.bisect_left(starts, end)] if m.end <= end]
