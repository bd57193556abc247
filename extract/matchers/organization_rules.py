"""The organization rules as the grammar (``organizations.py``) reads them, once, when a matcher is
made: every suffix with what it needs before it, the grammar's word lists by id, and the prefixes
that take the article's region. What the matcher could not use is a ``RulesError`` naming the
entry (``xinwen rules check`` reports it), not a list silently ignored.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

from ..rules import RulesError
from .base import TokenTable


@dataclass(frozen=True)
class Suffix:
    org_type: str
    rule: str
    needs: str  # "prefix" (a region or level), "stem" (a stem or a region), "none" (a whole name)
    common_stems: bool = True
    alone: bool = False  # the suffix is a name by itself too (自由党)
    verb_stems: bool = True  # a verb may stand in the stem when a region leads (中国文化扶贫委员会)
    places: frozenset[str] = frozenset()  # when given, only a region or one of these may lead (北|市府)
    units_after: str = ""  # the last characters of a unit named right after it, in the name (市府|地政局)


@dataclass(frozen=True)
class HomeRegion:
    """A name that begins with ``starts`` and names no region takes the article's ``region``
    (province or city): ``canonical`` is a template over {region} and {name}."""

    starts: str
    region: str
    canonical: str


def suffixes(rules: Mapping) -> dict[str, Suffix]:
    """Every suffix and well-known name, with what it needs before it; the first entry to list a
    word decides."""
    found: dict[str, Suffix] = {}
    for entry in rules["known"]:
        for name, spec in entry["names"].items():
            found.setdefault(name, Suffix((spec or {}).get("org_type", "other"), entry["id"], "none"))
    for group, needs in (("departments", "prefix"), ("institutions", "stem")):
        for entry in rules[group]:
            for word in entry["words"]:
                common = bool(entry.get("common_stems", True))
                found.setdefault(word, Suffix(entry["org_type"], entry["id"], needs, common,
                                              bool(entry.get("alone", False)), bool(entry.get("verb_stems", common)),
                                              frozenset(entry.get("places", [])), "".join(entry.get("units_after", []))))
    return found


def _entries(rules: Mapping, key: str) -> dict[str, Mapping]:
    """The entries of the list ``key``, by id (a user's entry with a bundled id has replaced it)."""
    entries = rules.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, Mapping) for e in entries):
        raise RulesError(f"organizations: {key!r} is a list of entries with an 'id'")
    return {str(e.get("id", "")): e for e in entries}


# The grammar's word lists (``grammar`` in rules/organizations.yaml): the id of each, and the key
# of its list; ``chars`` are single characters, since the grammar tests one character of a word.
_GRAMMAR = {"org.grammar.stop_tags": "tags", "org.grammar.proper_tags": "tags", "org.grammar.part_chars": "chars",
            "org.grammar.function_chars": "chars", "org.grammar.determiner_ends": "chars", "org.grammar.glued_adverbs": "chars", "org.grammar.not_before_known": "words",
            "org.grammar.mission_initials": "chars", "org.grammar.level_heads": "chars",
            "org.grammar.joiners": "words", "org.grammar.inner_joiners": "words", "org.grammar.joined_leads": "words",
            "org.grammar.field_not_ends": "chars",
            "org.grammar.party_marks": "words", "org.grammar.not_bodies": "words",
            "org.grammar.stationed": "words", "org.grammar.served": "words", "org.grammar.units": "words",
            "org.grammar.unit_posts": "words", "org.grammar.descriptors": "words",
            "org.grammar.inner_units": "words", "org.grammar.rooms": "words", "org.grammar.compounds": "words",
            "org.grammar.home_marks": "words", "org.grammar.country_before_place": "words", "org.grammar.of_states": "words"}


def grammar(rules: Mapping) -> dict[str, list[str]]:
    """Each word list of the grammar by its id, read once, when the rules load; an entry the
    matcher does not read (a misspelt id) or a list it cannot use is an error, not ignored."""
    entries = _entries(rules, "grammar")
    unknown = sorted(set(entries) - set(_GRAMMAR))
    if unknown:
        raise RulesError(f"organizations: the matcher reads no grammar entry {', '.join(unknown)} "
                         f"(it reads {', '.join(_GRAMMAR)})")
    lists = {}
    for rule_id, key in _GRAMMAR.items():
        words = entries.get(rule_id, {}).get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise RulesError(f"organizations: {rule_id} needs {key!r}, a list of words (it has {words!r})")
        longer = [w for w in words if key == "chars" and len(w) != 1]
        if longer:
            raise RulesError(f"organizations: {rule_id}: chars are single characters, not {', '.join(longer)}")
        lists[rule_id] = words
    return lists


def home_regions(rules: Mapping) -> tuple[HomeRegion, ...]:
    """The ``home_region`` entries, in order (the first that applies writes the canonical name)."""
    homes = []
    for rule_id, entry in _entries(rules, "home_region").items():
        home = HomeRegion(str(entry.get("starts", "")), str(entry.get("region", "")), str(entry.get("canonical", "")))
        if not home.starts or home.region not in ("province", "city") or not home.canonical:
            raise RulesError(f"organizations: {rule_id} needs 'starts', 'canonical' and a 'region' of province or city")
        homes.append(home)
    return tuple(homes)


def after_verb(text: str, tokens: TokenTable, start: int, begin: int, tags: Mapping[str, str],
               verbs: tuple[str, ...]) -> int:
    """Where a name beginning at ``start`` (its suffix at ``begin``) really begins when jieba fused
    it with a verb of holding a post (``org.grammar.served``: 2003年至今|任金龙|机电股份有限公司,
    起任|公司): after the verb, when the fused word is one jieba does not know, or the verb alone."""
    k = tokens.covering(start)
    word = text[start:tokens.ends[k]]
    if start < begin and tokens.starts[k] == start and (word not in tags or word in verbs):
        for verb in verbs:  # longest first
            if word.startswith(verb) and start + len(verb) <= begin:
                return start + len(verb)
    return start


def unit_before(text: str, tokens: TokenTable, end: int, units, start: int = 0) -> str:
    """The department of a body (``org.grammar.inner_units``) that ends at ``end`` and begins a jieba
    word at or after ``start`` (公关部 in 有限公司|公关部, not 技术部 in 科学技术部), else ''."""
    for unit in units:
        at = end - len(unit)
        if at >= start and text.startswith(unit, at) and tokens.starting_at(at) is not None:
            return unit
    return ""


def unit_after(text: str, end: int, units: str, function_chars) -> int:
    """Where a unit named right after a body ends (市府|地政局, 市府|新闻处: two or three characters
    ending in one of ``units``, none a function character), or ``end`` when there is none."""
    for n in (2, 3):
        word = text[end:end + n]
        if len(word) == n and word[-1] in units and all("\u4e00" <= c <= "\u9fff" for c in word) \
                and not function_chars.intersection(word):
            return end + n
    return end

