"""The words that bound a number (rules/numerics.yaml ``qualifiers``, ``comparatives``): 超 and 近
before it, 多 and 以上 after it, 比…低 around it, and whether a number with no unit stands alone.

Each qualifier word is listed once in the rules; whether it compares (大于, 以上: a bare number
next to it is a claim) is read off the list it is in (``compares_before``, ``compares_after``).
"""
from __future__ import annotations

from typing import Mapping, NamedTuple

import regex

from ..numerals import qualifier_words
from ..segment import WordSpans
from .base import index_words, longest_first
from .spaced import despace, despace_back

_HAN = regex.compile(r"\p{Han}")
_PUNCT = regex.compile(r"[\p{P}\s]")


def _clause_start(text: str, low: int, at: int) -> int:
    """Where the clause holding ``at`` begins, looking back no further than ``low``."""
    return max((m.end() for m in _PUNCT.finditer(text, low, at)), default=low)


class Comparative(NamedTuple):
    """A comparative around a number: 比 (word) … 低 (bound upper), written 比…低."""

    word: str
    start: int
    end: int
    bound: str
    written: str
    rule: str


class QualifierReader:
    """Reads the qualifier words around a number with the ``qualifiers`` rules."""

    def __init__(self, rules: Mapping, tags: Mapping[str, str]):
        entries = rules["qualifiers"]
        self.tags = tags
        self.before = longest_first(w for e in entries if not e.get("requires_bare_unit")
                                    for w in qualifier_words(e, "before"))
        self.bare_before = [w for e in entries if e.get("requires_bare_unit") for w in qualifier_words(e, "before")]
        # 破 before a count of records is the verb "break" (破83项全国纪录), matched where the number starts
        self.verb_when_after = {w: regex.compile(p) for e in entries for w, p in e.get("verb_when_after", {}).items()}
        self.rule_of = {w: e["id"] for e in entries for w in qualifier_words(e, "before") + qualifier_words(e, "after")}
        # trailing qualifiers that qualify only amounts of some kinds (起 after money: 5499元起)
        self.after_kinds = {w: set(e["after_kinds"]) for e in entries if e.get("after_kinds")
                            for w in qualifier_words(e, "after")}
        self.compares = {w for e in entries for w in e.get("compares_before", []) + e.get("compares_after", [])}
        self.fillers = set(rules.get("comparison_fillers", []))
        self.bare_followers = set(rules.get("bare_claim_followers", []))
        self.follower_tags = tuple(rules.get("bare_claim_follower_tags", []))
        self.comparatives = list(rules.get("comparatives", []))
        self.prefix_words = set(self.before) | set(self.bare_before)
        self.outer_words = {w for e in entries for w in e.get("outer", ())}
        self.outer_takes = {w for e in entries for w in e.get("outer_takes", ())}
        # look-ups by first or last character (the lexicons are tried at every numeral)
        self.before_by_last = index_words(self.before, -1)
        self.compares_by_last = index_words([w for w in self.before if w in self.compares], -1)
        self.after_by_first = index_words(w for e in entries for w in qualifier_words(e, "after"))
        self.not_tails_by_last = index_words(rules.get("not_qualifier_tails", []), -1)
        self.split_tails = frozenset(rules.get("split_tails", ()))
        self.detached_gaps = set(rules.get("detached_qualifier_gaps", ()))
        comparison = rules.get("after_comparison", {})
        self.comparison_markers = tuple(comparison.get("markers", ()))
        self.comparison_words = set(comparison.get("words", ()))
        self.comparison_window = int(comparison.get("window", 0))
        self.comparison_verbs = frozenset(comparison.get("not_after", ()))
        self.more_adjectives = tuple(rules.get("more_adjectives", ()))
        aspect = next(iter(rules.get("aspect_particles", [])), {})
        self.aspect_words = set(aspect.get("words", []))
        self.aspect_after_tags = tuple(aspect.get("after_tags", ()))
        self.aspect_not_tags = tuple(aspect.get("not_after_tags", ()))
        self.aspect_not_before = regex.compile(aspect.get("not_before", "(?!)"))
        self.aspect_past = tuple(aspect.get("past_markers", ()))
        names = next(iter(rules.get("name_tails", [])), {})
        self.name_tail_words = set(names.get("words", []))
        self.name_tags = tuple(names.get("name_tags", ()))
        self.stem_tags = tuple(names.get("stem_tags", ()))

    def before_at(self, text: str, start: int, words: WordSpans, bare: bool = False) -> tuple[str, int]:
        """The qualifier written before a number and where it starts (spaces may stand between:
        ``小于 或 等于100``); 上 only before a bare 百/千/万 (上千人); a filler verb may follow a
        comparison word (至少有10, 最多为5). The 过 of 通过一项 and the 近 of 附近三个 are none."""
        compact, offsets = despace_back(text, start, 8)
        for word in (self.bare_before if bare else ()):
            if compact.endswith(word) and not self._word_tail(text, offsets[len(compact) - len(word)], word):
                return word, offsets[len(compact) - len(word)]
        if not compact:
            return "", start
        for word in self.before_by_last.get(compact[-1], ()):
            if not compact.endswith(word):
                continue
            at = offsets[len(compact) - len(word)]
            if len(word) > 1 and self._straddles(at, len(word), words) and self._known_word(text, at, words):
                continue  # 增长|达20%: 长达 begins inside 增长 and runs out of it, so is no qualifier
                # (拉长至长|达13.5小时: 至长 is no dictionary word, only jieba's guess, and 长达 stays)
            if word in self.verb_when_after and self.verb_when_after[word].match(text, start):
                continue
            if not self._word_tail(text, at, word, words) and not self._aspect(text, at, word, words) \
                    and not self._name_tail(text, at, word, words) and not self._compared(text, at, word, words):
                return word, at
        if compact[-1] in self.fillers and len(compact) > 1:
            for word in self.compares_by_last.get(compact[-2], ()):
                at = offsets[len(compact) - 1 - len(word)]
                if compact.endswith(word, 0, len(compact) - 1) and not self._word_tail(text, at, word):
                    return word, at
        return "", start

    def outer_before(self, text: str, start: int, words: WordSpans, inner: str) -> tuple[str, int]:
        """达 "reach" written right before a one-character qualifier (达到了|约6000例, 达|近12.4万所,
        达到|上千家): it stays in the surface, and the inner one bounds the number; ("", start) if none."""
        if inner not in self.outer_takes:
            return "", start
        word, at = self.before_at(text, start, words)
        return (word, at) if word in self.outer_words else ("", start)

    def detached_before(self, text: str, start: int, words: WordSpans) -> str:
        """A qualifier one word before the number's word (至少|已|30名, 超过|新台币|11.2亿元, 达到|里氏|
        5.1级): the word between is one of ``detached_gaps``; the surface keeps to the number."""
        if start not in words.starts or not start:
            return ""
        gap = words.span(start - 1)
        if gap is None or text[gap[0]:start] not in self.detached_gaps or gap[0] not in words.starts:
            return ""
        word, at = self.before_at(text, gap[0], words)
        return word if word and at in words.starts else ""  # 看不到|每斤: no 不到 inside a word

    def _word_tail(self, text: str, at: int, qualifier: str, words: WordSpans | None = None) -> bool:
        """Is the qualifier starting at ``at`` the end of a word that means something else
        (``not_qualifier_tails``: 通过, 最近, 节约, 坐不下)? 长达, 一共, 仅仅 keep theirs. Not where the
        segmenter parts the tail inside a longer word before a qualifier of its own (进度|过|九成: no 度过)."""
        end = at + len(qualifier)
        tails = self.not_tails_by_last.get(qualifier[-1], ())
        if len(qualifier) > 1:  # 坐不下50名: only a longer word ends in it (长达, 一共 keep theirs)
            tails = [t for t in tails if len(t) > len(qualifier) and t.endswith(qualifier)]
        own = words is not None and at in words.starts and end in words.ends
        before = words.span(at - 1) if own and at else None
        for tail in tails:
            if not text.endswith(tail, 0, end):
                continue
            if tail in self.split_tails and before is not None and before[1] == at and at - before[0] > len(tail) - len(qualifier):
                continue
            return True
        return False

    def _compared(self, text: str, at: int, qualifier: str, words: WordSpans) -> bool:
        """Is the 快 at ``at`` the adjective of a 比 earlier in its clause (比全部投资快7.1个百分点
        "faster by"), not "almost"? The marker is a word of its own (not 比赛, 比例, 比亚迪), no mark
        stands between, and 快 follows what is compared, not a verb or adjective of its own (比去年胖了
        快10斤). ``after_comparison`` in rules/numerics.yaml."""
        if qualifier not in self.comparison_words or at not in words.starts:
            return False
        low = _clause_start(text, max(0, at - self.comparison_window), at)
        marked = any(text[a:b] in self.comparison_markers for a, b in words.within(low, at))
        if not marked:
            return False
        span = words.span(at - 1)
        before = text[span[0]:span[1]] if span else ""
        # 比去年胖了快10斤, 比平均水平高出快一倍: a change or comparative of its own before 快 makes it
        # "almost"; what is compared stays (比全部投资增速快2个百分点: 增速, though jieba tags it v)
        return not (before.endswith("了") or before in self.comparison_verbs)

    def _known_word(self, text: str, at: int, words: WordSpans) -> bool:
        """Is the word around ``at`` one jieba's dictionary knows (增长), not one its HMM guessed (至长)?"""
        span = words.span(at)
        return span is None or text[span[0]:span[1]] in self.tags

    @staticmethod
    def _straddles(at: int, length: int, words: WordSpans) -> bool:
        """The qualifier begins inside a word and ends beyond it (增|长达 across 增长|达); one at a
        word's end (收|不到 in 收不到) does not."""
        if at in words.starts:
            return False
        span = words.span(at)
        return span is not None and span[1] < at + length

    def _name_tail(self, text: str, at: int, qualifier: str, words: WordSpans) -> bool:
        """Is the 达 or 约 at ``at`` the last character of a name jieba's dictionary knows (苏|韦达|一座,
        佛罗里达5名, 北约30国)? Not when the rest of the word is a common word (占地约: 占地 v) or makes
        one with the character before it (以北约60公里), nor in a word the dictionary does not know (营收达)."""
        if qualifier not in self.name_tail_words or at + 1 not in words.ends:
            return False
        span = words.span(at)
        if span is None or span[0] >= at:
            return False
        name = text[span[0]:span[1]]
        stem = self.tags.get(name[:-1])
        if span[0] and text[span[0] - 1] + name[:-1] in self.tags:
            return False  # 首尔以北约60公里: 以北|约, though jieba cut 以|北约
        return self.tags.get(name, "").startswith(self.name_tags) and (stem is None or stem.startswith(self.stem_tags))

    def _aspect(self, text: str, at: int, qualifier: str, words: WordSpans) -> bool:
        """Is the 过 at ``at`` the aspect particle after a verb (排到|过|160分钟 "has queued for", 访问|过|5个国家)
        rather than "over" (票房|过|10亿)? ``aspect_particles`` in rules/numerics.yaml."""
        if qualifier not in self.aspect_words or at not in words.starts or at + len(qualifier) not in words.ends:
            return False
        if self.aspect_not_before.match(text, at + len(qualifier)) and not self._past_marked(text, at):
            return False  # 收获|过|六成: before tenths 过 is "over" (V过N成 is no aspect; 曾持有过两成 is)
        before = words.span(at - 1) if at else None
        if before is None:
            return False
        tag = self.tags.get(text[before[0]:before[1]], "")
        return tag.startswith(self.aspect_after_tags) and not tag.startswith(self.aspect_not_tags)

    def _past_marked(self, text: str, at: int) -> bool:
        """Does a past marker (曾) stand in the clause before ``at``, a few characters back?"""
        stretch = text[_clause_start(text, max(0, at - 6), at):at]
        return any(marker in stretch for marker in self.aspect_past)

    def after_at(self, text: str, pos: int) -> tuple[str, int]:
        """The trailing qualifier at ``pos`` (spaces allowed: ``170 之下``) and where it ends."""
        compact, offsets = despace(text, pos, 6)
        if compact.startswith(self.more_adjectives) and offsets[0] == pos:
            return "", pos  # 一个多雪的冬天: "snowy", not "more than one"
        for word in self.after_by_first.get(compact[:1], ()):
            if compact.startswith(word) and (offsets[0] == pos or word in self.compares):
                return word, offsets[len(word) - 1] + 1
        return "", pos

    def stands_alone(self, text: str, numeral_end: int, pos: int, words: WordSpans) -> bool:
        """A number with no unit is a claim only as a word of its own, followed by punctuation, the
        end or a function word (超过80。, 低于100的): not 超过2年, 一到三年级, 比十七大时."""
        if numeral_end not in words.ends:
            return False
        ahead, ahead_at = despace(text, pos, 1)
        if not ahead or not _HAN.match(ahead):
            return True
        span = words.span(ahead_at[0])
        word = text[span[0]:span[1]] if span else ahead
        return word in self.bare_followers or self.tags.get(word, "")[:1] in self.follower_tags

    def comparative(self, text: str, start: int, end: int, words: WordSpans) -> Comparative | None:
        """比三十大 / 比 170 低, or None. The adjective must be a word of its own: 4比0大胜 is a score."""
        back, back_at = despace_back(text, start, 2)
        ahead, ahead_at = despace(text, end, 1)
        if not ahead or ahead_at[0] not in words.starts or ahead_at[0] + 1 not in words.ends:
            return None
        for entry in self.comparatives:
            word = entry["before"]
            if back.endswith(word) and ahead in entry["after"]:
                return Comparative(word, back_at[len(back) - len(word)], ahead_at[0] + 1, entry["after"][ahead],
                                   f"{word}…{ahead}", entry["id"])
        return None
