"""Programme names: quoted or bracketed names recognised by what surrounds them, and unquoted ones.

A name in “…”/「…」/『…』 counts when a head phrase follows (工程, 系列专项行动, 网络安全技能挑战赛:
descriptive words ending in a head noun), when the name ends with a head itself (网络文明贵州行动),
or when a launching verb precedes it (推出“…”); names in 《…》 are documents (with their type word
as head) or other titles. An unquoted name (极客少年挑战赛, 第81届世界科幻大会) is a run of
descriptive words ending in an event head, after a launching verb or led by a region, year or edition;
slogans, idioms and quoted speech are rejected by the lexicons in rules/programs.yaml.
"""
from __future__ import annotations

from typing import Mapping

import regex
from spacy.language import Language
from spacy.tokens import Doc

from ..components import COMPONENT_CONFIG
from ..mention import Mention
from ..rules import pipeline_rules
from ..segment import word_tags
from .bare_programs import BareProgramMatcher
from .program_lines import LineMatcher
from .base import (SpanSet, TokenTable, alternation, ensure_extensions, index_words, longest_first, token_table,
                   with_reference, write_mentions)
from .organization_shapes import paper_title
from .quoted_documents import QuotedDocuments
from .unquoted_events import COMPLEMENTS, WORD, UnquotedEvents

# jieba tags of words inside a head phrase or an unquoted name: nouns, verbal nouns, adjectives, abbreviations
_PHRASE_TAGS = ("n", "vn", "b", "a", "j", "eng", "s", "l")
# a word beginning with one of these is no part of a name (这是, 的, 和): jieba may not know it
_FUNCTION_CHARS = set("这那是的了在和与及等把被将从向对")
# a short modifier ending in 的 between 等 and the shared head: 等年轻态的融媒体栏目
_DE_MODIFIER = regex.compile(r"(?:(?![是都也在有为])[\p{Han}A-Za-z0-9]){1,4}的(?=[\p{Han}A-Za-z])")
# what may stand between quoted names of one run: “A”“B”、“C”和“D”
_RUN_GAPS = ("", "、", "和", "与", "及", "以及", "、以及", "，以及")
# a span of years inside a head phrase: “双提升”三年行动计划
_YEARS = regex.compile(r"(?:[0-9]+|[一二三四五六七八九十两]+)年")
# a count between 等 and the shared head: “A”“B”等39个专项整治行动, 等一系列活动
_COUNT = regex.compile(r"(?:[0-9]+|[一二三四五六七八九十两百千几数多]+)(?:多|余)?(?:个|项|场|类|批|期|款)|一系列|大批|一批|众多")


