"""Boilerplate zoning: navigation, sidebars, copyright, download lines, contacts.

Zones are marked, not deleted, so offsets stay true; matchers skip mentions inside them.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping, Sequence

import regex

from ..patterns import RulePattern

@dataclass(frozen=True)
class Zone:
    start: int
    end: int
    rule: str


_LIST_LINE_MAX = 80


class BoilerplateZoner:
    """Rules patterns are ``RulePattern``s: one that runs out of its time budget is disabled."""

    def __init__(self, rules: Mapping):
        self.lines = [(e["id"], RulePattern.of(e), e.get("extends")) for e in rules.get("lines", [])]
        prose = rules.get("prose", {})
        self.prose_chars = int(prose.get("min_chars", 10**9))
        self.prose_ends = regex.compile(f"[{regex.escape(prose.get('sentence_ends', '。'))}]")
        self.prose_sentences = int(prose.get("min_sentences", 2))
        self.inline = [(e["id"], RulePattern.of(e)) for e in rules.get("inline", [])]
        # one pass over a line decides whether any line rule can fire (most lines are article text);
        # if that pass runs out of time, the rules are tried one by one and the slow one disabled
        self._any_line = RulePattern(regex.compile("|".join(f"(?:{e['pattern']})" for e in rules.get("lines", [])) or "(?!)"),
                                     report=False)

    def __call__(self, text: str) -> list[Zone]:
        zones: list[Zone] = []
        lines = _lines(text)
        if not self._any_line.may_match_a_line(joined_lines(text, lines)):
            lines = []  # no line rule can fire on any line (blank ones, never zoned, left out)
        skip_until = -1
        for index, (start, end) in enumerate(lines):
            if start < skip_until:
                continue
            line = text[start:end]
            if self._prose(line):
                continue  # an article paragraph that happens to name a hot line or a copyright
            if self._any_line.search(line) is None and not self._any_line.disabled:
                continue  # no line rule fires here (a disabled pass tells nothing: each rule is tried)
            for rule_id, pattern, extends in self.lines:
                if pattern.search(line):
                    zone_end = end
                    if extends == "list":
                        for next_start, next_end in lines[index + 1:]:
                            if next_end - next_start > _LIST_LINE_MAX:
                                break
                            zone_end = next_end
                        skip_until = zone_end
                    zones.append(Zone(start, zone_end, rule_id))
                    break
        for rule_id, pattern in self.inline:
            zones.extend(Zone(m.start(), m.end(), rule_id) for m in pattern.finditer(text))
        return sorted(zones, key=lambda z: (z.start, z.end))

    def _prose(self, line: str) -> bool:
        """A long line of several sentences is article text, whatever words it contains."""
        return len(line) >= self.prose_chars and len(self.prose_ends.findall(line)) >= self.prose_sentences


def joined_lines(text: str, lines: Sequence[tuple[int, int]]) -> str:
    """The lines alone, one after another: blank lines left out, so that a pattern's leading
    ``^\\s*`` cannot run across a long stretch of them at every line start."""
    return "\n".join(text[start:end] for start, end in lines)


def _lines(text: str) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans
