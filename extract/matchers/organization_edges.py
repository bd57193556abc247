"""Where an organization's name cannot begin or what its stem cannot hold, told from the characters
around it: a date's unit before a name (6|日以议会), a mission whose own country is not written
(驻|伊朗使馆, 新使馆, 津巴布韦等国使馆), a party mark inside a country's name (委内瑞拉 holds 委), a country or a
dash before a body of states (南非|金砖国家, 中国—|东盟)."""
from __future__ import annotations

from typing import Container

_DATE_UNITS = "年月日号"
_NOT_OWNERS = ("等", "各")  # 津巴布韦等国使馆, 各国使馆: several countries' missions, no one body
_SHORT_MISSION, _EMBASSY = "使馆", "大使馆"
_DASHES = "—-－–·"


def date_unit_after_digit(text: str, start: int) -> bool:
    """The character at ``start`` is a date's 年, 月, 日 or 号 right after a digit (6|日以议会)."""
    return start > 0 and text[start] in _DATE_UNITS and text[start - 1].isdigit()


def mission_unowned(text: str, start: int, end: int, is_country, initials: Container[str]) -> bool:
    """A mission by its short form (使馆, not 大使馆) names a body only when a country, or a country's
    one-character form (``initials``), opens it and no 驻 stands right before it: 驻|伊朗使馆 is another
    country's embassy in Iran, 新使馆 and 驻华使馆 no one's; 美国使馆, 俄驻英使馆 are the United States' and
    Russia's."""
    name = text[start:end]
    if not name.endswith(_SHORT_MISSION) or name.endswith(_EMBASSY):
        return False
    opens = name[:1] in initials or any(is_country(name[:n]) for n in range(2, min(len(name), 8)))
    return (start > 0 and text[start - 1] == "驻") or not opens or any(m in name for m in _NOT_OWNERS)


def party_marked(stem: str, marks: tuple[str, ...], countries: Container[str]) -> bool:
    """The stem before a government suffix holds a party mark (省委办公厅), not inside a country's name
    (美国驻委内瑞拉大使馆: 委 of 委内瑞拉). Countries are looked for only when a mark is there at all."""
    if not any(mark in stem for mark in marks):
        return False
    for country in (c for c in countries if len(c) > 1 and c in stem):
        stem = stem.replace(country, "")
    return any(mark in stem for mark in marks)


def meets_states(piece: str, is_country) -> bool:
    """``piece`` right before a body of several states (org.grammar.of_states) is no part of its name: a
    country, where the body meets or its partner (南非|金砖国家, 阿根廷|二十国集团), or a dash (中国—|东盟)."""
    return is_country(piece) or not piece.strip(_DASHES)
