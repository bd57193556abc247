"""Organization names told by their shape, beside the suffix grammar (issue 20: names on news
nobody tuned on). Each kind is a ``shapes`` entry of rules/organizations.yaml, read once when the
matcher is made; its rows carry the entry's id in ``rule``:

- ``org.military``: a force word (军队, 政府军, 武装) after who it belongs to, in the one or two
  jieba words before it: a country or region, a country's short form, a proper word (以色列军队,
  叙|政府军, 也门|胡塞|武装);
- ``org.military.short``: a country's one-character short form and 军, one jieba word (以军, 乌军);
- ``org.abbreviation``: one character of a body's field and the shortened form of its kind (农委会,
  都发局, 港交所), a word jieba knows as a name or abbreviation, or two it does not know;
- ``org.media.title``: a periodical's title in 《》 and what it is (《求是》杂志, 《明镜》周刊);
- ``org.alias.latin``: a Latin name in brackets right after a body the grammar found
  (东芝公司（Toshiba）);
- ``org.latin``: a well-known body's Latin name or acronym, a whole Latin word (Google, FAO);
- ``org.latin.after_kind``: a Latin name right after the kind of body it is (付款公司|ACI Worldwide);
- ``org.institute``: an academy and the short name of one of its institutes, ending in 所
  (中科院|深海所, 中国科学院|西安光机所), which stands for the academy's name alone;
- ``org.office.city``: a Taiwan city's office by its short name (台北市公园处, then 公园处), in
  organization_offices.py;
- ``org.contingent``: a numbered contingent sent abroad (海军第26批护航编队), in
  organization_contingents.py;
- ``org.listed.ticker``: a listed company's name before its stock code in brackets (华南金（2880）),
  in organization_tickers.py;
- ``org.list.stocks``: the short names of listed companies in a list a stock word stands by
  (权值股，共有台塑、南亚、日月光…，共计12档).

A shape only adds names where the suffix grammar found none (``OrganizationMatcher.__call__``), but
an institute takes the place of its academy's name, and a contingent of the names inside it.
"""
from __future__ import annotations

from typing import Callable, Mapping, Protocol

import regex

from ..mention import Mention
from ..rules import RulesError
from .base import TokenTable
from .organization_contingents import Contingents
from .organization_offices import CityOffices
from .organization_tickers import Tickers


class Grammar(Protocol):
    """What the shapes ask the suffix grammar (``OrganizationMatcher``)."""

    def mention(self, start: int, end: int, name: str, rule: str, org_type: str) -> Mention: ...
    def is_country(self, word: str) -> bool: ...
    def is_owner(self, word: str) -> bool: ...
    def tag(self, word: str) -> str | None: ...
    def is_prefix(self, word: str) -> bool: ...
    def is_generic(self, word: str) -> bool: ...
    def ends_body(self, word: str) -> bool: ...


def paper_title(rules: Mapping) -> regex.Pattern | None:
    """《卫报》, 《华盛顿邮报》: a 《》 title ending in the paper word of ``org.media.paper_title`` and in
    none of its document words (公报, 通报); group 1 is the name. The programme grammar asks it too."""
    entry = _entry(rules, "org.media.paper_title", "suffix", "not_endings", "max_title")
    if entry is None:
        return None
    not_endings = "|".join(map(regex.escape, sorted(entry["not_endings"], key=len, reverse=True)))
    return regex.compile(rf"《([^《》\n]{{0,{int(entry['max_title']) - 1}}}{regex.escape(str(entry['suffix']))})"
                         rf"(?<!{not_endings})》")


def _entry(rules: Mapping, rule_id: str, *keys: str) -> Mapping | None:
    """The ``shapes`` entry ``rule_id`` (None when the rules have none: a user's folder may drop it),
    with the keys the matcher reads."""
    for entry in rules.get("shapes") or []:
        if isinstance(entry, Mapping) and entry.get("id") == rule_id:
            missing = [k for k in keys if not entry.get(k)]
            if missing:
                raise RulesError(f"organizations: {rule_id} needs {', '.join(missing)}")
            return entry
    return None


