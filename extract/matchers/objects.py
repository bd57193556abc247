"""What a numeric claim counts (the ``object`` field): the noun phrase right after the claim.

jieba's dictionary tags are the only parts of speech at hand, and they are noisy (设备 vn, 选手 v,
上市 ns), so the phrase is read in a forgiving way: nouns, with modifiers (adjectives, verbs, place
words) that stand before a noun; it ends at punctuation, a stop word, a number, or where the
sentence's predicate begins. A measure word that counts nouns of one sort (家 firms, 艘 ships:
``counted_heads``) is read by that agreement instead: up to the last noun of its sort. Settings live
in ``rules/numerics.yaml`` under ``objects``.
"""
from __future__ import annotations

from typing import Mapping

import regex
from spacy.tokens import Doc

from ..counted.features import pieces, prefixes
from ..counted.model import Candidate
from ..segment import WordSpans
from .base import token_index_at, token_table
from .object_heads import HeadWalk
from .object_words import LATIN, WORD, PhraseWords, is_word

HAN_FIRST, HAN_LAST = regex.compile(r"\p{Han}"), regex.compile(r"\p{Han}$")


class ObjectReader(HeadWalk, PhraseWords):
    """Reads the counted noun phrase after a claim, by the settings of the ``objects`` entry."""

    def __init__(self, settings: Mapping, tags: Mapping[str, str], numeral_char: regex.Pattern, model=None):
        self.tags = tags
        self.model = model  # counted.model.ObjectModel (or anything with its choose), None for the grammar alone
        self.numeral_char = numeral_char
        self.noun_tags = tuple(settings["noun_tags"])
        self.single_noun_tags = tuple(settings.get("single_char_noun_tags", []))
        self.lead_tags = tuple(settings["leading_modifier_tags"])
        self.verb_lead_tags = tuple(settings["leading_verb_tags"])
        self.adverb_lead_tags = tuple(settings.get("leading_adverb_tags", ()))
        self.inner_tags = tuple(settings["inner_modifier_tags"])
        self.window = int(settings["window"])
        self.roles = set(settings.get("role_words", ()))
        self.stop = set(settings["stop_words"]) | self.roles
        self.loose = set(settings.get("loose_coordinators", ()))
        self.dependents = tuple(settings.get("dependent_openers", ()))
        self.coordinators = set(settings["coordinators"]) | self.loose
        self.quote_pairs = dict(settings["quotes"])
        self.open_quotes = set(self.quote_pairs)
        self.close_quotes = set(settings["quotes"].values())
        self.quote_marks = self.open_quotes | self.close_quotes
        self.self_counting = set(settings["self_counting_units"])
        self.person_heads = tuple(settings["person_heads"])
        # units after which no verb leads the phrase: they name what they count (人) or an action (次)
        self.no_verb_lead = self.self_counting | set(settings["verbal_measures"])
        self.heads = {unit: tuple(h for name in names for h in (self.person_heads if name == "person" else (name,)))
                      for unit, names in settings.get("counted_heads", {}).items()}
        self.head_walk_tags = tuple(settings.get("head_walk_tags", ()))
        self.rest_tags = tuple(settings.get("rest_tags", ("n",)))
        self.share_tags = tuple(settings.get("share_tags", ("n",)))
        self.not_shares = set(settings.get("not_shares", ()))
        self.nouns = set(settings.get("nouns_tagged_otherwise", ()))
        self.verbs = set(settings.get("verbs_tagged_otherwise", ()))
        self.adverbs = set(settings.get("adverbs_tagged_otherwise", ()))
        self.subject_verbs = set(settings.get("count_subject_verbs", ()))
        self.place_complements = tuple(settings.get("place_complements", ()))
        self.attributes = tuple(settings.get("attribute_endings", ()))
        self.leading = set(settings.get("leading_words", ()))
        self.heads_only = set(settings.get("heads_only", ()))
        self.model_hyphens = set(settings.get("model_hyphens", ("-",)))
        self.model_marks = set(settings.get("model_marks", ()))
        self.aspect_markers = set(settings.get("aspect_markers", ()))
        self.distributive = tuple(settings.get("distributive_verbs", ()))
        self.levels = tuple(settings.get("level_nouns", ()))
        self.measured = tuple(settings.get("measured_nouns", ()))
        self.rates = tuple(settings.get("rate_nouns", ()))
        self.glued_adverbs = set(settings.get("glued_adverbs", ()))
        self.glued_locatives = frozenset(settings.get("glued_locatives", ()))
        self.moved_to = frozenset(settings.get("moved_to", ()))
        self.fund_heads = tuple(settings.get("fund_heads", ()))
        self.demonstratives = frozenset(settings.get("demonstratives", ()))
        self.adverbial_particles = frozenset(settings.get("adverbial_particles", ()))
        self.heads_near = frozenset(settings.get("heads_not_across_de", ()))
        self.model_makers = set(settings.get("model_makers", ()))
        self.event_measures = set(settings.get("event_measures", ()))
        self.noun_units = set(settings.get("noun_units", ()))
        self.activity_tails = frozenset(settings.get("activity_tails", ()))
        self.activity_units = frozenset(settings.get("activity_units", ()))
        self.length_units = frozenset(settings.get("length_units", ()))
        self.dimension_words = frozenset(settings.get("dimension_words", ()))
        self.thing_tags = tuple(settings.get("thing_tags", ("n",)))
        self.suffix_nouns = set(settings.get("suffix_nouns", ()))
        self.unit_nouns = {unit: set(nouns) for unit, nouns in settings.get("unit_nouns", {}).items()}
        self.compound_heads = tuple(settings.get("compound_heads", ()))
        self.compound_not_verbs = frozenset(settings.get("compound_not_verbs", ()))
        self.fund_not_verbs = frozenset(settings.get("fund_not_verbs", ())) | self.compound_not_verbs
        self.title_heads = tuple(settings.get("title_heads", ()))
        self.modifier_suffixes = set(settings.get("modifier_suffixes", ()))
        self.passive_markers = tuple(settings.get("passive_markers", ()))
        self.passive_nouns = set(settings.get("passive_nouns", ()))
        self.passive_noun_verb_after = frozenset(settings.get("passive_noun_verb_after", ()))

    def noun_like(self, word: str) -> bool:
        if not is_word(word) or word in self.stop:
            return False
        tag = self.tags.get(word)
        if tag is not None and tag.startswith("nr") and self._adverb_led(word, False):
            return False  # 11名中国女|都还没(nr)|汇款: no name begins with an adverb
        if tag is None and word[0] in self.demonstratives:
            return False  # 7个州|符合|这一|标准: 这一 (unknown to the dictionary) opens a phrase of its own
        if tag is None and len(word) > 1 and word[-1] in self.aspect_markers:
            return False  # 60岁男子|骑着|赃车: a word the dictionary does not know, ending in 着 or 了, is a verb
        if tag is None or tag.startswith(self.noun_tags) or LATIN.fullmatch(word) or word in self.nouns:
            return True
        return len(word) == 1 and tag.startswith(self.single_noun_tags) if self.single_noun_tags else False

    def counted(self, doc: Doc, pos: int, unit: str, kind: str, words: WordSpans, start: int | None = None) -> tuple[str, bool]:
        """The object by the grammar (``after``), or by the model where it overrides the grammar:
        (object, whether it is the model's). A grammar object that is no run of words from the claim
        (a noun after a clause with 的) is kept: the model only chooses among such runs."""
        phrase = self.after(doc, pos, unit, kind, words, start)
        if self.model is None or unit in self.noun_units:
            return phrase, False
        tokens = token_table(doc)
        spans = pieces(tokens.starts, tokens.ends, pos)
        options = prefixes(doc.text, pos, spans)
        if phrase not in options:
            return phrase, False
        length = self.model.choose(Candidate(pos, [doc.text[a:b] for a, b in spans], options, options.index(phrase), unit, kind))
        if length is None or (unit in self.activity_units and phrase.endswith(tuple(self.activity_tails))
                              and len(options[length]) < len(phrase)):
            return phrase, False  # 12次|城市环境整治: the activity counted, as the rules have it (activity_units)
        return options[length], True

    def after(self, doc: Doc, pos: int, unit: str, kind: str, words: WordSpans, start: int | None = None) -> str:
        """The object of a claim ending at ``pos`` with ``unit`` of ``kind``; when the claim ends
        inside a word (16份|文件), the rest of that word starts it. An amount, share or bare number
        reaching a level (5万亿|新台阶, 60%以上|高景气区间) counts nothing: the level is no object; nor has
        a count of places (7国|公民入境): the unit is the noun counted, what follows belongs to it."""
        if unit in self.noun_units:
            return ""
        phrase = self._as_written(doc.text, pos, self._without_activity(self._read(doc, pos, unit, kind, words), unit))
        if unit in self.length_units and len(phrase) > 1 and phrase[0] in self.dimension_words \
                and doc.text.startswith(phrase, pos) and pos + 1 in words.starts:
            phrase = phrase[1:]  # 64米|宽|决口: 宽 says which extent the length is (not 高空, one word)
        if phrase.endswith(self.levels) and (not unit or kind in ("money", "percent")):
            return ""
        if phrase.endswith(self.measured) and kind in ("other", "duration"):
            return ""  # 近千平方米|面积, 十分钟|路程: the noun of what a unit measures is no thing counted
        if phrase.endswith(self.rates) and kind == "percent":
            return ""  # 减按15%|税率: the noun of the rate itself is no thing counted
        if kind == "money" and not phrase.endswith(self.fund_heads):
            phrase = self._fund(doc, pos, phrase)
        if not phrase and unit in self.unit_nouns:
            phrase = self._unit_noun(doc, pos, self.unit_nouns[unit])  # 250多万棵|树 (树 tagged v)
        if not phrase and start is not None and (unit in self.event_measures or self._needs_noun(unit, kind)):
            return self._event(doc, start, pos, unit in self.event_measures)
        return phrase

    @staticmethod
    def _as_written(text: str, pos: int, phrase: str) -> str:
        """The phrase with the spaces the text has inside it (两款|Apple Watch|智能手表): the words are
        joined without them."""
        if not phrase or not text.startswith(phrase[0], pos):
            return phrase
        i = pos
        for char in phrase:
            while i < len(text) and text[i] != char and text[i].isspace():
                i += 1
            if i >= len(text) or text[i] != char:
                return phrase
            i += 1
        return text[pos:i]

    def _unit_noun(self, doc: Doc, pos: int, nouns: set[str]) -> str:
        """A word jieba reads otherwise that is a noun right after this unit (60亩|地: land, not the
        adverbial 地 it tags uv), when it is a word of its own."""
        tokens = token_table(doc)
        k = tokens.starting_at(pos)
        word = tokens.word(k) if k is not None else ""
        return word if word in nouns else ""

    def _needs_noun(self, unit: str, kind: str) -> bool:
        """A measure word of a count that needs a noun after it (项, 个, 场; not 人, 次)."""
        return kind == "count" and bool(unit) and unit not in self.no_verb_lead and unit not in self.heads_only

    def _event(self, doc: Doc, start: int, end: int, verbal: bool = True) -> str:
        """A count of actions that is the object of a verb before it (实施了|三次|袭击|。, 发起了|32轮|打击|，)
        counts the action named by the verb that ends the clause after it; without the verb before it the
        count is an adverb of the predicate (我同委员长|4次|会晤|，, 已|两次|访华|，): no object."""
        tokens = token_table(doc)
        first, k = tokens.starting_at(start), tokens.starting_at(end)
        if first is None or k is None:
            return ""
        if first > 0 and self._distributive(tokens.word(first - 1)):
            return ""  # 已分|三批|进驻: 分 N 批 says how the action is divided, it names no thing counted
        before = first - 1 - (first > 1 and tokens.word(first - 1) in self.aspect_markers)
        if before > 0 and self.noun_like(tokens.word(before)) and not self._verb_word(tokens.word(before)):
            before -= 1  # 击退|俄军|22次|进攻: whose actions they are stands between the verb and the count
        verb = tokens.word(before) if before >= 0 else ""
        if not self._verb_word(verb) or (not verbal and (verb in self.subject_verbs or len(verb) < 2)):
            return ""  # 已有|3家|停产, 造成|600万户|停电: the count is the subject of the verb after it
        n = 0
        while n < 2 and k + n < len(tokens) and len(tokens.word(k + n)) > 1 \
                and (self.tags.get(tokens.word(k + n)) or "").startswith("v"):
            n += 1  # 遭遇|3次|爆炸|袭击|。: two verbs name one action
        following = tokens.word(k + n) if k + n < len(tokens) else ""
        if not n or is_word(following) or following in self.coordinators or self._number_at(tokens, k + n):
            return ""  # 发射数十枚|可见光|、红外等烟幕弹: a listed word; 进驻|23个省份: the verb's own object
        return "".join(tokens.word(m) for m in range(k, k + n))

    def _distributive(self, word: str) -> bool:
        """A verb of dividing right before a count (分, or 已分 as one word): the count is of portions."""
        return any(word == verb or (word.endswith(verb) and word[:-len(verb)] in self.stop) for verb in self.distributive)

    def _verb_word(self, word: str) -> bool:
        """A verb by the dictionary's tag or by the list of verbs it tags otherwise (遭遇 n)."""
        return (self.tags.get(word) or "").startswith("v") or word in self.verbs

    def _read(self, doc: Doc, pos: int, unit: str, kind: str, words: WordSpans) -> str:
        verbs_lead = kind == "count" and bool(unit) and unit not in self.no_verb_lead
        span = words.span(pos) if pos not in words.starts else None
        if span is None or span[0] >= pos:
            if unit in self.heads:
                headed = self._headed(doc, pos, self.heads[unit], names=unit in self.heads_only,
                                      across_de=unit not in self.heads_near)
                if headed or unit in self.heads_only:
                    return headed or ""
            clause = (self._after_clause(doc, pos) if verbs_lead else None) or self._subject_clause(doc, pos, kind)
            return clause if clause else self._checked(self._phrase(doc, pos, verbs_lead), unit)
        rest = doc.text[pos:span[1]]
        code = self._code_after(doc, span[1]) if WORD.fullmatch(rest) else ""
        if code:  # 6架运|-|20 (架运 cut as one word): the rest and the code name the model
            return rest + code + self._phrase(doc, span[1] + len(code), False)
        if unit in self.heads and self.noun_like(rest) and rest.endswith(self.heads[unit]):
            return self._headed_rest(doc, rest, span[1], self.heads[unit])  # 2|架飞机|进行…
        if unit in self.heads and unit not in self.heads_only and self.noun_like(rest):
            index = token_index_at(doc, span[1])  # 约320|例新冠|肺炎|死亡|病例: the walk to the counted noun
            tokens = token_table(doc)
            more = self._walk_to_head(tokens, index, min(index + self.window, len(tokens)), self.heads[unit]) \
                if index is not None else None
            if more:
                return rest + more
        if unit in self.heads_only:
            return ""
        if rest in self.leading:  # 10项|非行政许可类审批项目 cut as 项非|行政许可
            phrase = self._phrase(doc, span[1], False)
            return rest + phrase if phrase else ""
        if self.noun_like(rest) and (len(rest) > 1 or rest in self.tags):  # 岁且 (且 unknown alone)
            # a coordinator right after the rest joins it to the next noun (12个省|、|区|、|市: 个省 one word)
            tail = self._phrase(doc, span[1], verbs_lead)
            if not tail or self._verbal_end(doc, span[1] + len(tail)):
                # verbs that lead no noun here are the predicate (30个州|累计|报告|了, 16家央企|完成|重组: 州, 央企)
                tail = self._phrase(doc, span[1], verbs_lead, lead=rest)[len(rest):]
            return self._checked(rest + tail, unit)
        if len(rest) == 1 and WORD.fullmatch(rest) and not self._stops(rest) \
                and (self.tags.get(rest) or "n").startswith(self.rest_tags):
            # 60场|分论坛 cut as 场分|论坛: the character left over begins the noun after it
            phrase = self._phrase(doc, span[1], False)
            return self._checked(rest + phrase, unit) if phrase else ""
        return ""

    def _verbal_end(self, doc: Doc, end: int) -> bool:
        """Does the word that ends at ``end`` have a verb's tag (v, vn)?"""
        tokens = token_table(doc)
        k = tokens.covering(end - 1)
        return (self.tags.get(tokens.word(k)) or "").startswith("v")

    def person_head(self, word: str) -> bool:
        return word.endswith(self.person_heads)

    def share_of(self, doc: Doc, pos: int, words: WordSpans) -> str:
        """What a percentage in words is a share of: a noun right after it that jieba knows as one
        (九成|患者), not a word of measure (九成|水平) nor a word it does not know (百分之百|转投资)."""
        span = words.span(pos)
        first = doc.text[pos:span[1]] if span and span[0] == pos else ""
        tag = self.tags.get(first) or ""
        if not tag.startswith(self.share_tags) or first in self.not_shares:
            return ""
        return self._phrase(doc, pos, False)

    def _after_clause(self, doc: Doc, pos: int) -> str | None:
        """A count whose phrase opens with a verb of two characters or a quote, then 的: the noun
        after 的 is what is counted (十个|“地下管廊”建设的|试点城市); None otherwise."""
        index = token_index_at(doc, pos)
        if index is None:
            return None
        tokens = token_table(doc)
        first = tokens.word(index)
        tag = self.tags.get(first) or ""
        if first in self.roles or not (first in self.open_quotes or (tag.startswith("v") and tag != "vn" and len(first) > 1)):
            return None  # 4500班|作为…的条件: a role is no clause of the counted noun
        k = self._de_after(tokens, index, min(index + self.window, len(tokens)))
        if not k or k >= len(tokens):
            return None
        return self._phrase(doc, tokens.starts[k], False) or None

    def _subject_clause(self, doc: Doc, pos: int, kind: str) -> str | None:
        """A count before a clause of its own subject and an adjective, then 的: the noun after 的 is
        what is counted (万余幅|色彩|浓烈|的|画作, 17个|车流量|大|的|路段); not an amount of a measure
        (千亩|梯田|最美|的|季节: the area is the terraces'); None otherwise."""
        index = token_index_at(doc, pos)
        if kind != "count" or index is None:
            return None
        tokens = token_table(doc)
        k = index
        while k < min(index + 3, len(tokens)) and self.noun_like(tokens.word(k)) \
                and not (self.tags.get(tokens.word(k)) or "").startswith(("a", "v", "d")):
            k += 1
        if k == index or k + 2 >= len(tokens):
            return None
        if (self.tags.get(tokens.word(k)) or "") == "d":
            k += 1  # 规模|较|大
        tag = self.tags.get(tokens.word(k)) or ""
        if tag != "a" or tokens.word(k + 1) != "的" or tokens.spaced[k] or tokens.spaced[k + 1]:
            return None
        return self._phrase(doc, tokens.starts[k + 2], False) or None

    def _number_at(self, tokens, k: int) -> bool:
        """A number at ``k`` (41.55万个, 两): it opens a count of its own."""
        word = tokens.word(k) if k < len(tokens) else ""
        return word[:1].isdigit() or bool(self.numeral_char.match(word) and self.tags.get(word) in (None, "m"))

    def _adverb_led(self, word: str, loose: bool = True) -> bool:
        """Does a word of two or more characters begin with an adverb that is a stop word (都还没), or,
        ``loose``, with any adverb, preposition, conjunction or stop word (求职者|中有, 老人|常说,
        女性|因患: no name after a person noun begins so)?"""
        if len(word) < 2:
            return False
        tag = self.tags.get(word[0]) or ""
        if loose:
            return word[0] in self.stop or tag.startswith(("d", "p", "c"))
        return word[0] in self.stop and tag.startswith("d")

    def _checked(self, phrase: str, unit: str) -> str:
        """A unit that names what it counts (5人, 3万人次) takes an object only when a noun for people
        follows (2100多人次|援藏人才); 5人|落海 and 两人|相谈甚欢 are predicates."""
        if unit in self.self_counting and not phrase.endswith(self.person_heads):
            return ""
        return phrase

    def _phrase(self, doc: Doc, end: int, verbs_lead: bool, lead: str = "") -> str:
        """The noun phrase from ``end``; ``lead`` is the start of it already read (the rest of the
        unit's word, 12个省 cut as 个省), so that a coordinator after it joins (个省|、|区|、|市)."""
        index = token_index_at(doc, end)
        if index is None:
            return lead
        tokens = token_table(doc)  # the words as offsets: no spaCy Token objects
        limit = min(index + self.window, len(tokens))
        words: list[str] = [lead] if lead else []
        k = index
        if tokens.word(k) in self.open_quotes:
            return lead + self._quoted(tokens, k)
        while k < limit:
            word = tokens.word(k)
            if words and k > index and tokens.spaced[k - 1] and HAN_FIRST.match(word) and HAN_LAST.search(tokens.word(k - 1)):
                break  # 12座基地 污染问题引抗议: a space between Han words parts a headline's clauses
            if word in self.coordinators:
                if not words or k + 1 >= limit or not self._joins(tokens.word(k + 1), tokens.word(k + 2) if k + 2 < limit else "") \
                        or not self._loose_joins(tokens, k):
                    break
                words.append(word)
                k += 1
                continue
            if self._model_number(tokens, k, words) or self._suffix_noun(tokens, k, words):
                words.append(word)
                k += 1
                continue
            quoted = self._quoted_noun(tokens, k, limit, words)
            if quoted:  # 3家|专精特新|“小巨人”|企业
                words.extend(tokens.word(m) for m in range(k, k + quoted))
                k += quoted
                continue
            if self._stops(word) and not (word in self.leading and self._opens(words)):
                break
            glued = self.glued_adverb(tokens, k)
            if glued is not None:
                words.extend([glued] if glued else [])  # 457个|村全|覆盖: 村, and the predicate begins
                break
            if self._aspect_verb(tokens, k, words) or self._passive_verb(tokens, k):
                break  # 3人|被告|上|法庭: 被 and a verb
            model = self._model_code(tokens, k + 1, limit)
            if self.noun_like(word) or model:  # 6架|运|-|20: a model's name whatever its word is tagged
                if self._predicate_at(tokens, k, words, verbs_lead) if words else self._predicate_first(tokens, k):
                    break
                words.extend(tokens.word(m) for m in range(k, k + 1 + model))
                k += 1 + model
                continue
            if self._closing_verb(tokens, k, words):
                words.append(word)  # 20余项健康筛查及医疗|诊断|。
                break
            run = self._modifiers(tokens, k, limit, words, verbs_lead) or self._verb_in_compound(tokens, k, limit, words, verbs_lead)
            if not run:
                break
            words.extend(tokens.word(m) for m in range(k, k + run))
            k += run
        while words and words[-1] in self.coordinators:
            words.pop()
        return "".join(words)

    def _without_activity(self, phrase: str, unit: str) -> str:
        """三个|国家|实验室|建设: the labs are counted, 建设 is what is done to them; after a measure of
        actions or items of work (12次|城市环境整治, 5项|城市管理: ``activity_units``) the activity is
        what is counted, and stays."""
        if unit in self.activity_units:
            return phrase
        for tail in self.activity_tails:
            stem = phrase[:-len(tail)]
            if phrase.endswith(tail) and stem and (self.tags.get(self._last_word(stem)) or "").startswith(self.thing_tags):
                return stem
        return phrase

    def _last_word(self, stem: str) -> str:
        """The dictionary word that ends ``stem`` (国家实验室 -> 实验室), longest first."""
        return next((stem[i:] for i in range(max(0, len(stem) - 6), len(stem)) if stem[i:] in self.tags), stem[-1:])

    def _modifiers(self, tokens, k: int, limit: int, words: list[str], verbs_lead: bool) -> int:
        """How many words from ``k`` modify a noun that follows them (0 when they do not): an
        adjective or place word before the first noun (中外|乘客); a verb before it after a measure
        word that needs a noun (15项|发射任务, 4项|自主专利); an adjective between nouns
        (国家|先进|制造业集群: a verb there is the predicate). At most two words, and a noun must follow."""
        allowed = self.inner_tags if words else self.lead_tags
        if not words and verbs_lead:
            allowed = allowed + self.verb_lead_tags
        run = 0
        while run < 2 and k + run < limit:
            word = tokens.word(k + run)
            tag = self.tags.get(word) or ""
            if word in self.leading and self._opens(words):
                run += 1  # 各类|机械设备, 一线|导演
                continue
            if word in self.modifier_suffixes and (run or words):
                run += 1  # 老年|友好|型|社区: the suffix makes a modifier of the word before it
                continue
            if not words and not run and verbs_lead and tag.startswith(self.adverb_lead_tags) and len(word) > 1 \
                    and not word.endswith(self.place_complements) and not self._stops(word):
                following = tokens.word(k + 1) if k + 1 < limit else ""
                if not (self.tags.get(following) or "").startswith("n"):
                    break  # 两个|曾经|合作, 上千种|最新|研发(j): an adverb before a verb, however it is tagged
                run = 1  # 近百项|互动|项目, 六名|约旦|士兵: a word the dictionary tags as an adverb, before the noun
                break
            if self._stops(word) or self.noun_like(word) or not tag or not tag.startswith(allowed):
                break
            if not words and tag.startswith(self.verb_lead_tags) and len(word) < 2:
                break  # 一款|是…: a one-character verb is the predicate
            run += 1
        if run and k + run < limit and self.noun_like(tokens.word(k + run)) and not self._stops(tokens.word(k + run)):
            return run
        if run and k + run < limit and self._suffix_noun(tokens, k + run, [tokens.word(k + run - 1)]):
            return run  # 220多个|采访|点|，: a noun suffix after the verb makes the noun
        return 0