class ProgramMatcher:
    def __init__(self, rules: Mapping, tags: Mapping[str, str] | None = None, regions: set[str] = frozenset(),
                 countries: set[str] = frozenset(), paper_title: regex.Pattern | None = None):
        self.tags = tags or {}
        self.paper_title = paper_title  # 《卫报》: a newspaper, the organization grammar's (org.media.paper_title)
        self.head_kind: dict[str, tuple[str, str]] = {}
        for entry in [*rules["heads"], *rules.get("quoted_heads", [])]:  # quoted_heads: not the tagger's
            for word in entry["words"]:
                self.head_kind.setdefault(word, (entry["kind"], entry["id"]))
        self.heads_longest = longest_first(self.head_kind)
        self.final_heads = frozenset(rules.get("final_heads", ()))  # heads that must end the phrase
        self.heads_by_last = index_words(self.head_kind, -1)
        # weak head -> {introducing verb: kind}
        self.weak_heads: dict[str, dict[str, str]] = {
            word: {v: kind for kind, verbs in entry.get("verb_kinds", {}).items() for v in verbs}
            for entry in rules.get("weak_heads", []) for word in entry["words"]}
        self.kind_verbs = longest_first(v for verbs in self.weak_heads.values() for v in verbs)
        limit = int(rules.get("max_name_length", 40))
        self.max_len = limit
        quoted = "|".join(
            rf"{regex.escape(o)}(?P<q{i}>[^{regex.escape(o + c)}\n]{{1,{limit}}}){regex.escape(c)}"
            for i, (o, c) in enumerate(rules["quotes"])
        )
        self.quoted = regex.compile(quoted)
        # a quote closed with a second opening mark, as scraped text sometimes has it: “我来教您用手机“
        self.broken = regex.compile(
            "|".join(rf"{regex.escape(o)}(?P<b{i}>[^{regex.escape(o + c)}\n]{{2,{limit}}}){regex.escape(o)}"
                     for i, (o, c) in enumerate(rules["quotes"]) if o != c))
        self.broken_id = rules.get("broken_quotes", [{}])[0].get("id", "program.broken_quote")
        # a naming verb before the quote and a head after 的: 名为“…”的网站
        naming = rules.get("naming", [{}])[0]
        self.naming_id = naming.get("id", "program.naming")
        self.naming_verbs = tuple(longest_first(naming.get("words", [])))
        # a category noun right before the quote names what it is: 培训品牌“自媒体思享会”
        category = rules.get("category_before", [{}])[0]
        self.category_id = category.get("id", "program.category_before")
        self.categories = regex.compile(rf"(?:{alternation(category.get('words', ['品牌']))})$")
        self.not_compound = tuple(category.get("not_in_compounds", ()))  # 新闻频道“六一”: a channel's own name
        self.n_quotes = len(rules["quotes"])
        self.modifiers = set(rules["head_modifiers"])
        self.inner_head = regex.compile(rf"(?:{alternation(self.head_kind)})$")
        # a quoted name ending in a head is a programme (“E成长计划”) when its own words before the head are
        # as many as the head's entry asks (``inside_min_chars``: 「新南向政策」, not “强政策”, “五大政策”)
        self.inside_min = {w: int(e["inside_min_chars"]) for e in rules.get("quoted_heads", [])
                           if e.get("inside_min_chars") for w in e["words"]}
        # heads (``verbless``) whose phrase after the quote may hold no preposition, nor a verb with an adjective
        # after it: the quote is then a clause's subject (“一带一路”提供良好政策, “一带一路”同哈新经济政策)
        self.verbless = tuple(w for e in rules.get("quoted_heads", []) if e.get("verbless") for w in e["words"])
        self.title = regex.compile(rf"《(?P<name>[^《》\n]{{1,{limit * 2}}})》")
        self.document_end = regex.compile(rf"(?:{alternation(rules['document_words'])})(?:\s*[(（][^()（）]*[)）])?$")
        self.document_word = regex.compile(rf"(?:{alternation(rules['document_words'])})")
        self.title_kind = str(rules.get("title_kind", "other"))
        self.triggers = longest_first(w for e in rules["triggers"] for w in e["words"])
        self.trigger_id = rules["triggers"][0]["id"]
        self.slogans = {w for e in rules["slogans"] for w in e["words"]}
        self.speech = set(rules["speech_marks"])
        self.media = tuple(rules["media_title_suffixes"])
        self.media_after = tuple(rules.get("media_after_title", []))
        reporter = rules.get("reporting_title", [{}])[0]  # 据《读卖新闻》6日报道称, 向《苹果》投诉
        self.reported_after = regex.compile(
            rf"(?:[0-9０-９]{{1,2}}日|日前|近日)?(?:{alternation(reporter.get('after', ['(?!)']))})")
        self.reported_before = tuple(reporter.get("before", ()))
        self.told_after = regex.compile(rf"(?:{alternation(reporter.get('told', ['(?!)']))})")
        # names written to a fixed shape: 庆祝中国共产党成立100周年大会 (rules ``shaped``)
        self.shaped = [(e["id"], e["kind"], regex.compile(e["pattern"])) for e in rules.get("shaped", [])]
        # titles that hold other names (关于召开十三届全国人大一次会议的决定): the bare grammar still reads inside
        self.nesting = frozenset(e["id"] for e in rules.get("shaped", []) if e.get("nests"))
        self.bare = BareProgramMatcher(rules, self.tags, regions, self.triggers, countries)
        self.unquoted = UnquotedEvents(rules, self.tags, self.bare, self.triggers, self.slogans,
                                       self._descriptive, self._head_of, self._kind_of)
        self.lines = [LineMatcher(entry, self.tags, regions) for entry in rules.get("lines", [])]
        self.quoted_documents = QuotedDocuments(rules, self.tags)

    def __call__(self, doc: Doc) -> list[Mention]:
        text = doc.text
        tokens = token_table(doc)
        found = [m for m in (self._title(doc, tokens, t) for t in self.title.finditer(text)) if m]
        quotes = list(self.quoted.finditer(text))
        run_ends = _run_ends(text, quotes)
        run_start = 0
        for index, q in enumerate(quotes):
            if index == 0 or text[quotes[index - 1].end():q.start()] not in _RUN_GAPS:
                run_start = q.start()  # the first name of a run (“A”“B”、“C”) meets the verb
            mention = self._quoted(doc, tokens, q, run_ends[index], run_start)
            if mention:
                found.append(mention)
        found.extend(self._broken(doc, tokens, quotes))
        marked = [(q.start(), q.end()) for q in quotes] + [(t.start(), t.end()) for t in self.title.finditer(text)]
        taken = SpanSet(marked + [(m.start, m.end) for m in found])
        found.extend(self.unquoted(doc.text, tokens, taken, found))
        found.extend(self._shaped(text, SpanSet((m.start, m.end) for m in found)))
        found.extend(self.bare(text, tokens, SpanSet((m.start, m.end) for m in found if m.rule not in self.nesting),
                               SpanSet(marked)))
        found.extend(self._quoted_bare(text, tokens, quotes, found, marked))
        for lines in self.lines:  # 京张高铁: where no grammar took the words
            found.extend(lines(text, tokens, SpanSet([*marked, *((m.start, m.end) for m in found)])))
        return found

    def _shaped(self, text: str, taken: SpanSet) -> list[Mention]:
        """Names whose words make a fixed shape (庆祝…成立100周年大会: a meeting held for an anniversary)."""
        out = []
        for rule_id, kind, pattern in self.shaped:
            for m in pattern.finditer(text):
                if not taken.overlaps(m.start(), m.end()):
                    taken.add(m.start(), m.end())
                    name = (m.group("name") if "name" in pattern.groupindex else None) or m.group()  # “一带一路”: quotes off
                    out.append(Mention("program", m.start(), m.end(), m.group(), rule_id,
                                       {"name": name, "head": m.group("head"), "kind": kind}))
        return out

    def _quoted_bare(self, text: str, tokens: TokenTable, quotes: list, found: list[Mention],
                     marked: list[tuple[int, int]]) -> list[Mention]:
        """A quoted name nothing around it says is one, whose words alone make a bare name
        (「公务人员退休资遣抚恤法」, “国家情报法”: Taiwan news quotes its laws in 「」): the bare grammar
        reads inside the quote, and the name must fill it."""
        have = SpanSet((m.start, m.end) for m in found)
        open_quotes = {(q.start() + 1, q.end() - 1): q for q in quotes
                       if not have.overlaps(q.start(), q.end()) and self.bare.ends_name(text, q.end() - 1)}
        if not open_quotes:
            return []
        still_marked = SpanSet(span for span in marked if (span[0] + 1, span[1] - 1) not in open_quotes)
        out = []
        for m in self.bare(text, tokens, have, still_marked):
            q = open_quotes.get((m.start, m.end))
            if q is not None:
                out.append(Mention("program", q.start(), q.end(), q.group(), m.rule, dict(m.fields)))
        return out

    # -- head phrases ---------------------------------------------------------------
    def _head_of(self, word: str) -> str:
        """The head noun a word ends with (活动, 挑战赛), or ''. A one-character head (节, 展, 赛)
        counts only as a word of its own."""
        if word in self.head_kind:
            return word
        for head in self.heads_by_last.get(word[-1:], ()):  # indexed: this runs on every token
            if len(head) > 1 and word.endswith(head):
                return head
        return ""

    def _head_phrase(self, doc: Doc, tokens: TokenTable, at: int) -> tuple[int, str] | None:
        """The longest run of descriptive words from ``at`` that ends in a head: (end, phrase)."""
        i = tokens.starting_at(at)
        if i is None:
            return None
        best, chars, verbs = None, 0, 0
        for k in range(i, min(i + 8, len(tokens))):
            word = tokens.word(k)
            chars += len(word)
            if chars > 20 or not WORD.fullmatch(word):
                break
            if self._head_of(word) or self._head_of(doc.text[at:tokens.ends[k]]):  # 主题|宣传
                if not (word in self.final_heads and self._word_follows(tokens, k)):
                    best = tokens.ends[k]
            elif self.tags.get(word, "") == "v" and word[0] not in _FUNCTION_CHARS and verbs == 0:
                verbs = 1  # one verb inside the phrase (助力乡村|振兴|系列活动), not a clause (吸引网友参与投票)
            elif word in self.bare.place_initials and {tokens.word(j) for j in (k - 1, k + 1) if i <= j < len(tokens)} & self.bare.place_initials:
                pass  # “海上联合-2014”|中|俄|海上联合军事演习: two countries' initials, cut apart
            elif not (self._descriptive(word) or _YEARS.fullmatch(word)):
                break
            if tokens.spaced[k]:
                break
        return (best, doc.text[at:best]) if best else None

    def _clause_before(self, tokens: TokenTable, at: int, end: int) -> bool:
        """Among the words from ``at`` before the last one (``end``): a preposition (同|哈…, a guessed word
        that opens with one too), or a verb with an adjective after it (提供|良好|政策: a verb and its object;
        not 减免|政策, 通关|利好|政策)."""
        k = tokens.starting_at(at)
        while k is not None and k < len(tokens) and tokens.ends[k] < end:
            word = tokens.word(k)
            tag = self.tags.get(word) or (self.tags.get(word[0]) or "") + "?"
            following = self.tags.get(tokens.word(k + 1)) or "" if k + 1 < len(tokens) else ""
            if tag.startswith("p") or tag.startswith("v") and tag != "vn" and following.startswith("a"):
                return True
            k += 1
        return False

    def _word_follows(self, tokens: TokenTable, k: int) -> bool:
        """A word (not a mark, nor a function word) right after token ``k``."""
        if k + 1 >= len(tokens) or tokens.spaced[k]:
            return False
        nxt = tokens.word(k + 1)
        return bool(WORD.fullmatch(nxt)) and nxt[0] not in _FUNCTION_CHARS

    def _descriptive(self, word: str) -> bool:
        if word[0] in _FUNCTION_CHARS or word == COMPLEMENTS:
            return False
        tag = self.tags.get(word)
        return word in self.modifiers or tag is None or tag.startswith(_PHRASE_TAGS)

    def _kind_of(self, phrase: str, verb: str = "", name: str = "") -> tuple[str, str]:
        """The kind of the last head. A weak last head (活动) yields to a specific one before it
        (征集活动 is an event, 主题宣传活动 a campaign) or to an occasion ending the name
        (“…提升月”活动), else to the verb that introduces the name: 举办 holds an occasion (event),
        开展 carries on an undertaking (campaign)."""
        heads = []
        k = 0
        while k < len(phrase):
            for head in self.heads_longest:
                if phrase.startswith(head, k):
                    heads.append(head)
                    k += len(head) - 1
                    break
            k += 1
        last = next((h for h in self.heads_longest if phrase.endswith(h)), heads[-1] if heads else "")
        if not last:
            return "other", "program.head"
        if last in self.weak_heads:
            for head in reversed(heads[:-1]):
                if head not in self.weak_heads:
                    return self.head_kind[head]
            own = self.inner_head.search(name)
            if own and len(own.group()) > 1 and self.head_kind[own.group()][0] == "event" \
                    and own.group() not in self.weak_heads and len(name) > len(own.group()):
                return self.head_kind[own.group()]  # a name that is itself an occasion
            if verb in self.weak_heads[last]:
                return self.weak_heads[last][verb], self.head_kind[last][1]
        return self.head_kind[last]

    def _verb_before(self, text: str, at: int) -> str:
        """The verb that introduces a name (or the run of names) starting at ``at``: 举办, 开展."""
        before = text[max(0, at - 6):at].rstrip("了")
        return next((v for v in self.kind_verbs if before.endswith(v)), "")

    # -- quoted names -----------------------------------------------------------------
    def _quoted(self, doc: Doc, tokens, q, head_at: int, run_start: int) -> Mention | None:
        """A quoted name ``q`` counts by what surrounds it; ``head_at`` is where its run of quoted
        names (“A”“B”、“C”等活动) ends, for the run shares the head after the last one."""
        text = doc.text
        name = next(q.group(f"q{i}") for i in range(self.n_quotes) if q.group(f"q{i}") is not None)
        if self._rejected(name):
            return None
        end = q.end()
        after_etc = text.startswith("等", head_at)
        at = head_at + after_etc
        if after_etc:  # 等39个专项整治行动, 等年轻态的融媒体栏目
            count = _COUNT.match(text, at)
            at = count.end() if count else at
            modifier = _DE_MODIFIER.match(text, at)
            at = modifier.end() if modifier else at
        phrase = self._head_phrase(doc, tokens, at)
        if phrase and phrase[1].endswith(self.verbless) and self._clause_before(tokens, at, phrase[0]):
            phrase = None
        if phrase:
            head_end, head = phrase
            own = head_at == end and not after_etc  # the head follows this very name
            kind, rule = self._kind_of(head, self._verb_before(text, run_start), name)
            surface_end = head_end if own else end
            return Mention("program", q.start(), surface_end, text[q.start():surface_end], rule,
                           {"name": name, "head": head, "kind": kind})
        inner = self.inner_head.search(name)
        if inner and len(name) - len(inner.group()) >= self.inside_min.get(inner.group(), 1):
            kind, _ = self._kind_of(inner.group(), self._verb_before(text, run_start))
            return Mention("program", q.start(), end, text[q.start():end], "program.inner_head",
                           {"name": name, "head": "", "kind": kind})
        document = self.quoted_documents(tokens, q.start() + 1, end - 1)
        if document:
            return Mention("program", q.start(), end, text[q.start():end], self.quoted_documents.rule_id,
                           {"name": name, "head": document[0], "kind": document[1]})
        before = text[max(0, q.start() - 4):q.start()].rstrip("了")
        if any(before.endswith(t) for t in self.triggers):
            return Mention("program", q.start(), end, text[q.start():end], self.trigger_id,
                           {"name": name, "head": "", "kind": "other"})
        named = self._named(doc, tokens, q, name, run_start)
        if named:
            return named
        category = self.categories.search(text, max(0, q.start() - 12), q.start())
        if category and tokens.starting_at(q.start()) is not None and self._named_category(tokens, category.start()) \
                and "、" not in name:
            kind, _ = self._kind_of(category.group())
            return Mention("program", q.start(), end, text[q.start():end], self.category_id,
                           {"name": name, "head": "", "kind": kind})
        return None

    def _named(self, doc: Doc, tokens: TokenTable, q, name: str, run_start: int) -> Mention | None:
        """名为“中国梦 梦在中国”的网站, 题为“…”的报告: a naming verb before the quote and a head
        phrase after 的 say it is the name of that kind of thing."""
        text = doc.text
        if not text.startswith("的", q.end()) or not any(
                text[max(0, run_start - 4):run_start].endswith(v) for v in self.naming_verbs):
            return None
        phrase = self._head_phrase(doc, tokens, q.end() + 1)
        if not phrase:
            return None
        kind, _ = self._kind_of(phrase[1])
        return Mention("program", q.start(), q.end(), text[q.start():q.end()], self.naming_id,
                       {"name": name, "head": "", "kind": kind})

    def _named_category(self, tokens: TokenTable, at: int) -> bool:
        """品牌 in 培训品牌“…”: a word of its own, after a descriptive word or a launching verb, not
        after a demonstrative (这个平台“很好用”). A noun of jieba's that ends in the category is one
        too (广播节目「民意新连线」, 电视节目“…”)."""
        i = tokens.starting_at(at)
        if i is None:
            i = tokens.covering(at)
            word = tokens.word(i)
            if not (self.tags.get(word) or "").startswith("n") or word.endswith(self.not_compound):
                return False
        if i == 0:
            return False
        prev = tokens.word(i - 1)
        return prev in self.triggers or (WORD.fullmatch(prev) is not None and self._descriptive(prev)
                                         and not self.tags.get(prev, "").startswith(("r", "q", "m")))

    def _broken(self, doc: Doc, tokens, quotes) -> list[Mention]:
        """“我来教您用手机“智慧助老公益课堂: a name whose closing mark is another opening one counts
        only with a head phrase right after it."""
        out = []
        text = doc.text
        quoted = SpanSet((q.start(), q.end()) for q in quotes)
        for b in self.broken.finditer(text):
            if quoted.overlaps(b.start(), b.end()):
                continue
            name = next(b.group(f"b{i}") for i in range(self.n_quotes) if b.group(f"b{i}") is not None)
            phrase = None if self._rejected(name) else self._head_phrase(doc, tokens, b.end())
            if phrase:
                kind, _ = self._kind_of(phrase[1])
                out.append(Mention("program", b.start(), phrase[0], text[b.start():phrase[0]], self.broken_id,
                                   {"name": name, "head": phrase[1], "kind": kind}))
        return out

    def _title(self, doc: Doc, tokens, t) -> Mention | None:
        name = t.group("name").strip()
        if not name or name.endswith(self.media) or self.media_after and doc.text.startswith(self.media_after, t.end()) \
                or self.paper_title is not None and self.paper_title.match(doc.text, t.start(), t.end()):
            return None  # 《华尔街日报》, 《求是》杂志, 《卫报》: a periodical, an organization
        if self._reporting(doc.text, t):
            return None
        doc_end = self.document_end.search(name)
        if doc_end:
            head = self.document_word.match(doc_end.group()).group()
            return Mention("program", t.start(), t.end(), t.group(), "program.document",
                           {"name": name, "head": head, "kind": "document"})
        phrase = self._head_phrase(doc, tokens, t.end())
        if phrase:  # 《复兴之路》展览
            head_end, head = phrase
            kind, rule = self._kind_of(head)
            return Mention("program", t.start(), head_end, doc.text[t.start():head_end], rule,
                           {"name": name, "head": head, "kind": kind})
        inner = self.inner_head.search(name)  # 《…资讯平台》 is a platform
        kind = self.head_kind[inner.group()][0] if inner and len(name) > len(inner.group()) + 1 else self.title_kind
        return Mention("program", t.start(), t.end(), t.group(), "program.title",
                       {"name": name, "head": "", "kind": kind})

    def _reporting(self, text: str, t) -> bool:
        """A title that reports or is told things is a periodical, an organization: 《读卖新闻》6日报道称,
        《每日邮报》报导, 向《苹果》投诉 (not 《新闻联播》报道: a verb of reporting alone says too little)."""
        if self.reported_after.match(text, t.end()):
            return True
        before = text[max(0, t.start() - 2):t.start()]
        return before.endswith(self.reported_before) and self.told_after.match(text, t.end()) is not None

    def _rejected(self, name: str) -> bool:
        stripped = name.strip()
        return len(stripped) < 2 or stripped in self.slogans or any(mark in stripped for mark in self.speech)