_LATIN_AFTER = regex.compile(r"[（(]([A-Z][A-Za-z0-9&.'\-]*(?: [A-Za-z0-9&.'\-]+){0,4})[）)]")
_ITEM = r"(?:(?!等)[\p{Han}A-Za-z]){2,4}"  # 大立光|等权值股: 等 ends a list
_LIST = regex.compile(rf"{_ITEM}(?:、{_ITEM}){{2,}}")
_NAME_GOES_ON = regex.compile(r"[\p{Han}A-Za-z](?<![等皆均共])")
_CLAUSE = regex.compile(r"[^，,；;：:。！？\n]*")
_NUMERAL = regex.compile(r"[\d〇零一二三四五六七八九十]")
_CODE = regex.compile(r"[A-Z]*[0-9]+[A-Z0-9]*")  # MH17, A320, S8, 3: a flight or a model, not a name


def _after_number(text: str, start: int) -> bool:
    """日军 in 13日军队 is a day and an army: a short form right after a number is no country."""
    return start > 0 and _NUMERAL.match(text, start - 1) is not None


class ShapeRules:
    def __init__(self, rules: Mapping, grammar: Grammar):
        self.grammar = grammar
        short = _entry(rules, "org.military.short", "stems", "suffix", "org_type")
        self.short_stems: set[str] = set()
        self.paired: set[str] = set()
        self.short_force = None
        if short:
            self.short_stems = {s for s in short["stems"] if len(s) == 1}
            self.paired = set(short.get("paired", []))
            stems = "".join(regex.escape(s) for s in sorted(self.short_stems))
            self.short_force = (regex.compile(f"[{stems}]{regex.escape(short['suffix'])}"), short["org_type"])
        forces = _entry(rules, "org.military", "forces", "org_type")
        self.forces: dict[str, bool] = {}  # force word -> it needs a proper owner (an armed group)
        self.force_type = forces["org_type"] if forces else ""
        if forces:
            self.forces = {w: False for w in forces["forces"]} | {w: True for w in forces.get("groups", [])}
            self.force_re = regex.compile("|".join(map(regex.escape, sorted(self.forces, key=len, reverse=True))))

        short_forms = _entry(rules, "org.abbreviation", "shortened")
        # shortened form -> (org_type, the jieba tags that make the whole word a name)
        self.shortened: dict[str, tuple[str, tuple[str, ...]]] = {}
        for form, spec in (short_forms["shortened"] if short_forms else {}).items():
            if not isinstance(spec, Mapping) or not spec.get("org_type") or not spec.get("tags"):
                raise RulesError(f"organizations: org.abbreviation: {form} needs org_type and tags")
            self.shortened[form] = (str(spec["org_type"]), tuple(spec["tags"]))
        if self.shortened:
            forms = "|".join(map(regex.escape, sorted(self.shortened, key=len, reverse=True)))
            self.shortened_re = regex.compile(rf"\p{{Han}}(?:{forms})")

        alias = _entry(rules, "org.alias.latin", "from_rules")
        self.alias_rules = set(alias["from_rules"]) if alias else set()

        titled = _entry(rules, "org.media.title", "heads", "max_title", "org_type")
        self.media_title = None
        if titled:
            heads = "|".join(map(regex.escape, sorted(titled["heads"], key=len, reverse=True)))
            self.media_title = (regex.compile(rf"《[^《》\n]{{1,{int(titled['max_title'])}}}》(?:{heads})"),
                                str(titled["org_type"]))

        self.paper_title = paper_title(rules)

        kinded = _entry(rules, "org.latin.after_kind", "kinds")
        self.kind_latin = None
        if kinded:  # 付款公司|ACI Worldwide: a Latin name after the kind of body it is
            self.latin_kinds = dict(kinded["kinds"])
            kinds = "|".join(map(regex.escape, sorted(self.latin_kinds, key=len, reverse=True)))
            not_before = regex.escape(str(kinded.get("not_before_kind", "")))
            self.kind_latin = regex.compile(
                rf"(?<=\p{{Han}})(?<![{not_before}])(?P<kind>{kinds})"
                rf"(?P<name>[A-Z][A-Za-z0-9&.\-]*(?: [A-Z][A-Za-z0-9&.\-]*){{0,3}})(?! ?[A-Za-z0-9])")
            self.not_latin_names = set(kinded.get("not_names", []))

        latin = _entry(rules, "org.latin", "names")
        self.latin = dict(latin["names"]) if latin else {}
        if self.latin:  # whole Latin words, case as written: not Google in Googlers, nor a product (Google Map)
            names = "|".join(map(regex.escape, sorted(self.latin, key=len, reverse=True)))
            self.latin_re = regex.compile(rf"(?<![A-Za-z0-9&.\-])(?:{names})(?![A-Za-z0-9&\-])(?! ?[A-Za-z])")

        institute = _entry(rules, "org.institute", "academies", "suffix", "max_stem", "org_type")
        self.institute = None
        if institute:
            academies = "|".join(map(regex.escape, sorted(institute["academies"], key=len, reverse=True)))
            self.institute = (regex.compile(rf"(?:{academies})(\p{{Han}}{{1,{int(institute['max_stem'])}}}?)"
                                            rf"{regex.escape(institute['suffix'])}"), str(institute["org_type"]))
            self.not_in_stem = set(institute.get("not_in_stem", [])) | set(institute["suffix"])

        stocks = _entry(rules, "org.list.stocks", "cues", "min_items")
        self.stock_cue = regex.compile("|".join(map(regex.escape, stocks["cues"]))) if stocks else None
        self.stock_min = int(stocks["min_items"]) if stocks else 0

        offices = _entry(rules, "org.office.city")
        self.offices = CityOffices(offices, grammar) if offices else None
        contingent = _entry(rules, "org.contingent")
        self.contingents = Contingents(contingent, grammar) if contingent else None
        tickers = _entry(rules, "org.listed.ticker")
        self.tickers = Tickers(tickers, grammar) if tickers else None

    def __call__(self, text: str, tokens: TokenTable) -> list[Mention]:
        found: list[Mention] = []
        if self.stock_cue is not None:
            found += self._stock_lists(text, tokens)
        if self.shortened:
            found += self._abbreviations(text, tokens)
        if self.offices is not None:
            found += self.offices(text, tokens)
        if self.tickers is not None:
            found += self.tickers(text, tokens)
        if self.short_force:
            found += self._whole_words(text, tokens, *self.short_force, "org.military.short")
        if self.forces:
            found += self._forces(text, tokens, groups=False)  # groups are ``replacing``'s
        if self.media_title:
            found += self._media_titles(text, tokens, *self.media_title)
        if self.latin:
            found += [self.grammar.mention(m.start(), m.end(), m.group(), "org.latin", str(self.latin[m.group()]))
                      for m in self.latin_re.finditer(text)]
        if self.kind_latin is not None:
            found += self._latin_after_kind(text, tokens)
        return found

    def _latin_after_kind(self, text: str, tokens: TokenTable) -> list[Mention]:
        """付款公司|ACI Worldwide: a Latin name right after a descriptor ending in a kind of body, not a
        code with digits (MH17, Galaxy S8) nor a common acronym (公司|SOP), and ending a segmenter word
        (not SK of SK海力士) before no currency sign (NT$)."""
        out = []
        for m in self.kind_latin.finditer(text):
            name, words = m.group("name"), m.group("name").split(" ")
            if len(name) < 2 or words[0] in self.not_latin_names or any(_CODE.fullmatch(w) for w in words) \
                    or not tokens.ends_word(m.end()) or text.startswith("$", m.end()):
                continue
            out.append(self.grammar.mention(m.start("name"), m.end("name"), name, "org.latin.after_kind",
                                            str(self.latin_kinds[m.group("kind")])))
        return out

    def replacing(self, text: str, tokens: TokenTable) -> list[Mention]:
        """The shapes that take the place of the grammar's names inside them (or of one the same
        length, 《华盛顿|邮报》): institutes, contingents, papers by their titles, armed groups (塔利班|武装:
        a known name and its group word; not a force: 中国共产党|军队 is no body)."""
        found = self.institutes(text, tokens)
        if self.forces:
            found += self._forces(text, tokens, groups=True)
        if self.paper_title is not None:
            found += [self.grammar.mention(m.start(1), m.end(1), m.group(1), "org.media.paper_title", "media")
                      for m in self.paper_title.finditer(text)]
        return found + self.contingents(text, tokens) if self.contingents is not None else found

    def institutes(self, text: str, tokens: TokenTable) -> list[Mention]:
        """中科院|深海所: an academy's institute by its short name, the stem words jieba begins after the
        academy and 所 ending a jieba word (not 中科院|所属, 中科院|各|院所)."""
        if self.institute is None:
            return []
        pattern, org_type = self.institute
        found = []
        for m in pattern.finditer(text):
            stem = m.group(1)
            if self.not_in_stem.intersection(stem) or tokens.starts[tokens.covering(m.start(1))] != m.start(1) \
                    or not tokens.ends_word(m.end()):
                continue
            found.append(self.grammar.mention(m.start(), m.end(), m.group(), "org.institute", org_type))
        return found

    def _media_titles(self, text: str, tokens: TokenTable, pattern: regex.Pattern, org_type: str) -> list[Mention]:
        """《求是》杂志: a title and a media word that ends a jieba word (not 《…》杂志社区); the name is the
        title inside the marks, as for a paper's (求是)."""
        found = []
        for m in pattern.finditer(text):
            if tokens.ends_word(m.end()):
                title = m.group()[1:m.group().index("》")]
                row = self.grammar.mention(m.start(), m.end(), m.group(), "org.media.title", org_type)
                found.append(row.with_(surface=m.group(), fields={"name": title, "canonical": title}))
        return found

    def _whole_words(self, text: str, tokens: TokenTable, pattern: regex.Pattern, org_type: str,
                     rule: str) -> list[Mention]:
        """Each match of ``pattern`` that is one jieba word, whole."""
        out = []
        for m in pattern.finditer(text):
            k = tokens.starting_at(m.start())
            if k is not None and tokens.ends[k] == m.end() and not _after_number(text, m.start()):
                out.append(self.grammar.mention(m.start(), m.end(), m.group(), "org.military.short", org_type))
        return out

    def _forces(self, text: str, tokens: TokenTable, groups: bool) -> list[Mention]:
        """Armed forces (``groups`` False: 以色列军队) or armed groups (True: 也门胡塞武装) by their owners."""
        out = []
        for m in self.force_re.finditer(text):
            group = self.forces[m.group()]
            if group != groups:
                continue
            k = tokens.covering(m.start())
            if tokens.ends[k] != m.end():
                continue  # 武装人员, 军队化: the force word runs on
            if group and k + 1 < len(tokens) and (self.grammar.tag(tokens.word(k + 1)) or "").startswith("n") \
                    and tokens.word(k + 1) not in self.grammar.titles:
                continue  # 武装|直升机, 武装|人员: an armed thing, not a group (but 胡塞武装|领导人)
            start = self._owner_start(tokens, k, m.start(), group)
            if start is not None and not _after_number(text, start):
                out.append(self.grammar.mention(start, m.end(), text[start:m.end()], "org.military", self.force_type))
        return out

    def _owner_start(self, tokens: TokenTable, k: int, begin: int, needs_proper: bool) -> int | None:
        """Where the force's name begins: its owner, in its own word (以色列国防军) or the one or two
        words before it (以色列|军队, 也门|胡塞|武装, 黎|真主党|武装); None when no owner names it."""
        g = self.grammar
        if tokens.starts[k] < begin:  # 以色列国防军 in one word
            inner = tokens.text[tokens.starts[k]:begin]
            ok = g.is_owner(inner) if needs_proper else g.is_country(inner) or g.is_owner(inner)
            return tokens.starts[k] if ok else None
        if k == 0 or tokens.spaced[k - 1]:
            return None
        owner = tokens.word(k - 1)
        if owner in self.short_stems and not needs_proper:
            # 叙|政府军, but not 中|印|军队: a pair of countries names no one force
            paired = k >= 2 and tokens.word(k - 2) in self.short_stems | self.paired
            return None if paired else tokens.starts[k - 1]
        if not needs_proper and g.is_country(owner):
            return tokens.starts[k - 1]
        if not g.is_owner(owner) or g.is_country(owner):
            return None
        if k >= 2 and not tokens.spaced[k - 2] and (g.is_country(tokens.word(k - 2)) or (
                tokens.word(k - 2) in self.short_stems and not _after_number(tokens.text, tokens.starts[k - 2]))):
            return tokens.starts[k - 2]  # 也门|胡塞|武装, 黎|真主党|武装: the country, or its short form
        return tokens.starts[k - 1]


    def _abbreviations(self, text: str, tokens: TokenTable) -> list[Mention]:
        """农委会, 港交所 (one word jieba tags as a name or abbreviation), 都|发局 (neither the whole
        nor 都发 a word jieba knows); a country or region word right before it begins the name, a level
        or a body (市委, 省) leaves it out."""
        g, out = self.grammar, []
        for m in self.shortened_re.finditer(text, overlapped=True):
            k = tokens.starting_at(m.start())
            if k is None or not tokens.ends_word(m.end()):
                continue
            word, tag = m.group(), g.tag(m.group())
            org_type, tags = self.shortened[word[1:]]
            if g.is_generic(word[:2]):
                continue  # 党委|会: a committee of a group is no name either
            if tag is None and tokens.ends[k] < m.end() and g.tag(word[:2]) is None \
                    or tag is not None and tag.startswith(tags) and tokens.ends[k] == m.end():
                start, before = m.start(), tokens.word(k - 1) if k > 0 and not tokens.spaced[k - 1] else ""
                if before and g.is_country(before):
                    start = tokens.starts[k - 1]
                elif before and (g.is_prefix(before) or g.ends_body(before)):
                    continue  # 市委|常委会, 财政部|证管会: a body of the one before, a name the grammar does not grow
                out.append(g.mention(start, m.end(), text[start:m.end()], "org.abbreviation", org_type))
        return out

    def aliases(self, text: str, tokens: TokenTable, names: list[Mention]) -> list[Mention]:
        """A Latin name in brackets right after a body among ``names`` of the ``from_rules`` (东芝公司（Toshiba）, 欧洲央行（ECB）)."""
        out = []
        for m in names:
            latin = _LATIN_AFTER.match(text, m.end) if m.rule in self.alias_rules else None
            if latin:
                out.append(self.grammar.mention(latin.start(1), latin.end(1), latin.group(1), "org.alias.latin",
                                                m.fields.get("org_type", "other")))
        return out

    def _stock_lists(self, text: str, tokens: TokenTable) -> list[Mention]:
        """台塑、南亚、日月光 … in a clause a stock word stands in or by: each item that is whole jieba
        words and proper (a name, a place, a word jieba does not know), when most items are."""
        out = []
        for m in _LIST.finditer(text):
            if not self._stock_clause(text, m.start(), m.end()) or _NAME_GOES_ON.match(text, m.end()):
                continue  # 广东国资|改革板块: the last item runs on
            items, pos = [], m.start()
            for piece in m.group().split("、"):
                items.append((pos, pos + len(piece)))
                pos += len(piece) + 1
            items[0] = self._first_item(tokens, *items[0])
            good = [(a, b) for a, b in items if a is not None and self._listed_name(text, tokens, a, b)]
            if len(good) >= self.stock_min and 3 * len(good) >= 2 * len(items):
                out += [self.grammar.mention(a, b, text[a:b], "org.list.stocks", "company") for a, b in good]
        return out

    def _first_item(self, tokens: TokenTable, a: int, b: int) -> tuple[int | None, int]:
        """The first item: the shortest run of jieba words of two characters or more that ends at the
        first 、 (共有|台塑 -> 台塑; 进驻|台积|电 -> 台积电)."""
        k = tokens.covering(b - 1)
        while k >= 0 and tokens.starts[k] >= a:
            if b - tokens.starts[k] >= 2:
                return tokens.starts[k], b
            k -= 1
        return None, b

    def _stock_clause(self, text: str, start: int, end: int) -> bool:
        """A stock word in the list's clause, or in the clause before or after it."""
        before = max(0, text.rfind("，", 0, max(0, start - 1)), text.rfind("。", 0, start) + 1)
        after = _CLAUSE.match(text, end + 1) if end < len(text) else None
        return bool(self.stock_cue.search(text, before, after.end() if after else end)) and "。" not in text[before:start]

    def _listed_name(self, text: str, tokens: TokenTable, a: int, b: int) -> bool:
        """An item that is whole jieba words and, as a whole, a proper word or none jieba knows (台积|电
        is 台积电, a name jieba does not know); not a kind of share (次新股)."""
        if tokens.starting_at(a) is None or not tokens.ends_word(b) or text[b - 1] == "股":
            return False
        tag = self.grammar.tag(text[a:b])
        return tag is None or tag.startswith(("nz", "nt", "nr", "ns", "j", "eng"))