def _run_ends(text: str, quotes: list) -> list[int]:
    """For each quoted name, where its run of quoted names (“A”“B”、“C”) ends: the run shares the head
    written after its last name. One pass from the right, so a document of 40,000 quoted names
    costs 40,000 steps, not 40,000 walks to the end of the run (“清朗”×40,000 took 185 s)."""
    ends = [q.end() for q in quotes]
    for index in range(len(quotes) - 2, -1, -1):
        if text[quotes[index].end():quotes[index + 1].start()] in _RUN_GAPS:
            ends[index] = ends[index + 1]
    return ends


def _regions(organizations: Mapping) -> set[str]:
    """Provinces, cities and countries of the organization rules: a word naming a place makes a bare
    phrase a name (美国宪法, 巴黎协定) as jieba's place tag does."""
    regions = organizations.get("regions", {})
    return {w for key in ("provinces", "cities", "countries") for w in regions.get(key, [])}


@Language.factory("xinwen_programs", default_config=COMPONENT_CONFIG)
def make_programs(nlp: Language, name: str, rules_dirs: list[str], reference_date: str):
    ensure_extensions()
    tags = word_tags(nlp.tokenizer) if hasattr(nlp.tokenizer, "jieba") else {}
    rules = pipeline_rules(nlp, rules_dirs)
    organizations = rules.family("organizations")
    matcher = ProgramMatcher(rules.family("programs"), tags, _regions(organizations),
                             set(organizations.get("regions", {}).get("countries", [])), paper_title(organizations))

    def component(doc: Doc) -> Doc:
        write_mentions(doc, "program", matcher(doc))
        return doc

    return with_reference(component, reference_date)
